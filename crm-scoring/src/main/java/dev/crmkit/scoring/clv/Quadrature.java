package dev.crmkit.scoring.clv;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Adaptive Gauss-Legendre quadrature of smooth functions, in log space: the GGompertz/NBD
 * likelihood and predictions are integrals over the lifetime with no closed form.
 *
 * <p>Each interval is integrated with 10 and 20 nodes (from Hipparchus); when the two disagree by
 * more than 1e-12 of the larger, the interval is halved. Integrands are given as their logarithm
 * and shifted by the largest value seen at a few points before exponentiation, so integrals far
 * below the smallest double (a customer with hundreds of purchases) keep their logarithm.
 */
final class Quadrature {

  /** Nodes and weights on [-1, 1]: {nodes, weights}. */
  private static final double[][] G10 = rule(new GaussIntegratorFactory().legendre(10, -1, 1));
  private static final double[][] G20 = rule(new GaussIntegratorFactory().legendre(20, -1, 1));
  private static final int MAX_DEPTH = 40;
  private static final double TOLERANCE = 1e-12;
  /** A piece whose integral is bounded by this share of a first estimate of the whole is negligible. */
  private static final double NEGLIGIBLE = 1e-15;

  private Quadrature() {}

  /**
   * ln ∫ from a to b of e^(logIntegrand(τ)) dτ for a &lt; b; -infinity when the integrand is 0
   * (or -infinity in log) everywhere. {@code breaks} are points where the integrand may peak
   * (those outside (a, b) are ignored): the interval is split there, and at the largest of 9
   * equally spaced samples, so that no peak lies inside a piece where the rules could miss it.
   *
   * @throws ArithmeticException when the integral does not converge or is not finite
   */
  static double logIntegral(DoubleUnaryOperator logIntegrand, double a, double b, double... breaks) {
    java.util.TreeSet<Double> cuts = new java.util.TreeSet<>();
    cuts.add(a);
    cuts.add(b);
    for (double t : breaks) {
      if (t > a && t < b) {
        cuts.add(t);
      }
    }
    double offset = Double.NEGATIVE_INFINITY;
    double argmax = a;
    for (int i = 0; i <= 8; i++) {
      double t = a + (b - a) * i / 8;
      double v = logIntegrand.applyAsDouble(t);
      if (v > offset && v < Double.POSITIVE_INFINITY) {
        offset = v;
        argmax = t;
      }
    }
    for (double t : cuts) {
      double v = logIntegrand.applyAsDouble(t);
      if (v > offset && v < Double.POSITIVE_INFINITY) {
        offset = v;
        argmax = t;
      }
    }
    if (offset == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    cuts.add(argmax);
    double shift = offset;
    DoubleUnaryOperator f = t -> Math.exp(logIntegrand.applyAsDouble(t) - shift);
    double[] points = cuts.stream().mapToDouble(Double::doubleValue).toArray();
    int pieces = points.length - 1;
    double[] coarse = new double[pieces];
    double[] fine = new double[pieces];
    double estimate = 0;
    for (int i = 0; i < pieces; i++) {
      coarse[i] = rule(G10, f, points[i], points[i + 1]);
      fine[i] = rule(G20, f, points[i], points[i + 1]);
      estimate += fine[i];
    }
    double negligible = NEGLIGIBLE * Math.abs(estimate);
    double value = 0;
    double fa = f.applyAsDouble(points[0]);
    for (int i = 0; i < pieces; i++) {
      double fb = f.applyAsDouble(points[i + 1]);
      value += integrate(f, points[i], points[i + 1], 0, fa, fb, negligible, coarse[i], fine[i]);
      fa = fb;
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new ArithmeticException("the lifetime integral from " + a + " to " + b + " is " + value);
    }
    return offset + Math.log(value);
  }

  /** ∫ from a to b of f for a smooth f. */
  static double integrate(DoubleUnaryOperator f, double a, double b) {
    double fine = rule(G20, f, a, b);
    return integrate(f, a, b, 0, f.applyAsDouble(a), f.applyAsDouble(b), NEGLIGIBLE * Math.abs(fine), rule(G10, f, a, b),
        fine);
  }

  /**
   * Accepts a piece when the two rules agree and, so that a peak at an end that neither rule's
   * nodes reach is not taken for nothing, the integral is not far below (end value x width), or
   * that bound is negligible against a first estimate of the whole integral (a power τ^n at an
   * end has integral (end value x width) / (n + 1)).
   */
  private static double integrate(DoubleUnaryOperator f, double a, double b, int depth, double fa, double fb,
      double negligible, double coarse, double fine) {
    double ends = Math.max(Math.abs(fa), Math.abs(fb)) * (b - a);
    // the rules agree to 1e-12 of the piece, or to 1e-15 of the whole integral (a piece next to an
    // end where the integrand's slope is infinite may never agree relatively, and does not count)
    boolean agree = Math.abs(fine - coarse) <= TOLERANCE * Math.max(Math.abs(fine), Math.abs(coarse))
        || Math.abs(fine - coarse) <= negligible;
    if (ends <= negligible && Math.max(Math.abs(fine), Math.abs(coarse)) <= negligible) {
      return fine; // whatever the rules say (a power τ^n of high degree at an end), the piece does not count
    }
    if (agree && ends <= 50 * Math.abs(fine)) {
      return fine;
    }
    if (depth == MAX_DEPTH) {
      throw new ArithmeticException("the lifetime integral from " + a + " to " + b + " did not converge ("
          + coarse + " with 10 nodes, " + fine + " with 20)");
    }
    double mid = (a + b) / 2;
    double fm = f.applyAsDouble(mid);
    return integrate(f, a, mid, depth + 1, fa, fm, negligible, rule(G10, f, a, mid), rule(G20, f, a, mid))
        + integrate(f, mid, b, depth + 1, fm, fb, negligible, rule(G10, f, mid, b), rule(G20, f, mid, b));
  }

  private static double[][] rule(GaussIntegrator integrator) {
    int n = integrator.getNumberOfPoints();
    double[][] rule = new double[2][n];
    for (int i = 0; i < n; i++) {
      rule[0][i] = integrator.getPoint(i);
      rule[1][i] = integrator.getWeight(i);
    }
    return rule;
  }

  private static double rule(double[][] rule, DoubleUnaryOperator f, double a, double b) {
    double half = (b - a) / 2;
    double centre = (a + b) / 2;
    double[] nodes = rule[0];
    double[] weights = rule[1];
    double sum = 0;
    for (int i = 0; i < nodes.length; i++) {
      sum += weights[i] * f.applyAsDouble(centre + half * nodes[i]);
    }
    return sum * half;
  }
}
