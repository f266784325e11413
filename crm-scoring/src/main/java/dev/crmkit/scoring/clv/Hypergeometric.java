package dev.crmkit.scoring.clv;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters, c > 0 and z < 1, in
 * log space.
 *
 * <p>The models need it where the plain Gauss series is useless: BG/NBD conditional expectations
 * for a customer with 10,000 purchases have a = r + x and b = b + x near 10,000, so the series
 * grows like e^(xz) before it converges and the value overflows; Pareto/NBD needs it for z close
 * to 1. Three classical identities keep every series short and its terms tame:
 *
 * <ul>
 *   <li>z &lt; 0: Pfaff, 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)), whose argument is in
 *       (0, 1);
 *   <li>c - a - b &lt; 0: Euler, 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z), whose terms
 *       decay like k^(c-a-b-1) z^k instead of growing;
 *   <li>the series itself is summed with a running term, so only its ratio (a+k)(b+k)z /
 *       ((c+k)(k+1)) is computed.
 * </ul>
 * The result is the natural logarithm; the function is positive wherever the models use it, and
 * a non-positive or non-convergent sum is an {@link ArithmeticException} that quotes the
 * arguments, never a silent NaN.
 */
final class Hypergeometric {

  /**
   * Enough for z up to about 1 - 5e-6 on the series, which decay at least like z^k; beyond, the
   * call fails rather than run for seconds.
   */
  static final int MAX_TERMS = 10_000_000;

  private Hypergeometric() {}

  /** ln 2F1(a, b; c; z) for c &gt; 0, z &lt; 1. */
  static double log2F1(double a, double b, double c, double z) {
    if (!(c > 0) || !(z < 1) || Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(z)) {
      throw new ArithmeticException(describe("needs c > 0 and z < 1", a, b, c, z));
    }
    if (z == 0 || a == 0 || b == 0) {
      return 0;
    }
    if (z < 0) {
      // Pfaff on whichever parameter leaves the better-behaved series: prefer c-b > 0 (positive
      // terms); both are exact.
      double w = z / (z - 1);
      double log1mz = Math.log1p(-z);
      if (c - b >= 0 || c - a < 0) {
        return -a * log1mz + log2F1(a, c - b, c, w);
      }
      return -b * log1mz + log2F1(c - a, b, c, w);
    }
    double cab = c - a - b;
    if (cab < 0) {
      return cab * Math.log1p(-z) + logSeries(c - a, c - b, c, z);
    }
    return logSeries(a, b, c, z);
  }

  /** ln of the Gauss series, summed with a running term; for 0 &lt; z &lt; 1. */
  private static double logSeries(double a, double b, double c, double z) {
    double sum = 1;
    double term = 1;
    // after k passes max(-a, -b), every ratio has one sign and the terms shrink monotonically
    // once the ratio is below 1, so the tail is bounded by term * ratio / (1 - ratio).
    double settle = Math.max(0, Math.max(-a, -b)) + 1;
    for (int k = 0; k < MAX_TERMS; k++) {
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
      term *= ratio;
      sum += term;
      if (term == 0) {
        return logOf(sum, a, b, c, z);
      }
      // the ratios tend to z, from above or below: the larger of the two bounds all later ones
      double absRatio = Math.max(Math.abs(ratio), z);
      if (k >= settle && absRatio < 1) {
        double tail = Math.abs(term) * absRatio / (1 - absRatio);
        if (tail <= 1e-16 * Math.abs(sum)) {
          return logOf(sum, a, b, c, z);
        }
      }
      if (!Double.isFinite(sum)) {
        break;
      }
    }
    throw new ArithmeticException(describe("the series did not converge", a, b, c, z));
  }

  /**
   * The Gauss series S = Σ_k (a)_k (b)_k / ((c)_k k!) z^k for a, b, c &gt; 0 and 0 &le; z &lt; 1, in
   * linear space, with its partial derivatives written to {@code d}: dS/da, dS/db, dS/dc, dS/dz.
   * The parameter derivatives are summed term by term (d ln t_k / da = Σ_{j<k} 1/(a+j)), so one
   * pass gives the value and all four; Pareto/NBD's analytic gradient needs them. Stopped when
   * a bound on the remaining terms of every sum is below 1e-16 (value) or 1e-15 (derivatives)
   * of the value.
   *
   * @throws ArithmeticException quoting the arguments when the series does not converge
   */
  static double seriesWithDerivatives(double a, double b, double c, double z, double[] d) {
    if (!(a > 0) || !(b > 0) || !(c > 0) || !(z >= 0) || !(z < 1)) {
      throw new ArithmeticException(describe("the series with derivatives needs a, b, c > 0 and 0 <= z < 1", a, b, c, z));
    }
    double sum = 1;
    double term = 1;
    double la = 0; // d ln t_k / da, db, dc of the current term
    double lb = 0;
    double lc = 0;
    double sa = 0;
    double sb = 0;
    double sc = 0;
    double q = 0; // t_k / z, kept apart so that z = 0 works
    double sz = 0;
    for (int k = 0; k < MAX_TERMS; k++) {
      la += 1 / (a + k);
      lb += 1 / (b + k);
      lc -= 1 / (c + k);
      double ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
      q = k == 0 ? a * b / c : q * ratio;
      term *= ratio;
      sum += term;
      sa += term * la;
      sb += term * lb;
      sc += term * lc;
      sz += (k + 1) * q;
      boolean done = term == 0 && q == 0;
      // all ratios are positive and tend to z: the larger of the two bounds all later ones
      double bound = Math.max(ratio, z);
      if (!done && k >= 1 && bound < 1) {
        double tail = term * bound / (1 - bound);
        // later terms carry log-derivatives below la, lb, -lc plus m/(a+k)..., and weights k + m
        double tailParameters = tail * (Math.max(la, Math.max(lb, -lc)) + k + 2) / (1 - bound);
        double tailZ = q * bound * (k + 2) / ((1 - bound) * (1 - bound));
        done = tail <= 1e-16 * sum && tailParameters <= 1e-15 * sum && tailZ <= 1e-15 * (sum + sz);
      }
      if (done) {
        d[0] = sa;
        d[1] = sb;
        d[2] = sc;
        d[3] = sz;
        return sum;
      }
      if (!Double.isFinite(sum)) {
        break;
      }
    }
    throw new ArithmeticException(describe("the series with derivatives did not converge", a, b, c, z));
  }

  /**
   * c 2F1(a, b; c; z) for a, b &gt; 0, c &gt; -1 (c = 0 included, as the limit) and 0 &le; z &lt; 1, in linear
   * space. Where c &le; 0 the series has no use; Gauss' contiguous relation
   * c(c-1)(z-1) F(c-1) + c[c-1-(2c-a-b-1)z] F(c) + (c-a)(c-b) z F(c+1) = 0, taken at c + 1,
   * gives it from F(c+1) and F(c+2), and multiplying by c removes the pole at c = 0. BG/NBD needs
   * this for E[X(t)] when a + b &lt; 1.
   */
  static double scaled2F1(double a, double b, double c, double z) {
    if (!(c > -1) || !(z >= 0) || !(z < 1)) {
      throw new ArithmeticException(describe("the scaled form needs c > -1 and 0 <= z < 1", a, b, c, z));
    }
    if (c > 0.5) {
      return c * Math.exp(log2F1(a, b, c, z));
    }
    double up = c + 1;
    double f1 = Math.exp(log2F1(a, b, up, z));
    double f2 = Math.exp(log2F1(a, b, up + 1, z));
    return -(up * (up - 1 - (2 * up - a - b - 1) * z) * f1 + (up - a) * (up - b) * z * f2) / (up * (z - 1));
  }

  private static double logOf(double sum, double a, double b, double c, double z) {
    if (!(sum > 0)) {
      throw new ArithmeticException(describe("the series sum is not positive (" + sum + ")", a, b, c, z));
    }
    return Math.log(sum);
  }

  private static String describe(String why, double a, double b, double c, double z) {
    return "2F1(a=" + a + ", b=" + b + ", c=" + c + ", z=" + z + "): " + why;
  }
}
