package dev.crmkit.examples.scoring;

import dev.crmkit.scoring.InvalidConfigurationException;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;

/** A plugin strategy: "big" customers spent at least {@code minimum}; found by ServiceLoader. */
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
      public ScoreTable score(dev.crmkit.scoring.table.CustomerSummary s) {
        String[] ids = new String[s.size()];
        String[] labels = new String[s.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = s.customerId(i);
          labels[i] = s.total(i) >= config.minimum() ? "big" : "other";
        }
        return ScoreTable.builder(id(), ids).score("revenue", s.metric("revenue"))
            .labels("class", labels).build();
      }
    };
  }
}
