package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;

/**
 * An open lot of a member's current state: the entry {@code seq} that opened it (an {@link
 * EntryKind#EARN} or a positive {@link EntryKind#ADJUST}), its {@code reference} (the order of an
 * earn), when it becomes spendable and when it expires (null: never), and the points it still
 * holds. Stores keep a lot while {@code remaining > 0}; the ledger entry stays the truth (see
 * {@link LedgerStore#verify}).
 */
public record Lot(long seq, EntryKind kind, String reference, Instant availableAt, Instant expiresAt, long remaining) {

  /** Stores sort lots without expiry after every real expiry by this key. */
  public static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

  /** The order lots are spent and expired in: soonest expiry first (never last), then oldest. */
  public static final Comparator<Lot> SPEND_ORDER =
      Comparator.comparing(Lot::expiryKey).thenComparingLong(Lot::seq);

  public Lot {
    requireNonNull(kind, "kind");
    requireNonNull(availableAt, "availableAt");
    if (seq < 1) {
      throw new IllegalArgumentException("seq: " + seq + " must be at least 1");
    }
  }

  /** The lot an entry opens, holding nothing yet. */
  static Lot openedBy(Entry e) {
    return new Lot(e.seq(), e.kind(), e.reference(), e.availableAt(), e.expiresAt(), 0);
  }

  public Lot withRemaining(long points) {
    return new Lot(seq, kind, reference, availableAt, expiresAt, points);
  }

  /** {@link #expiresAt()}, or {@link #NEVER}: the key stores index and sort on. */
  public Instant expiryKey() {
    return expiresAt == null ? NEVER : expiresAt;
  }

  public boolean availableAt(Instant t) {
    return !availableAt.isAfter(t);
  }

  public boolean expiredAt(Instant t) {
    return expiresAt != null && !expiresAt.isAfter(t);
  }
}
