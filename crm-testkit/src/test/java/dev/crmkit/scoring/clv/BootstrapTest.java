package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.datagen.ClvSimulator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Bootstrap prediction intervals: seeded, around the point prediction, narrower with more customers. */
class BootstrapTest {

  private static ClvSimulator.Histories customers(int n, long seed) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    return sim.bgNbd(n, 0.243, 4.414, 0.793, 2.426, sim.cohortAges(n, 39, 12, 1.0 / 7)).onGrid(1.0 / 7);
  }

  private static double meanWidth(List<Bootstrap.Interval> intervals) {
    return intervals.stream().mapToDouble(i -> i.upper() - i.lower()).average().orElseThrow();
  }

  @Test
  void intervals_are_seeded_contain_the_point_prediction_and_shrink_with_more_customers() {
    ClvSimulator.Histories small = customers(1_000, 3);
    List<Bootstrap.Interval> a = Bootstrap.conditionalExpectedPurchases("bg-nbd", small.frequency(), small.recency(),
        small.T(), 39, 60, 7L, 0.9);
    List<Bootstrap.Interval> again = Bootstrap.conditionalExpectedPurchases("bg-nbd", small.frequency(),
        small.recency(), small.T(), 39, 60, 7L, 0.9);
    assertThat(again).isEqualTo(a);
    assertThat(a).hasSize(1_000);

    BgNbd point = BgNbd.fit(CbsRows.of(small.frequency(), small.recency(), small.T())).model();
    int inside = 0;
    for (int i = 0; i < a.size(); i++) {
      double p = point.conditionalExpectedPurchases(39, small.frequency()[i], small.recency()[i], small.T()[i]);
      assertThat(a.get(i).lower()).isLessThanOrEqualTo(a.get(i).upper());
      if (a.get(i).lower() <= p && p <= a.get(i).upper()) {
        inside++;
      }
    }
    // the refits scatter around the fit on all customers: its prediction lies inside nearly always
    assertThat(inside).isGreaterThan(950);
    assertThat(meanWidth(a)).isPositive();

    ClvSimulator.Histories large = customers(16_000, 3);
    List<Bootstrap.Interval> b = Bootstrap.conditionalExpectedPurchases("bg-nbd", large.frequency(), large.recency(),
        large.T(), 39, 60, 7L, 0.9);
    // sixteen times the customers: intervals about four times narrower (sampling error ~ 1 / sqrt(n))
    assertThat(meanWidth(b)).isLessThan(meanWidth(a) / 2.5).isGreaterThan(meanWidth(a) / 6);
  }

  @Test
  void a_different_seed_gives_different_intervals_and_bad_arguments_are_named() {
    // Pareto/NBD on Pareto/NBD customers (on BG/NBD ones its beta may run off, where every 2F1 is slow)
    ClvSimulator sim = ClvSimulator.withSeed(4);
    ClvSimulator.Histories h = sim.paretoNbd(500, 0.553, 10.578, 0.606, 11.669, sim.cohortAges(500, 39, 12, 1.0 / 7))
        .onGrid(1.0 / 7);
    List<Bootstrap.Interval> a = Bootstrap.conditionalExpectedPurchases("pareto-nbd", h.frequency(), h.recency(),
        h.T(), 39, 20, 1L, 0.8);
    List<Bootstrap.Interval> b = Bootstrap.conditionalExpectedPurchases("pareto-nbd", h.frequency(), h.recency(),
        h.T(), 39, 20, 2L, 0.8);
    assertThat(a).isNotEqualTo(b);
    assertThatThrownBy(() -> Bootstrap.conditionalExpectedPurchases("bg-nbd", h.frequency(), h.recency(), h.T(), 39,
        1, 1L, 0.9)).hasMessageContaining("replicates must be >= 2, got 1");
    assertThatThrownBy(() -> Bootstrap.conditionalExpectedPurchases("bg-nbd", h.frequency(), h.recency(), h.T(), 39,
        10, 1L, 1.5)).hasMessageContaining("level must be in (0, 1), got 1.5");
    assertThatThrownBy(() -> Bootstrap.conditionalExpectedPurchases("bg-bb", h.frequency(), h.recency(), h.T(), 39,
        10, 1L, 0.9)).hasMessageContaining("got bg-bb");
  }

  static final LocalDate END = LocalDate.of(2024, 9, 30);

  /**
   * A population as transactions: BG/NBD purchases (CDNOW's parameters) of customers who joined
   * over 12 weeks, spend per purchase Gamma(6, ν) with ν ~ Gamma(4, 15) per customer (about
   * CDNOW's Gamma-Gamma), summarised in weeks at {@link #END}.
   */
  static CbsSummary population(int n, long seed) {
    Transactions t = transactions(n, seed);
    return CbsSummary.builder(END).timeUnit(TimeUnit.WEEKS).build(t.ids(), t.dates(), t.amounts());
  }

  record Transactions(String[] ids, LocalDate[] dates, double[] amounts) {}

  static Transactions transactions(int n, long seed) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    double[] ages = sim.cohortAges(n, 39, 12, 1.0 / 7);
    double[] nu = new double[n];
    List<String> ids = new ArrayList<>();
    List<LocalDate> dates = new ArrayList<>();
    List<Double> amounts = new ArrayList<>();
    LocalDate[] first = new LocalDate[n];
    for (int i = 0; i < n; i++) {
      nu[i] = sim.gamma(4, 15);
      first[i] = END.minusDays(Math.round(ages[i] * 7));
      ids.add("c" + i);
      dates.add(first[i]);
      amounts.add(sim.gamma(6, nu[i]));
    }
    sim.bgNbd(n, 0.243, 4.414, 0.793, 2.426, ages, (c, t) -> {
      ids.add("c" + c);
      dates.add(first[c].plusDays((long) Math.floor(t * 7)));
      amounts.add(sim.gamma(6, nu[c]));
    });
    return new Transactions(ids.toArray(String[]::new), dates.toArray(LocalDate[]::new),
        amounts.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The point CLV of a fit on all the customers: BG/NBD and Gamma-Gamma, 12 months, 1% a month. */
  static Clv pointClv(CbsSummary s) {
    return Clv.of(BgNbd.fit(s.rows()).model(), GammaGamma.fit(s.spendRows()).model(), TimeUnit.WEEKS.perMonth(),
        12, 0.01, 0.3);
  }

  static double value(Clv clv, CbsSummary s, int i) {
    double m = s.monetaryValue(i);
    return s.frequency(i) > 0 && m > 0 ? clv.value(s.frequency(i), s.recency(i), s.T(i), m)
        : clv.valueAtPopulationSpend(s.frequency(i), s.recency(i), s.T(i));
  }

  static double meanRelativeWidth(List<Bootstrap.Interval> intervals, Clv clv, CbsSummary s) {
    double sum = 0;
    for (int i = 0; i < s.size(); i++) {
      sum += (intervals.get(i).upper() - intervals.get(i).lower()) / value(clv, s, i);
    }
    return sum / s.size();
  }

  @Test
  void clv_intervals_are_seeded_contain_the_point_values_and_totals_and_shrink_with_more_customers() {
    CbsSummary small = population(1_000, 5);
    Clv point = pointClv(small);
    Bootstrap.Options options = new Bootstrap.Options(60, 11L, 0.9);
    Bootstrap.ClvIntervals a = Bootstrap.clv(point, small, options);
    assertThat(Bootstrap.clv(point, small, options)).isEqualTo(a);
    assertThat(a.clv()).hasSize(small.size());
    assertThat(a.expectedPurchases()).hasSize(small.size());
    assertThat(a.options()).isEqualTo(options);
    assertThat(a.failedRefits()).isBetween(0, 6);

    double horizon = 12 * TimeUnit.WEEKS.perMonth();
    int clvInside = 0;
    int purchasesInside = 0;
    double totalClv = 0;
    double totalPurchases = 0;
    for (int i = 0; i < small.size(); i++) {
      double v = value(point, small, i);
      double y = point.transactions().conditionalExpectedPurchases(horizon, small.frequency(i), small.recency(i),
          small.T(i));
      totalClv += v;
      totalPurchases += y;
      Bootstrap.Interval c = a.clv().get(i);
      assertThat(c.lower()).isLessThanOrEqualTo(c.upper()).isPositive();
      clvInside += c.lower() <= v && v <= c.upper() ? 1 : 0;
      Bootstrap.Interval p = a.expectedPurchases().get(i);
      purchasesInside += p.lower() <= y && y <= p.upper() ? 1 : 0;
    }
    // the refits scatter around the fit on all customers: its values lie inside nearly always
    assertThat(clvInside).isGreaterThan(950);
    assertThat(purchasesInside).isGreaterThan(950);
    assertThat(a.totalClv().lower()).isLessThan(totalClv);
    assertThat(a.totalClv().upper()).isGreaterThan(totalClv);
    assertThat(a.totalExpectedPurchases().lower()).isLessThan(totalPurchases);
    assertThat(a.totalExpectedPurchases().upper()).isGreaterThan(totalPurchases);
    // the total is not the sum of the customers' bounds: their errors are shared through the refit
    assertThat(a.totalClv().upper()).isLessThan(a.clv().stream().mapToDouble(Bootstrap.Interval::upper).sum());

    CbsSummary large = population(9_000, 5);
    Clv largePoint = pointClv(large);
    Bootstrap.ClvIntervals b = Bootstrap.clv(largePoint, large, options);
    // nine times the customers: intervals about three times narrower (sampling error ~ 1 / sqrt(n))
    double ratio = meanRelativeWidth(a.clv(), point, small) / meanRelativeWidth(b.clv(), largePoint, large);
    assertThat(ratio).isBetween(2.0, 4.5);
  }

  @Test
  void clv_intervals_do_not_depend_on_the_number_of_threads() throws Exception {
    CbsSummary s = population(400, 6);
    Clv point = pointClv(s);
    Bootstrap.Options options = new Bootstrap.Options(12, 3L, 0.8);
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool three = new ForkJoinPool(3);
    try {
      Bootstrap.ClvIntervals serial = one.submit(() -> Bootstrap.clv(point, s, options)).get();
      Bootstrap.ClvIntervals parallel = three.submit(() -> Bootstrap.clv(point, s, options)).get();
      assertThat(parallel).isEqualTo(serial);
      assertThat(Bootstrap.clv(point, s, new Bootstrap.Options(12, 4L, 0.8))).isNotEqualTo(serial);
    } finally {
      one.shutdown();
      three.shutdown();
    }
  }

  @Test
  void clv_intervals_refuse_bad_options_bg_bb_and_data_without_a_spend_model() {
    assertThatThrownBy(() -> new Bootstrap.Options(1, 1L, 0.9)).hasMessageContaining("replicates must be >= 2, got 1");
    assertThatThrownBy(() -> new Bootstrap.Options(10, 1L, 0)).hasMessageContaining("level must be in (0, 1), got 0.0");
    CbsSummary s = population(300, 7);
    Clv point = pointClv(s);
    Clv bgBb = Clv.of(new BgBb(1.2, 0.75, 0.66, 2.78), point.spend(), 1, 12, 0.01, 1);
    assertThatThrownBy(() -> Bootstrap.clv(bgBb, s, new Bootstrap.Options(10, 1L, 0.9)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got bg-bb");
    // nobody came back: every refit of the transaction model fails, and the bootstrap says so
    String[] ids = {"a", "b", "c"};
    LocalDate[] days = {END.minusDays(30), END.minusDays(20), END.minusDays(10)};
    CbsSummary once = CbsSummary.builder(END).timeUnit(TimeUnit.WEEKS).build(ids, days, new double[] {5, 6, 7});
    assertThatThrownBy(() -> Bootstrap.clv(point, once, new Bootstrap.Options(10, 1L, 0.9)))
        .isInstanceOf(FitException.class)
        .hasMessageStartingWith("bg-nbd fit failed: 10 of 10 bootstrap refits on resampled customers failed")
        .hasMessageContaining("the data do not support intervals; the first: the Hessian");
  }

  @Test
  void clv_intervals_need_a_usable_repeat_spend() {
    // every repeat purchase is returned on its day: the purchases stay, the repeat spend nets to 0
    Transactions t = transactions(300, 8);
    List<String> ids = new ArrayList<>(List.of(t.ids()));
    List<LocalDate> dates = new ArrayList<>(List.of(t.dates()));
    List<Double> amounts = new ArrayList<>();
    for (double a : t.amounts()) {
      amounts.add(a);
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int r = 0; r < t.ids().length; r++) {
      if (!seen.add(t.ids()[r])) {
        ids.add(t.ids()[r]);
        dates.add(t.dates()[r]);
        amounts.add(-t.amounts()[r]);
      }
    }
    CbsSummary netted = CbsSummary.builder(END).timeUnit(TimeUnit.WEEKS).netReturns(true).build(
        ids.toArray(String[]::new), dates.toArray(LocalDate[]::new),
        amounts.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(netted.spendRows().size()).isZero();
    assertThat(netted.rows().meanFrequency()).isPositive();
    Clv point = pointClv(population(300, 8));
    assertThatThrownBy(() -> Bootstrap.clv(point, netted, new Bootstrap.Options(10, 1L, 0.9)))
        .isInstanceOf(FitException.class)
        .hasMessageStartingWith("gamma-gamma fit failed: 10 of 10 bootstrap refits")
        .hasMessageContaining("no customer with a positive repeat spend was drawn");
  }

  @Test
  void quantiles_interpolate_between_order_statistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3);
    assertThat(Bootstrap.quantile(sorted, 0.1)).isEqualTo(1.4);
    assertThat(Bootstrap.quantile(sorted, 1)).isEqualTo(5);
  }
}
