package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Identities every transaction model must satisfy: probabilities alive in [0, 1], the
 * probabilities of n purchases summing to 1 with mean E[X(t)], conditional expectations growing
 * with the horizon, and finite results for frequency and T up to 10,000.
 */
class PredictionIdentitiesTest {

  @Provide
  Arbitrary<TransactionModel> models() {
    Arbitrary<Double> shape = Arbitraries.doubles().between(0.1, 5);
    Arbitrary<Double> scale = Arbitraries.doubles().between(0.5, 50);
    Arbitrary<Double> beta = Arbitraries.doubles().between(0.2, 10);
    return Arbitraries.oneOf(
        Combinators.combine(shape, scale, beta, beta).as((r, al, a, b) -> (TransactionModel) new BgNbd(r, al, a, b)),
        Combinators.combine(shape, scale, beta, beta).as((r, al, a, b) -> (TransactionModel) new MbgNbd(r, al, a, b)),
        Combinators.combine(shape, scale, shape, scale).as((r, al, s, be) -> (TransactionModel) new ParetoNbd(r, al, s, be)),
        Combinators.combine(beta, beta, beta, beta).as((a, b, g, d) -> (TransactionModel) new BgBb(a, b, g, d)),
        // GGompertz/NBD: hazards growing by e^(b T) up to e^100 over T = 10,000
        Combinators.combine(shape, scale, Arbitraries.doubles().between(1e-4, 0.01).ofScale(6), shape, beta)
            .as((r, al, b, s, be) -> (TransactionModel) new GGompertzNbd(r, al, b, s, be)));
  }

  /** A valid (x, t_x, T); whole periods for BG/BB. */
  record History(double x, double tx, double T) {}

  static History history(TransactionModel model, int x, double txShare, double T) {
    boolean discrete = model instanceof BgBb;
    double age = discrete ? Math.rint(T) : T;
    if (discrete) {
      x = (int) Math.min(x, age);
    }
    if (x == 0) {
      return new History(0, 0, age);
    }
    double tx = txShare * age;
    if (discrete) {
      tx = Math.max(x, Math.rint(tx));
    }
    return new History(x, tx, age);
  }

  @Property(tries = 200)
  void probability_alive_is_a_probability(@ForAll("models") TransactionModel model,
      @ForAll @IntRange(min = 0, max = 10_000) int x, @ForAll @DoubleRange(min = 0, max = 1) double share,
      @ForAll @DoubleRange(min = 0, max = 10_000) double T) {
    History h = history(model, x, share, T);
    assertThat(model.probabilityAlive(h.x(), h.tx(), h.T())).isBetween(0.0, 1.0);
  }

  @Property(tries = 200)
  void predictions_are_finite_for_frequency_and_T_up_to_10000(@ForAll("models") TransactionModel model,
      @ForAll @IntRange(min = 0, max = 10_000) int x, @ForAll @DoubleRange(min = 0, max = 1) double share,
      @ForAll @DoubleRange(min = 0, max = 10_000) double T, @ForAll @IntRange(min = 0, max = 10_000) int t) {
    History h = history(model, x, share, T);
    assertThat(model.logLikelihood(h.x(), h.tx(), h.T())).isFinite();
    double expected = model.conditionalExpectedPurchases(t, h.x(), h.tx(), h.T());
    assertThat(expected).isFinite().isGreaterThanOrEqualTo(0);
    assertThat(model.expectedPurchases(t)).isFinite().isGreaterThanOrEqualTo(0);
  }

  @Property(tries = 200)
  void conditional_expectations_grow_with_the_horizon(@ForAll("models") TransactionModel model,
      @ForAll @IntRange(min = 0, max = 200) int x, @ForAll @DoubleRange(min = 0, max = 1) double share,
      @ForAll @DoubleRange(min = 0, max = 500) double T, @ForAll @IntRange(min = 0, max = 200) int t,
      @ForAll @IntRange(min = 1, max = 200) int more) {
    History h = history(model, x, share, T);
    double shorter = model.conditionalExpectedPurchases(t, h.x(), h.tx(), h.T());
    double longer = model.conditionalExpectedPurchases(t + more, h.x(), h.tx(), h.T());
    assertThat(longer).isGreaterThanOrEqualTo(shorter * (1 - 1e-12));
    assertThat(model.expectedPurchases(t + more)).isGreaterThanOrEqualTo(model.expectedPurchases(t) * (1 - 1e-12));
  }

  @Property(tries = 60)
  void probabilities_of_n_purchases_sum_to_one_with_the_expected_mean(@ForAll("models") TransactionModel model,
      @ForAll @DoubleRange(min = 0.05, max = 2) double horizonInScales) {
    // horizons up to two time scales keep the count distribution's tail short enough to sum
    double scale = model instanceof BgBb ? 10 : model.parameters().get("alpha");
    double t = model instanceof BgBb ? Math.max(1, Math.rint(horizonInScales * scale)) : horizonInScales * scale;
    double total = 0;
    double mean = 0;
    for (int n = 0; n <= 3000; n++) {
      double p = model.probabilityOfPurchases(n, t);
      assertThat(p).isBetween(0.0, 1.0);
      total += p;
      mean += n * p;
      if (n > 20 && p < 1e-16) {
        break;
      }
    }
    assertThat(total).isCloseTo(1.0, within(1e-7));
    double expected = model.expectedPurchases(t);
    assertThat(mean).isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
  }
}
