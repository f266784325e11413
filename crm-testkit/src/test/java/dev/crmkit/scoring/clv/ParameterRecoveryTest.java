package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.datagen.ClvSimulator;
import dev.crmkit.datagen.ClvSimulator.Histories;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * Data simulated from known parameters is fitted back: the fitted log-likelihood is at least that
 * of the true parameters (it is a maximum), and the truth lies inside the fit's likelihood
 * confidence region: 2 (LL(fit) - LL(truth)) is at most the 1 - 1e-6 quantile of chi-squared with
 * as many degrees of freedom as parameters (Wilks), so the tolerance is what the sample size
 * justifies. Per-parameter Wald intervals (estimate +- 4.5 Hessian standard errors) were used
 * first, but these models' parameters are strongly correlated and their likelihoods far from
 * quadratic, and seeds were found where an estimate misses by 4.7-5.1 standard errors while the
 * fit is an ordinary likelihood distance from the truth (the examples below).
 */
class ParameterRecoveryTest {

  static void recovered(ModelFit<?> fit, ClvModel truth, double truthLogLikelihood) {
    double bound = new ChiSquaredDistribution(truth.parameters().size()).inverseCumulativeProbability(1 - 1e-6);
    assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(truthLogLikelihood - 1e-6);
    assertThat(2 * (fit.logLikelihood() - truthLogLikelihood))
        .as("likelihood ratio of the fit %s against the truth %s", fit.model(), truth)
        .isLessThanOrEqualTo(bound);
  }

  /** How many of the fit's standard errors the estimate of a parameter is from the truth. */
  static double waldDistance(ModelFit<?> fit, ClvModel truth, String name) {
    return Math.abs(fit.model().parameters().get(name) - truth.parameters().get(name))
        / fit.standardErrors().get(name);
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
    recovered(BgBb.fit(rows(h)), truth, logLikelihood(truth, h));
  }

  @Test
  void bg_bb_sample_whose_wald_intervals_miss_the_truth() {
    // alpha is 5.1 standard errors off, yet the fit is a true maximum 5 log-units above the truth:
    // 2 x 5.0 = 10.0 is an ordinary chi-squared(4) value (p about 0.04)
    ClvSimulator sim = ClvSimulator.withSeed(8833655306001856778L);
    Histories h = sim.bgBb(20_000, 0.64, 3.0, 3.0, 1.65, 8);
    BgBb truth = new BgBb(0.64, 3.0, 3.0, 1.65);
    ModelFit<BgBb> fit = BgBb.fit(rows(h));
    assertThat(waldDistance(fit, truth, "alpha")).isGreaterThan(5);
    assertThat(2 * (fit.logLikelihood() - logLikelihood(truth, h))).isCloseTo(10.0, within(0.1));
    recovered(fit, truth, logLikelihood(truth, h));
  }

  @Test
  void pareto_nbd_sample_whose_wald_intervals_miss_the_truth() {
    ClvSimulator sim = ClvSimulator.withSeed(-55883);
    Histories h = sim.paretoNbd(10_000, 0.66, 2.92, 2.0, 20.0, sim.cohortAges(10_000, 52, 12, 1.0 / 7))
        .onGrid(1.0 / 7);
    ParetoNbd truth = new ParetoNbd(0.66, 2.92, 2.0, 20.0);
    ModelFit<ParetoNbd> fit = ParetoNbd.fit(rows(h));
    assertThat(waldDistance(fit, truth, "beta")).isGreaterThan(4.5);
    recovered(fit, truth, logLikelihood(truth, h));
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
