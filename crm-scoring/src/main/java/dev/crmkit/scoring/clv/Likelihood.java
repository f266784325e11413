package dev.crmkit.scoring.clv;

/**
 * A weighted log-likelihood over a model's parameters (all positive). Models with a closed-form
 * gradient override {@link #valueAndGradient}; the others get central differences in log space.
 */
abstract class Likelihood {

  private final int dimension;

  Likelihood(int dimension) {
    this.dimension = dimension;
  }

  final int dimension() {
    return dimension;
  }

  /** The weighted log-likelihood at {@code p}; NaN or -infinity where it cannot be computed. */
  abstract double value(double[] p);

  /**
   * Whether parameter i may take any real value (a covariate coefficient): the optimiser moves it
   * as it is, not through its logarithm. False for the models' own parameters, which are positive.
   */
  boolean unconstrained(int i) {
    return false;
  }

  /** Whether {@link #valueAndGradient} is exact (then the Hessian is taken from gradients). */
  boolean hasAnalyticGradient() {
    return false;
  }

  /** The value, with d value / d p_i written to {@code gradient}. */
  double valueAndGradient(double[] p, double[] gradient) {
    double f = value(p);
    double[] q = p.clone();
    double h = 1e-6;
    for (int i = 0; i < dimension; i++) {
      if (unconstrained(i)) {
        double step = h * Math.max(1, Math.abs(p[i]));
        q[i] = p[i] + step;
        double up = value(q);
        q[i] = p[i] - step;
        double down = value(q);
        q[i] = p[i];
        gradient[i] = (up - down) / (2 * step);
        continue;
      }
      q[i] = p[i] * Math.exp(h);
      double up = value(q);
      q[i] = p[i] * Math.exp(-h);
      double down = value(q);
      q[i] = p[i];
      // d f / d ln p_i = p_i d f / d p_i
      gradient[i] = (up - down) / (2 * h) / p[i];
    }
    return f;
  }

  /** The value and gradient, turning a numerical failure of a special function into NaN. */
  final double safeValueAndGradient(double[] p, double[] gradient) {
    try {
      return valueAndGradient(p, gradient);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }
}
