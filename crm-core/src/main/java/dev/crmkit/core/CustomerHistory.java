package dev.crmkit.core;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.timeline.Timeline;
import java.util.List;

/**
 * Everything recorded about one live customer, merged records included: the customer, its
 * orders, returns and interactions, each in time order. This is what analytics read, one
 * customer at a time or for the whole base ({@code crm.histories()}).
 *
 * <pre>{@code
 * crm.histories().forEach(h -> log.add(h.customer().id(), h.orders(), h.returns()));
 * }</pre>
 */
public record CustomerHistory(
    Customer customer, List<Order> orders, List<Return> returns, List<Interaction> interactions) {

  public CustomerHistory {
    notNull("customer", customer);
    orders = list("orders", orders);
    returns = list("returns", returns);
    interactions = list("interactions", interactions);
  }

  public Timeline timeline() {
    return Timeline.of(customer.id(), orders, returns, interactions);
  }

  public PurchaseHistory purchaseHistory() {
    return PurchaseHistory.of(customer.id(), orders, returns);
  }
}
