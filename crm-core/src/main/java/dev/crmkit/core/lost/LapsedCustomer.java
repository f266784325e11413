package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.Order;
import java.time.Duration;
import java.util.List;

/**
 * A customer whose last purchase is longer ago than the threshold of its segment, as of some
 * instant: the last purchase, the time since, the value so far (paid minus refunded, one amount
 * per currency, in currency-code order) and the last interactions (newest first).
 *
 * <pre>{@code
 * for (LapsedCustomer l : lost.lapsed(asOf)) {
 *   System.out.println(l.customer().name() + " last bought " + l.lastPurchase().orderedAt());
 * }
 * }</pre>
 */
public record LapsedCustomer(
    Customer customer,
    String segment,
    Order lastPurchase,
    Duration sinceLastPurchase,
    List<Money> valueSoFar,
    List<Interaction> lastInteractions) {

  public LapsedCustomer {
    notNull("customer", customer);
    segment = text("segment", segment);
    notNull("lastPurchase", lastPurchase);
    notNull("sinceLastPurchase", sinceLastPurchase);
    valueSoFar = list("valueSoFar", valueSoFar);
    lastInteractions = list("lastInteractions", lastInteractions);
  }
}
