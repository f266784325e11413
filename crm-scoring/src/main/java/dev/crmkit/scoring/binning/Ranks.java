package dev.crmkit.scoring.binning;

import java.util.Arrays;

/**
 * Mid-ranks without sorting a permutation: the rank of each value is found by binary search in
 * a sorted copy, so a million values rank in one primitive sort. Not part of the API.
 */
public final class Ranks {
  private Ranks() {}

  /**
   * For each value, the 0-based positions {@code [lo, hi]} of its tie group in ascending order,
   * packed as {@code lo << 32 | hi}.
   */
  public static long[] tieGroups(double[] values) {
    double[] sorted = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      sorted[i] = values[i] == 0 ? 0.0 : values[i]; // -0.0 ties with 0.0
    }
    Arrays.sort(sorted);
    long[] groups = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i] == 0 ? 0.0 : values[i];
      int lo = bound(sorted, v, false);
      int hi = bound(sorted, v, true) - 1;
      groups[i] = ((long) lo << 32) | hi;
    }
    return groups;
  }

  public static int lo(long group) {
    return (int) (group >>> 32);
  }

  public static int hi(long group) {
    return (int) group;
  }

  /** The first index whose value is >= v (or > v when {@code upper}). */
  private static int bound(double[] sorted, double v, boolean upper) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v || (upper && sorted[mid] == v)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
