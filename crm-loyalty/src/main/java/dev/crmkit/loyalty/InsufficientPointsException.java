package dev.crmkit.loyalty;

/** A spend asked for more points than the member can spend now; nothing was written. */
public final class InsufficientPointsException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  public InsufficientPointsException(String message) {
    super(message);
  }
}
