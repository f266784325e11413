package dev.crmkit.scoring.table;

import java.util.Locale;

/**
 * What a transaction reader does with a row whose amount is negative: a return or a cancelled
 * invoice, as real retail logs carry them.
 *
 * <ul>
 *   <li>{@link #NET} (the default): the row is kept and netted against the customer's
 *       purchases. It is never a transaction: it counts in no frequency, recency or purchase
 *       day; its amount is subtracted from the customer's totals (revenue, category totals, and
 *       the value of the CLV period it falls in). A customer with returns only has no summary
 *       row.
 *   <li>{@link #DROP}: the row is left out and counted.
 *   <li>{@link #ERROR}: the row is a malformed row (stopping the read, or skipped and counted
 *       with skipping bad rows).
 * </ul>
 */
public enum ReturnPolicy {
  NET,
  DROP,
  ERROR;

  /** The policy of a name ({@code net}, {@code drop} or {@code error}, any case). */
  public static ReturnPolicy of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "returns: '" + name + "' is not a policy; expected net, drop or error", e);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
