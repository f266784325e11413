package dev.crmkit.loyalty;

/**
 * An order, voucher code, voucher series or reservation that the request names does not exist;
 * nothing was written.
 *
 * <pre>{@code
 * catch (UnknownReferenceException e) { return notFound(e.getMessage()); }
 * }</pre>
 */
public final class UnknownReferenceException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  public UnknownReferenceException(String message) {
    super(message);
  }
}
