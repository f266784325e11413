package dev.crmkit.scoring.clv;

import java.util.Arrays;

/** What {@link CbsRows} and {@link SpendRows} share: weights and the grouping by frequency. */
final class WeightedRows {

  private WeightedRows() {}

  /** A row's weight (a number of customers) must be a whole number of at least 1. */
  static void checkWeight(long row, double w) {
    if (!(w >= 1) || w != Math.rint(w) || Double.isInfinite(w)) {
      throw new IllegalArgumentException("row " + row + ": weight must be a whole number >= 1, got " + w);
    }
  }

  static double total(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    return total;
  }

  /**
   * The rows in order of frequency (whole numbers below 2<sup>31</sup>), rows of equal frequency
   * in their order: the likelihoods evaluate their gamma terms once per frequency.
   */
  static int[] byFrequency(double[] frequency) {
    int m = frequency.length;
    long[] keys = new long[m];
    for (int j = 0; j < m; j++) {
      keys[j] = ((long) frequency[j] << 32) | j;
    }
    Arrays.sort(keys);
    int[] order = new int[m];
    for (int k = 0; k < m; k++) {
      order[k] = (int) keys[k];
    }
    return order;
  }

  /** The values in the given order. */
  static double[] permute(double[] values, int[] order) {
    double[] out = new double[order.length];
    for (int k = 0; k < order.length; k++) {
      out[k] = values[order[k]];
    }
    return out;
  }
}
