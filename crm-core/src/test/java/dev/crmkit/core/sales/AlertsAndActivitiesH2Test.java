package dev.crmkit.core.sales;

/** Every test of {@link AlertsAndActivitiesTest} on the JDBC store (H2). */
class AlertsAndActivitiesH2Test extends AlertsAndActivitiesTest {

  @Override
  SalesFixtures.Store store() {
    return SalesFixtures.Store.H2;
  }
}
