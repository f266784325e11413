package dev.crmkit.scoring.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Prediction intervals by bootstrap, as CLVTools' {@code uncertainty = "boots"}: the customers are
 * resampled with replacement, the models are fitted again on each resample, every customer's
 * prediction is made with each refit, and the interval is the pair of quantiles of those
 * predictions. Seeded: the same seed gives the same intervals, whatever the number of threads
 * (each replicate draws from its own generator, seeded from the seed in replicate order).
 *
 * <pre>{@code
 * List<Bootstrap.Interval> intervals = Bootstrap.conditionalExpectedPurchases(
 *     "pareto-nbd", x, tx, T, 39, 200, 42L, 0.9);   // 90% intervals of E[Y(39)] from 200 refits
 * Bootstrap.ClvIntervals clv = Bootstrap.clv(pointClv, summary, new Bootstrap.Options(200, 42L, 0.9));
 * }</pre>
 */
public final class Bootstrap {

  /** A two-sided interval of a prediction. */
  public record Interval(double lower, double upper) {}

  /**
   * How to bootstrap: {@code replicates} refits (at least 2), the {@code seed} of the resampling,
   * the {@code level} of the intervals in (0, 1) (0.9: the 5% and 95% quantiles).
   */
  public record Options(int replicates, long seed, double level) {
    /** @throws IllegalArgumentException for replicates below 2 or a level outside (0, 1) */
    public Options {
      if (replicates < 2) {
        throw new IllegalArgumentException("replicates must be >= 2, got " + replicates);
      }
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("level must be in (0, 1), got " + level);
      }
    }
  }

  /**
   * Intervals of the CLV and of the expected purchases over the CLV's horizon, per valued customer
   * (in the order of the summary's customers) and for their totals.
   *
   * @param expectedPurchases E[Y(horizon months × units per month)] per customer
   * @param clv the CLV per customer
   * @param totalExpectedPurchases the sum of the expected purchases over the customers
   * @param totalClv the sum of the CLV over the customers
   * @param options the replicates, seed and level
   * @param failedRefits replicates left out because a refit failed (at most a tenth)
   */
  public record ClvIntervals(List<Interval> expectedPurchases, List<Interval> clv, Interval totalExpectedPurchases,
      Interval totalClv, Options options, int failedRefits) {
    public ClvIntervals {
      expectedPurchases = List.copyOf(expectedPurchases);
      clv = List.copyOf(clv);
    }
  }

  private Bootstrap() {}

  /**
   * For each customer (x[i], t_x[i], T[i]) the quantiles (1 - level)/2 and (1 + level)/2 of
   * E[Y(horizon) | x, t_x, T] over {@code replicates} fits of {@code model} (bg-nbd, mbg-nbd,
   * pareto-nbd, ggompertz-nbd) on resamples of all the customers. A refit that fails is left out;
   * when more than a tenth fail, the data do not support intervals and this throws.
   *
   * @throws IllegalArgumentException for replicates below 2, a level outside (0, 1), arrays of
   *     different lengths or an invalid history (naming it)
   * @throws FitException when more than a tenth of the refits fail (the first failure's message)
   */
  public static List<Interval> conditionalExpectedPurchases(String model, double[] x, double[] tx, double[] T,
      double horizon, int replicates, long seed, double level) {
    Options options = new Options(replicates, seed, level);
    if (tx.length != x.length || T.length != x.length) {
      throw new IllegalArgumentException("frequency, recency and T must have the same length, got " + x.length
          + ", " + tx.length + ", " + T.length);
    }
    checkModel(model);
    Checks.horizon(horizon);
    for (int i = 0; i < x.length; i++) {
      Checks.history(x[i], tx[i], T[i]);
    }
    Sample sample = new Sample(x, tx, T, null);
    double[][] byReplicate = new double[replicates][];
    int failed = run(model, sample, options, false, (refit, spend) -> {
      double[] p = new double[sample.histories];
      for (int k = 0; k < p.length; k++) {
        p[k] = refit.conditionalExpectedPurchases(horizon, sample.hx[k], sample.htx[k], sample.ht[k]);
      }
      return p;
    }, byReplicate);
    Interval[] byHistory = intervals(byReplicate, sample.histories, options.level());
    List<Interval> out = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      out.add(byHistory[sample.historyOf[sample.rowOf[i]]]);
    }
    return List.copyOf(out);
  }

  /**
   * Intervals of every customer's CLV and expected purchases, and of their totals, with the
   * valuation of {@code point} (its horizon, discount rate, margin and time unit): its transaction
   * model and Gamma-Gamma are both fitted again on each resample of the summary's customers (the
   * spend model on the drawn customers with a positive repeat spend, as {@link
   * CbsSummary#spendRows()}), and each customer is valued with each refit as {@link Clv#value}
   * values it, or {@link Clv#valueAtPopulationSpend} without a usable repeat spend.
   *
   * @throws IllegalArgumentException for an empty summary or a BG/BB transaction model
   * @throws FitException when more than a tenth of the refits fail (either model, or a
   *     Gamma-Gamma refit with q &le; 1 where customers need the population mean spend)
   */
  public static ClvIntervals clv(Clv point, CbsSummary customers, Options options) {
    return clv(point, customers, customers, options);
  }

  /**
   * As {@link #clv(Clv, CbsSummary, Options)}, but the models are refitted on the customers of
   * {@code fittedOn} (e.g. a calibration period) and the customers of {@code valued} (e.g. the same
   * customers at a later date) are valued with each refit; the intervals follow {@code valued}'s
   * order. Both must be in the time unit that {@code point}'s units per month assume.
   */
  public static ClvIntervals clv(Clv point, CbsSummary fittedOn, CbsSummary valued, Options options) {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(options, "options");
    String model = point.transactions().id();
    checkModel(model);
    if (fittedOn.size() == 0 || valued.size() == 0) {
      throw new IllegalArgumentException("no customers to resample or value: the summary is empty");
    }
    Sample sample = sample(fittedOn);
    Sample targets = sample(valued);
    double horizon = point.horizonMonths() * point.unitsPerMonth();
    int distinct = targets.x.length;
    double[][] byReplicate = new double[options.replicates()][];
    // per replicate: expected purchases per history, CLV per distinct customer, and the two totals
    int failed = run(model, sample, options, true, (refit, spend) -> {
      GammaGamma refitSpend = Objects.requireNonNull(spend, "spend");
      Clv clv = new Clv(refit, refitSpend, point.unitsPerMonth(), point.horizonMonths(),
          point.monthlyDiscountRate(), point.margin());
      double[] out = new double[targets.histories + distinct + 2];
      double[] discounted = new double[targets.histories];
      for (int k = 0; k < targets.histories; k++) {
        out[k] = refit.conditionalExpectedPurchases(horizon, targets.hx[k], targets.htx[k], targets.ht[k]);
        discounted[k] = clv.discountedPurchases(targets.hx[k], targets.htx[k], targets.ht[k]);
      }
      double population = Double.NaN;
      double totalPurchases = 0;
      double totalClv = 0;
      for (int j = 0; j < distinct; j++) {
        double m = targets.m[j];
        double perPurchase;
        if (m > 0) {
          perPurchase = refitSpend.expectedAverageValue(targets.x[j], m);
        } else {
          if (Double.isNaN(population)) {
            population = refitSpend.expectedAverageValue(0, 0); // throws for q <= 1: the refit fails
          }
          perPurchase = population;
        }
        int k = targets.historyOf[j];
        double value = point.margin() * perPurchase * discounted[k];
        out[targets.histories + j] = value;
        totalPurchases += targets.count[j] * out[k];
        totalClv += targets.count[j] * value;
      }
      out[out.length - 2] = totalPurchases;
      out[out.length - 1] = totalClv;
      return out;
    }, byReplicate);
    Interval[] all = intervals(byReplicate, targets.histories + distinct + 2, options.level());
    List<Interval> purchases = new ArrayList<>(valued.size());
    List<Interval> values = new ArrayList<>(valued.size());
    for (int i = 0; i < valued.size(); i++) {
      int j = targets.rowOf[i];
      purchases.add(all[targets.historyOf[j]]);
      values.add(all[targets.histories + j]);
    }
    return new ClvIntervals(purchases, values, all[all.length - 2], all[all.length - 1], options, failed);
  }

  private static void checkModel(String model) {
    if (!List.of(BgNbd.ID, MbgNbd.ID, ParetoNbd.ID, GGompertzNbd.ID).contains(model)) {
      throw new IllegalArgumentException("bootstrap intervals are for the models over time: bg-nbd, mbg-nbd,"
          + " pareto-nbd, ggompertz-nbd; got " + model);
    }
  }

  /** The summary's customers; the monetary value is kept only where it is usable (x > 0, m > 0). */
  private static Sample sample(CbsSummary summary) {
    int n = summary.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = summary.frequency(i);
      tx[i] = summary.recency(i);
      t[i] = summary.T(i);
      m[i] = x[i] > 0 && summary.monetaryValue(i) > 0 ? summary.monetaryValue(i) : 0;
    }
    return new Sample(x, tx, t, m);
  }

  /** What one replicate computes from its refits (spend is null without a spend model). */
  private interface Replicate {
    double[] compute(TransactionModel refit, @Nullable GammaGamma spend);
  }

  /**
   * Runs the replicates in parallel, each on its own seeded draw, and stores each one's result at
   * its index (null for a failed refit). Returns the number of failures.
   *
   * @throws FitException when more than a tenth fail (the message of the first, by replicate)
   */
  private static int run(String model, Sample sample, Options options, boolean withSpend, Replicate replicate,
      double[][] results) {
    int n = options.replicates();
    long[] seeds = new long[n];
    SplittableRandom master = new SplittableRandom(options.seed());
    for (int b = 0; b < n; b++) {
      seeds[b] = master.nextLong();
    }
    RuntimeException[] failures = new RuntimeException[n];
    IntStream.range(0, n).parallel().forEach(b -> {
      double[] weights = sample.draw(new SplittableRandom(seeds[b]));
      try {
        TransactionModel refit = TransactionModel.fit(model, sample.rows(weights)).model();
        GammaGamma spend = null;
        if (withSpend) {
          SpendRows spendRows = sample.spendRows(weights);
          if (spendRows == null) {
            throw new ArithmeticException("no customer with a positive repeat spend was drawn, so Gamma-Gamma cannot be fitted");
          }
          spend = GammaGamma.fit(spendRows).model();
        }
        results[b] = replicate.compute(refit, spend);
      } catch (FitException | ArithmeticException e) {
        failures[b] = e;
      }
    });
    int failed = 0;
    RuntimeException first = null;
    for (RuntimeException e : failures) {
      if (e != null) {
        failed++;
        first = first == null ? e : first;
      }
    }
    if (first != null && failed > n / 10) {
      String reason = failed + " of " + n + " bootstrap refits on resampled customers failed, more than a tenth:"
          + " the data do not support intervals; the first: ";
      if (first instanceof FitException f) {
        throw new FitException(f.model(), reason + reason(f), f.iterations(), names(f.model()), f.lastParameters(),
            f.logLikelihood());
      }
      throw new FitException(GammaGamma.ID, reason + first.getMessage(), 0, new String[0], new double[0], Double.NaN);
    }
    return failed;
  }

  /** The reason of a fit's failure: its message without the model in front and the iterate after it. */
  private static String reason(FitException f) {
    String message = f.getMessage();
    String prefix = f.model() + " fit failed: ";
    int start = message.startsWith(prefix) ? prefix.length() : 0;
    int end = message.lastIndexOf(" after " + f.iterations() + " iterations");
    return message.substring(start, end > start ? end : message.length());
  }

  /** Per output value, the interval over the replicates that succeeded. */
  private static Interval[] intervals(double[][] byReplicate, int values, double level) {
    int done = 0;
    for (double[] r : byReplicate) {
      if (r != null) {
        done++;
      }
    }
    Interval[] out = new Interval[values];
    double[] column = new double[done];
    for (int v = 0; v < values; v++) {
      int k = 0;
      for (double[] r : byReplicate) {
        if (r != null) {
          column[k++] = r[v];
        }
      }
      Arrays.sort(column);
      out[v] = new Interval(quantile(column, (1 - level) / 2), quantile(column, (1 + level) / 2));
    }
    return out;
  }

  private static String[] names(String model) {
    switch (model) {
      case ParetoNbd.ID:
        return ParetoNbd.NAMES;
      case GGompertzNbd.ID:
        return GGompertzNbd.NAMES;
      case MbgNbd.ID:
        return MbgNbd.NAMES;
      case GammaGamma.ID:
        return GammaGamma.NAMES;
      default:
        return BgNbd.NAMES;
    }
  }

  /**
   * The customers to resample, merged into distinct (x, t_x, T, m) rows with their counts, and the
   * distinct (x, t_x, T) histories those rows have (each predicted once per refit).
   */
  private static final class Sample {
    final int customers;
    // distinct rows
    final double[] x;
    final double[] tx;
    final double[] t;
    final double[] m;
    final double[] count;
    final double[] cumulative;
    final int[] rowOf; // customer -> distinct row
    final int[] historyOf; // distinct row -> distinct history
    // distinct histories
    final int histories;
    final double[] hx;
    final double[] htx;
    final double[] ht;

    Sample(double[] cx, double[] ctx, double[] ct, double @Nullable [] cm) {
      customers = cx.length;
      if (customers == 0) {
        throw new IllegalArgumentException("no customers to resample");
      }
      Map<List<Double>, Integer> rows = new HashMap<>();
      Map<List<Double>, Integer> hist = new HashMap<>();
      rowOf = new int[customers];
      List<double[]> distinct = new ArrayList<>();
      List<Integer> historyOfRow = new ArrayList<>();
      List<double[]> distinctHistories = new ArrayList<>();
      for (int i = 0; i < customers; i++) {
        double mi = cm == null ? 0 : cm[i];
        List<Double> key = List.of(cx[i], ctx[i], ct[i], mi);
        Integer row = rows.get(key);
        if (row == null) {
          row = distinct.size();
          rows.put(key, row);
          distinct.add(new double[] {cx[i], ctx[i], ct[i], mi});
          List<Double> h = List.of(cx[i], ctx[i], ct[i]);
          Integer k = hist.get(h);
          if (k == null) {
            k = distinctHistories.size();
            hist.put(h, k);
            distinctHistories.add(new double[] {cx[i], ctx[i], ct[i]});
          }
          historyOfRow.add(k);
        }
        rowOf[i] = row;
      }
      int n = distinct.size();
      x = new double[n];
      tx = new double[n];
      t = new double[n];
      m = new double[n];
      count = new double[n];
      cumulative = new double[n];
      historyOf = new int[n];
      for (int j = 0; j < n; j++) {
        double[] r = distinct.get(j);
        x[j] = r[0];
        tx[j] = r[1];
        t[j] = r[2];
        m[j] = r[3];
        historyOf[j] = historyOfRow.get(j);
      }
      for (int r : rowOf) {
        count[r]++;
      }
      double running = 0;
      for (int j = 0; j < n; j++) {
        running += count[j];
        cumulative[j] = running;
      }
      histories = distinctHistories.size();
      hx = new double[histories];
      htx = new double[histories];
      ht = new double[histories];
      for (int k = 0; k < histories; k++) {
        hx[k] = distinctHistories.get(k)[0];
        htx[k] = distinctHistories.get(k)[1];
        ht[k] = distinctHistories.get(k)[2];
      }
    }

    /** How many times each distinct row is drawn when drawing as many customers as there are. */
    double[] draw(SplittableRandom random) {
      double[] weights = new double[x.length];
      for (int k = 0; k < customers; k++) {
        int j = Arrays.binarySearch(cumulative, Math.floor(random.nextDouble() * customers) + 1);
        weights[j < 0 ? -j - 1 : j]++;
      }
      return weights;
    }

    /** The drawn (x, t_x, T) rows. */
    CbsRows rows(double[] weights) {
      CbsRows.Builder b = new CbsRows.Builder();
      for (int j = 0; j < weights.length; j++) {
        if (weights[j] > 0) {
          b.add(x[j], tx[j], t[j], weights[j]);
        }
      }
      return b.build();
    }

    /** The drawn rows with a usable repeat spend, or null when none was drawn. */
    @Nullable SpendRows spendRows(double[] weights) {
      int n = 0;
      for (int j = 0; j < weights.length; j++) {
        if (weights[j] > 0 && m[j] > 0) {
          n++;
        }
      }
      if (n == 0) {
        return null;
      }
      double[] sx = new double[n];
      double[] sm = new double[n];
      double[] sw = new double[n];
      int k = 0;
      for (int j = 0; j < weights.length; j++) {
        if (weights[j] > 0 && m[j] > 0) {
          sx[k] = x[j];
          sm[k] = m[j];
          sw[k++] = weights[j];
        }
      }
      return SpendRows.of(sx, sm, sw);
    }
  }

  /** The quantile of sorted values with linear interpolation between order statistics (R's type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
