package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.testkit.scoring.ScoringStrategyContract;

/** The built-in strategy passes the compatibility kit every plugin must pass. */
class ValueMatrixCompatibilityTest extends ScoringStrategyContract<ValueMatrixConfig> {
  @Override
  protected ScoringStrategyProvider<ValueMatrixConfig> provider() {
    return new dev.crmkit.scoring.internal.ValueMatrixProvider();
  }
}
