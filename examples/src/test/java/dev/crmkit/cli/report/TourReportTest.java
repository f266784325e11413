package dev.crmkit.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.testkit.synthetic.SyntheticBase;
import dev.crmkit.testkit.synthetic.SyntheticData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TourReportTest {

  private static final SyntheticBase BASE = SyntheticData.builder().seed(42).customers(2_000)
      .period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)).build();

  private static TourReport full() {
    return TourReport.builder(BASE.transactions()).currency("EUR").buyingPower(BASE.buyingPower())
        .service(BASE.complaints(), BASE.surveys())
        .salesFunnel(SalesRun.run(42, 120))
        .loyalty(LoyaltyRun.demoProgram()).build();
  }

  private static Map<String, Chart> byId(TourReport r) {
    return r.charts().stream().collect(Collectors.toMap(Chart::id, Function.identity()));
  }

  @Test
  void with_buying_power_and_a_program_every_chart_is_there_in_page_order() {
    TourReport r = full();
    assertThat(r.charts()).extracting(Chart::id).containsExactlyElementsOf(TourReport.CHART_IDS);
    assertThat(r.notes()).isEmpty();
    for (Chart c : r.charts()) {
      assertThat(c.title()).as(c.id()).isNotBlank();
      assertThat(c.reading()).as(c.id()).isNotBlank().doesNotContain("NaN");
      assertThat(c.rows()).as(c.id()).isNotEmpty();
      // axis titles are text elements of the svg (a heatmap has both, bars and lines too)
      assertThat(Pattern.compile("<text[^>]*font-size=\"12\"[^>]*>").matcher(c.svg()).results().count())
          .as(c.id() + " axis titles").isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void without_buying_power_or_program_those_charts_are_left_out_and_the_page_says_why() {
    TourReport r = TourReport.builder(BASE.transactions()).build();
    assertThat(r.charts()).extracting(Chart::id)
        .doesNotContain("rad-quarters", "rad-transitions", "complaints", "nps", "loyalty-outstanding", "loyalty-tiers")
        .contains("pyramid", "abc-lorenz", "holdout-tracking");
    assertThat(r.notes()).anyMatch(n -> n.contains("RAD")).anyMatch(n -> n.contains("loyalty"))
        .anyMatch(n -> n.contains("complaint")).anyMatch(n -> n.contains("funnel"));
    assertThat(r.html()).contains("No buying power was given");
  }

  @Test
  void the_tables_add_up_to_the_customer_base() {
    Map<String, Chart> charts = byId(full());
    int customers = BASE.transactions().customerCount();
    assertThat(sum(charts.get("pyramid"), 1)).isEqualTo(customers);
    assertThat(sum(charts.get("rfm-heatmap"), 2)).isEqualTo(customers);
    assertThat(sum(charts.get("rfm-segments"), 1)).isEqualTo(customers);
    assertThat(sum(charts.get("value-matrix"), 1)).isEqualTo(customers);
    assertThat(sum(charts.get("clv-distribution"), 1)).isEqualTo(customers);
    assertThat(sum(charts.get("p-alive"), 2)).isEqualTo(customers);
    // every organization is a key account; all of them are members of the loyalty program's tiers
    assertThat(sum(charts.get("loyalty-tiers"), 1)).isEqualTo(customers);
  }

  @Test
  void the_holdout_curve_counts_the_repeat_purchases_after_the_calibration_end() {
    Chart holdout = byId(full()).get("holdout-tracking");
    TransactionLog log = BASE.transactions();
    int last = 0;
    for (int r = 0; r < log.size(); r++) {
      last = Math.max(last, log.day(r));
    }
    LocalDate calibrationEnd = LocalDate.ofEpochDay(last).minusWeeks(26);
    // customers known at the calibration end, their transaction days after it (one per day)
    java.util.Set<Integer> known = new java.util.HashSet<>();
    java.util.Set<Long> days = new java.util.HashSet<>();
    for (int r = 0; r < log.size(); r++) {
      if (log.day(r) <= calibrationEnd.toEpochDay()) {
        known.add(log.customerIndex(r));
      }
    }
    for (int r = 0; r < log.size(); r++) {
      if (log.day(r) > calibrationEnd.toEpochDay() && known.contains(log.customerIndex(r))) {
        days.add(((long) log.customerIndex(r) << 32) | log.day(r));
      }
    }
    List<String> lastRow = holdout.rows().get(holdout.rows().size() - 1);
    assertThat(holdout.rows()).hasSize(26);
    assertThat(Long.parseLong(lastRow.get(2).replace(",", ""))).isEqualTo(days.size());
  }

  @Test
  void the_page_is_self_contained_printable_and_the_same_for_the_same_input() {
    String html = full().html();
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://").doesNotContain("https://")
        .doesNotContain("<link").doesNotContain("src=");
    assertThat(html).contains("@media print");
    assertThat(Pattern.compile("<details><summary>Table</summary>").matcher(html).results().count())
        .isEqualTo(TourReport.CHART_IDS.size());
    assertThat(html).isEqualTo(full().html());
  }

  @Test
  void an_empty_log_is_refused() {
    assertThatThrownBy(() -> TourReport.builder(TransactionLog.builder().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> TourReport.builder(BASE.transactions()).holdoutWeeks(0))
        .hasMessage("holdoutWeeks must be >= 1, got 0");
  }

  @Test
  void complaints_and_satisfaction_are_counted_per_quarter_as_crm_core_defines_nps() {
    Map<String, Chart> charts = byId(full());
    long complaints = BASE.complaints().stream().filter(c -> !c.opened().isAfter(LocalDate.of(2025, 12, 30))).count();
    long table = charts.get("complaints").rows().stream()
        .mapToLong(r -> r.subList(1, 4).stream().mapToLong(v -> Long.parseLong(v.replace(",", ""))).sum()).sum();
    assertThat(table).isEqualTo(complaints);
    assertThat(sum(charts.get("complaint-causes"), 1)).isEqualTo(complaints);
    // the first quarter's NPS recomputed by hand from the answers
    long promoters = 0;
    long detractors = 0;
    long answers = 0;
    for (var s : BASE.surveys()) {
      LocalDate d = s.answeredAt().atZone(java.time.ZoneOffset.UTC).toLocalDate();
      if (d.isBefore(LocalDate.of(2024, 4, 1))) {
        int v = s.nps().orElseThrow();
        answers++;
        promoters += v >= 9 ? 1 : 0;
        detractors += v <= 6 ? 1 : 0;
      }
    }
    List<String> q1 = charts.get("nps").rows().get(0);
    assertThat(q1.get(0)).isEqualTo("2024 Q1");
    assertThat(Long.parseLong(q1.get(1).replace(",", ""))).isEqualTo(answers);
    assertThat(Double.parseDouble(q1.get(2))).isCloseTo(100.0 * (promoters - detractors) / answers,
        org.assertj.core.api.Assertions.within(0.05));
  }

  @Test
  void the_funnel_counts_every_opportunity_in_the_first_stage_and_no_stage_reaches_more_than_the_one_before() {
    Chart funnel = byId(full()).get("sales-funnel");
    assertThat(funnel.rows().get(0)).startsWith("qualification", "120");
    // SalesRun loses 30% at each stage: each stage reaches fewer than the one before
    long previous = Long.MAX_VALUE;
    for (List<String> row : funnel.rows()) {
      if (row.get(0).equals("lost")) {
        continue; // lost is reached from every stage, not after the last one
      }
      long reached = Long.parseLong(row.get(1).replace(",", ""));
      assertThat(reached).as(row.get(0)).isLessThanOrEqualTo(previous);
      previous = reached;
    }
  }

  private static long sum(Chart chart, int column) {
    return chart.rows().stream().filter(r -> !r.get(column).isEmpty())
        .mapToLong(r -> Long.parseLong(r.get(column).replace(",", ""))).sum();
  }
}
