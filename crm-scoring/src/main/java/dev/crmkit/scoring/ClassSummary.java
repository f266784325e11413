package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

/**
 * The customers of one class (segment) of a score table, with what they bought.
 *
 * <pre>{@code
 * for (ClassSummary s : scores.classSummary(summary)) {
 *   System.out.println(s.label() + ": " + s.customers() + " customers, " + s.revenue());
 * }
 * }</pre>
 *
 * @param averageOrderValue revenue / transactions, NaN for an empty class
 */
public record ClassSummary(
    String label,
    int customers,
    long transactions,
    double revenue,
    double customerShare,
    double revenueShare,
    double averageOrderValue) {
  public ClassSummary {
    requireNonNull(label, "label");
  }
}
