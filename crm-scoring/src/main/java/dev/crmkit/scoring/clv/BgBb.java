package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;

/**
 * The BG/BB model (Fader, Hardie and Shang 2010) for discrete transaction opportunities: while
 * alive a customer buys at each opportunity with probability p ~ Beta(α, β) and, before each
 * opportunity, drops out with probability θ ~ Beta(γ, δ).
 *
 * <p>Rows are (frequency x, recency t_x, periods n) with x &le; t_x &le; n whole numbers: x
 * transactions in n opportunities, the last one at opportunity t_x (0 when x = 0); the
 * {@code T} argument of the {@link TransactionModel} methods is n, and every horizon is a whole
 * number of opportunities.
 *
 * <pre>{@code
 * BgBb model = BgBb.fit(CbsRows.of(x, tx, periods, counts)).model();
 * model.conditionalExpectedPurchases(5, 3, 4, 6);
 * }</pre>
 */
public record BgBb(double alpha, double beta, double gamma, double delta) implements TransactionModel {

  static final String ID = "bg-bb";
  static final String[] NAMES = {"alpha", "beta", "gamma", "delta"};

  public BgBb {
    Checks.positive("alpha", alpha);
    Checks.positive("beta", beta);
    Checks.positive("gamma", gamma);
    Checks.positive("delta", delta);
  }

  /**
   * Maximum-likelihood fit on the rows (gradients by central differences).
   *
   * @throws IllegalArgumentException when a row has a fractional recency or period count, or
   *     frequency above recency
   * @throws FitException when the fit does not converge
   */
  public static ModelFit<BgBb> fit(CbsRows rows) {
    for (int i = 0; i < rows.size(); i++) {
      checkDiscrete("row " + i + ": ", rows.frequency(i), rows.recency(i), rows.T(i));
    }
    Likelihood likelihood = new Likelihood(4) {
      @Override
      double value(double[] p) {
        BgBb model = new BgBb(p[0], p[1], p[2], p[3]);
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
          sum += rows.weight(i) * model.logLikelihoodOf(rows.frequency(i), rows.recency(i), rows.T(i));
        }
        return sum;
      }
    };
    return MaximumLikelihood.fit(ID, NAMES, likelihood, new double[] {1, 1, 1, 1},
        rows.totalWeight())
        .toFit(p -> new BgBb(p[0], p[1], p[2], p[3]), NAMES, rows.customers(), rows.size());
  }

  private static void checkDiscrete(String where, double x, double tx, double n) {
    Checks.history(x, tx, n);
    if (tx != Math.rint(tx) || n != Math.rint(n)) {
      throw new IllegalArgumentException(where + "bg-bb needs whole numbers of periods, got recency " + tx
          + " and periods " + n);
    }
    if (x > tx) {
      throw new IllegalArgumentException(where + "frequency " + x + " is greater than recency " + tx
          + " (at most one transaction per period)");
    }
  }

  private static void checkHorizon(double t) {
    Checks.horizon(t);
    if (t != Math.rint(t)) {
      throw new IllegalArgumentException("bg-bb horizon must be a whole number of periods, got " + t);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Double> parameters() {
    return ModelFit.named(NAMES, new double[] {alpha, beta, gamma, delta});
  }

  @Override
  public double logLikelihood(double x, double tx, double n) {
    checkDiscrete("", x, tx, n);
    return logLikelihoodOf(x, tx, n);
  }

  /** FHS 2010 eq. 5; the sum runs with the ratio of consecutive beta functions. */
  private double logLikelihoodOf(double x, double tx, double n) {
    double lbab = logBeta(alpha, beta);
    double lbgd = logBeta(gamma, delta);
    double aliveThroughout = logBeta(alpha + x, beta + n - x) - lbab + logBeta(gamma, delta + n) - lbgd;
    int terms = (int) (n - tx);
    if (terms <= 0) {
      return aliveThroughout;
    }
    double sum = 1;
    double term = 1;
    for (int i = 0; i < terms - 1; i++) {
      term *= (beta + tx - x + i) / (alpha + beta + tx + i) * (delta + tx + i) / (gamma + 1 + delta + tx + i);
      sum += term;
    }
    double died = logBeta(alpha + x, beta + tx - x) + logBeta(gamma + 1, delta + tx) + Math.log(sum) - lbab - lbgd;
    return Checks.logAddExp(aliveThroughout, died);
  }

  /** The probability of being alive at opportunity n + 1 (FHS 2010 eq. 11). */
  @Override
  public double probabilityAlive(double x, double tx, double n) {
    checkDiscrete("", x, tx, n);
    double logAlive = logBeta(alpha + x, beta + n - x) - logBeta(alpha, beta)
        + logBeta(gamma, delta + n + 1) - logBeta(gamma, delta);
    return Math.min(1, Math.exp(logAlive - logLikelihoodOf(x, tx, n)));
  }

  /** Expected transactions in opportunities n+1 .. n+t (FHS 2010 eq. 13). */
  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double n) {
    checkHorizon(t);
    checkDiscrete("", x, tx, n);
    if (t == 0) {
      return 0;
    }
    if (Math.abs(gamma - 1) < 1e-6) {
      // gamma = 1 is a removable singularity (0/0)
      return (new BgBb(alpha, beta, 1 + 1e-5, delta).conditionalExpectedPurchases(t, x, tx, n)
          + new BgBb(alpha, beta, 1 - 1e-5, delta).conditionalExpectedPurchases(t, x, tx, n)) / 2;
    }
    double logFront = logBeta(alpha + x + 1, beta + n - x) - logBeta(alpha, beta) - logLikelihoodOf(x, tx, n)
        + Math.log(delta) + logGamma(gamma + delta) - logGamma(1 + delta)
        + logGamma(1 + delta + n) - logGamma(gamma + delta + n);
    double d = logGamma(1 + delta + n + t) - logGamma(gamma + delta + n + t)
        - logGamma(1 + delta + n) + logGamma(gamma + delta + n);
    return Math.exp(logFront) * (-Math.expm1(d) / (gamma - 1));
  }

  /** FHS 2010 eq. 7: exactly k transactions in the first t opportunities. */
  @Override
  public double probabilityOfPurchases(int k, double t) {
    Checks.count(k);
    checkHorizon(t);
    if (k > t) {
      return 0;
    }
    double lbab = logBeta(alpha, beta);
    double lbgd = logBeta(gamma, delta);
    double value = Math.exp(logChoose(t, k) + logBeta(alpha + k, beta + t - k) - lbab
        + logBeta(gamma, delta + t) - lbgd);
    for (int i = k; i < t; i++) {
      value += Math.exp(logChoose(i, k) + logBeta(alpha + k, beta + i - k) - lbab
          + logBeta(gamma + 1, delta + i) - lbgd);
    }
    return value;
  }

  private static double logChoose(double n, double k) {
    return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  }
}
