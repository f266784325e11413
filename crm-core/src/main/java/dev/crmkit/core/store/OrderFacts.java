package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.purchase.Order;
import java.time.Instant;

/**
 * What scoring reads of an order ({@link CrmStore#forEachOrderFacts}), without its lines: the
 * live customer it counts for now (the survivor when its record was merged), when, what was paid
 * and what it listed at, and the category of its line with the largest amount paid (the first on
 * a tie). {@code returned} says whether any return is recorded against it: then the reader needs
 * the order's lines and returns to net them.
 */
public record OrderFacts(
    String orderId,
    CustomerId customerId,
    Instant orderedAt,
    Money amountPaid,
    Money listAmount,
    String category,
    boolean returned) {

  public OrderFacts {
    notNull("orderId", orderId);
    notNull("customerId", customerId);
    notNull("orderedAt", orderedAt);
    notNull("amountPaid", amountPaid);
    notNull("listAmount", listAmount);
    notNull("category", category);
    if (!amountPaid.currency().equals(listAmount.currency())) {
      throw dev.crmkit.core.internal.Checks.invalid("listAmount", listAmount,
          "an amount in the currency of amountPaid " + amountPaid.currency());
    }
  }

  /** The facts of {@code order}, counted for {@code live}. */
  public static OrderFacts of(Order order, CustomerId live, boolean returned) {
    notNull("order", order);
    return new OrderFacts(order.id(), live, order.orderedAt(), order.amountPaid(),
        order.listAmount(), ReadColumns.category(order), returned);
  }
}
