package dev.crmkit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The library jars' module descriptors, as a module-path host sees them. */
class ModuleDescriptorsTest {

  private static ModuleDescriptor descriptor(Path jarOrClasses) {
    Set<ModuleReference> found = ModuleFinder.of(jarOrClasses).findAll();
    assertThat(found).as("one module in " + jarOrClasses).hasSize(1);
    return found.iterator().next().descriptor();
  }

  private static Path location(Class<?> anchor) throws Exception {
    return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Set<String> exported(ModuleDescriptor d) {
    return d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void the_library_modules_are_named_and_export_no_internal_package() throws Exception {
    ModuleDescriptor core = descriptor(location(dev.crmkit.core.Crm.class));
    assertThat(core.name()).isEqualTo("dev.crmkit.core");
    assertThat(core.isAutomatic()).isFalse();
    assertThat(core.packages()).contains("dev.crmkit.core.internal");
    assertThat(exported(core)).hasSize(18).doesNotContain("dev.crmkit.core.internal")
        .contains("dev.crmkit.core", "dev.crmkit.core.base", "dev.crmkit.core.event",
            "dev.crmkit.core.store");
    assertThat(core.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);

    ModuleDescriptor scoring = descriptor(location(dev.crmkit.scoring.ScoringEngine.class));
    assertThat(scoring.name()).isEqualTo("dev.crmkit.scoring");
    assertThat(exported(scoring)).containsExactly("dev.crmkit.scoring", "dev.crmkit.scoring.base",
        "dev.crmkit.scoring.clv", "dev.crmkit.scoring.strategies", "dev.crmkit.scoring.table");
    assertThat(scoring.uses()).containsExactly("dev.crmkit.scoring.ScoringStrategyProvider");
    assertThat(scoring.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("dev.crmkit.scoring.ScoringStrategyProvider");
      assertThat(p.providers()).hasSize(7).contains("dev.crmkit.scoring.clv.ClvStrategyProvider");
    });

    ModuleDescriptor loyalty = descriptor(location(dev.crmkit.loyalty.Loyalty.class));
    assertThat(loyalty.name()).isEqualTo("dev.crmkit.loyalty");
    assertThat(exported(loyalty)).containsExactly("dev.crmkit.loyalty");

    ModuleDescriptor testkit = descriptor(location(dev.crmkit.testkit.CrmArbitraries.class));
    assertThat(testkit.name()).isEqualTo("dev.crmkit.testkit");
    assertThat(testkit.isAutomatic()).isFalse();
    assertThat(exported(testkit))
        .containsExactly("dev.crmkit.testkit", "dev.crmkit.testkit.loyalty",
            "dev.crmkit.testkit.scoring");
    assertThat(testkit.requires()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo("dev.crmkit.datagen");
      assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
    });

    ModuleDescriptor datagen = descriptor(location(dev.crmkit.datagen.SyntheticData.class));
    assertThat(datagen.name()).isEqualTo("dev.crmkit.datagen");
    assertThat(datagen.isAutomatic()).isFalse();
    assertThat(exported(datagen)).containsExactly("dev.crmkit.datagen");
    assertThat(datagen.requires()).extracting(ModuleDescriptor.Requires::name)
        .doesNotContain("org.junit.jupiter.api", "net.jqwik.api", "org.assertj.core");
  }

  @Test
  void crm_spark_is_an_automatic_module_with_a_stable_name() throws Exception {
    Path jar = location(dev.crmkit.spark.SparkScoring.class);
    assertThat(jar.toString()).as("crm-spark's jar (run through mvn verify)").endsWith(".jar");
    ModuleDescriptor spark = descriptor(jar);
    assertThat(spark.isAutomatic()).isTrue();
    // from the manifest's Automatic-Module-Name, not from the jar's file name (crm.spark)
    assertThat(spark.name()).isEqualTo("dev.crmkit.spark");
  }
}
