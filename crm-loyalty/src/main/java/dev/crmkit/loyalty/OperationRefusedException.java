package dev.crmkit.loyalty;

/**
 * The program's rules or the state of a record refuse the operation: a reward needs a higher
 * tier, a voucher code is outside its validity window or has reached a usage limit, a refund
 * exceeds the purchase, a reservation was already confirmed or released, or an order would earn
 * more points than a ledger holds; nothing was written.
 *
 * <pre>{@code
 * catch (OperationRefusedException e) { return unprocessable(e.getMessage()); }
 * }</pre>
 */
public final class OperationRefusedException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  public OperationRefusedException(String message) {
    super(message);
  }
}
