package dev.crmkit.core.marketing;

import dev.crmkit.core.sales.SalesFixtures;

/** Every test of {@link CampaignReturnTest} on the JDBC store (H2). */
class CampaignReturnH2Test extends CampaignReturnTest {

  @Override
  SalesFixtures.Store store() {
    return SalesFixtures.Store.H2;
  }
}
