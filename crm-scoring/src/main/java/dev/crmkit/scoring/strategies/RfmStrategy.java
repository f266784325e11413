package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ClassSummary;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.internal.Binning;
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
public final class RfmStrategy implements ScoringStrategy {

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

  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    int n = summary.size();
    int bins = config.bins();
    String[] ids = new String[n];
    double[] recency = new double[n];
    double[] frequency = new double[n];
    double[] monetary = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = summary.customerId(i);
      recency[i] = summary.recency(i);
      frequency[i] = summary.transactions(i);
      monetary[i] = summary.total(i);
    }
    RfmConfig.Thresholds t = config.thresholds();
    int[] r =
        t != null && t.recency() != null
            ? recencyScores(recency, t.recency())
            : Binning.quantileScores(negate(recency), bins);
    int[] f =
        t != null && t.frequency() != null
            ? Binning.thresholdScores(frequency, array(t.frequency()))
            : Binning.quantileScores(frequency, bins);
    int[] m =
        t != null && t.monetary() != null
            ? Binning.thresholdScores(monetary, array(t.monetary()))
            : Binning.quantileScores(monetary, bins);

    List<RfmSegmentRule> rules = config.segments() != null ? config.segments() : DEFAULT_SEGMENTS;
    boolean rescale = config.segments() == null && bins != 5;
    String[] segments = new String[n];
    RfmSegmentRule[] table = rules.toArray(new RfmSegmentRule[0]);
    // scores range over 1..bins (thresholds too: bins - 1 cuts): each (r, f, m) that occurs is
    // matched against the rules once, first match winning, and looked up after that
    String[] cell = new String[bins * bins * bins];
    for (int i = 0; i < n; i++) {
      int c = ((r[i] - 1) * bins + f[i] - 1) * bins + m[i] - 1;
      String segment = cell[c];
      if (segment == null) {
        segment = segment(table, r[i], f[i], m[i], bins, rescale);
        cell[c] = segment;
      }
      segments[i] = segment;
    }
    Set<String> classes = new LinkedHashSet<>();
    for (RfmSegmentRule rule : rules) {
      classes.add(rule.name());
    }
    classes.add(OTHERS);
    ScoreTable table0 =
        ScoreTable.builder(ID, ids)
            .explanation("recency_days", recency)
            .explanation("frequency", frequency)
            .explanation("monetary", monetary)
            .score("r", toDouble(r))
            .score("f", toDouble(f))
            .score("m", toDouble(m))
            .labels("segment", segments)
            .classes(new ArrayList<>(classes), false)
            .build();
    return table0.withReport(new Report(table0.classSummary(summary)));
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
  private static int[] recencyScores(double[] recency, List<Double> ascending) {
    int[] scores = new int[recency.length];
    for (int i = 0; i < recency.length; i++) {
      int s = 1;
      for (double t : ascending) {
        if (t >= recency[i]) {
          s++;
        }
      }
      scores[i] = s;
    }
    return scores;
  }

  static int toFive(int score, int bins) {
    return (int) Math.round(1 + (score - 1) * 4.0 / (bins - 1));
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  private static double[] array(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static double[] toDouble(int[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
