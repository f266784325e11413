package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;
import org.hipparchus.special.Beta;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005): while alive a customer buys as a Poisson process
 * with rate λ ~ Gamma(r, α); after each repeat purchase he drops out with probability
 * p ~ Beta(a, b).
 *
 * <pre>{@code
 * BgNbd cdnow = new BgNbd(0.243, 4.414, 0.793, 2.426);
 * cdnow.conditionalExpectedPurchases(39, 2, 30.43, 38.86);  // about 1.23
 * }</pre>
 */
public record BgNbd(double r, double alpha, double a, double b) implements TransactionModel {

  static final String ID = "bg-nbd";
  static final String[] NAMES = {"r", "alpha", "a", "b"};

  public BgNbd {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("a", a);
    Checks.positive("b", b);
  }

  /**
   * Maximum-likelihood fit on the rows.
   *
   * @throws FitException when the fit does not converge
   */
  public static ModelFit<BgNbd> fit(CbsRows rows) {
    return MaximumLikelihood.fit(ID, NAMES, new BetaGeometricLikelihood(rows, false),
        start(rows), rows.totalWeight())
        .toFit(p -> new BgNbd(p[0], p[1], p[2], p[3]), NAMES, rows.customers(), rows.size());
  }

  /** Rate 1/T as a start puts alpha on the data's time scale, whatever the unit. */
  static double[] start(CbsRows rows) {
    double alpha = Math.max(1e-3, rows.meanT()) / (rows.meanFrequency() + 1);
    return new double[] {1, alpha, 1, 1};
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Double> parameters() {
    return ModelFit.named(NAMES, new double[] {r, alpha, a, b});
  }

  @Override
  public double logLikelihood(double x, double tx, double T) {
    Checks.history(x, tx, T);
    double rx = r + x;
    double a1 = logGamma(rx) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x) - logBeta(a, b);
    double a3 = -rx * Math.log(alpha + T);
    if (x == 0) {
      return a1 + a3;
    }
    double a4 = Math.log(a) - Math.log(b + x - 1) - rx * Math.log(alpha + tx);
    return a1 + Checks.logAddExp(a3, a4);
  }

  @Override
  public double probabilityAlive(double x, double tx, double T) {
    Checks.history(x, tx, T);
    return x == 0 ? 1 : Checks.logistic(logOddsDead(x, tx, T));
  }

  /** ln of a/(b+x-1) ((α+T)/(α+t_x))^(r+x): the odds of having dropped out at the last purchase. */
  private double logOddsDead(double x, double tx, double T) {
    return Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  }

  /** FHL 2005 eq. 10, with the 2F1 in log space (see {@link Hypergeometric}). */
  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double T) {
    Checks.horizon(t);
    Checks.history(x, tx, T);
    if (t == 0) {
      return 0;
    }
    if (Math.abs(a - 1) < 1e-7) {
      // a = 1 is a removable singularity (0/0): the mean of the two sides is accurate to 1e-12
      return (new BgNbd(r, alpha, 1 + 1e-6, b).conditionalExpectedPurchases(t, x, tx, T)
          + new BgNbd(r, alpha, 1 - 1e-6, b).conditionalExpectedPurchases(t, x, tx, T)) / 2;
    }
    double rx = r + x;
    double z = t / (alpha + T + t);
    double log1mz = -Math.log1p(t / (alpha + T));
    if (x == 0 && a + b - 1 <= 0.5) {
      // c = a + b - 1 may be 0 or negative here: (a+b-1)[1 - (1-z)^r 2F1] = c - (1-z)^r c 2F1
      double c = a + b - 1;
      return (c - Math.exp(r * log1mz) * Hypergeometric.scaled2F1(r, b, c, z)) / (a - 1);
    }
    double bracket = -Math.expm1(rx * log1mz + Hypergeometric.log2F1(rx, b + x, a + b + x - 1, z));
    double value = (a + b + x - 1) / (a - 1) * bracket;
    return x == 0 ? value : value * Checks.logistic(logOddsDead(x, tx, T));
  }

  /** FHL 2005 eq. 8; the NBD tail sum is a regularized incomplete beta function. */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.count(n);
    Checks.horizon(t);
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double logP = -Math.log1p(t / alpha);
    double logQ = Math.log(t) - Math.log(alpha + t);
    double first = Math.exp(logBeta(a, b + n) - logBeta(a, b) + logGamma(r + n) - logGamma(r)
        - logGamma(n + 1.0) + r * logP + n * logQ);
    if (n == 0) {
      return first;
    }
    double atLeastN = Beta.regularizedBeta(t / (alpha + t), n, r);
    return first + Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * atLeastN;
  }
}
