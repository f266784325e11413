package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnLine;
import dev.crmkit.core.store.CrmStore;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A host that keeps its customers in a {@link CrmStore} scores the store itself: {@link
 * #transactions(CrmStore, ZoneId)} reads it customer by customer, a few hundred at a time, so
 * only the compact log and one chunk of orders are in memory at once.
 *
 * <pre>{@code
 * try (CrmStore store = CrmStore.jdbc(dataSource)) {
 *   TransactionLog log = CoreLogs.transactions(store, ZoneOffset.UTC);
 *   CustomerSummary summary = CustomerSummary.of(log, asOf, CoreLogs.interactions(store, ZoneOffset.UTC));
 * }
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
      addNetted(log, order, order.customerId().value(),
          refunds.getOrDefault(order.id(), Map.of()), zone);
    }
    return log.build();
  }

  /** How many live customers are read from a store per query. */
  static final int STORE_CHUNK = 500;

  /**
   * The transaction log of every order in the store, each netted against its returns, in the
   * currency of the first order read (every other must be in the same one).
   *
   * @see #transactions(CrmStore, ZoneId, Currency)
   */
  public static TransactionLog transactions(CrmStore store, ZoneId zone) {
    return transactions(store, zone, null);
  }

  /**
   * The transaction log of every order in the store, each netted against its returns: the same
   * rows {@link #transactions(Collection, Collection, ZoneId, Currency)} makes of all its orders
   * and returns, except that an order placed by a record merged since counts for the live
   * customer it was merged into (as the customer's history does).
   *
   * <p>The orders come from {@link CrmStore#forEachOrderFacts} (on JDBC one streamed query of
   * plain columns, no JSON read): an order never returned becomes its row from those facts
   * alone; the few orders with returns are then read whole with their returns,
   * {@value #STORE_CHUNK} per query, and netted line by line. Only the log and one chunk are
   * held at once. The read is not one transaction: orders recorded while it runs may or may not
   * be in the log.
   *
   * @param currency the currency every order must be in, or null for that of the first order
   * @throws IllegalArgumentException when an order or return is in another currency
   */
  public static TransactionLog transactions(
      CrmStore store, ZoneId zone, @Nullable Currency currency) {
    requireNonNull(store, "store");
    requireNonNull(zone, "zone");
    TransactionLog.Builder log = TransactionLog.builder();
    Currency[] expected = {currency};
    // orders with returns: order id -> the live customer it counts for
    Map<String, CustomerId> returned = new LinkedHashMap<>();
    store.forEachOrderFacts(facts -> {
      Currency c = facts.amountPaid().currency();
      if (expected[0] == null) {
        expected[0] = c;
      }
      if (!c.equals(expected[0])) {
        throw new IllegalArgumentException("order '" + facts.orderId() + "' is in " + c
            + ", not " + expected[0] + "; amounts are never converted");
      }
      if (facts.returned()) {
        returned.put(facts.orderId(), facts.customerId());
      } else {
        log.add(facts.customerId().value(), facts.orderedAt().atZone(zone).toLocalDate(),
            facts.amountPaid().amount().doubleValue(), facts.category(),
            discountShare(facts.listAmount(), facts.listAmount().minus(facts.amountPaid())));
      }
    });
    List<String> ids = List.copyOf(returned.keySet());
    for (int from = 0; from < ids.size(); from += STORE_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + STORE_CHUNK));
      Map<String, Order> orders = store.orders().findByIds(chunk);
      Set<CustomerId> placedBy = new HashSet<>();
      orders.values().forEach(o -> placedBy.add(o.customerId()));
      Map<String, Map<Integer, BigDecimal>> refunds = new HashMap<>();
      for (Return r : store.returns().findByCustomers(placedBy)) {
        if (!orders.containsKey(r.orderId())) {
          continue; // a return of an order outside this chunk
        }
        if (!r.currency().equals(expected[0])) {
          throw new IllegalArgumentException(
              "return '" + r.id() + "' is in " + r.currency() + ", not " + expected[0]);
        }
        Map<Integer, BigDecimal> lines = refunds.computeIfAbsent(r.orderId(), k -> new HashMap<>());
        for (ReturnLine line : r.lines()) {
          lines.merge(line.lineNumber(), line.refund().amount(), BigDecimal::add);
        }
      }
      for (String id : chunk) {
        Order order = orders.get(id);
        if (order != null) { // else removed since: nothing to count
          addNetted(log, order, returned.get(id).value(), refunds.getOrDefault(id, Map.of()),
              zone);
        }
      }
    }
    return log.build();
  }

  /**
   * The interaction log of every interaction in the store, on its date in the zone, under the
   * live customer it belongs to now; read in chunks like {@link #transactions(CrmStore, ZoneId,
   * Currency)}.
   */
  public static InteractionLog interactions(CrmStore store, ZoneId zone) {
    requireNonNull(store, "store");
    requireNonNull(zone, "zone");
    InteractionLog.Builder log = InteractionLog.builder();
    forEachChunk(store, live -> {
      for (Interaction i : store.interactions().findByCustomers(live.keySet())) {
        log.add(live.getOrDefault(i.customerId(), i.customerId()).value(),
            i.occurredAt().atZone(zone).toLocalDate());
      }
    });
    return log.build();
  }

  /**
   * Hands over the live customers chunk by chunk, as a map from every id of each (its own and
   * those merged into it) to its live id.
   */
  private static void forEachChunk(CrmStore store, Consumer<Map<CustomerId, CustomerId>> action) {
    try (Stream<Customer> customers = store.customers().all()) {
      Iterator<Customer> it = customers.iterator();
      Map<CustomerId, CustomerId> live = new HashMap<>();
      int count = 0;
      while (it.hasNext()) {
        Customer c = it.next();
        for (CustomerId id : c.allIds()) {
          live.put(id, c.id());
        }
        if (++count == STORE_CHUNK) {
          action.accept(live);
          live = new HashMap<>();
          count = 0;
        }
      }
      if (count > 0) {
        action.accept(live);
      }
    }
  }

  /** Adds one order, net of the refunds per line, as one row of the log under {@code customer}. */
  private static void addNetted(TransactionLog.Builder log, Order order, String customer,
      Map<Integer, BigDecimal> refunded, ZoneId zone) {
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
    log.add(customer, order.orderedAt().atZone(zone).toLocalDate(), net.doubleValue(), category,
        discountShare(order.listAmount(), order.discount()));
  }

  /** The discount over the list amount, on [0, 1] (a surcharge counts as 0); NaN for list 0. */
  private static double discountShare(Money list, Money discount) {
    if (list.amount().signum() == 0) {
      return Double.NaN;
    }
    // a surcharge is no discount: the share is defined on [0, 1]
    return Math.max(0, Math.min(1, discount.amount().doubleValue() / list.amount().doubleValue()));
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
