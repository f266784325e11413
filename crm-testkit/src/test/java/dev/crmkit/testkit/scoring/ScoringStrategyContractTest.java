package dev.crmkit.testkit.scoring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The kit fails the strategies it should: each broken provider trips its check. */
class ScoringStrategyContractTest {

  public record Config(double minimum) {}

  /** A provider whose strategy is the given function; not registered with ServiceLoader. */
  static final class Broken implements ScoringStrategyProvider<Config> {
    private final Function<CustomerSummary, ScoreTable> score;

    Broken(Function<CustomerSummary, ScoreTable> score) {
      this.score = score;
    }

    public String id() {
      return "broken";
    }

    public Class<Config> configType() {
      return Config.class;
    }

    public Config defaultConfig() {
      return new Config(1);
    }

    public ScoringStrategy create(Config config) {
      return new ScoringStrategy() {
        public String id() {
          return "broken";
        }

        public ScoreTable score(CustomerSummary s) {
          return score.apply(s);
        }
      };
    }
  }

  private static ScoringStrategyContract<Config> kit(Function<CustomerSummary, ScoreTable> score) {
    return new ScoringStrategyContract<>() {
      @Override
      protected ScoringStrategyProvider<Config> provider() {
        return new Broken(score);
      }
    };
  }

  private static String[] ids(CustomerSummary s, int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = s.customerId(i);
    }
    return ids;
  }

  private static ScoreTable table(CustomerSummary s, int n, double[] values) {
    String[] labels = new String[n];
    Arrays.fill(labels, "any");
    return ScoreTable.builder("broken", ids(s, n)).score("v", values).explanation("e", values)
        .labels("class", labels).build();
  }

  @Test
  void a_strategy_that_leaves_out_a_customer_fails() {
    var kit = kit(s -> table(s, Math.max(0, s.size() - 1), new double[Math.max(0, s.size() - 1)]));
    assertThatThrownBy(kit::every_customer_is_scored_exactly_once).isInstanceOf(AssertionError.class)
        .hasMessageContaining("rows of the score table");
  }

  @Test
  void a_strategy_without_explanation_fails() {
    var kit = kit(s -> {
      String[] labels = new String[s.size()];
      Arrays.fill(labels, "any");
      return ScoreTable.builder("broken", ids(s, s.size())).score("v", new double[s.size()]).labels("class", labels).build();
    });
    assertThatThrownBy(kit::every_customer_has_an_explanation).isInstanceOf(AssertionError.class)
        .hasMessageContaining("the score table of strategy 'broken' has no explanation column")
        .hasMessageContaining("ScoreTable.Builder.explanation(name, values)");
  }

  @Test
  void a_strategy_that_scores_differently_each_time_fails() {
    AtomicInteger calls = new AtomicInteger();
    var kit = kit(s -> {
      double[] v = new double[s.size()];
      Arrays.fill(v, calls.incrementAndGet());
      return table(s, s.size(), v);
    });
    assertThatThrownBy(kit::scoring_is_deterministic).isInstanceOf(AssertionError.class);
  }

  @Test
  void a_strategy_that_fails_on_an_empty_summary_fails() {
    var kit = kit(s -> {
      if (s.size() == 0) {
        throw new IllegalStateException("no customers");
      }
      return table(s, s.size(), new double[s.size()]);
    });
    assertThatThrownBy(kit::an_empty_summary_gives_an_empty_table).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_provider_missing_from_the_service_registry_fails() {
    var kit = kit(s -> table(s, s.size(), new double[s.size()]));
    assertThatThrownBy(kit::the_engine_finds_the_provider_through_the_spi).isInstanceOf(AssertionError.class)
        .hasMessageContaining("ids found by ServiceLoader");
  }
}
