package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ClvStrategyTest {

  static final LocalDate CAL = LocalDate.of(1997, 9, 30);

  static TransactionLog cdnow() throws Exception {
    String[] ids = CdnowPublishedEstimatesTest.Cdnow.customers();
    LocalDate[] dates = CdnowPublishedEstimatesTest.Cdnow.dates();
    double[] amounts = CdnowPublishedEstimatesTest.Cdnow.amounts();
    TransactionLog.Builder b = TransactionLog.builder();
    for (int i = 0; i < ids.length; i++) {
      b.add(ids[i], dates[i], amounts[i]);
    }
    return b.build();
  }

  @Test
  void the_clv_strategy_is_registered_and_scores_every_customer() throws Exception {
    TransactionLog log = cdnow();
    String config = "{\"timeUnit\": \"weeks\", \"horizonMonths\": 12, \"discountRate\": 0.01, \"margin\": 0.3,"
        + " \"transaction\": {\"model\": \"bg-nbd\", \"parameters\": {\"r\": 0.243, \"alpha\": 4.414,"
        + " \"a\": 0.793, \"b\": 2.426}},"
        + " \"spend\": {\"model\": \"gamma-gamma\", \"parameters\": {\"p\": 6.25, \"q\": 3.74, \"gamma\": 15.44}}}";
    ScoreTable scores = ScoringEngine.load().strategy("clv", config).score(CustomerSummary.of(log, CAL));
    assertThat(scores.size()).isEqualTo(2357);
    assertThat(scores.scoreNames()).containsExactly("clv", "p_alive", "expected_purchases", "historic_clv");
    int first = scores.indexOf("0001");
    // customer 0001: x = 2, t_x = 30.43, T = 38.86 weeks, as in the CBS summary
    BgNbd bg = new BgNbd(0.243, 4.414, 0.793, 2.426);
    assertThat(scores.score(first, "p_alive")).isCloseTo(bg.probabilityAlive(2, 213 / 7.0, 272 / 7.0), within(1e-12));
    assertThat(scores.score(first, "historic_clv")).isCloseTo(0.3 * (29.33 + 29.73 + 14.96), within(1e-9));
    for (int i = 0; i < scores.size(); i++) {
      assertThat(scores.score(i, "p_alive")).isBetween(0.0, 1.0);
      assertThat(scores.score(i, "clv")).isFinite().isPositive();
      assertThat(scores.label(i)).isEqualTo(scores.score(i, "p_alive") >= 0.5 ? "active" : "inactive");
    }
  }

  @Test
  void the_spend_input_is_the_mean_of_the_repeat_days_as_in_the_cbs_summary() throws Exception {
    TransactionLog log = cdnow();
    String config = "{\"timeUnit\": \"weeks\", \"margin\": 0.3,"
        + " \"transaction\": {\"model\": \"bg-nbd\", \"parameters\": {\"r\": 0.243, \"alpha\": 4.414,"
        + " \"a\": 0.793, \"b\": 2.426}},"
        + " \"spend\": {\"model\": \"gamma-gamma\", \"parameters\": {\"p\": 6.25, \"q\": 3.74, \"gamma\": 15.44}}}";
    ScoreTable scores = ScoringEngine.load().strategy("clv", config).score(CustomerSummary.of(log, CAL));
    CbsSummary cbs = CbsSummary.builder(CAL).timeUnit(TimeUnit.WEEKS).build(log);
    Clv clv = Clv.of(new BgNbd(0.243, 4.414, 0.793, 2.426), new GammaGamma(6.25, 3.74, 15.44),
        TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);
    for (int i = 0; i < cbs.size(); i++) {
      int row = scores.indexOf(cbs.customerId(i));
      double expected = clv.value(cbs.frequency(i), cbs.recency(i), cbs.T(i), cbs.monetaryValue(i));
      assertThat(scores.score(row, "clv")).as(cbs.customerId(i)).isCloseTo(expected, within(1e-9 * expected));
    }
    // customer 0001: first day 29.33, repeat days 29.73 and 14.96, so the spend input is 22.345
    int first = scores.indexOf("0001");
    assertThat(scores.score(first, "clv")).isCloseTo(clv.value(2, 213 / 7.0, 272 / 7.0, 22.345), within(1e-9));
  }

  @Test
  void without_models_it_fits_them_on_the_summary() throws Exception {
    ScoreTable scores = ScoringEngine.load().strategy("clv").score(CustomerSummary.of(cdnow(), CAL));
    assertThat(scores.size()).isEqualTo(2357);
    // the transaction model is the published BG/NBD fit (same x, t_x, T as the CBS summary)
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> report = (java.util.Map<String, Object>) scores.report();
    @SuppressWarnings("unchecked")
    java.util.Map<String, Double> fitted = (java.util.Map<String, Double>) report.get("transactionParameters");
    assertThat(fitted.get("r")).isCloseTo(0.243, within(0.0005));
    assertThat(fitted.get("a")).isCloseTo(0.793, within(0.0005));
  }

  @Test
  void invalid_configuration_names_the_field() {
    ScoringEngine engine = ScoringEngine.load();
    assertThatThrownBy(() -> engine.strategy("clv", "{\"margin\": 2}"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("margin");
    assertThatThrownBy(() -> engine.strategy("clv", "{\"timeUnit\": \"years\"}"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("timeUnit");
    assertThatThrownBy(() -> engine.strategy("clv", "{\"transaction\": {\"model\": \"bg-nbd\", \"parameters\": {\"r\": 1}}}"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("transaction.parameters");
  }

  @Test
  void cbs_summary_from_a_transaction_log_equals_the_one_from_columns() throws Exception {
    CbsSummary fromLog = CbsSummary.builder(CAL).timeUnit(TimeUnit.WEEKS).build(cdnow());
    CbsSummary fromColumns = CbsSummary.builder(CAL).timeUnit(TimeUnit.WEEKS).build(
        CdnowPublishedEstimatesTest.Cdnow.customers(), CdnowPublishedEstimatesTest.Cdnow.dates(),
        CdnowPublishedEstimatesTest.Cdnow.amounts());
    assertThat(fromLog.size()).isEqualTo(fromColumns.size());
    for (int i = 0; i < fromLog.size(); i++) {
      assertThat(fromLog.customerId(i)).isEqualTo(fromColumns.customerId(i));
      assertThat(fromLog.frequency(i)).isEqualTo(fromColumns.frequency(i));
      assertThat(fromLog.recency(i)).isEqualTo(fromColumns.recency(i));
      assertThat(fromLog.T(i)).isEqualTo(fromColumns.T(i));
      assertThat(fromLog.monetaryValue(i)).isCloseTo(fromColumns.monetaryValue(i), within(1e-9));
    }
  }

  @Test
  void repeat_days_netted_to_zero_or_less_by_returns_are_valued_at_the_population_spend() {
    LocalDate d0 = LocalDate.of(2024, 1, 1);
    TransactionLog log = TransactionLog.builder()
        // a: a purchase, then a return bigger than the next purchase: one repeat day (10), netted
        // with the return (-70) to -60
        .add("a", d0, 50).add("a", d0.plusDays(7), -70).add("a", d0.plusDays(14), 10)
        .add("b", d0, 20).add("b", d0.plusDays(7), 30).add("b", d0.plusDays(21), 40)
        .add("c", d0.plusDays(3), 25)
        .build();
    LocalDate asOf = d0.plusDays(70);
    String config = "{\"timeUnit\": \"weeks\", \"margin\": 0.3,"
        + " \"transaction\": {\"model\": \"bg-nbd\", \"parameters\": {\"r\": 0.243, \"alpha\": 4.414,"
        + " \"a\": 0.793, \"b\": 2.426}},"
        + " \"spend\": {\"model\": \"gamma-gamma\", \"parameters\": {\"p\": 6.25, \"q\": 3.74, \"gamma\": 15.44}}}";
    ScoreTable scores = ScoringEngine.load().strategy("clv", config).score(CustomerSummary.of(log, asOf));
    Clv clv = Clv.of(new BgNbd(0.243, 4.414, 0.793, 2.426), new GammaGamma(6.25, 3.74, 15.44),
        TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);
    int a = scores.indexOf("a");
    int b = scores.indexOf("b");
    int c = scores.indexOf("c");
    // a: x = 1 (a return is never a transaction), t_x = 2 weeks, T = 10 weeks; its own repeat
    // mean (-60) is unusable
    assertThat(scores.score(a, "clv")).isCloseTo(clv.valueAtPopulationSpend(1, 2, 10), within(1e-9));
    assertThat(scores.score(a, "clv")).isPositive();
    // b keeps its own repeat mean (30 + 40) / 2 = 35
    assertThat(scores.score(b, "clv")).isCloseTo(clv.value(2, 3, 10, 35), within(1e-9));
    GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
    assertThat(scores.explanation(a, "expected_spend")).isEqualTo(spend.expectedAverageValue(0, 0));
    assertThat(scores.explanation(b, "expected_spend")).isEqualTo(spend.expectedAverageValue(2, 35));
    assertThat(scores.explanation(c, "expected_spend")).isEqualTo(spend.expectedAverageValue(0, 0));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> report = (java.util.Map<String, Object>) scores.report();
    assertThat(report).containsEntry("customersValuedAtPopulationSpend", 1);
  }
}
