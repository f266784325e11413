package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

/**
 * What a point transfer (or its reversal) wrote: the sender's entries under {@code key} and the
 * receiver's under {@code key + "/to"}, written together or not at all. {@code replayed} is true
 * when the key had been used before with the same request (nothing was written).
 *
 * <pre>{@code
 * TransferReceipt t = loyalty.transfer(ann, bob, 30, "pool-2026-03-ann-bob");
 * long moved = t.points();
 * }</pre>
 */
public record TransferReceipt(String key, Receipt from, Receipt to) {
  public TransferReceipt {
    requireNonNull(key, "key");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
  }

  /** Whether both writes were found already written under their keys. */
  public boolean replayed() {
    return from.replayed() && to.replayed();
  }

  /** The points the receiver got: the transfer's amount, or minus it for a reversal. */
  public long points() {
    return to.points();
  }
}
