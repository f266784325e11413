package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.Money;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnLine;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the columnar logs from crm-core's domain objects: purchases with their returns netted,
 * and interactions.
 *
 * <p>One transaction per order, on the order's date in the given time zone, for the amount paid
 * minus everything refunded against that order (a fully returned order stays as a transaction
 * of 0). Its category is that of its line with the largest net amount (the first such line on a
 * tie), so a mixed order counts wholly in one category; its discount share is the order's
 * discount over its list amount (none when the list amount is 0; a surcharge counts as 0).
 * Amounts must all be in one
 * currency: nothing is converted.
 *
 * <pre>{@code
 * TransactionLog log = CoreLogs.transactions(orders, returns, ZoneId.of("Europe/Berlin"), usd);
 * InteractionLog touches = CoreLogs.interactions(interactions, ZoneId.of("Europe/Berlin"));
 * CustomerSummary summary = CustomerSummary.of(log, asOf, touches);
 * }</pre>
 */
public final class CoreLogs {

  private CoreLogs() {}

  /**
   * The transaction log of these orders, each netted against its returns.
   *
   * @throws IllegalArgumentException when an order or return is in another currency, a return's
   *     order is not among the orders, or an order id repeats
   */
  public static TransactionLog transactions(
      Collection<Order> orders,
      Collection<Return> returns,
      ZoneId zone,
      java.util.Currency currency) {
    requireNonNull(orders, "orders");
    requireNonNull(returns, "returns");
    requireNonNull(zone, "zone");
    requireNonNull(currency, "currency");
    Map<String, Order> byId = new LinkedHashMap<>();
    for (Order order : orders) {
      if (!order.currency().equals(currency)) {
        throw new IllegalArgumentException(
            "order '" + order.id() + "' is in " + order.currency() + ", not " + currency
                + "; amounts are never converted");
      }
      if (byId.put(order.id(), order) != null) {
        throw new IllegalArgumentException("order '" + order.id() + "' appears twice");
      }
    }
    // refunds per order and line
    Map<String, Map<Integer, BigDecimal>> refunds = new HashMap<>();
    for (Return r : returns) {
      if (!r.currency().equals(currency)) {
        throw new IllegalArgumentException(
            "return '" + r.id() + "' is in " + r.currency() + ", not " + currency);
      }
      if (!byId.containsKey(r.orderId())) {
        throw new IllegalArgumentException(
            "return '" + r.id() + "' is of order '" + r.orderId()
                + "', which is not among the orders; give the log every order that was returned");
      }
      Map<Integer, BigDecimal> lines = refunds.computeIfAbsent(r.orderId(), k -> new HashMap<>());
      for (ReturnLine line : r.lines()) {
        lines.merge(line.lineNumber(), line.refund().amount(), BigDecimal::add);
      }
    }
    TransactionLog.Builder log = TransactionLog.builder();
    for (Order order : byId.values()) {
      Map<Integer, BigDecimal> refunded = refunds.getOrDefault(order.id(), Map.of());
      BigDecimal net = BigDecimal.ZERO;
      String category = null;
      BigDecimal largest = null;
      for (LineItem line : order.lines()) {
        BigDecimal lineNet =
            line.amountPaid().amount().subtract(refunded.getOrDefault(line.lineNumber(), BigDecimal.ZERO));
        net = net.add(lineNet);
        if (largest == null || lineNet.compareTo(largest) > 0) {
          largest = lineNet;
          category = line.category();
        }
      }
      Money list = order.listAmount();
      double discountShare =
          list.amount().signum() == 0
              ? Double.NaN
              : order.discount().amount().doubleValue() / list.amount().doubleValue();
      if (!Double.isNaN(discountShare)) {
        // a surcharge is no discount: the share is defined on [0, 1]
        discountShare = Math.max(0, Math.min(1, discountShare));
      }
      log.add(
          order.customerId().value(),
          order.orderedAt().atZone(zone).toLocalDate(),
          net.doubleValue(),
          category,
          discountShare);
    }
    return log.build();
  }

  /** The interaction log of these interactions, on their dates in the given time zone. */
  public static InteractionLog interactions(Collection<Interaction> interactions, ZoneId zone) {
    requireNonNull(interactions, "interactions");
    requireNonNull(zone, "zone");
    InteractionLog.Builder log = InteractionLog.builder();
    for (Interaction i : interactions) {
      log.add(i.customerId().value(), i.occurredAt().atZone(zone).toLocalDate());
    }
    return log.build();
  }
}
