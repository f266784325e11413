package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringException;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.binning.Ranks;
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
    double[] value = Metrics.required(ID, summary, config.value());
    int n = value.length;
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
    // ranks from a sorted copy, no permutation: rank position k (0 = best) is ascending index
    // n - 1 - k, and suffix[j] is the positive value held from ascending index j upwards
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = value[i] == 0 ? 0.0 : value[i];
    }
    Arrays.sort(sorted);
    double[] suffix = new double[n + 1];
    for (int j = n - 1; j >= 0; j--) {
      suffix[j] = suffix[j + 1] + Math.max(sorted[j], 0);
    }
    long[] ties = Ranks.tieGroups(value);

    String[] labels = new String[n];
    CurvePoint pareto = null;
    CurvePoint breakEven = null;
    CurvePoint submarginal = null;
    int abK = 0;
    int bcK = 0;
    if (config.method().equals(AbcConfig.COMPUTED) && n > 0) {
      // curve point k = 1..n: effort k / n, yield = share of the best k customers
      int paretoK = 1;
      double best = Double.POSITIVE_INFINITY;
      for (int k = 1; k <= n; k++) {
        double p = (double) k / n;
        double y = suffix[n - k] / positive;
        double d = p * p + (1 - y) * (1 - y);
        if (d < best) {
          best = d;
          paretoK = k;
        }
      }
      double mean = positive / n;
      int breakEvenK = 1;
      best = Double.POSITIVE_INFINITY;
      for (int k = 1; k <= n; k++) {
        double gain = Math.max(sorted[n - k], 0) / mean;
        double d = Math.abs(gain - 1);
        if (d <= best) { // the last of equally good points, as the authors' R code does
          best = d;
          breakEvenK = k;
        }
      }
      abK = Math.min(paretoK, breakEvenK);
      double pA = (double) abK / n;
      bcK = abK;
      best = Double.POSITIVE_INFINITY;
      for (int k = 1; k <= n; k++) {
        double p = (double) k / n;
        double y = suffix[n - k] / positive;
        double d = (p - pA) * (p - pA) + (1 - y) * (1 - y);
        if (d < best) {
          best = d;
          bcK = k;
        }
      }
      bcK = Math.max(bcK, abK);
      pareto = point(paretoK, n, suffix, positive);
      breakEven = point(breakEvenK, n, suffix, positive);
      submarginal = point(bcK, n, suffix, positive);
    }

    String[] ids = new String[n];
    double[] share = new double[n];
    double[] cumulativeShare = new double[n];
    boolean fixed = config.method().equals(AbcConfig.THRESHOLDS);
    double a = fixed ? config.thresholds().get(0) : Double.NaN;
    double b = fixed ? config.thresholds().get(1) : Double.NaN;
    for (int i = 0; i < n; i++) {
      ids[i] = summary.customerId(i);
      int lo = Ranks.lo(ties[i]);
      int hi = Ranks.hi(ties[i]);
      int first = n - 1 - hi; // the rank position where the customer's tie group starts
      double before = suffix[hi + 1] / positive;
      double v = value[i];
      if (v <= 0) {
        labels[i] = "C";
      } else if (fixed) {
        labels[i] = before < a ? "A" : before < b ? "B" : "C";
      } else {
        labels[i] = first < abK ? "A" : first < bcK ? "B" : "C";
      }
      share[i] = Math.max(v, 0) / positive;
      // equal values, equal scores: the cumulative share through the end of the tie group
      cumulativeShare[i] = suffix[lo] / positive;
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

  private static CurvePoint point(int k, int n, double[] suffix, double positive) {
    return new CurvePoint(k, (double) k / n, suffix[n - k] / positive);
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
