package dev.crmkit.scoring;

import dev.crmkit.scoring.table.CustomerSummary;
import java.util.Map;

/** A summary row as {@link CustomerMetrics}. */
final class SummaryCursor implements CustomerMetrics {
  private final CustomerSummary summary;
  private final Map<String, double[]> columns;
  int i;

  SummaryCursor(CustomerSummary summary, Map<String, double[]> columns) {
    this.summary = summary;
    this.columns = columns;
  }

  @Override
  public String customerId() {
    return summary.customerId(i);
  }

  @Override
  public double metric(String name) {
    double[] column = columns.get(name);
    if (column == null) {
      throw new IllegalArgumentException(
          "metric '" + name + "' was not among the scorer's input metrics " + columns.keySet());
    }
    return column[i];
  }
}
