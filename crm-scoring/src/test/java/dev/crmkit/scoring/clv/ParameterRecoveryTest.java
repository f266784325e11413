package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.testkit.clv.ClvSimulator;
import dev.crmkit.testkit.clv.ClvSimulator.Histories;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Data simulated from known parameters is fitted back: every estimate lies within 4.5 standard
 * errors (from the fit's own Hessian, so the tolerance is what the sample size justifies) of the
 * truth, and the fitted log-likelihood is at least that of the true parameters (it is a
 * maximum). BG/BB is checked by the likelihood ratio instead (see {@link
 * #recoveredByLikelihoodRatio}).
 */
class ParameterRecoveryTest {

  static final double Z = 4.5;

  static void recovered(ModelFit<?> fit, ClvModel truth, double truthLogLikelihood) {
    Map<String, Double> estimates = fit.model().parameters();
    truth.parameters().forEach((name, value) -> assertThat(estimates.get(name))
        .as("%s: estimate %s, truth %s, standard error %s", name, estimates.get(name), value,
            fit.standardErrors().get(name))
        .isCloseTo(value, org.assertj.core.api.Assertions.within(Z * fit.standardErrors().get(name))));
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(truthLogLikelihood - 1e-6);
  }

  static double logLikelihood(TransactionModel model, Histories h) {
    double sum = 0;
    for (int i = 0; i < h.size(); i++) {
      sum += model.logLikelihood(h.frequency()[i], h.recency()[i], h.T()[i]);
    }
    return sum;
  }

  static CbsRows rows(Histories h) {
    return CbsRows.of(h.frequency(), h.recency(), h.T());
  }

  @Property(tries = 5)
  void bg_nbd(@ForAll long seed, @ForAll @DoubleRange(min = 0.3, max = 2) double r,
      @ForAll @DoubleRange(min = 2, max = 10) double alpha, @ForAll @DoubleRange(min = 0.5, max = 2) double a,
      @ForAll @DoubleRange(min = 1, max = 5) double b) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    Histories h = sim.bgNbd(20_000, r, alpha, a, b, sim.cohortAges(20_000, 52, 12, 1.0 / 7));
    BgNbd truth = new BgNbd(r, alpha, a, b);
    recovered(BgNbd.fit(rows(h)), truth, logLikelihood(truth, h));
  }

  @Property(tries = 5)
  void mbg_nbd(@ForAll long seed, @ForAll @DoubleRange(min = 0.3, max = 2) double r,
      @ForAll @DoubleRange(min = 2, max = 10) double alpha, @ForAll @DoubleRange(min = 0.5, max = 2) double a,
      @ForAll @DoubleRange(min = 1, max = 5) double b) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    Histories h = sim.mbgNbd(20_000, r, alpha, a, b, sim.cohortAges(20_000, 52, 12, 1.0 / 7));
    MbgNbd truth = new MbgNbd(r, alpha, a, b);
    recovered(MbgNbd.fit(rows(h)), truth, logLikelihood(truth, h));
  }

  @Property(tries = 3)
  void pareto_nbd(@ForAll long seed, @ForAll @DoubleRange(min = 0.3, max = 2) double r,
      @ForAll @DoubleRange(min = 2, max = 10) double alpha, @ForAll @DoubleRange(min = 0.3, max = 2) double s,
      @ForAll @DoubleRange(min = 5, max = 20) double beta) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    // whole days in weeks, as a summary sees them: compressed rows keep the fit quick
    Histories h = sim.paretoNbd(10_000, r, alpha, s, beta, sim.cohortAges(10_000, 52, 12, 1.0 / 7))
        .onGrid(1.0 / 7);
    ParetoNbd truth = new ParetoNbd(r, alpha, s, beta);
    ModelFit<ParetoNbd> fit = ParetoNbd.fit(rows(h));
    // the grid moves the likelihood a little: the truth is compared on the same grid
    recovered(fit, truth, logLikelihood(truth, h));
  }

  @Property(tries = 5)
  void bg_bb(@ForAll long seed, @ForAll @DoubleRange(min = 0.5, max = 3) double alpha,
      @ForAll @DoubleRange(min = 0.5, max = 3) double beta, @ForAll @DoubleRange(min = 0.5, max = 3) double gamma,
      @ForAll @DoubleRange(min = 1, max = 5) double delta) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    Histories h = sim.bgBb(20_000, alpha, beta, gamma, delta, 8);
    BgBb truth = new BgBb(alpha, beta, gamma, delta);
    recoveredByLikelihoodRatio(BgBb.fit(rows(h)), logLikelihood(truth, h));
  }

  /**
   * With 8 opportunities BG/BB's parameters are strongly correlated and its likelihood is far from
   * quadratic, so per-parameter Wald intervals (estimate +- z standard errors) are too narrow:
   * the likelihood-ratio statistic 2 (LL(fit) - LL(truth)) is the check that holds. Wilks: it is
   * chi-squared with 4 degrees of freedom; the bound is its 1 - 1e-6 quantile.
   */
  static void recoveredByLikelihoodRatio(ModelFit<?> fit, double truthLogLikelihood) {
    double bound = new ChiSquaredDistribution(fit.model().parameters().size())
        .inverseCumulativeProbability(1 - 1e-6);
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(truthLogLikelihood - 1e-6);
    assertThat(2 * (fit.logLikelihood() - truthLogLikelihood))
        .as("likelihood ratio of %s against the truth", fit.model())
        .isLessThanOrEqualTo(bound);
  }

  @Test
  void bg_bb_sample_whose_wald_intervals_miss_the_truth() {
    // alpha is 5.1 standard errors off, yet the fit is a true maximum 5 log-units above the truth:
    // 2 x 5.0 = 10.0 is an ordinary chi-squared(4) value (p about 0.04)
    ClvSimulator sim = ClvSimulator.withSeed(8833655306001856778L);
    Histories h = sim.bgBb(20_000, 0.64, 3.0, 3.0, 1.65, 8);
    BgBb truth = new BgBb(0.64, 3.0, 3.0, 1.65);
    ModelFit<BgBb> fit = BgBb.fit(rows(h));
    assertThat(Math.abs(fit.model().alpha() - 0.64) / fit.standardErrors().get("alpha")).isGreaterThan(Z);
    recoveredByLikelihoodRatio(fit, logLikelihood(truth, h));
    assertThat(2 * (fit.logLikelihood() - logLikelihood(truth, h))).isCloseTo(10.0, within(0.1));
  }

  @Property(tries = 5)
  void gamma_gamma(@ForAll long seed, @ForAll @DoubleRange(min = 1, max = 10) double p,
      @ForAll @DoubleRange(min = 2, max = 8) double q, @ForAll @DoubleRange(min = 5, max = 50) double gamma) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    double[] frequency = new double[20_000];
    for (int i = 0; i < frequency.length; i++) {
      frequency[i] = 1 + i % 6;
    }
    ClvSimulator.Spend spend = sim.gammaGamma(frequency, p, q, gamma);
    GammaGamma truth = new GammaGamma(p, q, gamma);
    double truthLl = 0;
    for (int i = 0; i < spend.frequency().length; i++) {
      truthLl += truth.logLikelihood(spend.frequency()[i], spend.monetaryValue()[i]);
    }
    recovered(GammaGamma.fit(SpendRows.of(spend.frequency(), spend.monetaryValue())), truth, truthLl);
  }
}
