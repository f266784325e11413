package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import java.util.List;

/**
 * What one write did: the entries it appended under its idempotency key. {@code replayed} is
 * true when the key had been used before with the same request, in which case the entries are
 * the first call's and nothing was written.
 *
 * <pre>{@code
 * Receipt r = loyalty.purchase(purchase, "order-O-1001");
 * long earned = r.points();
 * }</pre>
 */
public record Receipt(String key, CustomerId member, List<Entry> entries, boolean replayed) {
  public Receipt {
    requireNonNull(key, "key");
    requireNonNull(member, "member");
    entries = List.copyOf(entries);
  }

  /** The net points of the entries. */
  public long points() {
    long sum = 0;
    for (Entry e : entries) {
      sum = Math.addExact(sum, e.points());
    }
    return sum;
  }
}
