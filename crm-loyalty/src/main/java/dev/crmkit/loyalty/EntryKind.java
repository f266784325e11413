package dev.crmkit.loyalty;

/**
 * What a ledger {@link Entry} records.
 *
 * <p>Lots are created by {@link #EARN} and positive {@link #ADJUST} entries; every other entry
 * with points draws on a lot, gives points back to one ({@link #RESTORE}), or carries a debt
 * ({@link #REVERSE} or {@link #REPAY} without a lot, under the {@code unlimited} return policy).
 * {@link #PURCHASE}, {@link #RETURN} and {@link #TIER} are zero-point memos: the money basis of
 * tiers and returns, and manual tier assignments.
 *
 * <pre>{@code
 * boolean spends = entry.kind() == EntryKind.REDEEM;
 * }</pre>
 */
public enum EntryKind {
  /** Points earned by a rule; a new lot. */
  EARN,
  /** Zero points: a purchase and the money it counts for tiers and returns. */
  PURCHASE,
  /** Zero points: a return and the money refunded (negative spend). */
  RETURN,
  /** Points spent (a reward, a checkout paid with points). */
  REDEEM,
  /** Points held by a reservation (a checkout in progress). */
  HOLD,
  /** Points given back to their lot when a reservation is rolled back. */
  RESTORE,
  /** Points taken back after a return. */
  REVERSE,
  /** Points that reached their lot's expiry. */
  EXPIRE,
  /** A manual correction: positive makes a lot, negative draws on lots. */
  ADJUST,
  /** A debt paid back from a later lot (a pair: a draw on the lot and the debt's reduction). */
  REPAY,
  /**
   * Points moved to another member by a transfer: a draw on the sender's lot, or on the
   * receiver's lot when a transfer is reversed ({@code reference} = the transfer's key).
   */
  TRANSFER_OUT,
  /**
   * Points received by a transfer: a new lot of the receiver (keeping the expiry of the sender's
   * lot it came from), or, when a transfer is reversed, the points given back to the sender's lot.
   */
  TRANSFER_IN,
  /** Zero points: a manual tier assignment ({@code reference} is the tier id, or null to release). */
  TIER
}
