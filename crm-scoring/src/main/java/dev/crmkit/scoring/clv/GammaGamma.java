package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Gamma.digamma;
import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"): a customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the
 * purchase process. Fitted on the customers with at least one repeat purchase, on their mean
 * repeat spend.
 *
 * <pre>{@code
 * GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
 * spend.expectedAverageValue(2, 17.6);  // pulled from 17.6 towards the population mean
 * }</pre>
 */
public record GammaGamma(double p, double q, double gamma) implements ClvModel {

  static final String ID = "gamma-gamma";
  static final String[] NAMES = {"p", "q", "gamma"};

  public GammaGamma {
    Checks.positive("p", p);
    Checks.positive("q", q);
    Checks.positive("gamma", gamma);
  }

  /**
   * Maximum-likelihood fit on the rows.
   *
   * @throws FitException when the fit does not converge
   */
  public static ModelFit<GammaGamma> fit(SpendRows rows) {
    double mean = 0;
    for (int i = 0; i < rows.size(); i++) {
      mean += rows.weight(i) * rows.monetaryValue(i);
    }
    mean /= rows.totalWeight();
    return MaximumLikelihood.fit(ID, NAMES, new SpendLikelihood(rows),
        new double[] {1, 2, mean}, rows.totalWeight())
        .toFit(v -> new GammaGamma(v[0], v[1], v[2]), NAMES, rows.customers(), rows.size());
  }

  /**
   * Creates the model from its named parameters ({@code p, q, gamma}).
   *
   * @throws IllegalArgumentException for a missing or extra parameter or a bad value
   */
  public static GammaGamma of(Map<String, Double> parameters) {
    if (parameters.size() != 3 || !parameters.keySet().containsAll(java.util.List.of(NAMES))) {
      throw new IllegalArgumentException("gamma-gamma needs exactly the parameters p, q, gamma, got "
          + parameters.keySet());
    }
    return new GammaGamma(parameters.get("p"), parameters.get("q"), parameters.get("gamma"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Double> parameters() {
    return ModelFit.named(NAMES, new double[] {p, q, gamma});
  }

  /** The log-likelihood of one customer's x repeat purchases with mean value m. */
  public double logLikelihood(double x, double m) {
    checkSpend(x, m);
    double px = p * x;
    return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(m)
        + px * Math.log(x) - (px + q) * Math.log(gamma + m * x);
  }

  /**
   * The expected value of a transaction of a customer with x repeat purchases of mean value m:
   * a weighted mean of the population mean pγ/(q-1) and m. For x = 0 it is the population mean,
   * which exists only for q &gt; 1.
   *
   * @throws ArithmeticException when x = 0 and q &le; 1 (the population mean is infinite)
   */
  public double expectedAverageValue(double x, double m) {
    if (x == 0) {
      if (!(q > 1)) {
        throw new ArithmeticException("the expected spend of a customer with no repeat purchase is infinite"
            + " when q <= 1 (q = " + q + ")");
      }
      return p * gamma / (q - 1);
    }
    checkSpend(x, m);
    return p * (gamma + x * m) / (p * x + q - 1);
  }

  private static void checkSpend(double x, double m) {
    if (!(x >= 1) || x != Math.rint(x) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("frequency must be a whole number >= 1, got " + x);
    }
    if (!(m > 0) || Double.isInfinite(m)) {
      throw new IllegalArgumentException("monetary value must be finite and > 0, got " + m);
    }
  }

  /**
   * The Gamma-Gamma likelihood on rows grouped by frequency: the gamma and digamma terms and the
   * weighted sums of ln m are per group, so a row costs one logarithm and one division.
   */
  static final class SpendLikelihood extends AnalyticLikelihood {
    private final double[] x;
    private final double[] m;
    private final double[] w;
    private final int[] groupStart;
    private final double[] groupWeight;
    private final double[] groupLogM; // sum of w ln m per group

    SpendLikelihood(SpendRows rows) {
      super(3);
      x = rows.frequencies();
      m = rows.monetaryValues();
      w = rows.weights();
      int groups = 0;
      for (int i = 0; i < x.length; i++) {
        if (i == 0 || x[i] != x[i - 1]) {
          groups++;
        }
      }
      groupStart = new int[groups + 1];
      groupWeight = new double[groups];
      groupLogM = new double[groups];
      int g = -1;
      for (int i = 0; i < x.length; i++) {
        if (i == 0 || x[i] != x[i - 1]) {
          groupStart[++g] = i;
        }
        groupWeight[g] += w[i];
        groupLogM[g] += w[i] * Math.log(m[i]);
      }
      groupStart[groups] = x.length;
    }

    @Override
    double evaluate(double[] v, double @Nullable [] gradient) {
      double p = v[0];
      double q = v[1];
      double g = v[2];
      double lgQ = logGamma(q);
      double lnG = Math.log(g);
      boolean wantGradient = gradient != null;
      double dgQ = wantGradient ? digamma(q) : 0;
      double sum = 0;
      double gp = 0;
      double gq = 0;
      double gg = 0;
      for (int k = 0; k < groupWeight.length; k++) {
        int from = groupStart[k];
        int to = groupStart[k + 1];
        double xk = x[from];
        double px = p * xk;
        double lnX = Math.log(xk);
        double sumLog = 0;
        double sumInv = 0;
        for (int i = from; i < to; i++) {
          double d = g + m[i] * xk;
          sumLog += w[i] * Math.log(d);
          if (wantGradient) {
            sumInv += w[i] / d;
          }
        }
        double wk = groupWeight[k];
        sum += wk * (logGamma(px + q) - logGamma(px) - lgQ + q * lnG + px * lnX) + (px - 1) * groupLogM[k]
            - (px + q) * sumLog;
        if (wantGradient) {
          double dgPxq = digamma(px + q);
          gp += xk * (wk * (dgPxq - digamma(px) + lnX) + groupLogM[k] - sumLog);
          gq += wk * (dgPxq - dgQ + lnG) - sumLog;
          gg += wk * q / g - (px + q) * sumInv;
        }
      }
      if (wantGradient) {
        gradient[0] = gp;
        gradient[1] = gq;
        gradient[2] = gg;
      }
      return sum;
    }
  }
}
