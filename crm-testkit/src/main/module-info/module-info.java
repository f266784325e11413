/**
 * crmkit's test kit: jqwik arbitraries, AssertJ assertions, the scoring plugins' compatibility
 * kit and the loyalty store contract suite; it re-exports crm-datagen's synthetic data. A
 * library for tests: it brings jqwik, AssertJ and JUnit Jupiter's API.
 */
module dev.crmkit.testkit {
  // nullness is stated with JSpecify (@NullMarked packages, @Nullable where null is allowed)
  requires transitive org.jspecify;
  requires transitive dev.crmkit.core;
  requires transitive dev.crmkit.scoring;
  requires transitive dev.crmkit.loyalty;
  // the synthetic data generator and the CLV simulator, re-exported to tests
  requires transitive dev.crmkit.datagen;
  requires transitive net.jqwik.api;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires com.fasterxml.jackson.databind;

  exports dev.crmkit.testkit;
  exports dev.crmkit.testkit.loyalty;
  exports dev.crmkit.testkit.scoring;

  // JUnit runs the compatibility kit's tests (inherited by a plugin's test class) by reflection
  opens dev.crmkit.testkit.loyalty to org.junit.platform.commons;
  opens dev.crmkit.testkit.scoring to org.junit.platform.commons;
}
