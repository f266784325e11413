package dev.crmkit.core.sales;

/** Every test of {@link LeadConversionTest} on the JDBC store (H2). */
class LeadConversionH2Test extends LeadConversionTest {

  @Override
  SalesFixtures.Store store() {
    return SalesFixtures.Store.H2;
  }
}
