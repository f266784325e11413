package dev.crmkit.scoring.clv;

import org.jspecify.annotations.Nullable;

/**
 * A likelihood with an exact gradient: one method computes the value and, when asked, the
 * gradient with it (the two share most of their terms), so the fit takes its Hessian from
 * gradients.
 */
abstract class AnalyticLikelihood extends Likelihood {

  AnalyticLikelihood(int dimension) {
    super(dimension);
  }

  /** The weighted log-likelihood at {@code p}; when {@code gradient} is given, d value / d p_i in it. */
  abstract double evaluate(double[] p, double @Nullable [] gradient);

  @Override
  final double value(double[] p) {
    return evaluate(p, null);
  }

  @Override
  final boolean hasAnalyticGradient() {
    return true;
  }

  @Override
  final double valueAndGradient(double[] p, double[] gradient) {
    return evaluate(p, gradient);
  }
}
