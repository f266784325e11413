package dev.crmkit.scoring.clv;

import java.util.Arrays;

/**
 * Frequency, recency and age of a customer base as weighted, compressed rows: the input of the
 * transaction models.
 *
 * <p>Identical (frequency, recency, T) rows are kept once with their count, and the rows are
 * grouped by frequency, so a fit evaluates each distinct row and each distinct time once. A
 * million customers whose times are whole days or weeks collapse to a few tens of thousands of
 * rows. For BG/BB, T is the number of transaction opportunities and recency the opportunity of
 * the last transaction.
 *
 * <pre>{@code
 * CbsRows rows = CbsRows.of(new double[] {2, 0}, new double[] {30.43, 0}, new double[] {38.86, 38.86});
 * ModelFit<BgNbd> fit = BgNbd.fit(rows);
 * }</pre>
 */
public final class CbsRows {

  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double customers;
  // rows are sorted by frequency; group g holds rows groupStart[g] until groupStart[g + 1]
  private final int[] groupStart;
  // every distinct recency and T value once; rows point into it
  private final double[] times;
  private final int[] recencyIndex;
  private final int[] ageIndex;

  private CbsRows(double[] frequency, double[] recency, double[] age, double[] weight) {
    this.frequency = frequency;
    this.recency = recency;
    this.age = age;
    this.weight = weight;
    this.customers = WeightedRows.total(weight);
    int groups = 0;
    for (int i = 0; i < frequency.length; i++) {
      if (i == 0 || frequency[i] != frequency[i - 1]) {
        groups++;
      }
    }
    groupStart = new int[groups + 1];
    int g = 0;
    for (int i = 0; i < frequency.length; i++) {
      if (i == 0 || frequency[i] != frequency[i - 1]) {
        groupStart[g++] = i;
      }
    }
    groupStart[groups] = frequency.length;
    DoubleIndex index = new DoubleIndex(2 * frequency.length);
    recencyIndex = new int[frequency.length];
    ageIndex = new int[frequency.length];
    for (int i = 0; i < frequency.length; i++) {
      recencyIndex[i] = index.indexOf(recency[i]);
      ageIndex[i] = index.indexOf(age[i]);
    }
    times = index.values();
  }

  /** One row per customer, each with weight 1; see {@link #of(double[], double[], double[], double[])}. */
  public static CbsRows of(double[] frequency, double[] recency, double[] T) {
    checkLengths(frequency, recency, T, frequency.length);
    return compress(frequency, recency, T, null);
  }

  /**
   * Rows with counts. Frequency is a whole number &ge; 0, recency and T are finite with
   * 0 &le; recency &le; T, recency is 0 when frequency is 0, and each weight is a whole number
   * &ge; 1 (the number of customers with that row). Identical rows are merged.
   *
   * @throws IllegalArgumentException naming the row, the field and the value
   */
  public static CbsRows of(double[] frequency, double[] recency, double[] T, double[] weights) {
    checkLengths(frequency, recency, T, weights.length);
    return compress(frequency, recency, T, weights);
  }

  private static void checkLengths(double[] frequency, double[] recency, double[] T, int weights) {
    int n = frequency.length;
    if (recency.length != n || T.length != n || weights != n) {
      throw new IllegalArgumentException(
          "frequency, recency, T and weights must have the same length, got "
              + n + ", " + recency.length + ", " + T.length + ", " + weights);
    }
  }

  static void checkRow(long i, double x, double tx, double t, double w) {
    if (!(x >= 0) || x != Math.rint(x) || x > 1e9) {
      throw new IllegalArgumentException("row " + i + ": frequency must be a whole number >= 0, got " + x);
    }
    if (!(tx >= 0) || Double.isInfinite(tx)) {
      throw new IllegalArgumentException("row " + i + ": recency must be finite and >= 0, got " + tx);
    }
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("row " + i + ": T must be finite and >= 0, got " + t);
    }
    if (tx > t) {
      throw new IllegalArgumentException(
          "row " + i + ": recency " + tx + " is greater than T " + t);
    }
    if (x == 0 && tx != 0) {
      throw new IllegalArgumentException(
          "row " + i + ": frequency is 0 but recency is " + tx + " (must be 0)");
    }
    WeightedRows.checkWeight(i, w);
  }

  /** Checks and merges the rows in one pass; null weights mean one customer per row. */
  private static CbsRows compress(double[] x, double[] tx, double[] t, double[] w) {
    Builder rows = new Builder();
    for (int i = 0; i < x.length; i++) {
      rows.add(x[i], tx[i], t[i], w == null ? 1 : w[i]);
    }
    return rows.build();
  }

  /**
   * Rows gathered one at a time, merged as they come: memory grows with the distinct rows, not
   * with the customers (a reader of a large summary file adds each line here, or one builder per
   * part of the file and then {@link #addAll}). Not thread-safe: one builder per thread.
   */
  public static final class Builder {
    // a table sized for the distinct rows, not for the customers, stays in cache; rowKeys of a
    // row sit side by side for the same reason
    private int capacity = 1024;
    private int[] slots = empty(1024);
    private double[] rowKeys = new double[3 * 512];
    private double[] uw = new double[512];
    private int m;
    private long added;

    /** An empty builder. */
    public Builder() {}

    /**
     * Adds one row of {@code weight} customers, checked as {@link CbsRows#of(double[], double[],
     * double[], double[])} checks it (rows numbered from 0 in the order added).
     *
     * @throws IllegalArgumentException naming the row, the field and the value
     */
    public Builder add(double frequency, double recency, double T, double weight) {
      double txi = recency + 0.0; // -0.0 and 0.0 are one value
      double ti = T + 0.0;
      checkRow(added, frequency, txi, ti, weight);
      added++;
      merge(frequency, txi, ti, weight);
      return this;
    }

    /** Adds every row of {@code other} (already checked there). */
    public Builder addAll(Builder other) {
      for (int j = 0; j < other.m; j++) {
        merge(other.rowKeys[3 * j], other.rowKeys[3 * j + 1], other.rowKeys[3 * j + 2], other.uw[j]);
      }
      added += other.added;
      return this;
    }

    /** How many rows were added (before merging). */
    public long added() {
      return added;
    }

    /** The merged rows, grouped by frequency. */
    public CbsRows build() {
      double[] ux = new double[m];
      double[] utx = new double[m];
      double[] ut = new double[m];
      for (int j = 0; j < m; j++) {
        ux[j] = rowKeys[3 * j];
        utx[j] = rowKeys[3 * j + 1];
        ut[j] = rowKeys[3 * j + 2];
      }
      double[] weights = Arrays.copyOf(uw, m);
      int[] order = WeightedRows.byFrequency(ux);
      return new CbsRows(WeightedRows.permute(ux, order), WeightedRows.permute(utx, order),
          WeightedRows.permute(ut, order), WeightedRows.permute(weights, order));
    }

    private void merge(double xi, double txi, double ti, double wi) {
      int mask = capacity - 1;
      int s = hash(xi, txi, ti) & mask;
      while (true) {
        int j = slots[s];
        if (j < 0) {
          if (m == uw.length) {
            rowKeys = Arrays.copyOf(rowKeys, 6 * m);
            uw = Arrays.copyOf(uw, 2 * m);
          }
          rowKeys[3 * m] = xi;
          rowKeys[3 * m + 1] = txi;
          rowKeys[3 * m + 2] = ti;
          uw[m] = wi;
          slots[s] = m++;
          if (4 * m > capacity) {
            capacity *= 2;
            slots = rehash(rowKeys, m, capacity);
          }
          return;
        }
        if (rowKeys[3 * j] == xi && rowKeys[3 * j + 1] == txi && rowKeys[3 * j + 2] == ti) {
          uw[j] += wi;
          return;
        }
        s = (s + 1) & mask;
      }
    }

    private static int[] empty(int capacity) {
      int[] slots = new int[capacity];
      Arrays.fill(slots, -1);
      return slots;
    }
  }

  private static int hash(double x, double tx, double t) {
    long h = Double.doubleToLongBits(x) * 0x9E3779B97F4A7C15L;
    h = (h ^ Double.doubleToLongBits(tx)) * 0xC2B2AE3D27D4EB4FL;
    h = (h ^ Double.doubleToLongBits(t)) * 0x165667B19E3779F9L;
    // MurmurHash3's finaliser: the low bits pick the slot, so every input bit must reach them
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return (int) h;
  }

  private static int[] rehash(double[] keys, int m, int capacity) {
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    for (int j = 0; j < m; j++) {
      int s = hash(keys[3 * j], keys[3 * j + 1], keys[3 * j + 2]) & mask;
      while (slots[s] >= 0) {
        s = (s + 1) & mask;
      }
      slots[s] = j;
    }
    return slots;
  }

  /** The number of distinct rows. */
  public int size() {
    return frequency.length;
  }

  /** The number of customers: the sum of the weights. */
  public long customers() {
    return (long) customers;
  }

  public double frequency(int row) {
    return frequency[row];
  }

  public double recency(int row) {
    return recency[row];
  }

  public double T(int row) {
    return age[row];
  }

  public double weight(int row) {
    return weight[row];
  }

  double totalWeight() {
    return customers;
  }

  int groups() {
    return groupStart.length - 1;
  }

  int groupStart(int g) {
    return groupStart[g];
  }

  double[] frequencies() {
    return frequency;
  }

  double[] recencies() {
    return recency;
  }

  double[] ages() {
    return age;
  }

  double[] weights() {
    return weight;
  }

  double[] times() {
    return times;
  }

  int[] recencyIndex() {
    return recencyIndex;
  }

  int[] ageIndex() {
    return ageIndex;
  }

  double meanFrequency() {
    double s = 0;
    for (int i = 0; i < frequency.length; i++) {
      s += weight[i] * frequency[i];
    }
    return s / customers;
  }

  double meanT() {
    double s = 0;
    for (int i = 0; i < age.length; i++) {
      s += weight[i] * age[i];
    }
    return s / customers;
  }

  /** Distinct doubles, numbered in the order first seen (open addressing on the bits). */
  private static final class DoubleIndex {
    private final int[] slots;
    private final int mask;
    private double[] values = new double[64];
    private int size;

    DoubleIndex(int expected) {
      int capacity = Integer.highestOneBit(Math.max(4, 2 * expected) - 1) << 1;
      slots = new int[capacity];
      Arrays.fill(slots, -1);
      mask = capacity - 1;
    }

    int indexOf(double v) {
      long h = Double.doubleToLongBits(v) * 0x9E3779B97F4A7C15L;
      int s = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[s];
        if (j < 0) {
          if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
          }
          values[size] = v;
          slots[s] = size;
          return size++;
        }
        if (values[j] == v) {
          return j;
        }
        s = (s + 1) & mask;
      }
    }

    double[] values() {
      return Arrays.copyOf(values, size);
    }
  }
}
