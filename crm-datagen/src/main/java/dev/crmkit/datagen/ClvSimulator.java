package dev.crmkit.datagen;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulates customer bases from the probabilistic models of customer-base analysis, for
 * parameter-recovery tests and benchmarks: BG/NBD, MBG/NBD, Pareto/NBD (continuous time),
 * BG/BB (discrete opportunities) and Gamma-Gamma spend; Pareto/NBD and BG/NBD also with
 * time-invariant covariates (CLVTools' parameterisation). Every draw comes from one seeded
 * {@link SplittableRandom}, so a seed gives the same customers on every machine.
 *
 * <pre>{@code
 * ClvSimulator sim = ClvSimulator.withSeed(42);
 * ClvSimulator.Histories h = sim.bgNbd(10_000, 0.243, 4.414, 0.793, 2.426, ClvSimulator.ages(10_000, 39.0));
 * ClvSimulator.Spend s = sim.gammaGamma(h.frequency(), 6.25, 3.74, 15.44);
 * }</pre>
 */
public final class ClvSimulator {

  /** Per customer: repeat purchases, time of the last one (0 when none) and age T. */
  public record Histories(double[] frequency, double[] recency, double[] T) {
    public Histories {
      if (frequency.length != recency.length || frequency.length != T.length) {
        throw new IllegalArgumentException("columns must have the same length");
      }
    }

    public int size() {
      return frequency.length;
    }

    /**
     * The same customers seen on a grid of {@code step} time units (times rounded down), as a
     * summary computed from whole days or weeks sees them.
     */
    public Histories onGrid(double step) {
      if (!(step > 0)) {
        throw new IllegalArgumentException("step must be > 0, got " + step);
      }
      double[] tx = new double[recency.length];
      double[] age = new double[T.length];
      for (int i = 0; i < tx.length; i++) {
        tx[i] = Math.floor(recency[i] / step) * step;
        age[i] = Math.floor(T[i] / step) * step;
      }
      return new Histories(frequency.clone(), tx, age);
    }
  }

  /** Per customer with at least one repeat purchase: the count and the mean value. */
  public record Spend(double[] frequency, double[] monetaryValue) {}

  /**
   * Receives each simulated repeat purchase as it is drawn: the customer's index and the time
   * since the customer's first purchase, so a generator can turn the same draws into dated
   * transactions.
   */
  @FunctionalInterface
  public interface PurchaseListener {
    void purchase(int customer, double time);
  }

  private static final PurchaseListener NONE = (customer, time) -> {};

  private final SplittableRandom random;

  private ClvSimulator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public static ClvSimulator withSeed(long seed) {
    return new ClvSimulator(seed);
  }

  /** n customers all observed for the same time T. */
  public static double[] ages(int n, double T) {
    double[] ages = new double[n];
    Arrays.fill(ages, T);
    return ages;
  }

  /**
   * Ages of a cohort that joined uniformly over the first {@code spread} units of a calibration
   * period of length {@code length}, in whole steps of {@code step} (1/7 for days in weeks).
   */
  public double[] cohortAges(int n, double length, double spread, double step) {
    double[] ages = new double[n];
    int steps = (int) Math.round(spread / step);
    for (int i = 0; i < n; i++) {
      ages[i] = length - random.nextInt(steps) * step;
    }
    return ages;
  }

  /** BG/NBD: Poisson(λ) purchases, λ ~ Gamma(r, α); dropout p ~ Beta(a, b) after each repeat purchase. */
  public Histories bgNbd(int n, double r, double alpha, double a, double b, double[] T) {
    return betaGeometric(n, r, alpha, a, b, T, false, NONE);
  }

  /** As {@link #bgNbd(int, double, double, double, double, double[])}, telling each repeat purchase to the listener. */
  public Histories bgNbd(int n, double r, double alpha, double a, double b, double[] T, PurchaseListener listener) {
    return betaGeometric(n, r, alpha, a, b, T, false, Objects.requireNonNull(listener, "listener"));
  }

  /** MBG/NBD: as BG/NBD, and the customer may also drop out at the first purchase. */
  public Histories mbgNbd(int n, double r, double alpha, double a, double b, double[] T) {
    return betaGeometric(n, r, alpha, a, b, T, true, NONE);
  }

  /**
   * BG/NBD with time-invariant covariates, parameterised as R's CLVTools does: customer i (row i
   * of {@code z}) has α_i = α0 exp(-γ_trans'z_i), a_i = a0 exp(γ_life'z_i) and
   * b_i = b0 exp(γ_life'z_i).
   */
  public Histories bgNbd(int n, double r, double alpha0, double a0, double b0, double[] T, double[][] z,
      double[] gammaTrans, double[] gammaLife) {
    double[][] p = individual(n, z, gammaTrans, gammaLife, new double[] {alpha0, a0, b0}, new int[] {-1, 2, 2});
    return betaGeometric(n, r, p[0], p[1], p[2], T, false, NONE);
  }

  /**
   * Pareto/NBD with time-invariant covariates, parameterised as R's CLVTools does: customer i
   * (row i of {@code z}) has α_i = α0 exp(-γ_trans'z_i) and β_i = β0 exp(-γ_life'z_i).
   */
  public Histories paretoNbd(int n, double r, double alpha0, double s, double beta0, double[] T, double[][] z,
      double[] gammaTrans, double[] gammaLife) {
    double[][] p = individual(n, z, gammaTrans, gammaLife, new double[] {alpha0, beta0}, new int[] {-1, -2});
    return paretoNbd(n, r, p[0], s, p[1], T, NONE);
  }

  /**
   * Per customer, each base value times exp(sign γ'z_i): sign ±1 with the transaction
   * coefficients, ±2 with the lifetime ones.
   */
  private static double[][] individual(int n, double[][] z, double[] gammaTrans, double[] gammaLife, double[] base,
      int[] sign) {
    if (z.length != n || gammaTrans.length != gammaLife.length) {
      throw new IllegalArgumentException("need one covariate row per customer and one coefficient per covariate"
          + " and process: n = " + n + ", rows = " + z.length + ", gammaTrans = " + gammaTrans.length
          + ", gammaLife = " + gammaLife.length);
    }
    double[][] out = new double[base.length][n];
    for (int i = 0; i < n; i++) {
      if (z[i].length != gammaTrans.length) {
        throw new IllegalArgumentException("covariate row " + i + " has " + z[i].length + " values, the coefficients "
            + gammaTrans.length);
      }
      double t = 0;
      double l = 0;
      for (int k = 0; k < gammaTrans.length; k++) {
        t += gammaTrans[k] * z[i][k];
        l += gammaLife[k] * z[i][k];
      }
      for (int j = 0; j < base.length; j++) {
        double eta = Math.abs(sign[j]) == 1 ? t : l;
        out[j][i] = base[j] * Math.exp(Math.signum(sign[j]) * eta);
      }
    }
    return out;
  }

  private Histories betaGeometric(int n, double r, double alpha, double a, double b, double[] T, boolean modified,
      PurchaseListener listener) {
    return betaGeometric(n, r, constant(n, alpha), constant(n, a), constant(n, b), T, modified, listener);
  }

  private static double[] constant(int n, double value) {
    double[] v = new double[n];
    Arrays.fill(v, value);
    return v;
  }

  private Histories betaGeometric(int n, double r, double[] alpha, double[] a, double[] b, double[] T,
      boolean modified, PurchaseListener listener) {
    check(n, T);
    double[] x = new double[n];
    double[] tx = new double[n];
    for (int i = 0; i < n; i++) {
      double lambda = gamma(r) / alpha[i];
      double p = beta(a[i], b[i]);
      if (modified && random.nextDouble() < p) {
        continue;
      }
      double t = 0;
      while (true) {
        t += exponential() / lambda;
        if (t > T[i]) {
          break;
        }
        x[i]++;
        tx[i] = t;
        listener.purchase(i, t);
        if (random.nextDouble() < p) {
          break;
        }
      }
    }
    return new Histories(x, tx, T.clone());
  }

  /** Pareto/NBD: Poisson(λ) purchases, λ ~ Gamma(r, α), over an exponential lifetime of rate μ ~ Gamma(s, β). */
  public Histories paretoNbd(int n, double r, double alpha, double s, double beta, double[] T) {
    return paretoNbd(n, r, alpha, s, beta, T, NONE);
  }

  /** As {@link #paretoNbd(int, double, double, double, double, double[])}, telling each repeat purchase to the listener. */
  public Histories paretoNbd(int n, double r, double alpha, double s, double beta, double[] T,
      PurchaseListener listener) {
    return paretoNbd(n, r, constant(n, alpha), s, constant(n, beta), T, Objects.requireNonNull(listener, "listener"));
  }

  private Histories paretoNbd(int n, double r, double[] alpha, double s, double[] beta, double[] T,
      PurchaseListener listener) {
    check(n, T);
    double[] x = new double[n];
    double[] tx = new double[n];
    for (int i = 0; i < n; i++) {
      double lambda = gamma(r) / alpha[i];
      double mu = gamma(s) / beta[i];
      double end = Math.min(T[i], exponential() / mu);
      double t = 0;
      while (true) {
        t += exponential() / lambda;
        if (t > end) {
          break;
        }
        x[i]++;
        tx[i] = t;
        listener.purchase(i, t);
      }
    }
    return new Histories(x, tx, T.clone());
  }

  /**
   * BG/BB over {@code periods} opportunities: before each one the customer drops out with
   * probability θ ~ Beta(γ, δ); alive, he buys with probability p ~ Beta(α, β). T is the
   * number of opportunities.
   */
  public Histories bgBb(int n, double alpha, double beta, double gamma, double delta, int periods) {
    if (n < 0 || periods < 0) {
      throw new IllegalArgumentException("n and periods must be >= 0, got " + n + ", " + periods);
    }
    double[] x = new double[n];
    double[] tx = new double[n];
    for (int i = 0; i < n; i++) {
      double p = beta(alpha, beta);
      double theta = beta(gamma, delta);
      for (int t = 1; t <= periods; t++) {
        if (random.nextDouble() < theta) {
          break;
        }
        if (random.nextDouble() < p) {
          x[i]++;
          tx[i] = t;
        }
      }
    }
    return new Histories(x, tx, ages(n, periods));
  }

  /**
   * Gamma-Gamma spend for the customers with at least one repeat purchase: values Gamma(p, ν),
   * ν ~ Gamma(q, γ); the result holds those customers only, with the mean of their values.
   */
  public Spend gammaGamma(double[] frequency, double p, double q, double gamma) {
    Objects.requireNonNull(frequency, "frequency");
    int repeaters = (int) Arrays.stream(frequency).filter(f -> f > 0).count();
    double[] x = new double[repeaters];
    double[] m = new double[repeaters];
    int j = 0;
    for (double f : frequency) {
      if (f <= 0) {
        continue;
      }
      double nu = gamma(q) / gamma;
      double total = 0;
      for (int k = 0; k < f; k++) {
        total += gamma(p) / nu;
      }
      x[j] = f;
      m[j++] = total / f;
    }
    return new Spend(x, m);
  }

  private static void check(int n, double[] T) {
    if (T.length != n) {
      throw new IllegalArgumentException("need one age per customer: n = " + n + ", ages = " + T.length);
    }
  }

  private double exponential() {
    return -Math.log(1 - random.nextDouble());
  }

  /** A Gamma(shape, scale = 1/rate) draw from this simulator's stream (Gamma-Gamma spend per purchase). */
  public double gamma(double shape, double rate) {
    if (!(shape > 0) || !(rate > 0)) {
      throw new IllegalArgumentException("shape and rate must be > 0, got " + shape + ", " + rate);
    }
    return gamma(shape) / rate;
  }

  /** A uniform draw in [0, 1) from this simulator's stream. */
  public double uniform() {
    return random.nextDouble();
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000), boosted by U^(1/shape) below shape 1. */
  double gamma(double shape) {
    if (shape < 1) {
      return gamma(shape + 1) * Math.pow(1 - random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private double beta(double a, double b) {
    double x = gamma(a);
    double y = gamma(b);
    return x / (x + y);
  }

  private double normal() {
    // Marsaglia's polar method; the second value is dropped to keep the state simple
    while (true) {
      double u = 2 * random.nextDouble() - 1;
      double v = 2 * random.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }
}
