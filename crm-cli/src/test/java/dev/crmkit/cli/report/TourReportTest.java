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
  void the_clv_intervals_chart_has_a_whisker_around_each_decile_and_the_totals_interval() {
    Chart c = byId(full()).get("clv-intervals");
    List<List<String>> rows = c.rows();
    assertThat(rows).hasSize(11);
    assertThat(rows.get(10).get(0)).isEqualTo("all (total)");
    long customers = 0;
    double previous = Double.NEGATIVE_INFINITY;
    for (List<String> row : rows.subList(0, 10)) {
      customers += Long.parseLong(row.get(1).replace(",", ""));
      double mean = number(row.get(2));
      assertThat(number(row.get(3))).as("decile %s lower end", row.get(0)).isLessThanOrEqualTo(mean);
      assertThat(number(row.get(4))).as("decile %s upper end", row.get(0)).isGreaterThanOrEqualTo(mean);
      assertThat(mean).isGreaterThanOrEqualTo(previous);
      previous = mean;
    }
    assertThat(customers).isEqualTo(BASE.transactions().customerCount());
    double total = number(rows.get(10).get(2));
    assertThat(number(rows.get(10).get(3))).isLessThan(total);
    assertThat(number(rows.get(10).get(4))).isGreaterThan(total);
    assertThat(c.reading()).startsWith("Total CLV " + rows.get(10).get(2) + " EUR, 90% interval "
        + rows.get(10).get(3) + " to " + rows.get(10).get(4) + " EUR from 100 refits");
    assertThat(Pattern.compile("<line class=\"whisker\"").matcher(c.svg()).results().count()).isEqualTo(10);
    // bad bootstrap options are refused when set, naming the value
    assertThatThrownBy(() -> TourReport.builder(BASE.transactions()).bootstrap(
        new dev.crmkit.scoring.clv.Bootstrap.Options(1, 1L, 0.9))).hasMessageContaining("replicates must be >= 2");
  }

  private static double number(String cell) {
    return Double.parseDouble(cell.replace(",", ""));
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

  // --- the report as a person reads it (issue 15, item 9)

  private static TourReport asOfTheEnd() {
    return TourReport.builder(BASE.transactions()).currency("EUR").buyingPower(BASE.buyingPower())
        .service(BASE.complaints(), BASE.surveys()).asOf(BASE.end())
        .loyalty(LoyaltyRun.demoProgram()).build();
  }

  private static long complaintRows(Chart complaints) {
    return complaints.rows().stream()
        .mapToLong(r -> r.subList(1, 4).stream().mapToLong(v -> Long.parseLong(v.replace(",", ""))).sum()).sum();
  }

  @Test
  void as_of_the_end_of_the_generated_period_the_charts_count_every_generated_complaint() {
    Map<String, Chart> charts = byId(asOfTheEnd());
    // the header of crm demo says BASE.complaints().size(): the chart, its table and the causes agree
    assertThat(complaintRows(charts.get("complaints"))).isEqualTo(BASE.complaints().size());
    assertThat(sum(charts.get("complaint-causes"), 1)).isEqualTo(BASE.complaints().size());
    assertThat(charts.get("complaints").reading())
        .startsWith(String.format(java.util.Locale.ROOT, "%,d complaints,", BASE.complaints().size()))
        .doesNotContain("not counted");
    assertThat(sum(charts.get("nps"), 1)).isEqualTo(BASE.surveys().size());
  }

  @Test
  void complaints_after_the_as_of_date_are_named_in_the_reading_not_silently_dropped() {
    TransactionLog log = BASE.transactions();
    int last = 0;
    for (int r = 0; r < log.size(); r++) {
      last = Math.max(last, log.day(r));
    }
    LocalDate lastDay = LocalDate.ofEpochDay(last);
    List<SyntheticBase.Complaint> complaints = new java.util.ArrayList<>(BASE.complaints());
    complaints.add(new SyntheticBase.Complaint("C-late", lastDay.plusDays(1), "delivery", 0, lastDay.plusDays(3)));
    long after = complaints.stream().filter(c -> c.opened().isAfter(lastDay)).count();

    Chart chart = byId(TourReport.builder(log).service(complaints, BASE.surveys()).build()).get("complaints");

    assertThat(complaintRows(chart)).isEqualTo(complaints.size() - after);
    assertThat(chart.reading()).contains(String.format(java.util.Locale.ROOT,
        "%,d opened outside 2024-01-01 to %s are not counted.", after, lastDay));
  }

  @Test
  void an_as_of_date_before_the_last_transaction_is_refused_naming_both_days() {
    assertThatThrownBy(() -> TourReport.builder(BASE.transactions()).asOf(LocalDate.of(2025, 6, 30)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asOf 2025-06-30 is before the last transaction, on 2025-12-");
  }

  @Test
  void nps_csat_and_loyalty_name_their_periods_on_the_x_axis() {
    Map<String, Chart> charts = byId(full());
    for (String id : List.of("nps", "csat")) {
      assertThat(charts.get(id).svg()).as(id).contains(">2024 Q1</text>").contains(">2025 Q4</text>")
          .doesNotContain("quarter (1 =");
    }
    assertThat(charts.get("complaints").svg()).contains(">2024 Q1</text>");
    assertThat(charts.get("loyalty-outstanding").svg()).contains(">2024-01</text>").contains(">month end</text>")
        .doesNotContain("month of the program (1 =");
  }

  @Test
  void many_periods_are_thinned_to_about_twelve_labels_keeping_the_last() {
    assertThat(Svg.periodTicks(8)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(Svg.periodTicks(24)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 23);
    assertThat(Svg.periodTicks(1)).containsExactly(0);
    List<String> months = java.util.stream.IntStream.range(0, 24).mapToObj(i -> "m" + i).toList();
    String svg = Svg.periodLines("t", months, List.of(new Svg.Series("s", new double[24])), "month end", "y", 0);
    assertThat(svg).contains(">m0</text>").contains(">m23</text>").doesNotContain(">m1</text>").doesNotContain(">m22</text>");
    assertThatThrownBy(() -> Svg.periodLines("t", months, List.of(new Svg.Series("s", new double[3])), "x", "y", 0))
        .hasMessageContaining("series s has 3 values for 24 periods");
  }

  @Test
  void the_clv_histogram_spreads_the_customers_over_1_2_5_bins() {
    Chart clv = byId(full()).get("clv-distribution");
    long customers = BASE.transactions().customerCount();
    assertThat(clv.rows().get(0).get(0)).startsWith("0-");
    assertThat(clv.rows().get(clv.rows().size() - 1).get(0)).startsWith("≥ ");
    long largest = clv.rows().stream().mapToLong(r -> Long.parseLong(r.get(1).replace(",", ""))).max().orElseThrow();
    // equal-width bins put about nine in ten customers into the first bin; here the first holds
    // those below the 5th percentile's step, and the fullest is the spike of the customers without a
    // repeat purchase (their CLV differs only by age), which the reading names
    long first = Long.parseLong(clv.rows().get(0).get(1).replace(",", ""));
    assertThat(first).as("customers in the first bin").isLessThanOrEqualTo(customers / 10);
    assertThat(largest).as("customers in the fullest bin").isLessThan(customers * 6 / 10);
    List<String> fullest = clv.rows().stream()
        .filter(r -> Long.parseLong(r.get(1).replace(",", "")) == largest).findFirst().orElseThrow();
    assertThat(clv.reading()).contains(String.format(java.util.Locale.ROOT, "the most common range is %s EUR (%s customers",
        fullest.get(0), fullest.get(1)));
    assertThat(clv.rows().stream().filter(r -> !r.get(1).equals("0")).count()).as("bins in use").isGreaterThanOrEqualTo(8);
    assertThat(clv.svg()).contains("bins growing in steps of 1-2-5");
  }

  @Test
  void log_bins_start_at_zero_then_grow_in_1_2_5_steps_from_the_low_value_to_the_largest() {
    assertThat(TourReport.logBinEdges(1, 730)).containsExactly(0, 1, 2, 5, 10, 20, 50, 100, 200, 500);
    assertThat(TourReport.logBinEdges(0.03, 0.7)).containsExactly(0, 0.02, 0.05, 0.1, 0.2, 0.5);
    assertThat(TourReport.logBinEdges(0, 0.03)).containsExactly(0, 0.01, 0.02);
    assertThat(TourReport.logBinEdges(5, 4)).containsExactly(0);
    double[] edges = TourReport.logBinEdges(1, 730);
    assertThat(TourReport.logBin(-3, edges)).isZero();
    assertThat(TourReport.logBin(0.99, edges)).isZero();
    assertThat(TourReport.logBin(1, edges)).isEqualTo(1);
    assertThat(TourReport.logBin(199.9, edges)).isEqualTo(7);
    assertThat(TourReport.logBin(730, edges)).isEqualTo(9);
    assertThat(TourReport.binNumber(0.05)).isEqualTo("0.05");
    assertThat(TourReport.binNumber(2000)).isEqualTo("2,000");
  }

  @Test
  void a_tiny_bar_is_still_drawn_with_its_number() {
    String svg = Svg.bars("Tier sizes", List.of("basic", "silver", "gold"),
        List.of(new Svg.Series("members", new double[] {18_000, 1_925, 75})), "tier", "members");
    Pattern goldBar = Pattern.compile("<rect [^>]*height=\"([0-9.]+)\"[^>]*><title>gold, members: 75</title>");
    java.util.regex.Matcher m = goldBar.matcher(svg);
    assertThat(m.find()).as("the gold bar").isTrue();
    assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(Svg.MIN_BAR);
    assertThat(svg).contains(">75</text>").contains(">18,000</text>").contains(">1,925</text>");
    assertThat(Svg.barHeight(0, 100, 260)).isZero();
    assertThat(Svg.barHeight(50, 100, 260)).isEqualTo(130);
    // in the report: every tier's member count is written on the chart
    Chart tiers = byId(full()).get("loyalty-tiers");
    for (List<String> row : tiers.rows()) {
      assertThat(tiers.svg()).as(row.get(0)).contains(">" + row.get(1) + "</text>");
    }
  }

  @Test
  void the_heatmap_row_labels_keep_clear_of_the_rotated_axis_title() {
    Chart rad = byId(full()).get("rad-transitions");
    // the rotated title is centred on x = 16 at 12 px: it covers x up to about 24
    java.util.regex.Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"end\" font-size=\"11\">Development</text>")
        .matcher(rad.svg());
    assertThat(m.find()).as("the Development row label").isTrue();
    double labelStart = Double.parseDouble(m.group(1)) - "Development".length() * 6.5;
    assertThat(labelStart).isGreaterThan(24);
    assertThat(Svg.heatmapLeft(List.of("0", "10+"))).isEqualTo(70);
  }

  @Test
  void the_p_alive_reading_says_why_customers_without_a_repeat_purchase_show_one() {
    Chart pAlive = byId(full()).get("p-alive");
    long noRepeat = pAlive.rows().stream().filter(r -> r.get(0).equals("0"))
        .mapToLong(r -> Long.parseLong(r.get(2).replace(",", ""))).sum();
    assertThat(noRepeat).isPositive();
    assertThat(pAlive.reading()).contains(String.format(java.util.Locale.ROOT,
        "The %,d customers without a repeat purchase (row 0) show 1.00 at every age", noRepeat));
    assertThat(pAlive.rows().stream().filter(r -> r.get(0).equals("0") && !r.get(3).isEmpty()))
        .allSatisfy(r -> assertThat(r.get(3)).isEqualTo("1.000"));
  }

  private static long sum(Chart chart, int column) {
    return chart.rows().stream().filter(r -> !r.get(column).isEmpty())
        .mapToLong(r -> Long.parseLong(r.get(column).replace(",", ""))).sum();
  }
}
