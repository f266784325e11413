package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.CustomerMetrics;
import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
public final class AbcStrategy implements DistributableStrategy {

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
  public record CurvePoint(int customers, double effort, double yield)
      implements java.io.Serializable {}

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
      @Nullable CurvePoint paretoPoint,
      @Nullable CurvePoint breakEvenPoint,
      @Nullable CurvePoint submarginalPoint) {
    public Report {
      classes = List.copyOf(classes);
      lorenz = List.copyOf(lorenz);
    }
  }

  /**
   * Classifies every customer: the model is fitted on the exact distinct values of the value
   * column with their counts, then each customer is classed alone (the same {@link #fit} and
   * per-customer score a distributed engine runs); the report (class shares, Lorenz curve, Gini)
   * is computed from the whole column.
   */
  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    Model model = (Model) DistributableStrategy.fitInMemory(this, summary);
    ScoreTable table = DistributableStrategy.scoreInMemory(model, summary);
    double[] value = Metrics.required(ID, summary, config.value());
    String[] labels = new String[table.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = table.label(i);
    }
    return table.withReport(
        new Report(config.value(), config.method(), classShares(labels, value, model.positive),
            lorenz(value, config.lorenzPoints()), gini(value), model.pareto, model.breakEven,
            model.submarginal));
  }

  @Override
  public List<String> fitMetrics() {
    return List.of(config.value());
  }

  /**
   * Fits the classes on the value's histogram: the positive total, and per distinct value the
   * number of customers above it and the positive value held by them (summed from the top, one
   * customer at a time, as a sort of the whole column would); with the computed method the
   * curve points, found by walking the ranks 1..n.
   */
  @Override
  public CustomerScorer fit(List<ValueHistogram> histograms) {
    ValueHistogram h = histograms.get(0);
    int d = h.size();
    long n = h.population();
    double[] values = h.values();
    long[] counts = h.counts();
    long[] above = new long[d];
    double[] sumAbove = new double[d];
    double[] sumFrom = new double[d];
    double running = 0;
    long ranked = 0;
    for (int g = d - 1; g >= 0; g--) {
      above[g] = ranked;
      sumAbove[g] = running;
      double positivePart = Math.max(values[g], 0);
      for (long c = 0; c < counts[g]; c++) {
        running += positivePart;
      }
      ranked += counts[g];
      sumFrom[g] = running;
    }
    double positive = running;
    if (n > 0 && positive <= 0) {
      throw new ScoringException(
          "abc: the total of '" + config.value() + "' is not positive; nothing to classify");
    }
    CurvePoint pareto = null;
    CurvePoint breakEven = null;
    CurvePoint submarginal = null;
    long abK = 0;
    long bcK = 0;
    if (config.method().equals(AbcConfig.COMPUTED) && n > 0) {
      // curve point k = 1..n: effort k / n, yield = share of the best k customers
      long paretoK = 1;
      double best = Double.POSITIVE_INFINITY;
      double mean = positive / n;
      long breakEvenK = 1;
      double bestGain = Double.POSITIVE_INFINITY;
      double top = 0;
      long k = 0;
      for (int g = d - 1; g >= 0; g--) {
        double positivePart = Math.max(values[g], 0);
        double gain = Math.abs(positivePart / mean - 1);
        for (long c = 0; c < counts[g]; c++) {
          k++;
          top += positivePart;
          double p = (double) k / n;
          double y = top / positive;
          double dist = p * p + (1 - y) * (1 - y);
          if (dist < best) {
            best = dist;
            paretoK = k;
          }
          if (gain <= bestGain) { // the last of equally good points, as the authors' R code does
            bestGain = gain;
            breakEvenK = k;
          }
        }
      }
      abK = Math.min(paretoK, breakEvenK);
      double pA = (double) abK / n;
      bcK = abK;
      best = Double.POSITIVE_INFINITY;
      top = 0;
      k = 0;
      for (int g = d - 1; g >= 0; g--) {
        double positivePart = Math.max(values[g], 0);
        for (long c = 0; c < counts[g]; c++) {
          k++;
          top += positivePart;
          double p = (double) k / n;
          double y = top / positive;
          double dist = (p - pA) * (p - pA) + (1 - y) * (1 - y);
          if (dist < best) {
            best = dist;
            bcK = k;
          }
        }
      }
      bcK = Math.max(bcK, abK);
      pareto = point(paretoK, n, h, positive);
      breakEven = point(breakEvenK, n, h, positive);
      submarginal = point(bcK, n, h, positive);
    }
    boolean fixed = config.method().equals(AbcConfig.THRESHOLDS);
    return new Model(config.value(), h.relativeError(), values, above, sumAbove, sumFrom, positive,
        fixed ? config.thresholds().get(0) : Double.NaN,
        fixed ? config.thresholds().get(1) : Double.NaN, fixed, abK, bcK,
        pareto, breakEven, submarginal);
  }

  /** The curve point of the best k customers: their share of the positive total. */
  private static CurvePoint point(long k, long n, ValueHistogram h, double positive) {
    double top = 0;
    long seen = 0;
    for (int g = h.size() - 1; g >= 0 && seen < k; g--) {
      double positivePart = Math.max(h.value(g), 0);
      for (long c = 0; c < h.count(g) && seen < k; c++) {
        top += positivePart;
        seen++;
      }
    }
    return new CurvePoint(Math.toIntExact(k), (double) k / n, top / positive);
  }

  /**
   * The fitted ABC model: per distinct value (or sketch bucket) the customers ranked above it
   * and the share they hold, and the class boundaries. Scores one customer by its value.
   */
  public static final class Model implements CustomerScorer {
    private static final long serialVersionUID = 1L;
    private final String value;
    private final double relativeError;
    private final double[] values;
    private final long[] above;
    private final double[] sumAbove;
    private final double[] sumFrom;
    private final double positive;
    private final double a;
    private final double b;
    private final boolean fixed;
    private final long abK;
    private final long bcK;
    private final CurvePoint pareto;
    private final CurvePoint breakEven;
    private final CurvePoint submarginal;

    private Model(String value, double relativeError, double[] values, long[] above,
        double[] sumAbove, double[] sumFrom, double positive, double a, double b, boolean fixed,
        long abK, long bcK, CurvePoint pareto, CurvePoint breakEven, CurvePoint submarginal) {
      this.value = value;
      this.relativeError = relativeError;
      this.values = values;
      this.above = above;
      this.sumAbove = sumAbove;
      this.sumFrom = sumFrom;
      this.positive = positive;
      this.a = a;
      this.b = b;
      this.fixed = fixed;
      this.abK = abK;
      this.bcK = bcK;
      this.pareto = pareto;
      this.breakEven = breakEven;
      this.submarginal = submarginal;
    }

    @Override
    public String strategyId() {
      return ID;
    }

    @Override
    public List<String> inputMetrics() {
      return List.of(value);
    }

    @Override
    public List<String> explanationNames() {
      return List.of(value, "value_share");
    }

    @Override
    public List<String> scoreNames() {
      return List.of("cumulative_share");
    }

    @Override
    public String labelName() {
      return "class";
    }

    @Override
    public List<String> classes() {
      return CLASSES;
    }

    @Override
    public boolean orderedClasses() {
      return true;
    }

    @Override
    public String score(CustomerMetrics customer, double[] out) {
      double v = customer.metric(value);
      if (Double.isNaN(v)) {
        throw new ScoringException(
            ID + ": customer '" + customer.customerId() + "' has no value '" + value + "'");
      }
      double q = relativeError == 0 ? (v == 0 ? 0.0 : v) : ValueHistogram.bucket(v, relativeError);
      int g = Arrays.binarySearch(values, q);
      if (g < 0) {
        throw new ScoringException(ID + ": customer '" + customer.customerId() + "' has the value "
            + v + ", which was not in the population the classes were fitted on");
      }
      String label;
      if (v <= 0) {
        label = "C";
      } else if (fixed) {
        double before = sumAbove[g] / positive;
        label = before < a ? "A" : before < b ? "B" : "C";
      } else {
        long first = above[g]; // the rank position where the customer's tie group starts
        label = first < abK ? "A" : first < bcK ? "B" : "C";
      }
      out[0] = v;
      out[1] = Math.max(v, 0) / positive;
      // equal values, equal scores: the cumulative share through the end of the tie group
      out[2] = sumFrom[g] / positive;
      return label;
    }
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
