package dev.crmkit.scoring.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Repeat-purchase counts and mean repeat spend of the customers with at least one repeat
 * purchase: the input of the {@link GammaGamma} spend model. Identical rows are kept once with
 * their count.
 *
 * <pre>{@code
 * SpendRows rows = SpendRows.of(new double[] {2, 1}, new double[] {17.6, 30.1});
 * ModelFit<GammaGamma> fit = GammaGamma.fit(rows);
 * }</pre>
 */
public final class SpendRows {

  private final double[] frequency;
  private final double[] monetaryValue;
  private final double[] weight;
  private final double customers;

  private SpendRows(double[] frequency, double[] monetaryValue, double[] weight) {
    this.frequency = frequency;
    this.monetaryValue = monetaryValue;
    this.weight = weight;
    this.customers = WeightedRows.total(weight);
  }

  /** One row per customer, each with weight 1. */
  public static SpendRows of(double[] frequency, double[] monetaryValue) {
    double[] ones = new double[frequency.length];
    Arrays.fill(ones, 1);
    return of(frequency, monetaryValue, ones);
  }

  /**
   * Rows with counts: frequency a whole number &ge; 1, monetary value (the mean of the repeat
   * transactions) finite and &gt; 0, weights whole numbers &ge; 1.
   *
   * @throws IllegalArgumentException naming the row, the field and the value
   */
  public static SpendRows of(double[] frequency, double[] monetaryValue, double[] weights) {
    int n = frequency.length;
    if (monetaryValue.length != n || weights.length != n) {
      throw new IllegalArgumentException("frequency, monetary value and weights must have the same length, got "
          + n + ", " + monetaryValue.length + ", " + weights.length);
    }
    record Key(double x, double m) {}
    Map<Key, double[]> counts = new HashMap<>();
    int m = 0;
    Key[] keys = new Key[n];
    for (int i = 0; i < n; i++) {
      double x = frequency[i];
      double v = monetaryValue[i];
      double w = weights[i];
      if (!(x >= 1) || x != Math.rint(x) || x > 1e9) {
        throw new IllegalArgumentException("row " + i + ": frequency must be a whole number >= 1 for the spend"
            + " model, got " + x);
      }
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("row " + i + ": monetary value must be finite and > 0, got " + v);
      }
      WeightedRows.checkWeight(i, w);
      Key key = new Key(x, v);
      double[] count = counts.get(key);
      if (count == null) {
        counts.put(key, new double[] {w});
        keys[m] = key;
        m++;
      } else {
        count[0] += w;
      }
    }
    double[] ux = new double[m];
    double[] um = new double[m];
    double[] uw = new double[m];
    for (int j = 0; j < m; j++) {
      ux[j] = keys[j].x();
      um[j] = keys[j].m();
      uw[j] = counts.get(keys[j])[0];
    }
    int[] order = WeightedRows.byFrequency(ux);
    return new SpendRows(WeightedRows.permute(ux, order), WeightedRows.permute(um, order),
        WeightedRows.permute(uw, order));
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

  public double monetaryValue(int row) {
    return monetaryValue[row];
  }

  public double weight(int row) {
    return weight[row];
  }

  double totalWeight() {
    return customers;
  }

  double[] frequencies() {
    return frequency;
  }

  double[] monetaryValues() {
    return monetaryValue;
  }

  double[] weights() {
    return weight;
  }
}
