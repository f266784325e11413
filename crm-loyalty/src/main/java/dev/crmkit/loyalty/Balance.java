package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;

/**
 * A member's points at one moment, derived from the ledger (never stored).
 *
 * <p>{@code active} can be spent now; {@code pending} is earned but not yet spendable; {@code
 * dueToExpire} sits on lots past their expiry that no expiry run has written off yet (not
 * spendable); {@code debt} is what returns took beyond the balance under the {@code unlimited}
 * policy (later earnings pay it back). {@code total} is the sum of all ledger entries and always
 * equals {@code active + pending + dueToExpire - debt}. {@code earned}, {@code spent}, {@code
 * expired} and {@code reversed} are lifetime sums (spent counts points held by open reservations).
 *
 * <pre>{@code
 * Balance b = loyalty.balance(CustomerId.of("C-1"));
 * if (b.active() >= 500) { ... }
 * }</pre>
 */
public record Balance(
    CustomerId member,
    Instant asOf,
    long active,
    long pending,
    long dueToExpire,
    long debt,
    long total,
    long earned,
    long spent,
    long expired,
    long reversed) {

  public Balance {
    if (active < 0 || pending < 0 || dueToExpire < 0 || debt < 0) {
      throw new IllegalStateException("negative balance component for " + member);
    }
    if (total != active + pending + dueToExpire - debt) {
      throw new IllegalStateException(
          "balance of " + member + " does not add up: total " + total + " != " + active + " + "
              + pending + " + " + dueToExpire + " - " + debt);
    }
  }
}
