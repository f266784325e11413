package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerSummary;

/** How the built-in strategies read a metric column: errors as {@link ScoringException}s naming the strategy. */
final class Metrics {

  private Metrics() {}

  /** The column, NaN where a customer has no value; an unknown name is a {@link ScoringException}. */
  static double[] read(String strategy, CustomerSummary summary, String name) {
    try {
      return summary.metric(name);
    } catch (IllegalArgumentException e) {
      throw new ScoringException(strategy + ": " + e.getMessage(), e);
    }
  }

  /** The column, where a customer without a value is an error naming the customer. */
  static double[] required(String strategy, CustomerSummary summary, String name) {
    double[] values = read(strategy, summary, name);
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new ScoringException(
            strategy + ": customer '" + summary.customerId(i) + "' has no value '" + name + "'");
      }
    }
    return values;
  }
}
