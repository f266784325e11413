package dev.crmkit.core.sales;

/** Every test of {@link PipelineRulesTest} on the JDBC store (H2). */
class PipelineRulesH2Test extends PipelineRulesTest {

  @Override
  SalesFixtures.Store store() {
    return SalesFixtures.Store.H2;
  }
}
