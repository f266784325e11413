package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
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
public final class ValueMatrixStrategy implements ScoringStrategy {

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
    double[] current = Metrics.required(ID, summary, config.current());
    double[] potential = Metrics.required(ID, summary, config.potential());
    double ct = config.currentThreshold() != null ? config.currentThreshold() : median(current);
    double pt = config.potentialThreshold() != null ? config.potentialThreshold() : median(potential);
    int n = summary.size();
    String[] ids = new String[n];
    String[] labels = new String[n];
    double[] value = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = summary.customerId(i);
      boolean highCurrent = current[i] >= ct;
      boolean highPotential = potential[i] >= pt;
      labels[i] =
          highCurrent ? (highPotential ? "platinum" : "gold") : (highPotential ? "iron" : "lead");
      value[i] = current[i] * potential[i];
    }
    return ScoreTable.builder(ID, ids)
        .explanation(config.current(), current)
        .explanation(config.potential(), potential)
        .score("value", value)
        .labels("class", labels)
        .orderedClasses(CLASSES)
        .report(new Report(ct, pt))
        .build();
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
