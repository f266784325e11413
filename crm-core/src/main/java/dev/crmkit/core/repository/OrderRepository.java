package dev.crmkit.core.repository;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.purchase.Order;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Port: where orders live. Orders are facts: added once, never changed. Safe for concurrent use.
 *
 * <pre>{@code
 * OrderRepository orders = new InMemoryOrderRepository();
 * }</pre>
 */
public interface OrderRepository {

  /** @throws IllegalArgumentException when an order with its id exists */
  void add(Order order);

  Optional<Order> findById(String orderId);

  /**
   * Like {@link #findById}, and locks the order until the transaction ends, so that two returns
   * of it (in any process) are checked one after the other.
   */
  default Optional<Order> findByIdForUpdate(String orderId) {
    return findById(orderId);
  }

  /** The orders recorded under any of these ids, by time then id. */
  List<Order> findByCustomers(Collection<CustomerId> customerIds);

  /** Every order, by time then id. */
  Stream<Order> all();

  /**
   * Stores new orders, all or none (the transaction this thread is in); a JDBC adapter writes
   * them as one batch after one query for their ids. The default checks every id first, then
   * adds them one by one.
   *
   * @throws IllegalArgumentException when an order with one of their ids exists, or two of them
   *     share one
   */
  default void addAll(List<Order> orders) {
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (Order o : orders) {
      if (!ids.add(o.id())) {
        throw dev.crmkit.core.internal.Checks.invalid("orderId", o.id(),
            "an order id not used (twice in one batch)");
      }
    }
    Map<String, Order> used = findByIds(ids);
    if (!used.isEmpty()) {
      throw dev.crmkit.core.internal.Checks.invalid("orderId", used.keySet().iterator().next(),
          "an order id not used");
    }
    orders.forEach(this::add);
  }

  /** Of these order ids, the orders that exist, by id (one query per few hundred ids on JDBC). */
  default Map<String, Order> findByIds(Collection<String> orderIds) {
    Map<String, Order> found = new HashMap<>();
    for (String id : orderIds) {
      findById(id).ifPresent(o -> found.put(id, o));
    }
    return found;
  }
}
