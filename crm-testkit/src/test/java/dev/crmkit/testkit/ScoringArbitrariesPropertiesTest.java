package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.clv.BgBb;
import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.TransactionModel;
import dev.crmkit.scoring.table.CustomerSummary;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of crm-scoring's value types, drawn from {@link ScoringArbitraries}. */
class ScoringArbitrariesPropertiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ScoringEngine ENGINE = ScoringEngine.load();

  @Provide
  Arbitrary<ScoringArbitraries.Configured> configurations() {
    return ScoringArbitraries.configurations();
  }

  @Provide
  Arbitrary<CustomerSummary> summaries() {
    return AnalyticsArbitraries.summaries();
  }

  @Provide
  Arbitrary<ScoreTable> tables() {
    return ScoringArbitraries.scoreTables();
  }

  @Provide
  Arbitrary<CbsSummary> cbs() {
    return ScoringArbitraries.cbsSummaries();
  }

  @Property(tries = 200)
  void every_config_record_survives_a_json_round_trip(@ForAll("configurations") ScoringArbitraries.Configured c)
      throws Exception {
    String json = JSON.writeValueAsString(c.config());
    assertThat(JSON.readValue(json, c.config().getClass())).as("read back from %s", json).isEqualTo(c.config());
  }

  @Property(tries = 60)
  void the_engine_reads_each_written_config_into_a_strategy_that_scores_the_same(
      @ForAll("configurations") ScoringArbitraries.Configured c, @ForAll("summaries") CustomerSummary summary)
      throws Exception {
    String json = JSON.writeValueAsString(c.config());
    String direct = outcome(() -> ScoringArbitraries.create(c).score(summary));
    String viaEngine = outcome(() -> ENGINE.strategy(c.strategyId(), json).score(summary));
    assertThat(viaEngine).as("%s configured from %s", c.strategyId(), json).isEqualTo(direct);
  }

  /** The CSV of the table, or the message when the summary lacks what the strategy needs. */
  private static String outcome(java.util.function.Supplier<ScoreTable> run) {
    try {
      StringWriter out = new StringWriter();
      run.get().writeCsv(out);
      return out.toString();
    } catch (ScoringException e) {
      return "error: " + e.getMessage();
    }
  }

  @Property(tries = 60)
  void the_csv_export_has_one_row_per_customer_with_every_column(@ForAll("tables") ScoreTable t) {
    StringWriter out = new StringWriter();
    t.writeCsv(out);
    String[] lines = out.toString().split("\n", -1);
    assertThat(lines).hasSize(t.size() + 2); // header, rows, and the empty string after the last newline
    assertThat(lines[lines.length - 1]).isEmpty();
    int columns = 1 + t.explanationNames().size() + t.scoreNames().size() + 1;
    Set<String> ids = new HashSet<>();
    for (int i = 1; i <= t.size(); i++) {
      String[] cells = lines[i].split(",", -1);
      assertThat(cells).as("row %d: %s", i, lines[i]).hasSize(columns);
      ids.add(cells[0]);
      assertThat(cells[columns - 1]).isEqualTo(t.label(i - 1));
    }
    assertThat(ids).hasSize(t.size());
  }

  @Property(tries = 60)
  void the_json_export_parses_and_holds_every_score_and_class(@ForAll("tables") ScoreTable t) throws Exception {
    StringWriter out = new StringWriter();
    t.writeJson(out);
    JsonNode doc = JSON.readTree(out.toString());
    assertThat(doc.get("strategy").asText()).isEqualTo(t.strategyId());
    JsonNode customers = doc.get("customers");
    assertThat(customers.size()).isEqualTo(t.size());
    for (int i = 0; i < t.size(); i++) {
      JsonNode row = customers.get(i);
      assertThat(row.get("customer_id").asText()).isEqualTo(t.customerId(i));
      assertThat(row.get(t.labelName()).asText()).isEqualTo(t.label(i));
      for (String name : t.scoreNames()) {
        double v = t.score(i, name);
        JsonNode cell = row.get("scores").get(name);
        if (Double.isNaN(v)) {
          assertThat(cell.isNull()).as("%s of %s", name, t.customerId(i)).isTrue();
        } else {
          assertThat(cell.asDouble()).as("%s of %s", name, t.customerId(i)).isEqualTo(v);
        }
      }
    }
  }

  @Property(tries = 100)
  void cbs_rows_are_within_their_observation_window(@ForAll("cbs") CbsSummary s) {
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.frequency(i)).isGreaterThanOrEqualTo(0);
      assertThat(s.recency(i)).isBetween(0.0, s.T(i));
      if (s.frequency(i) == 0) {
        assertThat(s.recency(i)).isZero();
      }
      if (s.hasHoldout()) {
        assertThat(s.frequencyHoldout(i)).isGreaterThanOrEqualTo(0);
      }
    }
  }

  @Provide
  Arbitrary<BgNbd> bgNbd() {
    return ScoringArbitraries.bgNbdModels();
  }

  @Provide
  Arbitrary<GammaGamma> gammaGamma() {
    return ScoringArbitraries.gammaGammaModels();
  }

  @Property(tries = 100)
  void bg_nbd_p_alive_is_a_probability_and_one_without_repeat_purchases(@ForAll("bgNbd") BgNbd model,
      @ForAll("cbs") CbsSummary s) {
    for (int i = 0; i < s.size(); i++) {
      double p = model.probabilityAlive(s.frequency(i), s.recency(i), s.T(i));
      assertThat(p).as("P(alive) of %s under %s", s.customerId(i), model).isBetween(0.0, 1.0);
      if (s.frequency(i) == 0) {
        assertThat(p).as("P(alive) of %s with no repeat purchase", s.customerId(i)).isCloseTo(1.0, within(1e-12));
      }
    }
  }

  @Property(tries = 100)
  void bg_nbd_expected_purchases_grow_with_time(@ForAll("bgNbd") BgNbd model) {
    double previous = 0;
    for (int t = 1; t <= 104; t += 13) {
      double e = model.expectedPurchases(t);
      assertThat(e).as("E[X(%d)] under %s", t, model).isGreaterThanOrEqualTo(previous);
      previous = e;
    }
  }

  @Property(tries = 100)
  void gamma_gamma_expected_spend_lies_between_the_population_mean_and_the_customers_own(
      @ForAll("gammaGamma") GammaGamma model, @ForAll("cbs") CbsSummary s) {
    double population = model.p() * model.gamma() / (model.q() - 1);
    for (int i = 0; i < s.size(); i++) {
      if (s.frequency(i) == 0) {
        assertThat(model.expectedAverageValue(0, 0)).isCloseTo(population, within(1e-9 * population));
        continue;
      }
      double m = s.monetaryValue(i);
      double e = model.expectedAverageValue(s.frequency(i), m);
      double tolerance = 1e-9 * Math.max(population, m);
      assertThat(e).as("E[M] of %s (x %s, m %s) under %s", s.customerId(i), s.frequency(i), m, model)
          .isBetween(Math.min(population, m) - tolerance, Math.max(population, m) + tolerance);
    }
  }

  @Provide
  Arbitrary<TransactionModel> continuousModels() {
    return ScoringArbitraries.continuousTransactionModels();
  }

  @Provide
  Arbitrary<BgBb> bgBb() {
    return ScoringArbitraries.bgBbModels();
  }

  @Property(tries = 100)
  void every_continuous_model_gives_probabilities_and_growing_expectations(
      @ForAll("continuousModels") TransactionModel model, @ForAll("cbs") CbsSummary s) {
    for (int i = 0; i < s.size(); i++) {
      double p = model.probabilityAlive(s.frequency(i), s.recency(i), s.T(i));
      assertThat(p).as("P(alive) of %s under %s", s.customerId(i), model).isBetween(0.0, 1.0);
      double shortHorizon = model.conditionalExpectedPurchases(4, s.frequency(i), s.recency(i), s.T(i));
      double longHorizon = model.conditionalExpectedPurchases(52, s.frequency(i), s.recency(i), s.T(i));
      assertThat(longHorizon).as("E[Y(52)] >= E[Y(4)] of %s under %s", s.customerId(i), model)
          .isGreaterThanOrEqualTo(shortHorizon - 1e-12);
    }
  }

  @Property(tries = 100)
  void bg_bb_gives_probabilities_and_growing_expectations(@ForAll("bgBb") BgBb model,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 12) int periods,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 12) int frequency) {
    int x = Math.min(frequency, periods);
    int recency = x == 0 ? 0 : periods; // the last opportunity used, when any
    double p = model.probabilityAlive(x, recency, periods);
    assertThat(p).as("P(alive) under %s", model).isBetween(0.0, 1.0);
    double previous = 0;
    for (int t = 1; t <= 10; t++) {
      double e = model.conditionalExpectedPurchases(t, x, recency, periods);
      assertThat(e).as("E[Y(%d)] under %s", t, model).isGreaterThanOrEqualTo(previous - 1e-12);
      previous = e;
    }
  }
}
