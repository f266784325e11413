package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;

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
   * Maximum-likelihood fit on the rows (gradients by central differences).
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
    double[] w = rows.weights();
    double[] ages = rows.ages();
    double total = 0;
    double weightedAge = 0;
    for (int i = 0; i < rows.size(); i++) {
      total += w[i];
      weightedAge += w[i] * ages[i];
    }
    double meanAge = total > 0 ? weightedAge / total : 0;
    double c = meanAge > 0 ? 1 / meanAge : 1; // times x c: T is 1 on average
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

  /** The rows with recency and T multiplied by {@code c}. */
  private static CbsRows scaled(CbsRows rows, double c) {
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

  @Override
  public double expectedPurchases(double t) {
    return conditionalExpectedPurchases(t, 0, 0, 0);
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

  /** The Pareto/NBD likelihood on compressed rows; gradients by central differences. */
  private static final class ParetoLikelihood extends Likelihood {
    private final CbsRows rows;

    ParetoLikelihood(CbsRows rows) {
      super(4);
      this.rows = rows;
    }

    @Override
    double value(double[] p) {
      double r = p[0];
      double alpha = p[1];
      double s = p[2];
      double beta = p[3];
      double[] times = rows.times();
      double[] logAlpha = new double[times.length];
      double[] logBeta = new double[times.length];
      for (int j = 0; j < times.length; j++) {
        logAlpha[j] = Math.log(alpha + times[j]);
        logBeta[j] = Math.log(beta + times[j]);
      }
      double[] freq = rows.frequencies();
      double[] w = rows.weights();
      int[] ti = rows.ageIndex();
      double[] tx = rows.recencies();
      double[] age = rows.ages();
      double common = -logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
      double sum = 0;
      for (int g = 0; g < rows.groups(); g++) {
        int from = rows.groupStart(g);
        int to = rows.groupStart(g + 1);
        double x = freq[from];
        double a1 = logGamma(r + x) + common;
        double logShare = Math.log(s) - Math.log(r + s + x);
        for (int i = from; i < to; i++) {
          double alive = -(r + x) * logAlpha[ti[i]] - s * logBeta[ti[i]];
          double died = logShare + logA0(r, alpha, s, beta, x, tx[i], age[i]);
          sum += w[i] * (a1 + Checks.logAddExp(alive, died));
        }
      }
      return sum;
    }
  }
}
