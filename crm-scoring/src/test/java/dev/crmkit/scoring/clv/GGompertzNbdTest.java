package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GGompertz/NBD: the published CDNOW fit, its Pareto/NBD limit, and its predictions. */
class GGompertzNbdTest {

  @Test
  void cdnow_reproduces_the_published_log_likelihood_and_estimates() throws IOException {
    // Bemmaor and Glady (2012) on the CDNOW calibration data, in weeks:
    // r = 0.553, alpha = 10.578, b = 0.0002, s = 0.603, beta = 0.0026, LL = -9594.98
    CbsRows rows = CdnowPublishedEstimatesTest.summary().rows();
    double atPublished = new GGompertzNbd.GompertzLikelihood(rows).value(new double[] {0.553, 10.578, 0.0002, 0.603, 0.0026});
    // the printed b and beta have one and two digits, so their ratio (13, the Pareto/NBD beta in
    // the limit) is far from exact: the printed point has LL -9595.77, below the maximum
    assertThat(atPublished).isBetween(-9596.0, -9594.98);

    ModelFit<GGompertzNbd> fit = GGompertzNbd.fit(rows);
    GGompertzNbd m = fit.model();
    assertThat(CdnowPublishedEstimatesTest.round(fit.logLikelihood(), 2)).isEqualTo(-9594.98);
    assertThat(fit.logLikelihood()).isGreaterThan(atPublished);
    assertThat(CdnowPublishedEstimatesTest.round(m.r(), 3)).isEqualTo(0.553);
    assertThat(CdnowPublishedEstimatesTest.round(m.alpha(), 2)).isEqualTo(10.58);
    assertThat(m.s()).isCloseTo(0.603, within(0.005));
    // the maximum is at b -> 0 (the Pareto/NBD limit, s = 0.606): b and beta are not identified,
    // and the fit says so rather than failing
    assertThat(m.b()).isLessThan(0.0002);
    assertThat(fit.warnings()).isNotEmpty().allMatch(w -> w.endsWith("."))
        .anyMatch(w -> w.contains("Parameter b ") || w.contains("Parameter beta "));
  }

  @Test
  void is_pareto_nbd_in_the_limit_b_to_zero_with_beta_over_b_fixed() {
    double b = 1e-8;
    ParetoNbd pareto = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
    GGompertzNbd gompertz = new GGompertzNbd(0.553, 10.578, b, 0.606, 11.669 * b);
    double[][] histories = {{0, 0, 38.86}, {2, 30.43, 38.86}, {7, 12.5, 30}, {40, 29.9, 30}, {3, 20, 20}};
    for (double[] h : histories) {
      assertThat(gompertz.logLikelihood(h[0], h[1], h[2])).as("LL at %s", java.util.Arrays.toString(h))
          .isCloseTo(pareto.logLikelihood(h[0], h[1], h[2]), within(1e-6));
      assertThat(gompertz.probabilityAlive(h[0], h[1], h[2]))
          .isCloseTo(pareto.probabilityAlive(h[0], h[1], h[2]), within(1e-6));
      double expected = pareto.conditionalExpectedPurchases(39, h[0], h[1], h[2]);
      // the hazard grows by a factor e^(b t): relative differences of order b (T + t)
      assertThat(gompertz.conditionalExpectedPurchases(39, h[0], h[1], h[2])).isCloseTo(expected, within(1e-6 * expected));
    }
    for (int n = 0; n < 5; n++) {
      assertThat(gompertz.probabilityOfPurchases(n, 39)).isCloseTo(pareto.probabilityOfPurchases(n, 39), within(1e-6));
    }
  }

  @Test
  void probabilities_of_purchases_sum_to_one_with_mean_the_expected_purchases() {
    GGompertzNbd m = new GGompertzNbd(0.8, 6, 0.05, 0.7, 2.5); // a lifetime density with an inner mode
    double total = 0;
    double mean = 0;
    for (int n = 0; n < 400; n++) {
      double p = m.probabilityOfPurchases(n, 52);
      total += p;
      mean += n * p;
    }
    assertThat(total).isCloseTo(1, within(1e-9));
    assertThat(mean).isCloseTo(m.expectedPurchases(52), within(1e-7));
  }

  @Test
  void a_growing_hazard_kills_old_customers_sooner_than_pareto_nbd() {
    // same purchase process; hazard eta b e^(bt) grows, so a long-silent customer is less likely alive
    GGompertzNbd growing = new GGompertzNbd(0.553, 10.578, 0.1, 0.606, 11.669 * 0.1);
    ParetoNbd pareto = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
    assertThat(growing.probabilityAlive(3, 5, 100)).isLessThan(pareto.probabilityAlive(3, 5, 100));
  }

  @Test
  void parameters_are_named_and_checked() {
    GGompertzNbd m = new GGompertzNbd(0.553, 10.578, 0.0002, 0.603, 0.0026);
    assertThat(m.id()).isEqualTo("ggompertz-nbd");
    assertThat(m.parameters().keySet()).containsExactly("r", "alpha", "b", "s", "beta");
    assertThat(TransactionModel.of("ggompertz-nbd", m.parameters())).isEqualTo(m);
    assertThatThrownBy(() -> new GGompertzNbd(0.5, 10, 0, 0.6, 0.1)).hasMessageContaining("b").hasMessageContaining("0");
    assertThatThrownBy(() -> TransactionModel.of("ggompertz-nbd", Map.of("r", 1.0, "alpha", 1.0)))
        .hasMessageContaining("ggompertz-nbd needs exactly the parameters r, alpha, b, s, beta");
  }
}
