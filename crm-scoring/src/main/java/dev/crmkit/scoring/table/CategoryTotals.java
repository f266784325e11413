package dev.crmkit.scoring.table;

import java.util.Arrays;

/**
 * Totals per (customer, category) pair that occurs, gathered in row order: memory grows with the
 * pairs actually used, not with customers x categories (a product-description column has
 * thousands of values, of which a customer buys a few dozen).
 *
 * <p>An open-addressing table keyed by the pair; {@link #rows} turns it into the compressed
 * per-customer lists a {@link CustomerSummary} keeps.
 */
final class CategoryTotals {
  private long[] keys; // (customer << 32 | category) + 1; 0 = empty
  private int[] slot;
  private double[] values;
  private int size;
  private int mask;

  CategoryTotals(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    keys = new long[capacity];
    slot = new int[capacity];
    values = new double[capacity / 2];
    mask = capacity - 1;
  }

  /** Adds {@code value} to the pair's total (the first addition is to 0.0). */
  void add(int customer, int category, double value) {
    long key = (((long) customer << 32) | (category & 0xFFFFFFFFL)) + 1;
    int h = hash(key) & mask;
    long[] k = keys;
    while (true) {
      long at = k[h];
      if (at == key) {
        values[slot[h]] += value;
        return;
      }
      if (at == 0) {
        break;
      }
      h = (h + 1) & mask;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    k[h] = key;
    slot[h] = size;
    values[size++] = 0.0 + value;
    if (size * 2 > keys.length) {
      rehash();
    }
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29));
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldSlot = slot;
    keys = new long[oldKeys.length * 2];
    slot = new int[keys.length];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      long key = oldKeys[i];
      if (key != 0) {
        int h = hash(key) & mask;
        while (keys[h] != 0) {
          h = (h + 1) & mask;
        }
        keys[h] = key;
        slot[h] = oldSlot[i];
      }
    }
  }

  /** An independent copy (so that {@link #rows}, which releases the table, can run twice). */
  CategoryTotals copy() {
    CategoryTotals c = new CategoryTotals(16);
    c.keys = keys.clone();
    c.slot = slot.clone();
    c.values = values.clone();
    c.size = size;
    c.mask = mask;
    return c;
  }

  /** The number of (customer, category) pairs. */
  int size() {
    return size;
  }

  /**
   * The totals as per-row lists sorted by category: row {@code r}'s categories are {@code
   * category[offsets[r] .. offsets[r + 1])}, their totals in {@code total} alike.
   *
   * @param rowOf customer code to row, -1 for a customer without a row; null: the code is the row
   * @param rows the number of rows
   */
  Sparse rows(int[] rowOf, int rows) {
    int[] offsets = new int[rows + 1];
    int pairs = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        int row = row(keys[i], rowOf);
        if (row >= 0) {
          offsets[row + 1]++;
          pairs++;
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      offsets[r + 1] += offsets[r];
    }
    int[] pos = Arrays.copyOf(offsets, rows);
    int[] category = new int[pairs];
    double[] total = new double[pairs];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        int row = row(keys[i], rowOf);
        if (row >= 0) {
          int p = pos[row]++;
          category[p] = (int) (keys[i] - 1);
          total[p] = values[slot[i]];
        }
      }
    }
    keys = null;
    slot = null;
    values = null;
    Sparse sparse = new Sparse(offsets, category, total);
    sparse.sortRows();
    return sparse;
  }

  /**
   * The rows of tables that each hold the pairs of a disjoint set of customers (the customer
   * code being the row).
   */
  static Sparse merge(CategoryTotals[] parts, int rows) {
    if (parts.length == 1) {
      return parts[0].rows(null, rows);
    }
    Sparse[] sparse = new Sparse[parts.length];
    int pairs = 0;
    for (int p = 0; p < parts.length; p++) {
      sparse[p] = parts[p].rows(null, rows);
      pairs += sparse[p].category.length;
    }
    int[] offsets = new int[rows + 1];
    int[] category = new int[pairs];
    double[] total = new double[pairs];
    int w = 0;
    for (int r = 0; r < rows; r++) {
      offsets[r] = w;
      for (Sparse s : sparse) {
        int from = s.offsets[r];
        int n = s.offsets[r + 1] - from;
        System.arraycopy(s.category, from, category, w, n);
        System.arraycopy(s.total, from, total, w, n);
        w += n;
      }
    }
    offsets[rows] = w;
    return new Sparse(offsets, category, total);
  }

  private static int row(long key, int[] rowOf) {
    int customer = (int) ((key - 1) >>> 32);
    return rowOf == null ? customer : rowOf[customer];
  }

  /** Per-row category lists (compressed sparse rows). */
  record Sparse(int[] offsets, int[] category, double[] total) implements java.io.Serializable {
    /** Sorts each row's entries by category (insertion sort for short rows). */
    void sortRows() {
      for (int r = 0; r + 1 < offsets.length; r++) {
        if (offsets[r + 1] - offsets[r] > 32) {
          sortLong(offsets[r], offsets[r + 1]);
          continue;
        }
        for (int i = offsets[r] + 1; i < offsets[r + 1]; i++) {
          int c = category[i];
          double t = total[i];
          int j = i - 1;
          while (j >= offsets[r] && category[j] > c) {
            category[j + 1] = category[j];
            total[j + 1] = total[j];
            j--;
          }
          category[j + 1] = c;
          total[j + 1] = t;
        }
      }
    }

    private void sortLong(int from, int to) {
      long[] order = new long[to - from];
      for (int i = from; i < to; i++) {
        order[i - from] = ((long) category[i] << 32) | (i - from);
      }
      Arrays.sort(order);
      double[] t = Arrays.copyOfRange(total, from, to);
      for (int i = 0; i < order.length; i++) {
        category[from + i] = (int) (order[i] >>> 32);
        total[from + i] = t[(int) order[i]];
      }
    }
  }
}
