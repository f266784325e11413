package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedMap;

import java.time.Instant;
import java.util.Map;

/**
 * Complaints opened in {@code [from, until)}, counted by product, by category and by root cause,
 * so that the product ideas and broken processes they reveal are visible. A complaint that does
 * not name a product, category or root cause is counted under {@link #NOT_RECORDED}, so the
 * counts of each map add up to {@code complaints}.
 *
 * <pre>{@code
 * ComplaintSummary s = desk.complaintSummary(from, until);
 * s.byRootCause().forEach((cause, n) -> System.out.println(cause + ": " + n));
 * }</pre>
 */
public record ComplaintSummary(
    Instant from,
    Instant until,
    long complaints,
    Map<String, Long> byProduct,
    Map<String, Long> byCategory,
    Map<String, Long> byRootCause) {

  /** The key under which complaints without the value are counted. */
  public static final String NOT_RECORDED = "(not recorded)";

  public ComplaintSummary {
    notNull("from", from);
    notNull("until", until);
    byProduct = sortedMap("byProduct", byProduct);
    byCategory = sortedMap("byCategory", byCategory);
    byRootCause = sortedMap("byRootCause", byRootCause);
  }
}
