package dev.crmkit.loyalty;

/**
 * The order or return was already recorded under another idempotency key, or a voucher code
 * already belongs to another series; nothing was written. (The same key with a different request
 * is an {@link IdempotencyConflictException}.)
 *
 * <pre>{@code
 * catch (AlreadyRecordedException e) { return conflict(e.getMessage()); }
 * }</pre>
 */
public final class AlreadyRecordedException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  public AlreadyRecordedException(String message) {
    super(message);
  }
}
