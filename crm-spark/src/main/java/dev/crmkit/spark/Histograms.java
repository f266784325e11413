package dev.crmkit.spark;

import dev.crmkit.scoring.ValueHistogram;
import java.io.Serializable;

/**
 * The distinct values of several metrics with their counts, built on the executors in one pass
 * over the customers and merged in a tree: a metric's histogram stays exact while it has at most
 * {@code exactLimit} distinct values and becomes a sketch (values rounded to {@link
 * ValueHistogram#bucket} representatives, counts exact) as soon as it has more. A merge of two
 * exact histograms within the limit is exact; anything else is bucketed; so the result is exact
 * exactly when the whole population has at most {@code exactLimit} distinct values, whatever
 * the partitioning and the order of the merges. Its size is bounded by the limit (or the number
 * of buckets), never by the number of customers.
 */
final class Histograms implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int exactLimit;
  private final double relativeError;
  private final Counts[] metrics;

  Histograms(int metrics, int exactLimit, double relativeError) {
    this.exactLimit = exactLimit;
    this.relativeError = relativeError;
    this.metrics = new Counts[metrics];
    for (int k = 0; k < metrics; k++) {
      this.metrics[k] = new Counts();
    }
  }

  /** Counts one customer's value of metric {@code k}; NaN (missing) is not counted. */
  void add(int k, double value) {
    if (Double.isNaN(value)) {
      return;
    }
    Counts c = metrics[k];
    double v = value == 0.0 ? 0.0 : value; // -0.0 and 0.0 are one value, as in memory
    c.add(c.bucketed ? ValueHistogram.bucket(v, relativeError) : v, 1);
    if (!c.bucketed && c.size > exactLimit) {
      metrics[k] = c.bucketed(relativeError);
    }
  }

  /** Adds {@code other} into this one (same metrics and settings); returns this. */
  Histograms merge(Histograms other) {
    for (int k = 0; k < metrics.length; k++) {
      Counts a = metrics[k];
      Counts b = other.metrics[k];
      if (a.bucketed != b.bucketed) {
        a = a.bucketed ? a : a.bucketed(relativeError);
        b = b.bucketed ? b : b.bucketed(relativeError);
      }
      if (a.size < b.size) { // add the smaller into the larger
        Counts t = a;
        a = b;
        b = t;
      }
      a.addAll(b);
      if (!a.bucketed && a.size > exactLimit) {
        a = a.bucketed(relativeError);
      }
      metrics[k] = a;
    }
    return this;
  }

  /** The histogram of metric {@code k}: exact, or a sketch when it had too many values. */
  ValueHistogram histogram(int k) {
    Counts c = metrics[k];
    double[] values = new double[c.size];
    long[] counts = new long[c.size];
    int n = 0;
    for (int i = 0; i < c.keys.length; i++) {
      if (c.counts[i] != 0) {
        values[n] = c.keys[i];
        counts[n++] = c.counts[i];
      }
    }
    return c.bucketed
        ? ValueHistogram.sketch(values, counts, relativeError)
        : ValueHistogram.exact(values, counts);
  }

  /** An open-addressing map from a value to its count (a count of 0 marks a free slot). */
  private static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;

    boolean bucketed;
    double[] keys = new double[16];
    long[] counts = new long[16];
    int size;

    void add(double key, long count) {
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (counts[i] != 0) {
        if (Double.doubleToLongBits(keys[i]) == Double.doubleToLongBits(key)) {
          counts[i] += count;
          return;
        }
        i = (i + 1) & mask;
      }
      keys[i] = key;
      counts[i] = count;
      if (++size * 2 > keys.length) {
        grow();
      }
    }

    void addAll(Counts other) {
      for (int i = 0; i < other.keys.length; i++) {
        if (other.counts[i] != 0) {
          add(other.keys[i], other.counts[i]);
        }
      }
    }

    /** The same counts with every value rounded to its bucket. */
    Counts bucketed(double relativeError) {
      Counts out = new Counts();
      out.bucketed = true;
      for (int i = 0; i < keys.length; i++) {
        if (counts[i] != 0) {
          out.add(ValueHistogram.bucket(keys[i], relativeError), counts[i]);
        }
      }
      return out;
    }

    private void grow() {
      double[] oldKeys = keys;
      long[] oldCounts = counts;
      keys = new double[oldKeys.length * 2];
      counts = new long[oldKeys.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldCounts[i] != 0) {
          add(oldKeys[i], oldCounts[i]);
        }
      }
    }

    private static int slot(double key, int mask) {
      long bits = Double.doubleToLongBits(key) * 0x9E3779B97F4A7C15L;
      return (int) (bits >>> 32) & mask;
    }
  }
}
