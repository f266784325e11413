package dev.crmkit.examples.scoring;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.CustomerSummary;

/**
 * A plugin strategy: "big" customers spent at least {@code minimum}; found by ServiceLoader. The
 * text between the markers is the plugin the README and docs/scoring.md show.
 */
// --- big spenders (README) ---
public final class BigSpenders implements ScoringStrategyProvider<BigSpenders.Config> {
  public record Config(double minimum) {
    public Config {
      if (!(minimum >= 0)) throw new InvalidConfigurationException("minimum", minimum, "a number >= 0");
    }
  }

  public String id() { return "big-spenders"; }
  public Class<Config> configType() { return Config.class; }
  public Config defaultConfig() { return new Config(1000); }

  public ScoringStrategy create(Config config) {
    return new ScoringStrategy() {
      public String id() { return "big-spenders"; }
      public ScoreTable score(CustomerSummary s) {
        String[] ids = new String[s.size()];
        String[] labels = new String[s.size()];
        double[] aboveMinimum = new double[s.size()];   // the explanation: why "big" or "other"
        for (int i = 0; i < ids.length; i++) {
          ids[i] = s.customerId(i);
          labels[i] = s.total(i) >= config.minimum() ? "big" : "other";
          aboveMinimum[i] = s.total(i) - config.minimum();
        }
        return ScoreTable.builder(id(), ids).score("revenue", s.metric("revenue"))
            .explanation("above_minimum", aboveMinimum)  // not "revenue": one name per column
            .labels("class", labels).build();
      }
    };
  }
}
// --- end of big spenders ---
