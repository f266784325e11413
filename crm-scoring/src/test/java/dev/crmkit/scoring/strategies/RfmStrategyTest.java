package dev.crmkit.scoring.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crmkit.scoring.ClassSummary;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmStrategyTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

  /** C1..C10: C_i last bought i days ago, made 11 - i purchases of 10 each. */
  static CustomerSummary tenCustomers() {
    TransactionLog.Builder log = TransactionLog.builder();
    for (int i = 1; i <= 10; i++) {
      for (int k = 0; k < 11 - i; k++) {
        log.add("C" + i, AS_OF.minusDays(i + k * 7L), 10);
      }
    }
    return CustomerSummary.of(log.build(), AS_OF);
  }

  @Test
  void ten_customers_worked_by_hand() {
    ScoreTable rfm = ScoringEngine.load().strategy("rfm").score(tenCustomers());

    // 10 distinct values in 5 bins: two customers per score, best first
    int[] expected = {5, 5, 4, 4, 3, 3, 2, 2, 1, 1};
    String[] segments = {
      "Champions", "Champions", "Loyal Customers", "Loyal Customers", "Need Attention",
      "Need Attention", "Lost", "Lost", "Lost", "Lost"
    };
    for (int i = 1; i <= 10; i++) {
      int row = rfm.indexOf("C" + i);
      assertThat(rfm.explanation(row, "recency_days")).isEqualTo(i);
      assertThat(rfm.explanation(row, "frequency")).isEqualTo(11 - i);
      assertThat(rfm.explanation(row, "monetary")).isEqualTo(10.0 * (11 - i));
      assertThat(rfm.score(row, "r")).as("r of C" + i).isEqualTo(expected[i - 1]);
      assertThat(rfm.score(row, "f")).isEqualTo(expected[i - 1]);
      assertThat(rfm.score(row, "m")).isEqualTo(expected[i - 1]);
      assertThat(rfm.label(row)).as("segment of C" + i).isEqualTo(segments[i - 1]);
    }

    StringWriter csv = new StringWriter();
    rfm.writeCsv(csv);
    assertThat(csv.toString())
        .startsWith(
            "customer_id,recency_days,frequency,monetary,r,f,m,segment\n"
                + "C1,1,10,100,5,5,5,Champions\n");
  }

  @Test
  void the_report_is_the_segment_summary() {
    ScoreTable rfm = new RfmStrategy(RfmConfig.defaults()).score(tenCustomers());

    RfmStrategy.Report report = (RfmStrategy.Report) rfm.report();
    ClassSummary champions = report.segments().get(0);
    assertThat(champions.label()).isEqualTo("Champions");
    assertThat(champions.customers()).isEqualTo(2);
    assertThat(champions.transactions()).isEqualTo(19);
    assertThat(champions.revenue()).isEqualTo(190.0);
    assertThat(champions.averageOrderValue()).isEqualTo(10.0);
    ClassSummary lost =
        report.segments().stream().filter(s -> s.label().equals("Lost")).findFirst().orElseThrow();
    assertThat(lost.customers()).isEqualTo(4);
    assertThat(lost.transactions()).isEqualTo(4 + 3 + 2 + 1);
    assertThat(report.segments()).extracting(ClassSummary::label).endsWith("Others");
  }

  @Test
  void custom_thresholds_and_segment_table_from_json() {
    String json =
        "{\"bins\": 3,"
            + " \"thresholds\": {\"recency\": [2, 5], \"frequency\": [5, 8]},"
            + " \"segments\": [{\"name\": \"Top\", \"r\": [3, 3], \"f\": [3, 3]},"
            + "                {\"name\": \"Recent\", \"r\": [2, 3]}]}";

    ScoreTable rfm = ScoringEngine.load().strategy("rfm", json).score(tenCustomers());

    // recency thresholds are upper bounds: 1-2 days -> 3, 3-5 days -> 2, more -> 1
    assertThat(rfm.score(rfm.indexOf("C2"), "r")).isEqualTo(3);
    assertThat(rfm.score(rfm.indexOf("C3"), "r")).isEqualTo(2);
    assertThat(rfm.score(rfm.indexOf("C6"), "r")).isEqualTo(1);
    // frequency thresholds are lower bounds of scores 2 and 3
    assertThat(rfm.score(rfm.indexOf("C3"), "f")).isEqualTo(3); // 8 purchases
    assertThat(rfm.score(rfm.indexOf("C4"), "f")).isEqualTo(2); // 7
    assertThat(rfm.score(rfm.indexOf("C7"), "f")).isEqualTo(1); // 4
    assertThat(rfm.label(rfm.indexOf("C1"))).isEqualTo("Top");
    assertThat(rfm.label(rfm.indexOf("C4"))).isEqualTo("Recent");
    assertThat(rfm.label(rfm.indexOf("C9"))).isEqualTo(RfmStrategy.OTHERS);
    assertThat(rfm.classes()).containsExactly("Top", "Recent", "Others");
  }

  @Test
  void the_default_table_maps_other_scales_onto_five() {
    ScoreTable rfm = new RfmStrategy(new RfmConfig(3, null, null)).score(tenCustomers());
    assertThat(rfm.score(rfm.indexOf("C1"), "r")).isEqualTo(3);
    assertThat(rfm.label(rfm.indexOf("C1"))).isEqualTo("Champions");
    assertThat(rfm.label(rfm.indexOf("C10"))).isEqualTo("Lost");
  }

  @Test
  void every_configuration_error_is_named() {
    assertError("{\"bins\": 1}", "bins", "1", "an integer from 2 to 100");
    assertError("{\"bins\": 101}", "bins", "101", "an integer from 2 to 100");
    assertError("{\"bins\": 4.5}", "bins", null, "an integer");
    assertError("{\"thresholds\": {\"recency\": [1, 2]}}", "thresholds.recency", "[1.0, 2.0]",
        "4 strictly ascending numbers (bins - 1)");
    assertError("{\"thresholds\": {\"monetary\": [1, 2, 2, 3]}}", "thresholds.monetary", null,
        "strictly ascending");
    assertError("{\"thresholds\": {\"monetary\": [1, 2, null, 3]}}", "thresholds.monetary", null,
        "strictly ascending");
    assertError("{\"segments\": []}", "segments", "[]", "at least one segment rule");
    assertError("{\"segments\": [{\"r\": [1, 2]}]}", "segments[0].name", "null", "non-blank");
    assertError("{\"segments\": [{\"name\": \"x\", \"f\": [3, 2]}]}", "segments[0].f", "[3, 2]",
        "1 <= min <= max");
    assertError("{\"segments\": [{\"name\": \"x\", \"m\": [1]}]}", "segments[0].m", "[1]",
        "two scores");
    assertError("{\"bins\": 3, \"segments\": [{\"name\": \"x\", \"r\": [1, 5]}]}", "segments[0]",
        "x [1, 5]", "1..3");
    assertError("{\"binz\": 3}", "binz", null, "bins");
  }

  private static void assertError(String json, String field, String value, String allowed) {
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class, () -> ScoringEngine.load().strategy("rfm", json));
    assertThat(e).as(json).isNotNull();
    assertThat(e.strategyId()).isEqualTo("rfm");
    assertThat(e.field()).as(json).isEqualTo(field);
    if (value != null) {
      assertThat(e.value()).as(json).isEqualTo(value);
    }
    assertThat(e.allowed()).as(json).contains(allowed);
  }

  @Test
  void default_segment_table_has_the_well_known_names_and_covers_every_cell() {
    assertThat(RfmStrategy.DEFAULT_SEGMENTS)
        .extracting(RfmSegmentRule::name)
        .containsExactly(
            "Champions", "Loyal Customers", "Potential Loyalist", "New Customers", "Promising",
            "Need Attention", "About To Sleep", "At Risk", "Can't Lose Them", "Lost");
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        int rr = r;
        int ff = f;
        assertThat(RfmStrategy.DEFAULT_SEGMENTS.stream().filter(s -> s.matches(rr, ff, 1)).count())
            .as("r=%d f=%d", r, f)
            .isEqualTo(1);
      }
    }
    assertThat(List.of(RfmStrategy.toFive(1, 3), RfmStrategy.toFive(2, 3), RfmStrategy.toFive(3, 3)))
        .containsExactly(1, 3, 5);
  }
}
