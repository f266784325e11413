package dev.crmkit.scoring.testplugin;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.List;

/** A plugin strategy as a user would write one: registered in META-INF/services (test scope). */
public final class TopSpendersProvider implements ScoringStrategyProvider<TopSpendersProvider.Config> {

  /** A tier: customers whose total reaches {@code from}. */
  public record Tier(String name, double from) {
    public Tier {
      if (!(from >= 0)) {
        throw new InvalidConfigurationException("from", from, "a number >= 0");
      }
    }
  }

  public record Config(Double minimum, List<Tier> tiers) {
    public Config {
      if (minimum == null) {
        minimum = 1000.0;
      }
      if (minimum < 0) {
        throw new InvalidConfigurationException("minimum", minimum, "a number >= 0");
      }
      tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
  }

  @Override
  public String id() {
    return "top-spenders";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(null, null);
  }

  @Override
  public ScoringStrategy create(Config config) {
    return new ScoringStrategy() {
      @Override
      public String id() {
        return "top-spenders";
      }

      @Override
      public ScoreTable score(CustomerSummary summary) {
        String[] ids = new String[summary.size()];
        double[] total = new double[summary.size()];
        String[] labels = new String[summary.size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = summary.customerId(i);
          total[i] = summary.total(i);
          labels[i] = total[i] >= config.minimum() ? "top" : "rest";
        }
        return ScoreTable.builder(id(), ids)
            .score("total", total)
            .labels("class", labels)
            .orderedClasses(List.of("top", "rest"))
            .build();
      }
    };
  }
}
