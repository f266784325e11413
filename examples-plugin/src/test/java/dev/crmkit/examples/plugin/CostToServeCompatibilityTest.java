package dev.crmkit.examples.plugin;

import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.testkit.scoring.ScoringStrategyContract;

/** The plugin passes crmkit's compatibility kit, including discovery through ServiceLoader. */
class CostToServeCompatibilityTest extends ScoringStrategyContract<CostToServe.Config> {
  @Override
  protected ScoringStrategyProvider<CostToServe.Config> provider() {
    return new CostToServe();
  }
}
