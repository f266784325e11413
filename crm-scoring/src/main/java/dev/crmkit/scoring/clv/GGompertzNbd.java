package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Gamma.logGamma;

import java.util.Map;

/**
 * The Gamma-Gompertz/NBD model (Bemmaor and Glady 2012): while alive a customer buys as a Poisson
 * process with rate λ ~ Gamma(r, α); his lifetime is Gompertz, P(τ &gt; t | η) = exp(-η(e^(bt) - 1)),
 * with η ~ Gamma(s, β), so that the population survives with S(t) = (β / (β + e^(bt) - 1))^s. The
 * dropout hazard of a customer grows (b &gt; 0) with age; as b goes to 0 with β/b fixed the model
 * becomes Pareto/NBD with β_Pareto = β/b.
 *
 * <p>The likelihood and the predictions integrate over the lifetime numerically ({@link
 * Quadrature}): ln L = ln Γ(r+x) - ln Γ(r) + r ln α + ln[(α+T)^-(r+x) S(T) + ∫ from t_x to T of
 * (α+τ)^-(r+x) f(τ) dτ], f = -S'. Time unit: b is per time unit, β has none.
 *
 * <pre>{@code
 * GGompertzNbd cdnow = new GGompertzNbd(0.553, 10.578, 0.0002, 0.603, 0.0026);  // weeks
 * cdnow.probabilityAlive(2, 30.43, 38.86);
 * }</pre>
 */
public record GGompertzNbd(double r, double alpha, double b, double s, double beta) implements TransactionModel {

  static final String ID = "ggompertz-nbd";
  static final String[] NAMES = {"r", "alpha", "b", "s", "beta"};

  public GGompertzNbd {
    Checks.positive("r", r);
    Checks.positive("alpha", alpha);
    Checks.positive("b", b);
    Checks.positive("s", s);
    Checks.positive("beta", beta);
  }

  /**
   * Maximum-likelihood fit on the rows (gradients by central differences: each evaluation
   * integrates once per distinct row, so this fit is for thousands of distinct rows, not
   * millions).
   *
   * <p>As for {@link ParetoNbd#fit}, the fit runs in a time unit in which the customers' mean age
   * is 1 and is scaled back, and data that do not identify the model (for example b running to
   * 0, where the model is Pareto/NBD) give the maximum found with {@link ModelFit#warnings()}.
   *
   * @throws FitException when the likelihood cannot be evaluated at the start
   */
  public static ModelFit<GGompertzNbd> fit(CbsRows rows) {
    double c = ParetoNbd.unitScale(rows);
    CbsRows scaled = ParetoNbd.scaled(rows, c);
    // start next to Pareto/NBD, which is the limit b -> 0 with beta / b fixed: its fit is cheap
    // (analytic gradient) and puts r, alpha, s and the ratio beta / b where the data want them
    ParetoNbd pareto = ParetoNbd.fit(scaled).model();
    double b0 = 0.1; // the hazard grows by a tenth over a mean age
    java.util.List<String> warnings = new java.util.ArrayList<>();
    MaximumLikelihood.Optimum o = MaximumLikelihood.fit(ID, NAMES, new GompertzLikelihood(scaled),
        new double[] {pareto.r(), pareto.alpha(), b0, pareto.s(), b0 * pareto.beta()}, scaled.totalWeight(), warnings);
    double[] q = o.parameters();
    // alpha is a scale of the purchase rate: it scales with time; b is a rate: with 1 / time
    double[] p = {q[0], q[1] / c, q[2] * c, q[3], q[4]};
    double[] se = o.standardErrors();
    double[] seBack = {se[0], se[1] / c, se[2] * c, se[3], se[4]};
    double logLikelihood = new GompertzLikelihood(rows).value(p);
    return new MaximumLikelihood.Optimum(p, logLikelihood, seBack, o.iterations(), o.warnings())
        .toFit(v -> new GGompertzNbd(v[0], v[1], v[2], v[3], v[4]), NAMES, rows.customers(), rows.size());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Map<String, Double> parameters() {
    return ModelFit.named(NAMES, new double[] {r, alpha, b, s, beta});
  }

  @Override
  public double logLikelihood(double x, double tx, double T) {
    Checks.history(x, tx, T);
    return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + Checks.logAddExp(logAlive(x, T), logDied(x, tx, T));
  }

  /** ln(β + e^(bt) - 1) without overflow for large bt. */
  private static double logShifted(double b, double beta, double t) {
    double bt = b * t;
    return bt > 30 ? bt + Math.log1p((beta - 1) * Math.exp(-bt)) : Math.log(beta + Math.expm1(bt));
  }

  /** ln S(t), the population's survival. */
  private double logSurvival(double t) {
    return s * (Math.log(beta) - logShifted(b, beta, t));
  }

  /** ln f(t) = ln(-S'(t)) = ln s + ln b + bt + s ln β - (s+1) ln(β + e^(bt) - 1). */
  private double logDensity(double t) {
    return Math.log(s) + Math.log(b) + b * t + s * Math.log(beta) - (s + 1) * logShifted(b, beta, t);
  }

  /**
   * The mode of the lifetime density, ln((β-1)/s)/b when β &gt; 1 + s (else the density only falls),
   * and points 1, 4 and 16 widths 1/b either side: where the integrands may peak.
   */
  private double[] peaks() {
    if (!(beta - 1 > s)) {
      return new double[0];
    }
    double mode = Math.log((beta - 1) / s) / b;
    double w = 1 / b;
    return new double[] {mode, mode - w, mode + w, mode - 4 * w, mode + 4 * w, mode - 16 * w, mode + 16 * w};
  }

  private double logAlive(double x, double T) {
    return -(r + x) * Math.log(alpha + T) + logSurvival(T);
  }

  /**
   * ln ∫ from t_x to T of (α+τ)^-m f(τ) dτ, m = r + x. The power is integrated away by a change of
   * variable, u = ((α+τ)/(α+t_x))^(1-m), which leaves the slowly varying density f to the
   * quadrature (a customer with many purchases has a power falling by e^-100 over the interval);
   * where (1-m) ln((α+T)/(α+t_x)) is small, u = ln((α+τ)/(α+t_x)) instead.
   */
  private double logDied(double x, double tx, double T) {
    if (T == tx) {
      return Double.NEGATIVE_INFINITY;
    }
    double k = 1 - (r + x);
    double y0 = alpha + tx;
    double range = Math.log1p((T - tx) / y0);
    double[] peaks = peaks();
    double scale = k * Math.log(y0);
    if (Math.abs(k) * range <= 2) {
      double[] cuts = new double[peaks.length];
      for (int i = 0; i < peaks.length; i++) {
        cuts[i] = Math.log((alpha + peaks[i]) / y0);
      }
      return scale + Quadrature.logIntegral(u -> k * u + logDensity(Math.min(T, y0 * Math.exp(u) - alpha)), 0, range,
          cuts);
    }
    double[] cuts = new double[peaks.length];
    for (int i = 0; i < peaks.length; i++) {
      cuts[i] = Math.exp(k * Math.log((alpha + peaks[i]) / y0));
    }
    double end = Math.exp(k * range);
    double lo = Math.min(1, end);
    double hi = Math.max(1, end);
    // τ(u) = (α+t_x) u^(1/k) - α, kept within [t_x, T] against rounding
    return scale - Math.log(Math.abs(k)) + Quadrature.logIntegral(
        u -> logDensity(Math.max(tx, Math.min(T, y0 * Math.exp(Math.log(u) / k) - alpha))), lo, hi, cuts);
  }

  @Override
  public double probabilityAlive(double x, double tx, double T) {
    Checks.history(x, tx, T);
    return Checks.logistic(logDied(x, tx, T) - logAlive(x, T));
  }

  /**
   * Alive at T, λ ~ Gamma(r+x, α+T) and η ~ Gamma(s, β + e^(bT) - 1), so E[Y(t)] = P(alive) (r+x)/(α+T)
   * ∫ from 0 to t of ((β + e^(bT) - 1) / (β + e^(b(T+u)) - 1))^s du.
   */
  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double T) {
    Checks.horizon(t);
    Checks.history(x, tx, T);
    if (t == 0) {
      return 0;
    }
    double atT = logShifted(b, beta, T);
    double survivalIntegral = Quadrature.integrate(u -> Math.exp(s * (atT - logShifted(b, beta, T + u))), 0, t);
    return probabilityAlive(x, tx, T) * (r + x) / (alpha + T) * survivalIntegral;
  }

  /**
   * P(X(t) = n) = NB(n; r, α/(α+t)) S(t) + ∫ from 0 to t of NB(n; r, α/(α+τ)) f(τ) dτ, NB the
   * negative binomial of a customer alive all along.
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    Checks.count(n);
    Checks.horizon(t);
    if (t == 0) {
      return n == 0 ? 1 : 0;
    }
    double constant = logGamma(r + n) - logGamma(r) - logGamma(n + 1.0);
    java.util.function.DoubleUnaryOperator logNb = tau -> constant + r * (Math.log(alpha) - Math.log(alpha + tau))
        + (n == 0 ? 0 : n * (Math.log(tau) - Math.log(alpha + tau)));
    double alive = logNb.applyAsDouble(t) + logSurvival(t);
    double died = Quadrature.logIntegral(tau -> logNb.applyAsDouble(tau) + logDensity(tau), 0, t, peaks());
    return Math.min(1, Math.max(0, Math.exp(alive) + Math.exp(died)));
  }

  /** The likelihood on compressed rows; gradients by central differences in log space. */
  static final class GompertzLikelihood extends Likelihood {
    private final CbsRows rows;

    GompertzLikelihood(CbsRows rows) {
      super(5);
      this.rows = rows;
    }

    @Override
    double value(double[] p) {
      GGompertzNbd m = new GGompertzNbd(p[0], p[1], p[2], p[3], p[4]);
      double[] freq = rows.frequencies();
      double[] w = rows.weights();
      double[] tx = rows.recencies();
      double[] age = rows.ages();
      double common = -logGamma(m.r) + m.r * Math.log(m.alpha);
      double sum = 0;
      for (int g = 0; g < rows.groups(); g++) {
        int from = rows.groupStart(g);
        int to = rows.groupStart(g + 1);
        double x = freq[from];
        double a1 = logGamma(m.r + x) + common;
        for (int i = from; i < to; i++) {
          sum += w[i] * (a1 + Checks.logAddExp(m.logAlive(x, age[i]), m.logDied(x, tx[i], age[i])));
        }
      }
      return sum;
    }
  }
}
