/**
 * crmkit's test kit: jqwik arbitraries, AssertJ assertions and the scoring plugins'
 * compatibility kit. A library for tests: it brings jqwik, AssertJ and JUnit Jupiter's API.
 */
module dev.crmkit.testkit {
  // nullness is stated with JSpecify (@NullMarked packages, @Nullable where null is allowed)
  requires transitive org.jspecify;
  requires transitive dev.crmkit.core;
  requires transitive dev.crmkit.scoring;
  requires transitive dev.crmkit.loyalty;
  requires transitive net.jqwik.api;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires com.fasterxml.jackson.databind;

  exports dev.crmkit.testkit;
  exports dev.crmkit.testkit.scoring;
  // dev.crmkit.testkit.synthetic and dev.crmkit.testkit.clv are moving to a module of their own
  // (issue 16, item 4): not exported here until then

  // JUnit runs the compatibility kit's tests (inherited by a plugin's test class) by reflection
  opens dev.crmkit.testkit.scoring to org.junit.platform.commons;
}
