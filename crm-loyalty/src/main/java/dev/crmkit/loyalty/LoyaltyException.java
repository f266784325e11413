package dev.crmkit.loyalty;

import dev.crmkit.core.base.CrmException;

/**
 * A loyalty operation that was refused; nothing was written. The root of crm-loyalty's
 * exceptions; the subclasses say why:
 *
 * <table>
 *   <caption>The kinds</caption>
 *   <tr><th>type</th><th>when</th></tr>
 *   <tr><td>{@link InsufficientPointsException}</td><td>a spend asks for more points than the
 *       member can spend now</td></tr>
 *   <tr><td>{@link IdempotencyConflictException}</td><td>a key is used again with a different
 *       request</td></tr>
 *   <tr><td>{@link UnknownReferenceException}</td><td>an order, voucher code, series or
 *       reservation the request names does not exist</td></tr>
 *   <tr><td>{@link AlreadyRecordedException}</td><td>an order or return was already recorded
 *       under another key, or a voucher code already belongs to another series</td></tr>
 *   <tr><td>{@link OperationRefusedException}</td><td>the program's rules or a record's state
 *       refuse it: a tier too low, a voucher outside its window or over a limit, a refund
 *       beyond the purchase, a reservation no longer held</td></tr>
 * </table>
 *
 * <p>A class extending {@code RuntimeException} (as it always has), not a subclass of {@code
 * IllegalArgumentException} or {@code IllegalStateException}: a refusal depends on the ledger, not
 * only on the arguments. It implements crm-core's {@link CrmException}, so a host that catches
 * crmkit's exceptions as {@code CrmException} catches these too. Invalid arguments (a negative
 * amount, a blank key) stay {@code IllegalArgumentException}s, and a store failure is crm-core's
 * {@code StoreException}.
 *
 * <pre>{@code
 * try { loyalty.redeem(member, 500, "O-9", "pay-O-9"); }
 * catch (InsufficientPointsException e) { ... }
 * }</pre>
 */
public class LoyaltyException extends RuntimeException implements CrmException {
  private static final long serialVersionUID = 1L;

  public LoyaltyException(String message) {
    super(message);
  }

  public LoyaltyException(String message, Throwable cause) {
    super(message, cause);
  }
}
