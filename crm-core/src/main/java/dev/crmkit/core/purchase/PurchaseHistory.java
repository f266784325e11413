package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a customer bought, broken down by product (sku) and by category, with returns netted
 * against their purchases. Amounts in different currencies are kept apart (one breakdown per key
 * and currency), never added.
 *
 * <pre>{@code
 * PurchaseHistory h = crm.purchaseHistory(customerId);
 * h.byCategory().forEach(b -> System.out.println(b.key() + " " + b.netPaid()));
 * }</pre>
 */
public record PurchaseHistory(
    CustomerId customerId, List<Breakdown> byProduct, List<Breakdown> byCategory) {

  public PurchaseHistory {
    notNull("customerId", customerId);
    byProduct = list("byProduct", byProduct);
    byCategory = list("byCategory", byCategory);
  }

  /**
   * Totals for one product or category in one currency.
   *
   * @param orders the number of orders with at least one line of this key
   */
  public record Breakdown(
      String key,
      Currency currency,
      long quantityBought,
      long quantityReturned,
      Money paid,
      Money refunded,
      int orders,
      Optional<Instant> firstPurchase,
      Optional<Instant> lastPurchase) {

    public Breakdown {
      Checks.text("key", key);
      notNull("currency", currency);
      notNull("paid", paid);
      notNull("refunded", refunded);
      firstPurchase = Checks.optional(firstPurchase);
      lastPurchase = Checks.optional(lastPurchase);
    }

    public long netQuantity() {
      return quantityBought - quantityReturned;
    }

    public Money netPaid() {
      return paid.minus(refunded);
    }
  }

  /** Builds the history of {@code customerId} from its orders and returns. */
  public static PurchaseHistory of(
      CustomerId customerId, Collection<Order> orders, Collection<Return> returns) {
    return new PurchaseHistory(
        customerId,
        breakdown(orders, returns, LineItem::sku, ReturnLine::sku),
        breakdown(orders, returns, LineItem::category, ReturnLine::category));
  }

  private record Key(String key, Currency currency) {}

  private static final class Acc {
    long bought;
    long returned;
    Money paid;
    Money refunded;
    final Set<String> orderIds = new HashSet<>();
    Instant first;
    Instant last;

    Acc(Currency currency) {
      paid = Money.zero(currency);
      refunded = Money.zero(currency);
    }
  }

  private static List<Breakdown> breakdown(
      Collection<Order> orders,
      Collection<Return> returns,
      Function<LineItem, String> lineKey,
      Function<ReturnLine, String> returnKey) {
    Map<Key, Acc> totals =
        new TreeMap<>(Comparator.comparing(Key::key)
            .thenComparing(k -> k.currency().getCurrencyCode()));
    for (Order order : orders) {
      for (LineItem line : order.lines()) {
        Acc acc = totals.computeIfAbsent(
            new Key(lineKey.apply(line), order.currency()), k -> new Acc(k.currency()));
        acc.bought += line.quantity();
        acc.paid = acc.paid.plus(line.amountPaid());
        acc.orderIds.add(order.id());
        if (acc.first == null || order.orderedAt().isBefore(acc.first)) {
          acc.first = order.orderedAt();
        }
        if (acc.last == null || order.orderedAt().isAfter(acc.last)) {
          acc.last = order.orderedAt();
        }
      }
    }
    for (Return ret : returns) {
      for (ReturnLine line : ret.lines()) {
        Acc acc = totals.computeIfAbsent(
            new Key(returnKey.apply(line), ret.currency()), k -> new Acc(k.currency()));
        acc.returned += line.quantity();
        acc.refunded = acc.refunded.plus(line.refund());
      }
    }
    return totals.entrySet().stream()
        .map(e -> new Breakdown(e.getKey().key(), e.getKey().currency(), e.getValue().bought,
            e.getValue().returned, e.getValue().paid, e.getValue().refunded,
            e.getValue().orderIds.size(), Optional.ofNullable(e.getValue().first),
            Optional.ofNullable(e.getValue().last)))
        .toList();
  }
}
