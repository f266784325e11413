package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.datagen.ClvSimulator;
import dev.crmkit.datagen.ClvSimulator.Histories;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FittingTest {

  @Test
  void identical_rows_are_fitted_once_with_their_count_and_give_the_same_fit() {
    ClvSimulator sim = ClvSimulator.withSeed(7);
    Histories h = sim.bgNbd(5_000, 0.5, 5, 0.8, 2.5, sim.cohortAges(5_000, 39, 12, 1)).onGrid(1);
    CbsRows compressed = CbsRows.of(h.frequency(), h.recency(), h.T());
    assertThat(compressed.size()).isLessThan(2_000);
    assertThat(compressed.customers()).isEqualTo(5_000);
    // the same customers given as explicit weighted rows
    double[] w = new double[compressed.size()];
    double[] x = new double[compressed.size()];
    double[] tx = new double[compressed.size()];
    double[] t = new double[compressed.size()];
    for (int i = 0; i < compressed.size(); i++) {
      x[i] = compressed.frequency(i);
      tx[i] = compressed.recency(i);
      t[i] = compressed.T(i);
      w[i] = compressed.weight(i);
    }
    ModelFit<BgNbd> fromWeights = BgNbd.fit(CbsRows.of(x, tx, t, w));
    ModelFit<BgNbd> fromCustomers = BgNbd.fit(compressed);
    assertThat(fromWeights.logLikelihood()).isCloseTo(fromCustomers.logLikelihood(), within(1e-6));
    assertThat(fromWeights.model().r()).isCloseTo(fromCustomers.model().r(), within(1e-9));
    // and the log-likelihood is the sum of the per-customer log-likelihoods
    double sum = 0;
    for (int i = 0; i < h.size(); i++) {
      sum += fromWeights.model().logLikelihood(h.frequency()[i], h.recency()[i], h.T()[i]);
    }
    assertThat(fromWeights.logLikelihood()).isCloseTo(sum, within(1e-6 * Math.abs(sum)));
  }

  @Test
  void analytic_gradients_agree_with_central_differences() {
    ClvSimulator sim = ClvSimulator.withSeed(11);
    Histories h = sim.bgNbd(2_000, 0.7, 3, 1.2, 2, sim.cohortAges(2_000, 39, 12, 1.0 / 7));
    CbsRows rows = CbsRows.of(h.frequency(), h.recency(), h.T());
    double[] p = {0.6, 3.5, 0.9, 2.4};
    for (boolean modified : new boolean[] {false, true}) {
      Likelihood analytic = new BetaGeometricLikelihood(rows, modified);
      Likelihood numeric = new Likelihood(4) {
        @Override
        double value(double[] q) {
          return analytic.value(q);
        }
      };
      double[] g1 = new double[4];
      double[] g2 = new double[4];
      assertThat(analytic.valueAndGradient(p, g1)).isCloseTo(numeric.valueAndGradient(p, g2), within(1e-9));
      for (int i = 0; i < 4; i++) {
        assertThat(g1[i]).as("component %d, modified %s", i, modified).isCloseTo(g2[i], within(1e-5 * (1 + Math.abs(g2[i]))));
      }
    }
    SpendRows spend = SpendRows.of(new double[] {1, 2, 3, 5, 2, 1}, new double[] {10, 22.5, 31, 17, 9, 40},
        new double[] {3, 1, 2, 1, 4, 1});
    Likelihood analytic = new GammaGamma.SpendLikelihood(spend);
    Likelihood numeric = new Likelihood(3) {
      @Override
      double value(double[] q) {
        return analytic.value(q);
      }
    };
    double[] v = {2.5, 3.1, 12};
    double[] g1 = new double[3];
    double[] g2 = new double[3];
    double ll = analytic.valueAndGradient(v, g1);
    numeric.valueAndGradient(v, g2);
    for (int i = 0; i < 3; i++) {
      assertThat(g1[i]).as("gamma-gamma component %d", i).isCloseTo(g2[i], within(1e-5 * (1 + Math.abs(g2[i]))));
    }
    // grouped by frequency, it is still the sum of the per-customer log-likelihoods
    GammaGamma model = new GammaGamma(2.5, 3.1, 12);
    double sum = 0;
    for (int i = 0; i < spend.size(); i++) {
      sum += spend.weight(i) * model.logLikelihood(spend.frequency(i), spend.monetaryValue(i));
    }
    assertThat(ll).isCloseTo(sum, within(1e-9));
  }

  @Test
  void a_fit_without_a_maximum_fails_with_iterations_parameters_and_likelihood() {
    // nobody ever comes back: the likelihood keeps growing as the purchase rate goes to 0
    double[] zeros = new double[100];
    double[] ages = ClvSimulator.ages(100, 39);
    assertThatThrownBy(() -> BgNbd.fit(CbsRows.of(zeros, zeros, ages)))
        .isInstanceOf(FitException.class)
        .hasMessageContaining("bg-nbd fit failed")
        .hasMessageContaining("iterations")
        .hasMessageContaining("last parameters {r=")
        .hasMessageContaining("log-likelihood")
        .satisfies(e -> {
          FitException f = (FitException) e;
          assertThat(f.lastParameters()).hasSize(4);
          assertThat(f.iterations()).isPositive();
          assertThat(f.model()).isEqualTo("bg-nbd");
        });
  }

  @Test
  void rows_are_checked_and_the_error_names_the_row_field_and_value() {
    double[] one = {1};
    assertThatThrownBy(() -> CbsRows.of(new double[] {-1}, new double[] {0}, one))
        .hasMessage("row 0: frequency must be a whole number >= 0, got -1.0");
    assertThatThrownBy(() -> CbsRows.of(new double[] {1.5}, new double[] {0}, one))
        .hasMessageContaining("frequency must be a whole number");
    assertThatThrownBy(() -> CbsRows.of(one, new double[] {2}, one))
        .hasMessage("row 0: recency 2.0 is greater than T 1.0");
    assertThatThrownBy(() -> CbsRows.of(new double[] {0}, new double[] {0.5}, one))
        .hasMessage("row 0: frequency is 0 but recency is 0.5 (must be 0)");
    assertThatThrownBy(() -> CbsRows.of(one, new double[] {Double.NaN}, one))
        .hasMessageContaining("recency must be finite");
    assertThatThrownBy(() -> CbsRows.of(one, one, one, new double[] {0}))
        .hasMessage("row 0: weight must be a whole number >= 1, got 0.0");
    assertThatThrownBy(() -> CbsRows.of(one, one, new double[] {1, 2}))
        .hasMessageContaining("same length");
    assertThatThrownBy(() -> SpendRows.of(new double[] {0}, new double[] {3}))
        .hasMessageContaining("frequency must be a whole number >= 1");
    assertThatThrownBy(() -> SpendRows.of(new double[] {2}, new double[] {0}))
        .hasMessage("row 0: monetary value must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> BgBb.fit(CbsRows.of(new double[] {3}, new double[] {2}, new double[] {5})))
        .hasMessageContaining("frequency 3.0 is greater than recency 2.0");
    assertThatThrownBy(() -> BgBb.fit(CbsRows.of(new double[] {1}, new double[] {1.5}, new double[] {5})))
        .hasMessageContaining("whole numbers of periods");
  }

  @Test
  void parameters_must_be_finite_and_positive() {
    assertThatThrownBy(() -> new BgNbd(0, 1, 1, 1)).hasMessage("r must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> new ParetoNbd(1, 1, Double.NaN, 1)).hasMessageContaining("s must be finite");
    assertThatThrownBy(() -> new GammaGamma(1, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("gamma must be");
    assertThatThrownBy(() -> TransactionModel.of("bg-nbd", Map.of("r", 1.0)))
        .hasMessageContaining("needs exactly the parameters r, alpha, a, b");
    assertThatThrownBy(() -> TransactionModel.of("nbd", Map.of()))
        .hasMessageContaining("unknown transaction model 'nbd'");
    TransactionModel m = TransactionModel.of("pareto-nbd", Map.of("r", 1.0, "alpha", 2.0, "s", 3.0, "beta", 4.0));
    assertThat(m).isEqualTo(new ParetoNbd(1, 2, 3, 4));
    assertThat(m.parameters().keySet()).containsExactly("r", "alpha", "s", "beta");
  }

  @Test
  void predictions_refuse_impossible_histories() {
    BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
    assertThatThrownBy(() -> m.probabilityAlive(2, 40, 39)).hasMessage("recency 40.0 is greater than T 39.0");
    assertThatThrownBy(() -> m.conditionalExpectedPurchases(-1, 2, 30, 39)).hasMessageContaining("horizon t");
    assertThatThrownBy(() -> m.probabilityOfPurchases(-1, 3)).hasMessageContaining("n must be >= 0");
    assertThatThrownBy(() -> new BgBb(1, 1, 1, 1).expectedPurchases(2.5)).hasMessageContaining("whole number");
  }

  @Test
  void model_comparison_orders_by_bic() {
    ClvSimulator sim = ClvSimulator.withSeed(3);
    Histories h = sim.bgNbd(3_000, 0.5, 4, 0.8, 2.5, sim.cohortAges(3_000, 39, 12, 1.0 / 7)).onGrid(1.0 / 7);
    CbsRows rows = CbsRows.of(h.frequency(), h.recency(), h.T());
    ModelFit<BgNbd> bg = BgNbd.fit(rows);
    assertThat(bg.aic()).isEqualTo(8 - 2 * bg.logLikelihood());
    assertThat(bg.bic()).isCloseTo(4 * Math.log(3_000) - 2 * bg.logLikelihood(), within(1e-9));
    assertThat(Arrays.asList(bg.standardErrors().keySet().toArray())).containsExactly("r", "alpha", "a", "b");
  }
}
