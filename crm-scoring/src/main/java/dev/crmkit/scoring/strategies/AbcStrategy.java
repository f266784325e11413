package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringException;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ABC analysis: classes A, B and C by cumulative share of a value column.
 *
 * <p>Customers are ranked by value, highest first. With the {@code thresholds} method a
 * customer is A when the value share of the customers ranked before it is below the first
 * threshold (so the customer who crosses 80% is still A), B when below the second, else C. With
 * the {@code computed} method the boundaries come from the ABC curve (effort p = share of
 * customers, yield = cumulative value share) as Ultsch and Lötsch define them: the Pareto point
 * (the curve point nearest (0, 1)), the break-even point (where the gain dyield/dp is 1, i.e.
 * the value equals the mean), A ending at the smaller of the two, and the submarginal point (the
 * curve point nearest (p_A, 1)) ending B. They are taken on the empirical curve, without the
 * spline the authors' R package fits.
 *
 * <p>Equal values always share a class (a tie group takes the class of its first member) and a
 * {@code cumulative_share} score (the share through the end of the group).
 * Customers with a value of 0 or less are C, and shares are of the positive total. A missing
 * (NaN) value is an error.
 *
 * <p>The report gives class sizes and value shares, the Lorenz curve and the Gini coefficient.
 *
 * <pre>{@code
 * ScoreTable abc = new AbcStrategy(AbcConfig.defaults()).score(summary);
 * AbcStrategy.Report report = (AbcStrategy.Report) abc.report();
 * report.gini();
 * }</pre>
 */
public final class AbcStrategy implements ScoringStrategy {

  public static final String ID = "abc";
  private static final List<String> CLASSES = List.of("A", "B", "C");

  private final AbcConfig config;

  public AbcStrategy(AbcConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String id() {
    return ID;
  }

  /** One class: its customers and value. */
  public record ClassShare(String label, int customers, double customerShare, double value,
      double valueShare) {}

  /** A point of the Lorenz curve: the poorest {@code populationShare} hold {@code valueShare}. */
  public record LorenzPoint(double populationShare, double valueShare) {}

  /**
   * A point of the ABC curve: the best {@code effort} share of customers yields {@code yield}.
   */
  public record CurvePoint(int customers, double effort, double yield) {}

  /**
   * The report of an ABC analysis.
   *
   * @param paretoPoint the computed method's Pareto point (null for the thresholds method)
   * @param breakEvenPoint the computed method's break-even point (null for thresholds)
   * @param submarginalPoint the computed method's B|C boundary (null for thresholds)
   */
  public record Report(
      String value,
      String method,
      List<ClassShare> classes,
      List<LorenzPoint> lorenz,
      double gini,
      CurvePoint paretoPoint,
      CurvePoint breakEvenPoint,
      CurvePoint submarginalPoint) {
    public Report {
      classes = List.copyOf(classes);
      lorenz = List.copyOf(lorenz);
    }
  }

  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    double[] value;
    try {
      value = summary.metric(config.value());
    } catch (IllegalArgumentException e) {
      throw new ScoringException("abc: " + e.getMessage(), e);
    }
    int n = value.length;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(value[i])) {
        throw new ScoringException(
            "abc: customer '" + summary.customerId(i) + "' has no value '" + config.value() + "'");
      }
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    // best first; equal values keep input order, so the order is deterministic
    Arrays.sort(boxed, (a, b) -> Double.compare(value[b], value[a]));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
    }
    boxed = null;
    double positive = 0;
    for (double v : value) {
      if (v > 0) {
        positive += v;
      }
    }
    if (n > 0 && positive <= 0) {
      throw new ScoringException(
          "abc: the total of '" + config.value() + "' is not positive; nothing to classify");
    }

    // cumulative share before each rank, and the position of each rank's tie group start
    double[] before = new double[n];
    double[] after = new double[n];
    double cumulative = 0;
    for (int k = 0; k < n; k++) {
      double v = value[order[k]];
      before[k] = cumulative / positive;
      cumulative += Math.max(v, 0);
      after[k] = cumulative / positive;
    }
    int[] groupStart = new int[n];
    for (int k = 0; k < n; k++) {
      groupStart[k] = k > 0 && value[order[k]] == value[order[k - 1]] ? groupStart[k - 1] : k;
    }

    String[] labels = new String[n];
    CurvePoint pareto = null;
    CurvePoint breakEven = null;
    CurvePoint submarginal = null;
    if (config.method().equals(AbcConfig.THRESHOLDS)) {
      double a = config.thresholds().get(0);
      double b = config.thresholds().get(1);
      for (int k = 0; k < n; k++) {
        int first = groupStart[k];
        double v = value[order[k]];
        String label = v <= 0 ? "C" : before[first] < a ? "A" : before[first] < b ? "B" : "C";
        labels[order[k]] = label;
      }
    } else if (n > 0) {
      // curve points k = 1..n: effort k/n, yield after[k - 1]
      int paretoK = 1;
      double best = Double.POSITIVE_INFINITY;
      for (int k = 1; k <= n; k++) {
        double p = (double) k / n;
        double d = p * p + (1 - after[k - 1]) * (1 - after[k - 1]);
        if (d < best) {
          best = d;
          paretoK = k;
        }
      }
      double mean = positive / n;
      int breakEvenK = 1;
      best = Double.POSITIVE_INFINITY;
      for (int k = 1; k <= n; k++) {
        double gain = Math.max(value[order[k - 1]], 0) / mean;
        double d = Math.abs(gain - 1);
        if (d <= best) { // the last of equally good points, as the authors' R code does
          best = d;
          breakEvenK = k;
        }
      }
      int abK = Math.min(paretoK, breakEvenK);
      double pA = (double) abK / n;
      int bcK = abK;
      best = Double.POSITIVE_INFINITY;
      for (int k = 1; k <= n; k++) {
        double p = (double) k / n;
        double d = (p - pA) * (p - pA) + (1 - after[k - 1]) * (1 - after[k - 1]);
        if (d < best) {
          best = d;
          bcK = k;
        }
      }
      bcK = Math.max(bcK, abK);
      pareto = new CurvePoint(paretoK, (double) paretoK / n, after[paretoK - 1]);
      breakEven = new CurvePoint(breakEvenK, (double) breakEvenK / n, after[breakEvenK - 1]);
      submarginal = new CurvePoint(bcK, (double) bcK / n, after[bcK - 1]);
      for (int k = 0; k < n; k++) {
        int first = groupStart[k];
        double v = value[order[k]];
        labels[order[k]] = v <= 0 ? "C" : first < abK ? "A" : first < bcK ? "B" : "C";
      }
    }

    String[] ids = new String[n];
    double[] share = new double[n];
    double[] cumulativeShare = new double[n];
    for (int k = n - 1; k >= 0; k--) {
      int i = order[k];
      ids[i] = summary.customerId(i);
      share[i] = Math.max(value[i], 0) / positive;
      // equal values, equal scores: the cumulative share through the end of the tie group
      boolean groupEnd = k == n - 1 || value[order[k + 1]] != value[i];
      cumulativeShare[i] = groupEnd ? after[k] : cumulativeShare[order[k + 1]];
    }
    ScoreTable table =
        ScoreTable.builder(ID, ids)
            .explanation(config.value(), value.clone())
            .explanation("value_share", share)
            .score("cumulative_share", cumulativeShare)
            .labels("class", labels)
            .orderedClasses(CLASSES)
            .build();
    return table.withReport(
        new Report(config.value(), config.method(), classShares(labels, value, positive),
            lorenz(value, config.lorenzPoints()), gini(value), pareto, breakEven, submarginal));
  }

  private static List<ClassShare> classShares(String[] labels, double[] value, double positive) {
    List<ClassShare> shares = new ArrayList<>();
    int n = labels.length;
    for (String c : CLASSES) {
      int count = 0;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i].equals(c)) {
          count++;
          sum += value[i];
        }
      }
      shares.add(new ClassShare(c, count, n == 0 ? 0 : (double) count / n, sum,
          positive == 0 ? 0 : sum / positive));
    }
    return shares;
  }

  /** The Lorenz curve at {@code points} evenly spaced population shares (poorest first). */
  static List<LorenzPoint> lorenz(double[] value, int points) {
    double[] sorted = value.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double[] cumulative = new double[n + 1];
    for (int i = 0; i < n; i++) {
      cumulative[i + 1] = cumulative[i] + sorted[i];
    }
    double total = cumulative[n];
    List<LorenzPoint> curve = new ArrayList<>();
    for (int j = 0; j < points; j++) {
      double p = (double) j / (points - 1);
      // linear between customers, as the curve is piecewise linear
      double position = p * n;
      int k = (int) Math.floor(position);
      double y = k >= n ? cumulative[n] : cumulative[k] + (position - k) * sorted[k];
      curve.add(new LorenzPoint(p, n == 0 || total == 0 ? 0 : y / total));
    }
    return curve;
  }

  /**
   * The Gini coefficient: 1 minus twice the area under the Lorenz curve, computed exactly as
   * (2 * sum(i * x_(i)) / (n * sum(x))) - (n + 1) / n for ascending x.
   */
  static double gini(double[] value) {
    double[] sorted = value.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double weighted = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      weighted += (i + 1) * sorted[i];
      total += sorted[i];
    }
    if (n == 0 || total == 0) {
      return 0;
    }
    return 2 * weighted / (n * total) - (double) (n + 1) / n;
  }
}
