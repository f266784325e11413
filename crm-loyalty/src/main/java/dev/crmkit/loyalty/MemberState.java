package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;

/**
 * The member row of a store: what a write needs to know about a member's history without reading
 * it, kept in the same transaction as the entries it summarises. {@code lastSeq} is the seq of the
 * member's last entry; {@code debt} what unlimited returns took beyond the balance; {@code total},
 * {@code earned}, {@code spent}, {@code expired} and {@code reversed} are the lifetime sums of
 * {@link Balance}; {@code purchases} counts the member's purchase entries. The open lots are kept
 * apart ({@link Lot}). {@link LedgerStore#verify} recomputes both from the ledger.
 */
public record MemberState(
    CustomerId member, long lastSeq, long debt, long total, long earned, long spent, long expired,
    long reversed, long purchases) {

  public MemberState {
    requireNonNull(member, "member");
  }

  /** A member with no entries. */
  public static MemberState empty(CustomerId member) {
    return new MemberState(member, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** The state after appending {@code e} (lots are tracked by the caller). */
  MemberState plus(Entry e) {
    if (e.seq() != lastSeq + 1) {
      throw new IllegalStateException(
          "ledger of " + member + " is damaged: entry " + (lastSeq + 1) + " is missing (found " + e.seq()
              + "), part of a write was lost; " + MemberLedger.REPAIR_HINT);
    }
    long p = e.points();
    long earnedNow = earned;
    long spentNow = spent;
    long expiredNow = expired;
    long reversedNow = reversed;
    switch (e.kind()) {
      case EARN -> earnedNow = Math.addExact(earned, p);
      case REDEEM, HOLD, RESTORE -> spentNow = Math.subtractExact(spent, p);
      case EXPIRE -> expiredNow = Math.subtractExact(expired, p);
      case REVERSE -> reversedNow = Math.subtractExact(reversed, p);
      case ADJUST -> {
        if (p > 0) {
          earnedNow = Math.addExact(earned, p);
        } else {
          spentNow = Math.subtractExact(spent, p);
        }
      }
      default -> { }
    }
    return new MemberState(member, e.seq(), e.lot() == null ? Math.subtractExact(debt, p) : debt,
        Math.addExact(total, p), earnedNow, spentNow, expiredNow, reversedNow,
        purchases + (e.kind() == EntryKind.PURCHASE ? 1 : 0));
  }
}
