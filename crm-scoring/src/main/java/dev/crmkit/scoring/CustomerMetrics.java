package dev.crmkit.scoring;

/**
 * One customer as a {@link CustomerScorer} reads it: the id and the metrics the scorer asked for
 * ({@link CustomerScorer#inputMetrics()}), by the names of {@link
 * dev.crmkit.scoring.table.CustomerSummary#metric(String)}. In memory it is a row of a {@code
 * CustomerSummary}; on a cluster a row of the distributed summary.
 */
public interface CustomerMetrics {

  /** The customer id. */
  String customerId();

  /**
   * A metric of this customer, NaN when the customer has no value (a missing attribute).
   *
   * @throws IllegalArgumentException for a name the scorer did not ask for
   */
  double metric(String name);
}
