package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

/**
 * One part of a customer's explanation: what contributed how much to the score or class (for
 * RFM the recency in days; for the weighted-value model a criterion's weighted points).
 *
 * <pre>{@code
 * new Contribution("transaction_amount", 18.4)
 * }</pre>
 */
public record Contribution(String name, double value) {
  public Contribution {
    requireNonNull(name, "name");
  }
}
