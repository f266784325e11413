package dev.crmkit.scoring.binning;

import java.util.Arrays;

/**
 * Scores 1..n by quantile bins that respect ties: equal values always get the same score, as
 * many distinct scores are used as the data allows (min(n, number of distinct values)), and
 * among the splits that do so the chosen one is the most balanced: it minimises the sum of
 * squared differences between each bin's size and N / bins. Ties between equally balanced
 * splits go to the split whose cuts come earliest (lower values).
 *
 * <p>The optimum is exact: the cost of a bin is a convex function of its size, so the cost
 * matrix is Monge and a divide-and-conquer dynamic programme finds it in O(bins x D log D) for
 * D distinct values.
 *
 * <p>Not part of the API: used by the built-in strategies.
 */
public final class Binning {

  private Binning() {}

  /**
   * Scores 1..n, higher values getting higher scores. When there are fewer distinct values k
   * than n, the k scores are spread over 1..n (bin b of k gets round(1 + (b - 1)(n - 1)/(k -
   * 1)); a single value gets the middle score ceil((n + 1) / 2)).
   *
   * @throws IllegalArgumentException when a value is NaN
   */
  public static int[] quantileScores(double[] values, int n) {
    int size = values.length;
    int[] scores = new int[size];
    if (size == 0) {
      return scores;
    }
    for (int i = 0; i < size; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("value " + i + " is NaN");
      }
    }
    Groups groups = groups(values);
    Bins bins = bins(groups.distinct, groups.prefix, n);
    for (int i = 0; i < size; i++) {
      scores[i] = bins.score(values[i]);
    }
    return scores;
  }

  /**
   * The tie-aware bins of a population given as its distinct values (ascending) with their
   * counts: the same bins {@link #quantileScores} computes from the values themselves, so a
   * population's statistics (computed anywhere, for example on a cluster) score customers one
   * at a time exactly as the whole column would.
   *
   * @throws IllegalArgumentException when the values are not strictly ascending or a count is
   *     not positive
   */
  public static Bins fit(double[] distinct, long[] counts, int n) {
    if (distinct.length != counts.length) {
      throw new IllegalArgumentException(
          "counts: " + counts.length + " counts for " + distinct.length + " values");
    }
    long[] prefix = new long[distinct.length + 1];
    for (int g = 0; g < distinct.length; g++) {
      if (counts[g] <= 0) {
        throw new IllegalArgumentException("counts[" + g + "]: " + counts[g] + " is not positive");
      }
      if (Double.isNaN(distinct[g]) || (g > 0 && !(distinct[g] > distinct[g - 1]))) {
        throw new IllegalArgumentException(
            "distinct[" + g + "]: " + distinct[g] + " is not above the previous value");
      }
      prefix[g + 1] = prefix[g] + counts[g];
    }
    return bins(distinct, prefix, n);
  }

  private static Bins bins(double[] distinct, long[] prefix, int n) {
    int distinctCount = distinct.length;
    if (distinctCount == 0) {
      return new Bins(new double[0], new int[0]);
    }
    int k = Math.min(n, distinctCount);
    int[] groupBin = segment(prefix, distinctCount, k);
    int[] scoreOfBin = new int[k];
    // bins are runs of consecutive distinct values: a value is in the first bin whose largest
    // value is not below it
    double[] upper = new double[k];
    for (int g = 0; g < distinctCount; g++) {
      upper[groupBin[g]] = distinct[g];
    }
    for (int b = 0; b < k; b++) {
      scoreOfBin[b] = spread(b, k, n);
    }
    return new Bins(upper, scoreOfBin);
  }

  /**
   * Fitted bins: the largest value of each bin (ascending) and its score. A value above the
   * last bin's largest value (one that was not in the fitted population) gets the top score.
   */
  public static final class Bins implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] upper;
    private final int[] scoreOfBin;

    Bins(double[] upper, int[] scoreOfBin) {
      this.upper = upper;
      this.scoreOfBin = scoreOfBin;
    }

    /** The number of bins. */
    public int size() {
      return upper.length;
    }

    /** The largest value of bin {@code b} (0-based, ascending). */
    public double upper(int b) {
      return upper[b];
    }

    /** The score of a value. */
    public int score(double v) {
      int k = upper.length;
      if (k == 0) {
        throw new IllegalStateException("the bins were fitted on no values");
      }
      int b = 0;
      if (k <= 8) {
        while (b < k - 1 && v > upper[b]) {
          b++;
        }
      } else {
        b = Arrays.binarySearch(upper, v == 0 ? 0.0 : v);
        if (b < 0) {
          b = Math.min(-b - 1, k - 1);
        }
      }
      return scoreOfBin[b];
    }
  }

  /**
   * The distinct values of a column, ascending ({@code -0.0} counted as {@code 0.0}), with how
   * many times each occurs: the population statistic the bins are fitted on.
   *
   * @throws IllegalArgumentException when a value is NaN
   */
  public static Distinct distinct(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("value " + i + " is NaN");
      }
    }
    if (values.length == 0) {
      return new Distinct(new double[0], new long[0]);
    }
    Groups groups = groups(values);
    long[] counts = new long[groups.distinct.length];
    for (int g = 0; g < counts.length; g++) {
      counts[g] = groups.prefix[g + 1] - groups.prefix[g];
    }
    return new Distinct(groups.distinct, counts);
  }

  /** Distinct values ascending and their counts. */
  public record Distinct(double[] values, long[] counts) {}

  private static Groups groups(double[] values) {
    int size = values.length;
    // the fewest decimal places (up to MAX_PLACES) that write every value exactly, or -1
    int places = 0;
    long unit = 1;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < size; i++) {
      double v = values[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
      while (places >= 0 && !(Math.abs(v) < 1e12 && Math.round(v * unit) / (double) unit == v)) {
        places = places == MAX_PLACES ? -1 : places + 1;
        unit *= 10;
      }
    }
    // the distinct values ascending, and prefix[g] = how many values are below distinct[g]
    Groups groups = places >= 0 ? count(values, min, max, unit) : null;
    if (groups == null) {
      groups = sort(values);
    }
    return groups;
  }

  /** Distinct values ascending, and prefix[g] = how many values are below distinct[g]. */
  private record Groups(double[] distinct, long[] prefix) {}

  /**
   * Groups whole numbers or amounts with few decimals (days, counts, cents) by counting them in
   * units of their last decimal place over a window from the smallest; the few values beyond the
   * window (a long tail of big spenders) are sorted. Null when too many are beyond it.
   */
  private static Groups count(double[] values, double min, double max, long unit) {
    int size = values.length;
    long low = Math.round(min * unit);
    int window = (int) Math.min(Math.round(max * unit) - low + 1, 4L * size + 1024);
    int[] counts = new int[window];
    int beyond = 0;
    for (double v : values) {
      long x = Math.round(v * unit) - low;
      if (x < window) {
        counts[(int) x]++;
      } else {
        beyond++;
      }
    }
    if (beyond > size / 8) {
      return null; // sorting them all is as quick
    }
    double[] tail = new double[beyond];
    if (beyond > 0) {
      int t = 0;
      for (double v : values) {
        if (Math.round(v * unit) - low >= window) {
          tail[t++] = v == 0 ? 0.0 : v; // -0.0 equals 0.0
        }
      }
      Arrays.sort(tail);
    }
    int d = 0;
    for (int c : counts) {
      if (c > 0) {
        d++;
      }
    }
    for (int i = 0; i < beyond; i++) {
      if (i == 0 || tail[i] != tail[i - 1]) {
        d++;
      }
    }
    double[] distinct = new double[d];
    long[] prefix = new long[d + 1];
    int g = 0;
    for (int x = 0; x < window; x++) {
      if (counts[x] > 0) {
        distinct[g] = (low + x) / (double) unit; // the value itself: it is written exactly
        prefix[g + 1] = prefix[g] + counts[x];
        g++;
      }
    }
    for (int i = 0; i < beyond; i++) {
      if (i == 0 || tail[i] != tail[i - 1]) {
        distinct[g] = tail[i];
        prefix[g + 1] = prefix[g];
        g++;
      }
      prefix[g]++;
    }
    return new Groups(distinct, prefix);
  }

  /** Groups any values by sorting them. */
  private static Groups sort(double[] values) {
    int size = values.length;
    double[] sorted = new double[size];
    for (int i = 0; i < size; i++) {
      double v = values[i];
      sorted[i] = v == 0 ? 0.0 : v; // -0.0 equals 0.0
    }
    if (size >= PARALLEL_SORT) {
      Arrays.parallelSort(sorted);
    } else {
      Arrays.sort(sorted);
    }
    int distinctCount = 1;
    for (int i = 1; i < size; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinctCount++;
      }
    }
    double[] distinct = new double[distinctCount];
    long[] prefix = new long[distinctCount + 1];
    int g = 0;
    distinct[0] = sorted[0];
    for (int i = 0; i < size; i++) {
      if (sorted[i] != distinct[g]) {
        prefix[g + 1] = i;
        distinct[++g] = sorted[i];
      }
    }
    prefix[distinctCount] = size;
    return new Groups(distinct, prefix);
  }

  /** Values with more decimal places than this are sorted, not counted. */
  private static final int MAX_PLACES = 4;

  /** Arrays at least this long are sorted on several threads. */
  private static final int PARALLEL_SORT = 1 << 17;

  /** The score of bin {@code b} (0-based) of {@code k} on a scale of 1..n. */
  static int spread(int b, int k, int n) {
    if (k == n) {
      return b + 1;
    }
    if (k == 1) {
      return (n + 2) / 2;
    }
    return (int) Math.round(1 + (double) b * (n - 1) / (k - 1));
  }

  /**
   * Scores by thresholds: 1 + the number of thresholds at or below the value (so the thresholds
   * are the lower bounds of scores 2..n).
   */
  public static int[] thresholdScores(double[] values, double[] ascending) {
    int[] scores = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      int s = 1;
      for (double t : ascending) {
        if (values[i] >= t) {
          s++;
        }
      }
      scores[i] = s;
    }
    return scores;
  }

  /** Splits groups 0..d-1 (with counts given by prefix sums) into k contiguous bins. */
  static int[] segment(long[] prefix, int d, int k) {
    double target = (double) prefix[d] / k;
    double[] previous = new double[d + 1];
    double[] current = new double[d + 1];
    Arrays.fill(previous, Double.POSITIVE_INFINITY);
    previous[0] = 0;
    int[][] opt = new int[k + 1][];
    for (int b = 1; b <= k; b++) {
      Arrays.fill(current, Double.POSITIVE_INFINITY);
      opt[b] = new int[d + 1];
      // bin b ends after group j; b bins need j >= b, and k - b more bins need d - j >= k - b
      int lo = b;
      int hi = d - (k - b);
      solve(prefix, target, previous, current, opt[b], b, lo, hi, b - 1, hi - 1);
      double[] t = previous;
      previous = current;
      current = t;
    }
    int[] groupBin = new int[d];
    int j = d;
    for (int b = k; b >= 1; b--) {
      int i = opt[b][j];
      for (int x = i; x < j; x++) {
        groupBin[x] = b - 1;
      }
      j = i;
    }
    return groupBin;
  }

  private static void solve(
      long[] prefix,
      double target,
      double[] previous,
      double[] current,
      int[] opt,
      int b,
      int lo,
      int hi,
      int optLo,
      int optHi) {
    if (lo > hi) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    int best = -1;
    double bestCost = Double.POSITIVE_INFINITY;
    int from = Math.max(optLo, b - 1);
    int to = Math.min(mid - 1, optHi);
    for (int i = from; i <= to; i++) {
      if (previous[i] == Double.POSITIVE_INFINITY) {
        continue;
      }
      double gap = prefix[mid] - prefix[i] - target;
      double cost = previous[i] + gap * gap;
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    current[mid] = bestCost;
    opt[mid] = best;
    if (best < 0) {
      best = from;
    }
    solve(prefix, target, previous, current, opt, b, lo, mid - 1, optLo, best);
    solve(prefix, target, previous, current, opt, b, mid + 1, hi, best, optHi);
  }
}
