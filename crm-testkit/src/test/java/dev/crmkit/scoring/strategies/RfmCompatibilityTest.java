package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.testkit.scoring.ScoringStrategyContract;

/** The built-in strategy passes the compatibility kit every plugin must pass. */
class RfmCompatibilityTest extends ScoringStrategyContract<RfmConfig> {
  @Override
  protected ScoringStrategyProvider<RfmConfig> provider() {
    return new dev.crmkit.scoring.internal.RfmProvider();
  }
}
