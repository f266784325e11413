package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.testkit.scoring.ScoringStrategyContract;

/** The built-in strategy passes the compatibility kit every plugin must pass. */
class AbcCompatibilityTest extends ScoringStrategyContract<AbcConfig> {
  @Override
  protected ScoringStrategyProvider<AbcConfig> provider() {
    return new dev.crmkit.scoring.internal.AbcProvider();
  }
}
