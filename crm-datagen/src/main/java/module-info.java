/**
 * crmkit's synthetic data: seeded customer bases (transactions, interactions, surveys) and a
 * simulator of the probabilistic CLV models, for demos, benchmarks and tests. No test framework.
 */
module dev.crmkit.datagen {
  // nullness is stated with JSpecify (@NullMarked packages, @Nullable where null is allowed)
  requires transitive org.jspecify;
  // in the API: crm-core's customers and money, crm-scoring's transaction and summary tables
  requires transitive dev.crmkit.core;
  requires transitive dev.crmkit.scoring;

  exports dev.crmkit.datagen;
}
