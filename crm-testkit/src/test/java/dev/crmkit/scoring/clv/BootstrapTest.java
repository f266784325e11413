package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.datagen.ClvSimulator;
import java.util.List;
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

  @Test
  void quantiles_interpolate_between_order_statistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(Bootstrap.quantile(sorted, 0.5)).isEqualTo(3);
    assertThat(Bootstrap.quantile(sorted, 0.1)).isEqualTo(1.4);
    assertThat(Bootstrap.quantile(sorted, 1)).isEqualTo(5);
  }
}
