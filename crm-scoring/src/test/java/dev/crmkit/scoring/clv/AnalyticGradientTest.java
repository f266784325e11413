package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every analytic gradient against central differences of its own likelihood, in log-parameters
 * (the optimiser's coordinates), at points on both sides of the branches the formulas take.
 */
class AnalyticGradientTest {

  /** Histories with small and large frequencies, t_x = T, t_x = 0 and repeated times. */
  static CbsRows histories(long seed, int n) {
    Random random = new Random(seed);
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 1 + random.nextInt(39) + (random.nextBoolean() ? 0 : random.nextInt(7) / 7.0);
      int kind = random.nextInt(10);
      x[i] = kind == 0 ? 0 : kind == 1 ? 200 + random.nextInt(300) : random.nextInt(12);
      tx[i] = x[i] == 0 ? 0 : kind == 2 ? t[i] : Math.floor(random.nextDouble() * t[i] * 7) / 7;
    }
    return CbsRows.of(x, tx, t);
  }

  /** The relative difference of the analytic and the numerical d LL / d ln p_i, for each i. */
  static void assertGradientMatches(Likelihood likelihood, double[] p, double tolerance) {
    double[] analytic = new double[p.length];
    double value = likelihood.valueAndGradient(p, analytic);
    assertThat(likelihood.value(p)).isCloseTo(value, within(1e-9 * Math.abs(value)));
    double h = 1e-5;
    for (int i = 0; i < p.length; i++) {
      double[] up = p.clone();
      double[] down = p.clone();
      up[i] = p[i] * Math.exp(h);
      down[i] = p[i] * Math.exp(-h);
      double numeric = (likelihood.value(up) - likelihood.value(down)) / (2 * h);
      double exact = analytic[i] * p[i];
      // central differences are accurate to about h^2 |f'''| and rounding |f| 1e-16 / h
      double scale = Math.max(Math.abs(numeric), 1e-6 * Math.abs(value));
      assertThat(exact).as("d LL / d ln p[%d] at %s", i, java.util.Arrays.toString(p))
          .isCloseTo(numeric, within(tolerance * scale));
    }
  }

  @Test
  void pareto_nbd_gradient_matches_central_differences_for_alpha_above_below_and_equal_to_beta() {
    CbsRows rows = histories(5, 3000);
    double[][] points = {
      {0.553, 10.578, 0.606, 11.669}, // CDNOW: alpha < beta
      {0.553, 11.669, 0.606, 10.578}, // alpha > beta
      {1.7, 4.0, 0.3, 4.0},           // alpha = beta: z = 0
      {0.2, 3.0, 2.5, 60.0},          // b' = r + x <= 1 for x = 0: the plain series
      {3.0, 80.0, 0.05, 1.5},         // s small, alpha far above beta
    };
    for (double[] p : points) {
      assertGradientMatches(new ParetoNbd.ParetoLikelihood(rows), p, 1e-6);
    }
  }

  @Test
  void pareto_nbd_compressed_likelihood_is_the_sum_over_customers() {
    CbsRows rows = histories(9, 500);
    ParetoNbd m = new ParetoNbd(0.8, 6.0, 1.3, 9.0);
    double sum = 0;
    for (int i = 0; i < rows.size(); i++) {
      sum += rows.weight(i) * m.logLikelihood(rows.frequency(i), rows.recency(i), rows.T(i));
    }
    double compressed = new ParetoNbd.ParetoLikelihood(rows).value(new double[] {0.8, 6.0, 1.3, 9.0});
    assertThat(compressed).isCloseTo(sum, within(1e-9 * Math.abs(sum)));
  }

  @Test
  void bg_nbd_and_mbg_nbd_gradients_match_central_differences() {
    CbsRows rows = histories(7, 2000);
    for (double[] p : new double[][] {{0.243, 4.414, 0.793, 2.426}, {2.0, 0.5, 1.0, 0.3}, {0.05, 30, 4, 0.9}}) {
      assertGradientMatches(new BetaGeometricLikelihood(rows, false), p, 1e-6);
      assertGradientMatches(new BetaGeometricLikelihood(rows, true), p, 1e-6);
    }
  }

  @Test
  void gamma_gamma_gradient_matches_central_differences() {
    Random random = new Random(3);
    int n = 1000;
    double[] x = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 1 + random.nextInt(20);
      m[i] = 5 + 100 * random.nextDouble();
    }
    GammaGamma.SpendLikelihood likelihood = new GammaGamma.SpendLikelihood(SpendRows.of(x, m));
    for (double[] p : new double[][] {{6.25, 3.74, 15.44}, {0.5, 1.5, 200}}) {
      assertGradientMatches(likelihood, p, 1e-6);
    }
  }

  @Test
  void series_derivatives_match_central_differences() {
    double[] d = new double[4];
    double[][] args = {{1, 3.5, 4.2, 0.3}, {2.5, 0.7, 3.5, 0.9}, {1, 400.5, 401.1, 0.6}, {0.4, 1.2, 1.4, 0}};
    for (double[] a : args) {
      double s = Hypergeometric.seriesWithDerivatives(a[0], a[1], a[2], a[3], d);
      assertThat(Math.log(s)).isCloseTo(Hypergeometric.log2F1(a[0], a[1], a[2], a[3]), within(1e-12));
      double[] scratch = new double[4];
      for (int i = 0; i < 4; i++) {
        double h = 1e-6 * Math.max(1, Math.abs(a[i]));
        double[] up = a.clone();
        double[] down = a.clone();
        up[i] += h;
        down[i] -= h;
        if (i == 3 && a[3] == 0) {
          down[i] = 0;
          up[i] = 2 * h; // one-sided at z = 0, where the series starts: the slope a b / c
          double numeric = (Hypergeometric.seriesWithDerivatives(up[0], up[1], up[2], up[3], scratch) - s) / (2 * h);
          assertThat(d[3]).isCloseTo(a[0] * a[1] / a[2], within(1e-14));
          assertThat(d[3]).isCloseTo(numeric, within(1e-5));
          continue;
        }
        double numeric = (Hypergeometric.seriesWithDerivatives(up[0], up[1], up[2], up[3], scratch)
            - Hypergeometric.seriesWithDerivatives(down[0], down[1], down[2], down[3], scratch)) / (2 * h);
        assertThat(d[i]).as("dS/d arg %d at %s", i, java.util.Arrays.toString(a))
            .isCloseTo(numeric, within(1e-7 * Math.max(1, Math.abs(numeric))));
      }
    }
  }
}
