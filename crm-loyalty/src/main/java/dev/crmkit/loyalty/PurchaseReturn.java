package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;

/**
 * A return of all or part of an earlier purchase: the money refunded decides, in proportion to
 * the purchase's total, how many of the points it earned are taken back.
 *
 * <pre>{@code
 * new PurchaseReturn(CustomerId.of("C-1"), "R-7", "O-1001", Money.of("3.50", "EUR"));
 * }</pre>
 */
public record PurchaseReturn(CustomerId member, String returnId, String orderId, Money refunded) {
  public PurchaseReturn {
    requireNonNull(member, "member");
    returnId = Checks.text("returnId", returnId);
    orderId = Checks.text("orderId", orderId);
    requireNonNull(refunded, "refunded");
    if (refunded.amount().signum() <= 0) {
      throw new IllegalArgumentException("refunded: " + refunded + " must be positive");
    }
  }
}
