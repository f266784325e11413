package dev.crmkit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.crmkit.core.Crm;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.EventFamilies;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.spark.SparkScoring;
import dev.crmkit.testkit.CrmArbitraries;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, on the main classes of every library module:
 * <ol>
 *   <li>no package cycle inside a module, except the ones in {@link #KNOWN_CYCLES} (each with
 *       why it is still there; none today); an entry that no longer matches what the classes
 *       show fails too, so the list only ever shrinks;</li>
 *   <li>no class uses another module's {@code internal} package;</li>
 *   <li>crm-core's {@code event} package depends on no feature package (the root
 *       {@code DomainEvent} knows none of its families), and every family is registered for
 *       JSON through the {@code EventFamilies} service.</li>
 * </ol>
 */
class ArchitectureTest {

  /** Each library module and one class that locates its jar (or classes folder). */
  private static final Map<String, Class<?>> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("crm-core", Crm.class);
    MODULES.put("crm-scoring", ScoringEngine.class);
    MODULES.put("crm-loyalty", Loyalty.class);
    MODULES.put("crm-testkit", CrmArbitraries.class);
    MODULES.put("crm-datagen", dev.crmkit.datagen.SyntheticData.class);
    MODULES.put("crm-spark", SparkScoring.class);
  }

  /**
   * Package cycles not removed yet, per module: each entry is one strongly connected set of
   * packages, exactly as found, with why it is still there. Remove an entry when its cycle is
   * gone (the test says so). Empty since issue 16, item 2: keep it so.
   */
  private static final Map<String, List<Set<String>>> KNOWN_CYCLES = Map.of();

  private static final Map<Class<?>, JavaClasses> IMPORTED = new HashMap<>();

  private static synchronized JavaClasses classesOf(Class<?> anchor) {
    return IMPORTED.computeIfAbsent(anchor, ArchitectureTest::importClassesOf);
  }

  private static JavaClasses importClassesOf(Class<?> anchor) {
    try {
      Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      // the module's jar in a full build, its classes folder when only compiled
      return Files.isDirectory(location)
          ? new ClassFileImporter().importPath(location)
          : new ClassFileImporter().importJar(new JarFile(location.toFile()));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("reading the classes of " + anchor.getName(), e);
    }
  }

  @Test
  void no_package_cycles_inside_a_module_beyond_the_known_ones() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Class<?>> m : MODULES.entrySet()) {
      JavaClasses classes = classesOf(m.getValue());
      assertThat(classes).as(m.getKey() + "'s classes").isNotEmpty();
      List<Set<String>> found = cycles(packageGraph(classes));
      List<Set<String>> known = KNOWN_CYCLES.getOrDefault(m.getKey(), List.of());
      for (Set<String> cycle : found) {
        if (!known.contains(cycle)) {
          problems.add(m.getKey() + ": a package cycle " + cycle + " (edges: "
              + edgesWithin(classes, cycle) + "); break it, or if it grows a known one, "
              + "remove the new dependency");
        }
      }
      for (Set<String> cycle : known) {
        if (!found.contains(cycle)) {
          problems.add(m.getKey() + ": the known cycle " + cycle + " is no longer there as "
              + "listed: remove (or shrink) its entry in ArchitectureTest.KNOWN_CYCLES");
        }
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void no_module_uses_another_modules_internal_package() {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Class<?>> m : MODULES.entrySet()) {
      JavaClasses classes = classesOf(m.getValue());
      for (JavaClass c : classes) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          if (isInternal(target.getPackageName()) && !classes.contain(target.getName())) {
            problems.add(m.getKey() + ": " + d.getDescription());
          }
        }
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void crm_cores_event_package_knows_no_feature() {
    JavaClasses classes = classesOf(Crm.class);
    Set<String> targets = new TreeSet<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().equals("dev.crmkit.core.event")) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          String p = d.getTargetClass().getPackageName();
          if (p.startsWith("dev.crmkit.") && !p.equals("dev.crmkit.core.event")) {
            targets.add(p);
          }
        }
      }
    }
    // base's CustomerId and exceptions, and internal.Checks: no feature package
    assertThat(targets).containsOnly("dev.crmkit.core.base", "dev.crmkit.core.internal");
  }

  @Test
  void every_event_family_of_crm_core_is_registered_for_json() {
    // CrmJson registers the families it finds through the EventFamilies service (the json
    // package must not import the features); a family missing there could not be read back
    Set<String> families = new TreeSet<>();
    for (JavaClass c : classesOf(Crm.class)) {
      if (c.isInterface() && c.getRawInterfaces().stream()
          .anyMatch(i -> i.isEquivalentTo(DomainEvent.class))) {
        families.add(c.getName());
      }
    }
    Set<String> registered = new TreeSet<>();
    for (EventFamilies f : ServiceLoader.load(EventFamilies.class)) {
      f.families().forEach(family -> registered.add(family.getName()));
    }
    assertThat(families).hasSizeGreaterThanOrEqualTo(9);
    assertThat(registered).as("the families listed by internal.events.CoreEventFamilies")
        .isEqualTo(families);
  }

  @Test
  void the_cycle_finder_finds_cycles_and_only_cycles() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a", "d"));
    graph.put("d", Set.of("e"));
    graph.put("e", Set.of());
    graph.put("f", Set.of("f"));
    assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    graph.put("e", Set.of("d"));
    assertThat(cycles(graph)).containsExactlyInAnyOrder(Set.of("a", "b", "c"), Set.of("d", "e"));
  }

  static boolean isInternal(String packageName) {
    return packageName.startsWith("dev.crmkit.")
        && (packageName.endsWith(".internal") || packageName.contains(".internal."));
  }

  /** Package to the packages of the same module its classes use. */
  static Map<String, Set<String>> packageGraph(JavaClasses classes) {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (JavaClass c : classes) {
      Set<String> out = graph.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass t = d.getTargetClass();
        if (classes.contain(t.getName()) && !t.getPackageName().equals(c.getPackageName())) {
          out.add(t.getPackageName());
        }
      }
    }
    return graph;
  }

  private static String edgesWithin(JavaClasses classes, Set<String> cycle) {
    Set<String> edges = new TreeSet<>();
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass t = d.getTargetClass();
        if (cycle.contains(c.getPackageName()) && cycle.contains(t.getPackageName())
            && classes.contain(t.getName()) && !t.getPackageName().equals(c.getPackageName())) {
          edges.add(c.getSimpleName() + " -> " + t.getSimpleName());
        }
      }
    }
    return edges.size() > 12 ? new ArrayList<>(edges).subList(0, 12) + "..." : edges.toString();
  }

  /** The strongly connected sets of two or more nodes (Tarjan), each as a sorted set. */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    List<Set<String>> result = new ArrayList<>();
    int[] counter = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, result, counter);
      }
    }
    return result;
  }

  private static void connect(String v, Map<String, Set<String>> graph,
      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      Set<String> onStack, List<Set<String>> result, int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, result, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        result.add(component);
      }
    }
  }
}
