package dev.crmkit.scoring.clv;

/** Argument checks shared by the models; each message names the field and the value. */
final class Checks {

  private Checks() {}

  static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
    return value;
  }

  static double horizon(double t) {
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("horizon t must be finite and >= 0, got " + t);
    }
    return t;
  }

  static void history(double x, double tx, double t) {
    if (!(x >= 0) || x != Math.rint(x) || x > 1e9) {
      throw new IllegalArgumentException("frequency must be a whole number >= 0, got " + x);
    }
    if (!(tx >= 0) || Double.isInfinite(tx)) {
      throw new IllegalArgumentException("recency must be finite and >= 0, got " + tx);
    }
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("T must be finite and >= 0, got " + t);
    }
    if (tx > t) {
      throw new IllegalArgumentException("recency " + tx + " is greater than T " + t);
    }
    if (x == 0 && tx != 0) {
      throw new IllegalArgumentException("frequency is 0 but recency is " + tx + " (must be 0)");
    }
  }

  static int count(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("number of purchases n must be >= 0, got " + n);
    }
    return n;
  }

  /** ln(e^u + e^v) without overflow. */
  static double logAddExp(double u, double v) {
    if (u == Double.NEGATIVE_INFINITY) {
      return v;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return u;
    }
    double m = Math.max(u, v);
    return m + Math.log1p(Math.exp(-Math.abs(u - v)));
  }

  /** 1 / (1 + e^u) without overflow. */
  static double logistic(double u) {
    return u > 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
  }
}
