package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ClassSummary;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.CustomerMetrics;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.StepwiseScorer;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.binning.Binning;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RFM: scores 1..n for recency (the most recent get n), frequency (number of transactions) and
 * monetary value (their sum), and a named segment from a segment table.
 *
 * <p>Scores come from tie-aware quantile bins ({@link Binning}): equal values always get the
 * same score, and the bins are the most balanced that the ties allow (least squares against
 * N / n), using as many scores as there are distinct values up to n. Custom thresholds replace
 * the bins per dimension ({@link RfmConfig.Thresholds}).
 *
 * <pre>{@code
 * ScoreTable rfm = new RfmStrategy(RfmConfig.defaults()).score(summary);
 * rfm.score(0, "r"); rfm.label(0); // 5, "Champions"
 * }</pre>
 *
 * <p>The table's CSV columns are {@code customer_id,recency_days,frequency,monetary,r,f,m,segment};
 * its report is the segment summary (customers, transactions, revenue, average order value).
 */
public final class RfmStrategy implements DistributableStrategy {

  public static final String ID = "rfm";

  /** The segment of customers that match no rule. */
  public static final String OTHERS = "Others";

  /**
   * The default segment table: the widely used grid of recency against frequency scores (for 5
   * scores), first match wins. It covers all 25 (r, f) cells, so no customer is left in Others.
   *
   * <pre>
   *              f=1              f=2     f=3             f=4     f=5
   *   r=5   New Customers      Potential Loyalist      Champions
   *   r=4   Promising          Potential Loyalist      Loyal Customers
   *   r=3   About To Sleep     (f 1-2) | Need Attention (f 3) | Loyal Customers
   *   r=1-2 Lost               (f 1-2) | At Risk (f 3-4) | Can't Lose Them (f 5)
   * </pre>
   */
  public static final List<RfmSegmentRule> DEFAULT_SEGMENTS =
      List.of(
          rule("Champions", 5, 5, 4, 5),
          rule("Loyal Customers", 3, 4, 4, 5),
          rule("Potential Loyalist", 4, 5, 2, 3),
          rule("New Customers", 5, 5, 1, 1),
          rule("Promising", 4, 4, 1, 1),
          rule("Need Attention", 3, 3, 3, 3),
          rule("About To Sleep", 3, 3, 1, 2),
          rule("At Risk", 1, 2, 3, 4),
          rule("Can't Lose Them", 1, 2, 5, 5),
          rule("Lost", 1, 2, 1, 2));

  private static RfmSegmentRule rule(String name, int rMin, int rMax, int fMin, int fMax) {
    return new RfmSegmentRule(name, List.of(rMin, rMax), List.of(fMin, fMax), null);
  }

  private final RfmConfig config;

  public RfmStrategy(RfmConfig config) {
    this.config = requireNonNull(config, "config");
  }

  public RfmConfig config() {
    return config;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Scores every customer: the bins are fitted on the exact distinct values of recency,
   * frequency and monetary with their counts, then each customer is scored alone (the same
   * {@link #fit} and {@link Model#score} a distributed engine runs).
   */
  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    ScoreTable table =
        DistributableStrategy.scoreInMemory(DistributableStrategy.fitInMemory(this, summary), summary);
    return table.withReport(new Report(table.classSummary(summary)));
  }

  /** The metrics whose populations the bins need: those without configured thresholds. */
  @Override
  public List<String> fitMetrics() {
    RfmConfig.Thresholds t = config.thresholds();
    List<String> metrics = new ArrayList<>();
    if (t == null || t.recency() == null) {
      metrics.add("recency");
    }
    if (t == null || t.frequency() == null) {
      metrics.add("transactions");
    }
    if (t == null || t.monetary() == null) {
      metrics.add("revenue");
    }
    return metrics;
  }

  @Override
  public Model fit(List<ValueHistogram> histograms) {
    requireNonNull(histograms, "histograms");
    List<String> metrics = fitMetrics();
    if (histograms.size() != metrics.size()) {
      throw new IllegalArgumentException("histograms: " + histograms.size()
          + " given for the metrics " + metrics);
    }
    int bins = config.bins();
    RfmConfig.Thresholds t = config.thresholds();
    int next = 0;
    Binning.Bins r = null;
    Binning.Bins f = null;
    Binning.Bins m = null;
    double rError = 0;
    double fError = 0;
    double mError = 0;
    if (metrics.contains("recency")) {
      // the most recent get the highest score: bins of the negated recency
      ValueHistogram neg = histograms.get(next).negated();
      r = Binning.fit(neg.values(), neg.counts(), bins);
      rError = neg.relativeError();
      next++;
    }
    if (metrics.contains("transactions")) {
      f = Binning.fit(histograms.get(next).values(), histograms.get(next).counts(), bins);
      fError = histograms.get(next).relativeError();
      next++;
    }
    if (metrics.contains("revenue")) {
      ValueHistogram h = histograms.get(next);
      m = Binning.fit(h.values(), h.counts(), bins);
      mError = h.relativeError();
    }
    List<RfmSegmentRule> rules = config.segments() != null ? config.segments() : DEFAULT_SEGMENTS;
    Set<String> classes = new LinkedHashSet<>();
    for (RfmSegmentRule rule : rules) {
      classes.add(rule.name());
    }
    classes.add(OTHERS);
    return new Model(
        bins, r, f, m, new double[] {rError, fError, mError},
        t == null || t.recency() == null ? null : array(t.recency()),
        t == null || t.frequency() == null ? null : array(t.frequency()),
        t == null || t.monetary() == null ? null : array(t.monetary()),
        List.copyOf(rules), config.segments() == null && bins != 5, List.copyOf(classes));
  }

  /**
   * The fitted RFM model: the bins (or thresholds) of each dimension and the segment table.
   * Scores one customer from its recency, transactions and revenue. When the monetary bins were
   * fitted on a sketch ({@link #monetaryRelativeError()} above 0), a customer's revenue is
   * rounded to its bucket before it is binned. It is a {@link StepwiseScorer}: r, f and m are
   * each a monotone step function of recency, transactions and revenue, and the segment a
   * function of (r, f, m), so a query engine can score with column expressions.
   */
  public static final class Model implements StepwiseScorer {
    private static final long serialVersionUID = 1L;
    private static final List<String> INPUTS = List.of("recency", "transactions", "revenue");
    private static final List<Integer> SAME = List.of(0, 1, 2);

    private final int bins;
    private final Binning.Bins r;
    private final Binning.Bins f;
    private final Binning.Bins m;
    private final double[] errors; // the sketches' relative errors of r, f, m; 0 when exact
    private final double[] rThresholds;
    private final double[] fThresholds;
    private final double[] mThresholds;
    private final RfmSegmentRule[] rules;
    private final boolean rescale;
    private final List<String> classes;
    // scores range over 1..bins: each (r, f, m) that occurs is matched against the rules once
    private transient volatile String[] cells;

    private Model(int bins, Binning.Bins r, Binning.Bins f, Binning.Bins m, double[] errors,
        double[] rThresholds, double[] fThresholds, double[] mThresholds,
        List<RfmSegmentRule> rules, boolean rescale, List<String> classes) {
      this.bins = bins;
      this.r = r;
      this.f = f;
      this.m = m;
      this.errors = errors;
      this.rThresholds = rThresholds;
      this.fThresholds = fThresholds;
      this.mThresholds = mThresholds;
      this.rules = rules.toArray(new RfmSegmentRule[0]);
      this.rescale = rescale;
      this.classes = classes;
    }

    /**
     * The relative errors of the sketches the recency, frequency and monetary bins were fitted
     * on, in that order; 0 for a dimension fitted on its exact values (or on thresholds).
     */
    public List<Double> relativeErrors() {
      return List.of(errors[0], errors[1], errors[2]);
    }

    private double quantize(double value, int dimension) {
      double e = errors[dimension];
      return e == 0 ? value : ValueHistogram.bucket(value, e);
    }

    @Override
    public String strategyId() {
      return ID;
    }

    @Override
    public List<String> inputMetrics() {
      return INPUTS;
    }

    @Override
    public List<String> explanationNames() {
      return List.of("recency_days", "frequency", "monetary");
    }

    @Override
    public List<Integer> explanationInputs() {
      return SAME;
    }

    @Override
    public List<Integer> scoreInputs() {
      return SAME;
    }

    @Override
    public List<String> scoreNames() {
      return List.of("r", "f", "m");
    }

    @Override
    public String labelName() {
      return "segment";
    }

    @Override
    public List<String> classes() {
      return classes;
    }

    @Override
    public boolean orderedClasses() {
      return false;
    }

    @Override
    public String score(CustomerMetrics customer, double[] out) {
      double recency = customer.metric("recency");
      double frequency = customer.metric("transactions");
      double monetary = customer.metric("revenue");
      int rs = rThresholds != null
          ? recencyScore(recency, rThresholds) : r.score(-quantize(recency, 0));
      int fs = fThresholds != null
          ? thresholdScore(frequency, fThresholds) : f.score(quantize(frequency, 1));
      int ms = mThresholds != null
          ? thresholdScore(monetary, mThresholds) : m.score(quantize(monetary, 2));
      out[0] = recency;
      out[1] = frequency;
      out[2] = monetary;
      out[3] = rs;
      out[4] = fs;
      out[5] = ms;
      String[] table = cells;
      if (table == null) {
        table = new String[bins * bins * bins];
        cells = table;
      }
      int c = ((rs - 1) * bins + fs - 1) * bins + ms - 1;
      String segment = table[c];
      if (segment == null) {
        segment = segment(rules, rs, fs, ms, bins, rescale);
        table[c] = segment; // racy but benign: every thread computes the same string
      }
      return segment;
    }
  }

  private static int thresholdScore(double value, double[] ascending) {
    int s = 1;
    for (double t : ascending) {
      if (value >= t) {
        s++;
      }
    }
    return s;
  }

  /** The first rule matching the scores (on 1..5 when the default table meets other bins). */
  private static String segment(
      RfmSegmentRule[] table, int r, int f, int m, int bins, boolean rescale) {
    int rs = rescale ? toFive(r, bins) : r;
    int fs = rescale ? toFive(f, bins) : f;
    int ms = rescale ? toFive(m, bins) : m;
    for (RfmSegmentRule rule : table) {
      if (rule.matches(rs, fs, ms)) {
        return rule.name();
      }
    }
    return OTHERS;
  }

  /** The segment summary attached to the score table. */
  public record Report(List<ClassSummary> segments) {
    public Report {
      segments = List.copyOf(segments);
    }
  }

  /** Recency thresholds are upper bounds: 1 + the number of thresholds at or above the value. */
  private static int recencyScore(double recency, double[] ascending) {
    int s = 1;
    for (double t : ascending) {
      if (t >= recency) {
        s++;
      }
    }
    return s;
  }

  static int toFive(int score, int bins) {
    return (int) Math.round(1 + (score - 1) * 4.0 / (bins - 1));
  }

  private static double[] array(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
