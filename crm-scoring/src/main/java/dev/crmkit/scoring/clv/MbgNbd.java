package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;
import org.hipparchus.special.Beta;

/**
 * The MBG/NBD model (Batislam, Denizel and Filiztekin 2007; Wagner and Hoppe 2008): BG/NBD in
 * which a customer may also drop out right at the first purchase, so a customer with no repeat
 * purchase need not be alive.
 *
 * <pre>{@code
 * MbgNbd model = MbgNbd.fit(rows).model();
 * model.probabilityAlive(0, 0, 38.86);  // below 1, unlike BG/NBD
 * }</pre>
 */
public record MbgNbd(double r, double alpha, double a, double b) implements TransactionModel {

  static final String ID = "mbg-nbd";
  static final String[] NAMES = {"r", "alpha", "a", "b"};

  public MbgNbd {
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
  public static ModelFit<MbgNbd> fit(CbsRows rows) {
    return MaximumLikelihood.fit(ID, NAMES, new BetaGeometricLikelihood(rows, true),
        BgNbd.start(rows), rows.totalWeight())
        .toFit(p -> new MbgNbd(p[0], p[1], p[2], p[3]), NAMES, rows.customers(), rows.size());
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
    double a1 = logGamma(rx) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x + 1) - logBeta(a, b);
    double a3 = -rx * Math.log(alpha + T);
    double a4 = Math.log(a) - Math.log(b + x) - rx * Math.log(alpha + tx);
    return a1 + Checks.logAddExp(a3, a4);
  }

  @Override
  public double probabilityAlive(double x, double tx, double T) {
    Checks.history(x, tx, T);
    return Checks.logistic(logOddsDead(x, tx, T));
  }

  private double logOddsDead(double x, double tx, double T) {
    return Math.log(a) - Math.log(b + x) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  }

  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double T) {
    Checks.horizon(t);
    Checks.history(x, tx, T);
    if (t == 0) {
      return 0;
    }
    if (Math.abs(a - 1) < 1e-7) {
      // a = 1 is a removable singularity (0/0)
      return (new MbgNbd(r, alpha, 1 + 1e-6, b).conditionalExpectedPurchases(t, x, tx, T)
          + new MbgNbd(r, alpha, 1 - 1e-6, b).conditionalExpectedPurchases(t, x, tx, T)) / 2;
    }
    double rx = r + x;
    double z = t / (alpha + T + t);
    double log1mz = -Math.log1p(t / (alpha + T));
    double bracket = -Math.expm1(rx * log1mz + Hypergeometric.log2F1(rx, b + x + 1, a + b + x, z));
    return (a + b + x) / (a - 1) * bracket * Checks.logistic(logOddsDead(x, tx, T));
  }

  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.count(n);
    Checks.horizon(t);
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double logP = -Math.log1p(t / alpha);
    double logQ = Math.log(t) - Math.log(alpha + t);
    double first = Math.exp(logBeta(a, b + n + 1) - logBeta(a, b) + logGamma(r + n) - logGamma(r)
        - logGamma(n + 1.0) + r * logP + n * logQ);
    double atLeastN = n == 0 ? 1 : Beta.regularizedBeta(t / (alpha + t), n, r);
    return first + Math.exp(logBeta(a + 1, b + n) - logBeta(a, b)) * atLeastN;
  }
}
