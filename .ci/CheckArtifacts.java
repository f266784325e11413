import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the built artifacts of crmkit's published modules the way a Maven Central upload
 * validates them; run by .ci/check-artifacts after `mvn -B -Prelease verify`. Prints one line per
 * problem and exits 1 if there is any.
 */
public class CheckArtifacts {

  /** The library modules whose jars are published. */
  static final List<String> LIBRARIES =
      List.of("crm-core", "crm-scoring", "crm-loyalty", "crm-datagen", "crm-testkit", "crm-spark");

  static final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    boolean signed = List.of(args).contains("--signed");
    Path root = Path.of(".").toAbsolutePath().normalize();
    Element parent = pom(root.resolve("pom.xml"));
    String version = text(parent, "version");

    checkMetadata("crmkit-parent (pom.xml)", parent, null);
    checkMetadata("crm-bom", pom(root.resolve("crm-bom/pom.xml")), null);
    for (String module : LIBRARIES) {
      Path dir = root.resolve(module);
      checkMetadata(module, pom(dir.resolve("pom.xml")), parent);
      String base = module + "-" + version;
      Path jar = dir.resolve("target/" + base + ".jar");
      Path sources = dir.resolve("target/" + base + "-sources.jar");
      Path javadoc = dir.resolve("target/" + base + "-javadoc.jar");
      if (exists(module, jar)) {
        try (JarFile j = new JarFile(jar.toFile())) {
          boolean descriptor = j.getEntry("module-info.class") != null
              || j.stream().anyMatch(e -> e.getName().matches("META-INF/versions/\\d+/module-info\\.class"));
          String automatic = j.getManifest() == null ? null
              : j.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
          if (!descriptor && (automatic == null || automatic.isBlank())) {
            problems.add(module + ": " + jar.getFileName()
                + " has neither a module descriptor nor an Automatic-Module-Name");
          }
        }
      }
      if (exists(module, sources)) {
        requireEntry(module, sources, ".java");
      }
      if (exists(module, javadoc)) {
        requireEntry(module, javadoc, "index.html");
      }
      if (signed) {
        for (Path p : List.of(jar, sources, javadoc)) {
          exists(module, p.resolveSibling(p.getFileName() + ".asc"));
        }
        try (var files = Files.walk(dir.resolve("target"), 2)) {
          if (files.noneMatch(f -> f.getFileName().toString().endsWith(".pom.asc"))) {
            problems.add(module + ": no signature of the pom (*.pom.asc) under target");
          }
        }
      }
      System.out.println("checked " + module + " " + version);
    }
    if (problems.isEmpty()) {
      System.out.println("artifacts: all checks passed");
      return;
    }
    problems.forEach(p -> System.out.println("PROBLEM " + p));
    System.out.println("artifacts: " + problems.size() + " problem(s)");
    System.exit(1);
  }

  /** Central requires name, description, url, a license, a developer and scm (inherited or not). */
  static void checkMetadata(String module, Element pom, Element parent) {
    for (String field : List.of("name", "description", "url")) {
      if (text(pom, field) == null && (parent == null || text(parent, field) == null)) {
        problems.add(module + ": the pom has no <" + field + ">");
      }
    }
    require(module, pom, parent, "licenses", "license", "name");
    require(module, pom, parent, "licenses", "license", "url");
    require(module, pom, parent, "developers", "developer", "name");
    require(module, pom, parent, "scm", "url", null);
    require(module, pom, parent, "scm", "connection", null);
  }

  static void require(String module, Element pom, Element parent, String outer, String inner, String leaf) {
    if (find(pom, outer, inner, leaf) == null && (parent == null || find(parent, outer, inner, leaf) == null)) {
      problems.add(module + ": the pom has no <" + outer + "><" + inner + ">"
          + (leaf == null ? "" : "<" + leaf + ">"));
    }
  }

  static String find(Element pom, String outer, String inner, String leaf) {
    Element o = child(pom, outer);
    Element i = o == null ? null : child(o, inner);
    if (i == null) {
      return null;
    }
    String t = leaf == null ? i.getTextContent() : text(i, leaf);
    return t == null || t.isBlank() ? null : t;
  }

  static boolean exists(String module, Path p) throws IOException {
    if (!Files.isRegularFile(p) || Files.size(p) == 0) {
      problems.add(module + ": missing " + p.getParent().getFileName() + "/" + p.getFileName());
      return false;
    }
    return true;
  }

  static void requireEntry(String module, Path jar, String suffix) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      if (j.stream().noneMatch(e -> e.getName().endsWith(suffix))) {
        problems.add(module + ": " + jar.getFileName() + " has no " + suffix + " entry");
      }
    }
  }

  static Element pom(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  static String text(Element e, String name) {
    Element c = child(e, name);
    return c == null || c.getTextContent().isBlank() ? null : c.getTextContent().trim();
  }
}
