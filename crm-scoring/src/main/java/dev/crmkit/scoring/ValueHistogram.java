package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.binning.Binning;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A population statistic of one metric: its distinct values, ascending, with how many customers
 * have each. It is what a {@link DistributableStrategy} fits on, and it is small when the metric
 * has few distinct values (days, counts). A distributed engine computes it with a group-by and
 * sends only it to the driver.
 *
 * <p>When a metric has too many distinct values to send (amounts in cents over millions of
 * customers), the engine sends a <b>sketch</b> instead: the values rounded to buckets of
 * relative width {@code relativeError} ({@link #bucket(double, double)}: every value is replaced
 * by a representative within that relative distance, 0 stays 0, the sign is kept), with exact
 * counts per bucket. Buckets merge by adding counts, so the sketch is as mergeable as the exact
 * histogram. A strategy fitted on a sketch is fitted on the rounded values exactly, and
 * scores a customer by its rounded value ({@link #quantize(double)}): its result equals the
 * exact result for the population whose values are rounded to their buckets.
 *
 * <pre>{@code
 * ValueHistogram days = ValueHistogram.of(new double[] {3, 3, 10});   // 3 x 2, 10 x 1
 * days.size(); days.value(0); days.count(0);                          // 2, 3.0, 2
 * }</pre>
 */
public final class ValueHistogram implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The relative error of the sketches crm-spark sends by default: 0.1%. */
  public static final double DEFAULT_RELATIVE_ERROR = 0.001;

  private final double[] values;
  private final long[] counts;
  private final double relativeError; // 0 for an exact histogram

  private ValueHistogram(double[] values, long[] counts, double relativeError) {
    this.values = values;
    this.counts = counts;
    this.relativeError = relativeError;
  }

  /** The exact histogram of a column; NaN values (customers without a value) are left out. */
  public static ValueHistogram of(double[] column) {
    requireNonNull(column, "column");
    int present = 0;
    for (double v : column) {
      if (!Double.isNaN(v)) {
        present++;
      }
    }
    double[] values = column;
    if (present < column.length) {
      values = new double[present];
      int k = 0;
      for (double v : column) {
        if (!Double.isNaN(v)) {
          values[k++] = v;
        }
      }
    }
    Binning.Distinct d = Binning.distinct(values);
    return new ValueHistogram(d.values(), d.counts(), 0);
  }

  /**
   * An exact histogram from its distinct values and their counts (any order; a value given twice
   * has its counts added).
   *
   * @throws IllegalArgumentException for a NaN value or a count below 1
   */
  public static ValueHistogram exact(double[] values, long[] counts) {
    return build(values, counts, 0);
  }

  /**
   * A sketch: bucket representatives ({@link #bucket(double, double)} with this relative error)
   * and their counts, in any order.
   *
   * @throws IllegalArgumentException when the relative error is not in (0, 0.5), a value is not
   *     a representative of that error, or a count is below 1
   */
  public static ValueHistogram sketch(double[] representatives, long[] counts, double relativeError) {
    checkError(relativeError);
    for (int i = 0; i < representatives.length; i++) {
      double v = representatives[i];
      if (bucket(v, relativeError) != v) {
        throw new IllegalArgumentException("representatives[" + i + "]: " + v
            + " is not the representative of a bucket of relative error " + relativeError);
      }
    }
    return build(representatives, counts, relativeError);
  }

  private static ValueHistogram build(double[] values, long[] counts, double relativeError) {
    requireNonNull(values, "values");
    requireNonNull(counts, "counts");
    if (values.length != counts.length) {
      throw new IllegalArgumentException(
          "counts: " + counts.length + " counts for " + values.length + " values");
    }
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("values[" + i + "]: NaN is not a value");
      }
      if (counts[i] < 1) {
        throw new IllegalArgumentException("counts[" + i + "]: " + counts[i] + " is below 1");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(zero(values[a]), zero(values[b])));
    double[] v = new double[values.length];
    long[] c = new long[values.length];
    int d = 0;
    for (int i : order) {
      double x = zero(values[i]);
      if (d > 0 && v[d - 1] == x) {
        c[d - 1] += counts[i];
      } else {
        v[d] = x;
        c[d] = counts[i];
        d++;
      }
    }
    return new ValueHistogram(Arrays.copyOf(v, d), Arrays.copyOf(c, d), relativeError);
  }

  private static double zero(double v) {
    return v == 0 ? 0.0 : v;
  }

  private static void checkError(double relativeError) {
    if (!(relativeError > 0 && relativeError < 0.5)) {
      throw new IllegalArgumentException(
          "relativeError: " + relativeError + " is not in (0, 0.5)");
    }
  }

  /**
   * The representative of the bucket of {@code value} for a relative error: with gamma = (1 +
   * e) / (1 - e), a positive value in (gamma^(i-1), gamma^i] is represented by 2 gamma^i / (gamma +
   * 1), which is within e x value of it; negative values mirror positive ones; 0, infinities
   * and NaN are their own representatives. Computed with {@link StrictMath}, so every JVM gives
   * the same representative.
   */
  public static double bucket(double value, double relativeError) {
    checkError(relativeError);
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return value == 0 ? 0.0 : value;
    }
    double magnitude = Math.abs(value);
    double logGamma = StrictMath.log((1 + relativeError) / (1 - relativeError));
    double i = StrictMath.ceil(StrictMath.log(magnitude) / logGamma);
    double representative = 2 * StrictMath.exp(i * logGamma) / (1 + StrictMath.exp(logGamma));
    return value < 0 ? -representative : representative;
  }

  /** Whether this histogram holds the exact values (not a sketch). */
  public boolean isExact() {
    return relativeError == 0;
  }

  /** The sketch's relative error, 0 for an exact histogram. */
  public double relativeError() {
    return relativeError;
  }

  /** The value a customer is scored by: itself when exact, else its bucket's representative. */
  public double quantize(double value) {
    return relativeError == 0 ? zero(value) : bucket(value, relativeError);
  }

  /** The number of distinct values (or buckets). */
  public int size() {
    return values.length;
  }

  /** The {@code k}-th smallest distinct value (or bucket representative). */
  public double value(int k) {
    return values[k];
  }

  /** How many customers have the {@code k}-th value. */
  public long count(int k) {
    return counts[k];
  }

  /** The number of customers (the sum of the counts). */
  public long population() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /** The distinct values, ascending (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** The counts, in the order of {@link #values()} (a copy). */
  public long[] counts() {
    return counts.clone();
  }

  /** The same counts for the negated values (ascending again). */
  public ValueHistogram negated() {
    int d = values.length;
    double[] v = new double[d];
    long[] c = new long[d];
    for (int k = 0; k < d; k++) {
      v[k] = zero(-values[d - 1 - k]);
      c[k] = counts[d - 1 - k];
    }
    return new ValueHistogram(v, c, relativeError);
  }

  /**
   * The median of the population: the middle value, or the mean of the two middle values for an
   * even population; NaN when empty.
   */
  public double median() {
    long n = population();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? nth(n / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
  }

  /** The value at 0-based position {@code p} of the ascending population. */
  private double nth(long p) {
    long seen = 0;
    for (int k = 0; k < values.length; k++) {
      seen += counts[k];
      if (p < seen) {
        return values[k];
      }
    }
    throw new IndexOutOfBoundsException("position " + p + " of " + seen);
  }

  @Override
  public String toString() {
    return (isExact() ? "exact" : "sketch(" + relativeError + ")") + " histogram of "
        + population() + " values, " + values.length + " distinct";
  }
}
