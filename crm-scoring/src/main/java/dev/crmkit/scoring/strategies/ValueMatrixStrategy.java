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

/**
 * The customer value matrix: current value against growth potential, each split at a threshold
 * (by default the median; a value at or above it is high) into platinum (both high), gold (high
 * current, low potential), iron (low current, high potential) and lead (both low). The classes
 * are ordered platinum, gold, iron, lead for migration reports.
 *
 * <p>The score {@code value} is current value x growth potential; the explanation gives both.
 * A missing value is an error. The report gives the thresholds used.
 *
 * <pre>{@code
 * ScoreTable matrix = new ValueMatrixStrategy(ValueMatrixConfig.defaults())
 *     .score(summary.withAttributes(attributes)); // a growth_potential column
 * }</pre>
 */
public final class ValueMatrixStrategy implements DistributableStrategy {

  public static final String ID = "value-matrix";
  public static final List<String> CLASSES = List.of("platinum", "gold", "iron", "lead");

  private final ValueMatrixConfig config;

  public ValueMatrixStrategy(ValueMatrixConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String id() {
    return ID;
  }

  /** The thresholds the split used. */
  public record Report(double currentThreshold, double potentialThreshold) {}

  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    Model model = fit(DistributableStrategy.fitInMemory(this, summary));
    return DistributableStrategy.scoreInMemory(model, summary)
        .withReport(new Report(model.currentThreshold, model.potentialThreshold));
  }

  private static Model fit(CustomerScorer scorer) {
    return (Model) scorer;
  }

  /** The metrics whose medians are needed: those without a configured threshold. */
  @Override
  public List<String> fitMetrics() {
    List<String> metrics = new ArrayList<>();
    if (config.currentThreshold() == null) {
      metrics.add(config.current());
    }
    if (config.potentialThreshold() == null) {
      metrics.add(config.potential());
    }
    return metrics;
  }

  @Override
  public CustomerScorer fit(List<ValueHistogram> histograms) {
    int next = 0;
    double ct = config.currentThreshold() != null
        ? config.currentThreshold() : histograms.get(next++).median();
    double pt = config.potentialThreshold() != null
        ? config.potentialThreshold() : histograms.get(next).median();
    return new Model(config.current(), config.potential(), ct, pt);
  }

  /** The fitted matrix: the two thresholds. */
  private static final class Model implements CustomerScorer {
    private static final long serialVersionUID = 1L;
    private final String current;
    private final String potential;
    private final double currentThreshold;
    private final double potentialThreshold;

    Model(String current, String potential, double currentThreshold, double potentialThreshold) {
      this.current = current;
      this.potential = potential;
      this.currentThreshold = currentThreshold;
      this.potentialThreshold = potentialThreshold;
    }

    @Override
    public String strategyId() {
      return ID;
    }

    @Override
    public List<String> inputMetrics() {
      return current.equals(potential) ? List.of(current) : List.of(current, potential);
    }

    @Override
    public List<String> explanationNames() {
      return List.of(current, potential);
    }

    @Override
    public List<String> scoreNames() {
      return List.of("value");
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
      double c = required(customer, current);
      double p = required(customer, potential);
      boolean highCurrent = c >= currentThreshold;
      boolean highPotential = p >= potentialThreshold;
      out[0] = c;
      out[1] = p;
      out[2] = c * p;
      return highCurrent ? (highPotential ? "platinum" : "gold") : (highPotential ? "iron" : "lead");
    }

    private static double required(CustomerMetrics customer, String name) {
      double v = customer.metric(name);
      if (Double.isNaN(v)) {
        throw new ScoringException(
            ID + ": customer '" + customer.customerId() + "' has no value '" + name + "'");
      }
      return v;
    }
  }

  /** The median (the mean of the two middle values for an even count; NaN when empty). */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
