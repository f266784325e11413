package dev.crmkit.loyalty;

/**
 * An idempotency key was used again with a different request; nothing was written.
 *
 * <pre>{@code
 * catch (IdempotencyConflictException e) { log.warn("key {} reused", e.key()); }
 * }</pre>
 */
public final class IdempotencyConflictException extends LoyaltyException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public IdempotencyConflictException(String key) {
    super("idempotency key '" + key + "' was already used for a different request");
    this.key = key;
  }

  public String key() {
    return key;
  }
}
