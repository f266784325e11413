package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One append-only line of a member's points ledger.
 *
 * <p>{@code seq} numbers a member's entries from 1. A lot is the entry that created it ({@code
 * lot == seq}); draws name the lot they take from in {@code lot}; a debt has no lot. {@code
 * availableAt} and {@code expiresAt} are set on lots only ({@code expiresAt} null = never).
 * {@code spend} is the money counted for tiers and returns ({@link EntryKind#PURCHASE}, {@link
 * EntryKind#RETURN}); {@code key} is the idempotency key of the operation that wrote the entry
 * (null for expiries, which are idempotent by construction: a lot expires once).
 *
 * <pre>{@code
 * long balance = ledger.stream().mapToLong(Entry::points).sum();
 * }</pre>
 */
public record Entry(
    CustomerId member,
    long seq,
    EntryKind kind,
    long points,
    @Nullable Long lot,
    Instant at,
    @Nullable Instant availableAt,
    @Nullable Instant expiresAt,
    String reason,
    @Nullable String reference,
    @Nullable BigDecimal spend,
    @Nullable String key) {

  public Entry {
    requireNonNull(member, "member");
    requireNonNull(kind, "kind");
    requireNonNull(at, "at");
    requireNonNull(reason, "reason");
    if (seq < 1) {
      throw new IllegalArgumentException("seq: " + seq + " must be at least 1");
    }
    if (lot != null && (lot < 1 || lot > seq)) {
      throw new IllegalArgumentException("lot: " + lot + " must name an earlier entry of seq " + seq);
    }
    if ((lot != null && lot == seq) != (availableAt != null)) {
      throw new IllegalArgumentException(
          "availableAt: must be set exactly on lots (entry " + seq + " " + kind + ")");
    }
    if (spend != null) {
      spend = spend.signum() == 0 ? BigDecimal.ZERO : Amounts.canonical(spend.stripTrailingZeros());
      if (spend.scale() > 12 || spend.precision() - spend.scale() > 26) {
        throw new IllegalArgumentException(
            "spend: " + spend.toPlainString() + " needs more than 26 integer or 12 decimal digits");
      }
    }
  }

  /** Whether this entry opened a lot that later entries may draw on. */
  public boolean opensLot() {
    return lot != null && lot == seq;
  }
}
