package dev.crmkit.testkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.datagen.SyntheticBase;
import dev.crmkit.datagen.SyntheticData;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scoring-strategy compatibility kit: a plugin's test extends it, names its provider, and
 * inherits the checks every strategy must pass: found through {@link ScoringEngine} (the SPI);
 * deterministic; every customer of the summary scored exactly once; an explanation for every
 * customer; its default configuration survives a JSON round trip (the engine reading what Jackson
 * wrote gives the same scores); an empty summary gives an empty table and a one-customer summary a
 * one-row table.
 *
 * <pre>{@code
 * class CostToServeCompatibilityTest extends ScoringStrategyContract<CostToServe.Config> {
 *   protected ScoringStrategyProvider<CostToServe.Config> provider() { return new CostToServe(); }
 * }
 * }</pre>
 *
 * The summary scored comes from {@link #base()} through {@link #summarize}: 400 generated
 * customers as of their last day, with interactions and the attribute columns {@code population},
 * {@code growth_potential}, {@code social_influence}, {@code future_value}, {@code credit};
 * override {@code summarize} when the strategy reads other columns.
 *
 * @param <C> the provider's configuration type
 */
public abstract class ScoringStrategyContract<C> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The provider under test (a new instance, as ServiceLoader would make it). */
  protected abstract ScoringStrategyProvider<C> provider();

  /** The generated base the checks score (400 customers, 2024-2025). */
  protected SyntheticBase base() {
    return SyntheticData.builder().seed(20_260_101).customers(400)
        .period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)).build();
  }

  /**
   * The summary of some of the base's transactions as of the base's last day, with its
   * interactions and attributes; override to attach other columns.
   */
  protected CustomerSummary summarize(SyntheticBase base, TransactionLog transactions) {
    return CustomerSummary.of(transactions, base.end(), base.interactionLog()).withAttributes(base.attributes());
  }

  private CustomerSummary summary() {
    SyntheticBase base = base();
    return summarize(base, base.transactions());
  }

  private CustomerSummary only(int customers) {
    SyntheticBase base = base();
    TransactionLog log = base.transactions();
    TransactionLog.Builder b = TransactionLog.builder();
    for (int r = 0; r < log.size(); r++) {
      if (log.customerIndex(r) < customers) {
        int k = log.category(r);
        b.add(log.customerId(log.customerIndex(r)), log.day(r), log.amount(r),
            k == TransactionLog.NO_CATEGORY ? null : log.categoryName(k), log.discountShare(r));
      }
    }
    return summarize(base, b.build());
  }

  private ScoringStrategy strategy() {
    ScoringStrategyProvider<C> p = provider();
    return p.create(p.defaultConfig());
  }

  @Test
  void the_engine_finds_the_provider_through_the_spi() {
    ScoringStrategyProvider<C> p = provider();
    ScoringEngine engine = ScoringEngine.load();
    assertThat(engine.ids()).as("ids found by ServiceLoader").contains(p.id());
    assertThat(engine.provider(p.id())).isInstanceOf(p.getClass());
    assertThat(strategy().id()).as("the strategy's id is its provider's").isEqualTo(p.id());
  }

  @Test
  void scoring_is_deterministic() {
    CustomerSummary s = summary();
    assertThat(csv(strategy().score(s))).isEqualTo(csv(strategy().score(s)));
    assertThat(csv(strategy().score(s))).as("a second summary built from the same data").isEqualTo(csv(strategy().score(summary())));
  }

  @Test
  void every_customer_is_scored_exactly_once() {
    CustomerSummary s = summary();
    ScoreTable t = strategy().score(s);
    assertThat(t.size()).as("rows of the score table").isEqualTo(s.size());
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < s.size(); i++) {
      expected.add(s.customerId(i));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < t.size(); i++) {
      assertThat(seen.add(t.customerId(i))).as("customer %s scored twice", t.customerId(i)).isTrue();
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void every_customer_has_an_explanation() {
    ScoreTable t = strategy().score(summary());
    assertThat(t.explanationNames())
        .withFailMessage("the score table of strategy '%s' has no explanation column (scores %s, class"
            + " column '%s'): every strategy must add at least one with"
            + " ScoreTable.Builder.explanation(name, values), one contribution per customer saying what"
            + " made its class; the name must differ from every score column, the class column and"
            + " customer_id", t.strategyId(), t.scoreNames(), t.labelName())
        .isNotEmpty();
    for (int i = 0; i < t.size(); i++) {
      assertThat(t.explanation(i)).as("explanation of %s", t.customerId(i)).isNotEmpty();
    }
  }

  @Test
  void the_default_configuration_survives_a_json_round_trip() throws Exception {
    ScoringStrategyProvider<C> p = provider();
    String json = JSON.writeValueAsString(p.defaultConfig());
    C back = JSON.readValue(json, p.configType());
    assertThat(back).as("config read back from %s", json).isEqualTo(p.defaultConfig());
    CustomerSummary s = summary();
    ScoringStrategy viaEngine = ScoringEngine.load().strategy(p.id(), json);
    assertThat(csv(viaEngine.score(s))).isEqualTo(csv(strategy().score(s)));
  }

  @Test
  void an_empty_summary_gives_an_empty_table() {
    CustomerSummary empty = only(0);
    assertThat(empty.size()).isZero();
    ScoreTable t = strategy().score(empty);
    assertThat(t.size()).isZero();
  }

  @Test
  void a_one_customer_summary_gives_one_row() {
    CustomerSummary one = only(1);
    assertThat(one.size()).isEqualTo(1);
    ScoreTable t = strategy().score(one);
    assertThat(t.size()).isEqualTo(1);
    assertThat(t.customerId(0)).isEqualTo(one.customerId(0));
  }

  private static String csv(ScoreTable t) {
    StringWriter w = new StringWriter();
    t.writeCsv(w);
    return w.toString();
  }
}
