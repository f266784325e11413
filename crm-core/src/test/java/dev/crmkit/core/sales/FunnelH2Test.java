package dev.crmkit.core.sales;

/** Every test of {@link FunnelTest} on the JDBC store (H2). */
class FunnelH2Test extends FunnelTest {

  @Override
  SalesFixtures.Store store() {
    return SalesFixtures.Store.H2;
  }
}
