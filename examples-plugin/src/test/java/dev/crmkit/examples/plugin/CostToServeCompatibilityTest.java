package dev.crmkit.examples.plugin;

import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.testkit.scoring.ScoringStrategyContract;

/**
 * The plugin passes crmkit's compatibility kit, including discovery through ServiceLoader; the
 * class between the markers is the one docs/tour.md shows.
 */
// --- compatibility kit (docs/tour.md) ---
class CostToServeCompatibilityTest extends ScoringStrategyContract<CostToServe.Config> {
  @Override
  protected ScoringStrategyProvider<CostToServe.Config> provider() { return new CostToServe(); }
}
// --- end of compatibility kit ---
