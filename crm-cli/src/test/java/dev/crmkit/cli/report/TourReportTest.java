package dev.crmkit.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.datagen.SyntheticBase;
import dev.crmkit.datagen.SyntheticData;
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
        .salesFunnel(SalesRun.run(42, 120)).campaigns(MarketingRun.run(BASE, 5))
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
        .doesNotContain("campaign-returns", "rad-quarters", "rad-transitions", "complaints", "nps", "loyalty-outstanding", "loyalty-tiers")
        .contains("pyramid", "abc-lorenz", "holdout-tracking");
    assertThat(r.notes()).anyMatch(n -> n.contains("RAD")).anyMatch(n -> n.contains("loyalty"))
        .anyMatch(n -> n.contains("complaint")).anyMatch(n -> n.contains("funnel")).anyMatch(n -> n.contains("campaign returns"));
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

  @Test
  void each_campaign_is_credited_with_exactly_the_window_purchases_of_its_regions_sampled_customers() {
    MarketingRun.Result run = MarketingRun.run(BASE, 5);
    // the spec of the run, recomputed from the base: every 5th individual (duplicates aside),
    // contacted by its region's campaign; last touch within 30 days credits all its purchases
    // in the 30 days after the contact day to that campaign
    Map<String, String> regionOf = new java.util.HashMap<>();
    int n = 0;
    for (SyntheticBase.Customer c : BASE.customers()) {
      if (c.kind() == SyntheticBase.Kind.INDIVIDUAL && !c.id().startsWith("D") && n++ % 5 == 0) {
        regionOf.put(c.id(), c.region());
      }
    }
    assertThat(run.customers()).isEqualTo(regionOf.size());
    Map<String, java.math.BigDecimal> expected = new java.util.HashMap<>();
    TransactionLog log = BASE.transactions();
    for (int r = 0; r < log.size(); r++) {
      long day = log.day(r);
      String id = log.customerId(log.customerIndex(r));
      if (day > run.launch().toEpochDay() && day <= run.launch().toEpochDay() + 30 && log.amount(r) > 0
          && regionOf.containsKey(id)) {
        expected.merge(regionOf.get(id), java.math.BigDecimal.valueOf(log.amount(r)).setScale(2),
            java.math.BigDecimal::add);
      }
    }
    assertThat(run.returns()).hasSize(MarketingRun.PLANS.size());
    for (int k = 0; k < run.returns().size(); k++) {
      var c = run.returns().get(k);
      MarketingRun.Plan plan = MarketingRun.PLANS.get(k);
      assertThat(c.campaignId()).isEqualTo(plan.id());
      long targets = regionOf.values().stream().filter(plan.region()::equals).count();
      assertThat(c.reached()).as(plan.id()).isEqualTo(targets);
      assertThat(c.revenue().amount()).as(plan.id())
          .isEqualByComparingTo(expected.getOrDefault(plan.region(), java.math.BigDecimal.ZERO));
      assertThat(c.cost().amount()).as(plan.id())
          .isEqualByComparingTo(plan.perContact().amount().multiply(java.math.BigDecimal.valueOf(targets)));
    }
    assertThat(expected.get("Central")).as("the uncontacted region bought in the window").isNotNull();
  }

  @Test
  void the_campaign_chart_shows_revenue_and_cost_and_its_table_the_roi_of_each_campaign() {
    Chart chart = byId(full()).get("campaign-returns");
    assertThat(chart.rows()).extracting(r -> r.get(0))
        .containsExactly("north-email", "south-letter", "east-phone", "west-visit");
    for (List<String> row : chart.rows()) {
      java.math.BigDecimal margin = new java.math.BigDecimal(row.get(5));
      java.math.BigDecimal cost = new java.math.BigDecimal(row.get(6));
      assertThat(new java.math.BigDecimal(row.get(7))).as(row.get(0))
          .isEqualByComparingTo(margin.subtract(cost).divide(cost, 2, java.math.RoundingMode.HALF_EVEN));
    }
    assertThat(chart.svg()).contains("EUR", "campaign", "revenue", "cost");
    assertThat(chart.reading()).contains("Last-touch attribution within 30 days", "ROI");
  }

  @Test
  void a_campaign_run_needs_a_positive_sampling_step() {
    assertThatThrownBy(() -> MarketingRun.run(BASE, 0)).hasMessage("every must be >= 1, got 0");
  }

  private static long sum(Chart chart, int column) {
    return chart.rows().stream().filter(r -> !r.get(column).isEmpty())
        .mapToLong(r -> Long.parseLong(r.get(column).replace(",", ""))).sum();
  }
}
