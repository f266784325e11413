package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.digamma;
import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α) and lives an exponential lifetime with rate
 * μ ~ Gamma(s, β). Formulas as in Fader and Hardie's derivation notes (2005, 2006), with the
 * integral A0 written through the Gauss hypergeometric function of {@link Hypergeometric}.
 *
 * <pre>{@code
 * ParetoNbd model = ParetoNbd.fit(rows).model();
 * model.probabilityAlive(2, 30.43, 38.86);
 * }</pre>
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements TransactionModel {

  static final String ID = "pareto-nbd";
  static final String[] NAMES = {"r", "alpha", "s", "beta"};

  public ParetoNbd {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("s", s);
    Checks.positive("beta", beta);
  }

  /**
   * Maximum-likelihood fit on the rows (with the analytic gradient).
   *
   * <p>The fit runs in a time unit of its own, the customers' mean age T, and is scaled back: the
   * same data give the same fit, and the same verdict, in days, weeks or months. Data that do
   * not identify the model (weakly identified heterogeneity or dropout) are not an error: the
   * maximum found is returned with {@link ModelFit#warnings() warnings} saying which parameter
   * runs to a boundary or has a standard error far beyond its estimate.
   *
   * @throws FitException when the likelihood cannot be evaluated at the start
   */
  public static ModelFit<ParetoNbd> fit(CbsRows rows) {
    double c = unitScale(rows);
    CbsRows scaled = scaled(rows, c);
    double[] start = BgNbd.start(scaled);
    java.util.List<String> warnings = new java.util.ArrayList<>();
    MaximumLikelihood.Optimum o = MaximumLikelihood.fit(ID, NAMES, new ParetoLikelihood(scaled),
        new double[] {1, start[1], 1, start[1]}, scaled.totalWeight(), warnings);
    double[] q = o.parameters();
    // rates scale with 1 / time: alpha and beta (scales of the rates' gammas) with time
    double[] p = {q[0], q[1] / c, q[2], q[3] / c};
    double[] se = o.standardErrors();
    double[] seBack = {se[0], se[1] / c, se[2], se[3] / c};
    double logLikelihood = new ParetoLikelihood(rows).value(p);
    return new MaximumLikelihood.Optimum(p, logLikelihood, seBack, o.iterations(), o.warnings())
        .toFit(v -> new ParetoNbd(v[0], v[1], v[2], v[3]), NAMES, rows.customers(), rows.size());
  }

  /** The factor that makes the customers' mean age T 1 (1 when it is 0). */
  static double unitScale(CbsRows rows) {
    double[] w = rows.weights();
    double[] ages = rows.ages();
    double total = 0;
    double weightedAge = 0;
    for (int i = 0; i < rows.size(); i++) {
      total += w[i];
      weightedAge += w[i] * ages[i];
    }
    double meanAge = total > 0 ? weightedAge / total : 0;
    return meanAge > 0 ? 1 / meanAge : 1; // times x c: T is 1 on average
  }

  /** The rows with recency and T multiplied by {@code c}. */
  static CbsRows scaled(CbsRows rows, double c) {
    if (c == 1) {
      return rows;
    }
    int n = rows.size();
    double[] x = rows.frequencies().clone();
    double[] tx = rows.recencies().clone();
    double[] t = rows.ages().clone();
    for (int i = 0; i < n; i++) {
      tx[i] *= c;
      t[i] *= c;
      if (tx[i] > t[i]) {
        tx[i] = t[i]; // rounding of the product
      }
    }
    return CbsRows.of(x, tx, t, rows.weights().clone());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Double> parameters() {
    return ModelFit.named(NAMES, new double[] {r, alpha, s, beta});
  }

  @Override
  public double logLikelihood(double x, double tx, double T) {
    Checks.history(x, tx, T);
    return logLikelihood(r, alpha, s, beta, x, tx, T);
  }

  /** Fader and Hardie (2005, note 009) eq. 18. */
  static double logLikelihood(double r, double alpha, double s, double beta, double x, double tx, double T) {
    double a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    double alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    double died = Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, T);
    return a1 + Checks.logAddExp(alive, died);
  }

  /**
   * ln A0 = ln[(r+s+x) ∫ from t_x to T of (α+τ)^-(r+x) (β+τ)^-(s+1) dτ], through
   * 2F1(r+s+x, b'; r+s+x+1; |α-β|/(max(α,β)+t)) (notes eq. 19, 20).
   */
  static double logA0(double r, double alpha, double s, double beta, double x, double tx, double T) {
    if (T == tx) {
      return Double.NEGATIVE_INFINITY;
    }
    double max = Math.max(alpha, beta);
    double d = Math.abs(alpha - beta);
    double b2 = alpha >= beta ? s + 1 : r + x;
    double a2 = r + s + x;
    double p1 = Hypergeometric.log2F1(a2, b2, a2 + 1, d / (max + tx)) - a2 * Math.log(max + tx);
    double p2 = Hypergeometric.log2F1(a2, b2, a2 + 1, d / (max + T)) - a2 * Math.log(max + T);
    if (!(p2 < p1)) {
      return Double.NEGATIVE_INFINITY; // T and t_x so close that the integral is below rounding
    }
    return p1 + Math.log(-Math.expm1(p2 - p1));
  }

  @Override
  public double probabilityAlive(double x, double tx, double T) {
    Checks.history(x, tx, T);
    return Checks.logistic(logOddsDead(x, tx, T));
  }

  private double logOddsDead(double x, double tx, double T) {
    return Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T)
        + logA0(r, alpha, s, beta, x, tx, T);
  }

  /** Notes eq. 41: P(alive) (r+x)(β+T)/(α+T) [1 - ((β+T)/(β+T+t))^(s-1)]/(s-1). */
  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double T) {
    Checks.horizon(t);
    Checks.history(x, tx, T);
    if (t == 0) {
      return 0;
    }
    double l = Math.log1p(t / (beta + T));
    // [1 - e^(-(s-1) l)] / (s-1), whose limit at s = 1 is l
    double g = s == 1 ? l : -Math.expm1(-(s - 1) * l) / (s - 1);
    return Checks.logistic(logOddsDead(x, tx, T)) * (r + x) / (alpha + T) * (beta + T) * g;
  }

  /**
   * Fader and Hardie (2006, note 028) eq. 16 for a customer with no history (x = t_x = T = 0),
   * where the likelihood is 1. Rounding below 0 is reported as 0.
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.count(n);
    Checks.horizon(t);
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double max = Math.max(alpha, beta);
    double d = Math.abs(alpha - beta);
    double p = alpha < beta ? r + n : s + 1;
    double common = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
    double lbeta = logBeta(r + n, s + 1);
    double first = n * Math.log(t) - logGamma(n + 1.0) + logGamma(r + n) + common
        - (r + n) * Math.log(alpha + t) - s * Math.log(beta + t);
    double second = common + logGamma(r + s) + lbeta - logGamma(s)
        + Hypergeometric.log2F1(r + s, p, r + s + n + 1, d / max) - (r + s) * Math.log(max);
    double third = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= n; i++) {
      double term = i * Math.log(t) - logGamma(i + 1.0) + common + logGamma(r + s + i) + lbeta - logGamma(s)
          + Hypergeometric.log2F1(r + s + i, p, r + s + n + 1, d / (max + t)) - (r + s + i) * Math.log(max + t);
      third = Checks.logAddExp(third, term);
    }
    double value = Math.exp(first) + Math.exp(second) * -Math.expm1(third - second);
    return Math.min(1, Math.max(0, value));
  }

  /**
   * The Pareto/NBD likelihood on compressed rows with its analytic gradient.
   *
   * <p>ln A0 = ln(F(max+t_x) - F(max+T)) with F(y) = y^-(r+s+x) 2F1(r+s+x, b'; r+s+x+1; |α-β|/y)
   * (notes eq. 19, 20). F depends on the row only through its frequency and one time, so it is
   * computed once per (frequency, distinct time), with its derivatives in r, α, s, β: the 2F1 is
   * summed as a series whose terms carry their own derivatives in the series' parameters and
   * argument ({@link Hypergeometric#seriesWithDerivatives}), after Euler's transformation when
   * b' &gt; 1, exactly where {@link Hypergeometric#log2F1} applies it.
   */
  static final class ParetoLikelihood extends AnalyticLikelihood {
    private final CbsRows rows;

    ParetoLikelihood(CbsRows rows) {
      super(4);
      this.rows = rows;
    }

    @Override
    double evaluate(double[] p, double @Nullable [] gradient) {
      double r = p[0];
      double alpha = p[1];
      double s = p[2];
      double beta = p[3];
      double[] times = rows.times();
      int nt = times.length;
      double[] logAlpha = new double[nt];
      double[] logBeta = new double[nt];
      for (int j = 0; j < nt; j++) {
        logAlpha[j] = Math.log(alpha + times[j]);
        logBeta[j] = Math.log(beta + times[j]);
      }
      // ln F and its four derivatives per distinct time, valid for the group stamped
      double[] f = new double[5 * nt];
      int[] stamp = new int[nt];
      java.util.Arrays.fill(stamp, -1);
      double[] series = new double[4];
      double[] freq = rows.frequencies();
      double[] w = rows.weights();
      int[] ti = rows.ageIndex();
      int[] txi = rows.recencyIndex();
      double lnAlpha = Math.log(alpha);
      double lnBeta = Math.log(beta);
      double common = -logGamma(r) + r * lnAlpha + s * lnBeta;
      boolean wantGradient = gradient != null;
      double dgR = wantGradient ? digamma(r) : 0;
      double sum = 0;
      double gr = 0;
      double ga = 0;
      double gs = 0;
      double gb = 0;
      for (int g = 0; g < rows.groups(); g++) {
        int from = rows.groupStart(g);
        int to = rows.groupStart(g + 1);
        double x = freq[from];
        double rx = r + x;
        double a1 = logGamma(rx) + common;
        double rsx = r + s + x;
        double logShare = Math.log(s) - Math.log(rsx);
        double groupWeight = 0;
        // weighted sums of the alive and died shares and of the terms' derivatives
        double sAliveR = 0;
        double sAliveA = 0;
        double sAliveS = 0;
        double sAliveB = 0;
        double sDied = 0;
        double sDiedR = 0;
        double sDiedA = 0;
        double sDiedS = 0;
        double sDiedB = 0;
        for (int i = from; i < to; i++) {
          int t = ti[i];
          double wi = w[i];
          groupWeight += wi;
          double alive = -rx * logAlpha[t] - s * logBeta[t];
          double died = Double.NEGATIVE_INFINITY;
          double e = 0;
          int tx = txi[i];
          if (tx != t) {
            logF(g, x, tx, r, alpha, s, beta, times, f, stamp, series);
            logF(g, x, t, r, alpha, s, beta, times, f, stamp, series);
            double p1 = f[5 * tx];
            double p2 = f[5 * t];
            if (p2 < p1) {
              e = Math.exp(p2 - p1);
              died = logShare + p1 + Math.log(-Math.expm1(p2 - p1));
            }
          }
          // ln(e^alive + e^died) and the two shares from one exponential
          double share;
          double lse;
          double wAlive;
          if (died == Double.NEGATIVE_INFINITY) {
            lse = alive;
            share = 0;
            wAlive = wi;
          } else {
            double d = Math.exp(-Math.abs(alive - died));
            lse = Math.max(alive, died) + Math.log1p(d);
            double small = d / (1 + d);
            double large = 1 / (1 + d);
            share = alive >= died ? small : large; // of the died term
            wAlive = wi * (alive >= died ? large : small);
          }
          sum += wi * lse;
          if (!wantGradient) {
            continue;
          }
          sAliveR -= wAlive * logAlpha[t];
          sAliveA -= wAlive * rx / (alpha + times[t]);
          sAliveS -= wAlive * logBeta[t];
          sAliveB -= wAlive * s / (beta + times[t]);
          if (died != Double.NEGATIVE_INFINITY) {
            double wDied = wi * share / (1 - e);
            // d ln A0 = (dP1 - e dP2) / (1 - e)
            sDied += wi * share;
            sDiedR += wDied * (f[5 * tx + 1] - e * f[5 * t + 1]);
            sDiedA += wDied * (f[5 * tx + 2] - e * f[5 * t + 2]);
            sDiedS += wDied * (f[5 * tx + 3] - e * f[5 * t + 3]);
            sDiedB += wDied * (f[5 * tx + 4] - e * f[5 * t + 4]);
          }
        }
        sum += groupWeight * a1;
        if (wantGradient) {
          gr += groupWeight * (digamma(rx) - dgR + lnAlpha) + sAliveR + sDiedR - sDied / rsx;
          ga += groupWeight * r / alpha + sAliveA + sDiedA;
          gs += groupWeight * lnBeta + sAliveS + sDiedS + sDied * (1 / s - 1 / rsx);
          gb += groupWeight * s / beta + sAliveB + sDiedB;
        }
      }
      if (wantGradient) {
        gradient[0] = gr;
        gradient[1] = ga;
        gradient[2] = gs;
        gradient[3] = gb;
      }
      return sum;
    }

    /**
     * Fills f[5j..5j+4] with ln F(max(α,β) + times[j]) and its derivatives in r, α, s, β, unless
     * group g already did.
     */
    private static void logF(int g, double x, int j, double r, double alpha, double s, double beta, double[] times,
        double[] f, int[] stamp, double[] series) {
      if (stamp[j] == g) {
        return;
      }
      stamp[j] = g;
      boolean alphaMax = alpha >= beta;
      double d = Math.abs(alpha - beta);
      double y = Math.max(alpha, beta) + times[j];
      double z = d / y;
      double a2 = r + s + x;
      double b2 = alphaMax ? s + 1 : r + x;
      double logY = Math.log(y);
      double value;
      double dA2;
      double dB2;
      double dZ;
      if (b2 > 1) {
        // Euler: 2F1(a2, b2; a2+1; z) = (1-z)^(1-b2) 2F1(1, a2+1-b2; a2+1; z)
        double sum = Hypergeometric.seriesWithDerivatives(1, a2 + 1 - b2, a2 + 1, z, series);
        double log1mz = Math.log1p(-z);
        value = (1 - b2) * log1mz + Math.log(sum);
        dA2 = (series[1] + series[2]) / sum;
        dB2 = -log1mz - series[1] / sum;
        dZ = -(1 - b2) / (1 - z) + series[3] / sum;
      } else {
        double sum = Hypergeometric.seriesWithDerivatives(a2, b2, a2 + 1, z, series);
        value = Math.log(sum);
        dA2 = (series[0] + series[2]) / sum;
        dB2 = series[1] / sum;
        dZ = series[3] / sum;
      }
      value -= a2 * logY;
      dA2 -= logY;
      double dY = -a2 / y - dZ * d / (y * y);
      double dD = dZ / y;
      int k = 5 * j;
      f[k] = value;
      if (alphaMax) {
        f[k + 1] = dA2;
        f[k + 2] = dY + dD;
        f[k + 3] = dA2 + dB2;
        f[k + 4] = -dD;
      } else {
        f[k + 1] = dA2 + dB2;
        f[k + 2] = -dD;
        f[k + 3] = dA2;
        f[k + 4] = dY + dD;
      }
    }
  }
}
