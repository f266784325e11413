package dev.crmkit.scoring.clv;

import static org.hipparchus.special.Gamma.digamma;
import static org.hipparchus.special.Gamma.logGamma;
import org.jspecify.annotations.Nullable;

/**
 * The BG/NBD (Fader, Hardie and Lee 2005, eq. 6) and MBG/NBD (Batislam et al. 2007) likelihoods
 * with their analytic gradients, evaluated on compressed rows: the gamma and digamma terms once
 * per distinct frequency, the logarithms once per distinct time, so each row costs one exp and
 * one log1p.
 *
 * <p>Per customer, with k = 0 (BG/NBD) or 1 (MBG/NBD):
 * ln L = ln Γ(r+x) - ln Γ(r) + r ln α + ln B(a, b+x+k) - ln B(a, b)
 *        + ln[(α+T)^-(r+x) + [x > 0 or k = 1] a/(b+x-1+k) (α+t_x)^-(r+x)].
 */
final class BetaGeometricLikelihood extends AnalyticLikelihood {

  private final CbsRows rows;
  private final int k;

  BetaGeometricLikelihood(CbsRows rows, boolean modified) {
    super(4);
    this.rows = rows;
    this.k = modified ? 1 : 0;
  }

  @Override
  double evaluate(double[] p, double @Nullable [] gradient) {
    double r = p[0];
    double alpha = p[1];
    double a = p[2];
    double b = p[3];
    double[] times = rows.times();
    double[] logs = new double[times.length];
    double[] inverses = new double[times.length];
    for (int j = 0; j < times.length; j++) {
      logs[j] = Math.log(alpha + times[j]);
      inverses[j] = 1 / (alpha + times[j]);
    }
    double[] freq = rows.frequencies();
    double[] w = rows.weights();
    int[] ti = rows.ageIndex();
    int[] txi = rows.recencyIndex();
    double lnAlpha = Math.log(alpha);
    double lnA = Math.log(a);
    double lgR = logGamma(r);
    double lgB = logGamma(b);
    double lgAb = logGamma(a + b);
    boolean wantGradient = gradient != null;
    double dgR = wantGradient ? digamma(r) : 0;
    double dgB = wantGradient ? digamma(b) : 0;
    double dgAb = wantGradient ? digamma(a + b) : 0;
    double sum = 0;
    double gr = 0;
    double gAlpha = 0;
    double ga = 0;
    double gb = 0;
    for (int g = 0; g < rows.groups(); g++) {
      int from = rows.groupStart(g);
      int to = rows.groupStart(g + 1);
      double x = freq[from];
      double rx = r + x;
      double c1 = logGamma(rx) - lgR + r * lnAlpha + lgAb + logGamma(b + x + k) - lgB - logGamma(a + b + x + k);
      boolean twoTerms = x > 0 || k == 1;
      double bx = b + x - 1 + k;
      double c4 = twoTerms ? lnA - Math.log(bx) : 0;
      double groupSum = 0;
      double gW = 0;
      double gLogT = 0;
      double gInvT = 0;
      double gLogTx = 0;
      double gInvTx = 0;
      double gW4 = 0;
      for (int i = from; i < to; i++) {
        double a3 = -rx * logs[ti[i]];
        if (!twoTerms) {
          groupSum += w[i] * a3;
          if (wantGradient) {
            gW += w[i];
            gLogT += w[i] * logs[ti[i]];
            gInvT += w[i] * inverses[ti[i]];
          }
          continue;
        }
        double a4 = c4 - rx * logs[txi[i]];
        double e = Math.exp(-Math.abs(a3 - a4));
        // log(1 + e) rather than log1p: e is in (0, 1], so the absolute error (all a sum of
        // log-likelihoods cares about) stays below 1e-16, and Math.log is an intrinsic
        groupSum += w[i] * (Math.max(a3, a4) + Math.log(1 + e));
        if (wantGradient) {
          double w3 = a3 >= a4 ? 1 / (1 + e) : e / (1 + e);
          double w4 = 1 - w3;
          gW += w[i];
          gLogT += w[i] * w3 * logs[ti[i]];
          gInvT += w[i] * w3 * inverses[ti[i]];
          gLogTx += w[i] * w4 * logs[txi[i]];
          gInvTx += w[i] * w4 * inverses[txi[i]];
          gW4 += w[i] * w4;
        }
      }
      if (!wantGradient) {
        double groupWeight = 0;
        for (int i = from; i < to; i++) {
          groupWeight += w[i];
        }
        sum += groupWeight * c1 + groupSum;
        continue;
      }
      sum += gW * c1 + groupSum;
      double dgAbx = digamma(a + b + x + k);
      gr += gW * (digamma(rx) - dgR + lnAlpha) - gLogT - gLogTx;
      gAlpha += gW * r / alpha - rx * (gInvT + gInvTx);
      ga += gW * (dgAb - dgAbx) + gW4 / a;
      gb += gW * (dgAb + digamma(b + x + k) - dgB - dgAbx) - (twoTerms ? gW4 / bx : 0);
    }
    if (wantGradient) {
      gradient[0] = gr;
      gradient[1] = gAlpha;
      gradient[2] = ga;
      gradient[3] = gb;
    }
    return sum;
  }
}
