package dev.crmkit.examples;

import dev.crmkit.examples.scoring.BigSpenders;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.testkit.scoring.ScoringStrategyContract;

/** The README's plugin passes crmkit's compatibility kit, as a plugin the docs show must. */
class BigSpendersCompatibilityTest extends ScoringStrategyContract<BigSpenders.Config> {
  @Override
  protected ScoringStrategyProvider<BigSpenders.Config> provider() {
    return new BigSpenders();
  }
}
