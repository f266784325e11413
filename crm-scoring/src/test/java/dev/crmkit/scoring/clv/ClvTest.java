package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClvTest {

  static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);
  static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);
  static final double WEEKS = TimeUnit.WEEKS.perMonth();

  @Test
  void without_discount_clv_is_margin_times_spend_times_expected_purchases() {
    Clv clv = Clv.of(CDNOW, SPEND, WEEKS, 12, 0, 0.3);
    double expected = 0.3 * SPEND.expectedAverageValue(2, 22.345)
        * CDNOW.conditionalExpectedPurchases(12 * WEEKS, 2, 30.43, 38.86);
    assertThat(clv.value(2, 30.43, 38.86, 22.345)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void discounting_lowers_it_and_a_longer_horizon_raises_it() {
    double undiscounted = Clv.of(CDNOW, SPEND, WEEKS, 12, 0, 1).value(2, 30.43, 38.86, 22.345);
    double discounted = Clv.of(CDNOW, SPEND, WEEKS, 12, 0.01, 1).value(2, 30.43, 38.86, 22.345);
    double longer = Clv.of(CDNOW, SPEND, WEEKS, 24, 0.01, 1).value(2, 30.43, 38.86, 22.345);
    assertThat(discounted).isLessThan(undiscounted).isPositive();
    assertThat(longer).isGreaterThan(discounted);
  }

  @Test
  void customers_without_repeat_purchases_get_the_population_mean_spend() {
    assertThat(SPEND.expectedAverageValue(0, 0)).isCloseTo(6.25 * 15.44 / 2.74, within(1e-12));
    assertThat(Clv.of(CDNOW, SPEND, WEEKS, 12, 0.01, 1).value(0, 0, 38.86, 0)).isPositive();
    assertThatThrownBy(() -> new GammaGamma(1, 0.9, 1).expectedAverageValue(0, 0))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("q <= 1");
  }

  @Test
  void historic_clv_is_the_margin_on_past_spend() {
    assertThat(Clv.historic(150, 0.3)).isCloseTo(45, within(1e-12));
    // net refunds in the period: the customer cost money
    assertThat(Clv.historic(-10, 0.3)).isCloseTo(-3, within(1e-12));
    assertThatThrownBy(() -> Clv.historic(Double.NaN, 0.3)).hasMessageContaining("total spend");
  }

  @Test
  void settings_are_checked_at_once() {
    assertThatThrownBy(() -> Clv.of(CDNOW, SPEND, WEEKS, 0, 0.01, 1)).hasMessageContaining("at least 1 month");
    assertThatThrownBy(() -> Clv.of(CDNOW, SPEND, WEEKS, 12, -0.1, 1)).hasMessageContaining("discount rate");
    assertThatThrownBy(() -> Clv.of(CDNOW, SPEND, WEEKS, 12, 0.01, 1.5)).hasMessageContaining("margin");
  }

  @Test
  void holdout_report_worked_by_hand() {
    // calibration to Jan 10, holdout Jan 11-13 (3 days); C2's two purchases on Jan 12 are one
    CbsSummary s = CbsSummary.builder(LocalDate.of(2024, 1, 10)).observationEnd(LocalDate.of(2024, 1, 13))
        .timeUnit(TimeUnit.DAYS)
        .build(new String[] {"C1", "C1", "C2", "C1", "C2", "C2", "C1"},
            new LocalDate[] {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 8),
                LocalDate.of(2024, 1, 11), LocalDate.of(2024, 1, 12), LocalDate.of(2024, 1, 12),
                LocalDate.of(2024, 1, 13)},
            new double[] {10, 20, 5, 7, 1, 2, 3});
    BgNbd model = new BgNbd(0.5, 5, 0.5, 2);
    HoldoutReport report = HoldoutReport.of(model, s);

    // C1: x = 1, t_x = 4, T = 9, two holdout purchases; C2: x = 0, t_x = 0, T = 2, one
    double p1 = model.conditionalExpectedPurchases(3, 1, 4, 9);
    double p2 = model.conditionalExpectedPurchases(3, 0, 0, 2);
    assertThat(report.size()).isEqualTo(2);
    assertThat(report.predicted(0)).isEqualTo(p1);
    assertThat(report.actual(0)).isEqualTo(2);
    assertThat(report.predicted(1)).isEqualTo(p2);
    assertThat(report.actual(1)).isEqualTo(1);
    assertThat(report.totalActual()).isEqualTo(3);
    assertThat(report.totalPredicted()).isCloseTo(p1 + p2, within(1e-12));
    assertThat(report.meanAbsoluteError()).isCloseTo((Math.abs(p1 - 2) + Math.abs(p2 - 1)) / 2, within(1e-12));
    assertThat(report.rootMeanSquaredError())
        .isCloseTo(Math.sqrt((Math.pow(p1 - 2, 2) + Math.pow(p2 - 1, 2)) / 2), within(1e-12));
    assertThat(report.cumulativeActual()).containsExactly(1, 2, 3);
    double[] cumulative = report.cumulativePredicted();
    assertThat(cumulative).hasSize(3);
    for (int k = 0; k < 3; k++) {
      assertThat(cumulative[k]).isCloseTo(model.conditionalExpectedPurchases(k + 1, 1, 4, 9)
          + model.conditionalExpectedPurchases(k + 1, 0, 0, 2), within(1e-12));
    }
    assertThatThrownBy(() -> HoldoutReport.of(model, CbsSummary.builder(LocalDate.of(2024, 1, 10))
        .timeUnit(TimeUnit.DAYS).build(new String[] {"C1"}, new LocalDate[] {LocalDate.of(2024, 1, 1)},
            new double[] {1})))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void holdout_report_and_model_comparison_on_cdnow() throws Exception {
    CbsSummary s = CbsSummary.builder(LocalDate.of(1997, 9, 30)).observationEnd(LocalDate.of(1998, 6, 30))
        .timeUnit(TimeUnit.WEEKS)
        .build(CdnowPublishedEstimatesTest.Cdnow.customers(), CdnowPublishedEstimatesTest.Cdnow.dates(),
            CdnowPublishedEstimatesTest.Cdnow.amounts());
    CbsRows rows = s.rows();
    ModelFit<BgNbd> bg = BgNbd.fit(rows);
    ModelFit<ParetoNbd> pareto = ParetoNbd.fit(rows);
    ModelComparison comparison = ModelComparison.of(List.of(pareto, bg));
    assertThat(comparison.best().model().id()).isEqualTo("bg-nbd"); // -9582.4 beats -9595.0 with 4 parameters each
    HoldoutReport report = HoldoutReport.of(bg.model(), s);
    assertThat(report.size()).isEqualTo(2357);
    double[] curve = report.cumulativeActual();
    assertThat(curve).hasSize(39);
    assertThat(curve[38]).isEqualTo(report.totalActual());
    assertThat(report.cumulativePredicted()[38]).isCloseTo(report.totalPredicted(), within(1e-6));
    // 1,882 transaction days in the 39-week holdout (4,814 in calibration, less 2,357 first purchases = 2,457)
    assertThat(report.totalActual()).isEqualTo(1882);
    for (int k = 1; k < curve.length; k++) {
      assertThat(report.cumulativePredicted()[k]).isGreaterThan(report.cumulativePredicted()[k - 1]);
      assertThat(curve[k]).isGreaterThanOrEqualTo(curve[k - 1]);
    }
    assertThat(report.meanAbsoluteError()).isPositive().isLessThan(report.rootMeanSquaredError());
  }
}
