package dev.crmkit.scoring.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prediction intervals by bootstrap, as CLVTools' {@code uncertainty = "boots"}: the customers are
 * resampled with replacement, the model is fitted again on each resample, every customer's
 * prediction is made with each refit, and the interval is the pair of quantiles of those
 * predictions. Seeded: the same seed gives the same intervals.
 *
 * <pre>{@code
 * List<Bootstrap.Interval> intervals = Bootstrap.conditionalExpectedPurchases(
 *     "pareto-nbd", x, tx, T, 39, 200, 42L, 0.9);   // 90% intervals of E[Y(39)] from 200 refits
 * }</pre>
 */
public final class Bootstrap {

  /** A two-sided interval of a prediction. */
  public record Interval(double lower, double upper) {}

  private Bootstrap() {}

  /**
   * For each customer (x[i], t_x[i], T[i]) the quantiles (1 - level)/2 and (1 + level)/2 of
   * E[Y(horizon) | x, t_x, T] over {@code replicates} fits of {@code model} (bg-nbd, mbg-nbd,
   * pareto-nbd, ggompertz-nbd) on resamples of all the customers. A refit that fails is left out;
   * when more than a tenth fail, the data do not support intervals and this throws.
   *
   * @throws IllegalArgumentException for replicates below 2, a level outside (0, 1), arrays of
   *     different lengths or an invalid history (naming it)
   * @throws FitException when more than a tenth of the refits fail (the last failure's message)
   */
  public static List<Interval> conditionalExpectedPurchases(String model, double[] x, double[] tx, double[] T,
      double horizon, int replicates, long seed, double level) {
    if (replicates < 2) {
      throw new IllegalArgumentException("replicates must be >= 2, got " + replicates);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    if (tx.length != x.length || T.length != x.length) {
      throw new IllegalArgumentException("frequency, recency and T must have the same length, got " + x.length
          + ", " + tx.length + ", " + T.length);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("no customers to resample");
    }
    if (model.equals(BgBb.ID)) {
      throw new IllegalArgumentException("bootstrap intervals are for the models over time: bg-nbd, mbg-nbd,"
          + " pareto-nbd, ggompertz-nbd; got bg-bb");
    }
    Checks.horizon(horizon);
    // distinct histories: each is predicted once per refit
    Map<List<Double>, Integer> index = new HashMap<>();
    int[] rowOf = new int[x.length];
    List<double[]> distinct = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      Checks.history(x[i], tx[i], T[i]);
      List<Double> key = List.of(x[i], tx[i], T[i]);
      Integer row = index.get(key);
      if (row == null) {
        row = distinct.size();
        index.put(key, row);
        distinct.add(new double[] {x[i], tx[i], T[i]});
      }
      rowOf[i] = row;
    }
    int m = distinct.size();
    double[] dx = new double[m];
    double[] dtx = new double[m];
    double[] dt = new double[m];
    double[] count = new double[m];
    for (int j = 0; j < m; j++) {
      dx[j] = distinct.get(j)[0];
      dtx[j] = distinct.get(j)[1];
      dt[j] = distinct.get(j)[2];
    }
    for (int r : rowOf) {
      count[r]++;
    }
    double[] cumulative = new double[m];
    double running = 0;
    for (int j = 0; j < m; j++) {
      running += count[j];
      cumulative[j] = running;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] predictions = new double[m][replicates];
    int done = 0;
    int failed = 0;
    double[] weights = new double[m];
    for (int b = 0; b < replicates; b++) {
      Arrays.fill(weights, 0);
      for (int k = 0; k < x.length; k++) {
        int j = Arrays.binarySearch(cumulative, Math.floor(random.nextDouble() * x.length) + 1);
        weights[j < 0 ? -j - 1 : j]++;
      }
      TransactionModel refit;
      try {
        refit = TransactionModel.fit(model, sampled(dx, dtx, dt, weights)).model();
      } catch (FitException e) {
        failed++;
        if (failed > replicates / 10) {
          throw new FitException(model, "the bootstrap failed: " + failed + " of " + (b + 1)
              + " refits on resampled customers did not converge (last: " + e.getMessage() + ")", e.iterations(),
              names(model), e.lastParameters(), e.logLikelihood());
        }
        continue;
      }
      for (int j = 0; j < m; j++) {
        predictions[j][done] = refit.conditionalExpectedPurchases(horizon, dx[j], dtx[j], dt[j]);
      }
      done++;
    }
    Interval[] byRow = new Interval[m];
    for (int j = 0; j < m; j++) {
      double[] p = Arrays.copyOf(predictions[j], done);
      Arrays.sort(p);
      byRow[j] = new Interval(quantile(p, (1 - level) / 2), quantile(p, (1 + level) / 2));
    }
    List<Interval> out = new ArrayList<>(x.length);
    for (int r : rowOf) {
      out.add(byRow[r]);
    }
    return List.copyOf(out);
  }

  private static String[] names(String model) {
    switch (model) {
      case ParetoNbd.ID:
        return ParetoNbd.NAMES;
      case GGompertzNbd.ID:
        return GGompertzNbd.NAMES;
      case MbgNbd.ID:
        return MbgNbd.NAMES;
      default:
        return BgNbd.NAMES;
    }
  }

  /** The rows with a positive weight. */
  private static CbsRows sampled(double[] x, double[] tx, double[] t, double[] w) {
    int n = 0;
    for (double v : w) {
      if (v > 0) {
        n++;
      }
    }
    double[] sx = new double[n];
    double[] stx = new double[n];
    double[] st = new double[n];
    double[] sw = new double[n];
    int k = 0;
    for (int j = 0; j < w.length; j++) {
      if (w[j] > 0) {
        sx[k] = x[j];
        stx[k] = tx[j];
        st[k] = t[j];
        sw[k++] = w[j];
      }
    }
    return CbsRows.of(sx, stx, st, sw);
  }

  /** The quantile of sorted values with linear interpolation between order statistics (R's type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
