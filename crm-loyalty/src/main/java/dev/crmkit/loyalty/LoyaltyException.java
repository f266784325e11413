package dev.crmkit.loyalty;

/**
 * A loyalty operation that was refused; nothing was written. Subclasses say why.
 *
 * <pre>{@code
 * try { loyalty.redeem(member, 500, "O-9", "pay-O-9"); }
 * catch (InsufficientPointsException e) { ... }
 * }</pre>
 */
public class LoyaltyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LoyaltyException(String message) {
    super(message);
  }

  public LoyaltyException(String message, Throwable cause) {
    super(message, cause);
  }
}
