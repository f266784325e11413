package dev.crmkit.loyalty;

/**
 * A spend asked for more points than the member can spend now; nothing was written, and the key
 * stays unused.
 *
 * <pre>{@code
 * try { loyalty.redeem(member, 500, "O-9", "pay-O-9"); }
 * catch (InsufficientPointsException e) { showBalance(loyalty.balance(member)); }
 * }</pre>
 */
public final class InsufficientPointsException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  public InsufficientPointsException(String message) {
    super(message);
  }
}
