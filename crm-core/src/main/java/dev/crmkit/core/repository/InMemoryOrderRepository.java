package dev.crmkit.core.repository;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.purchase.Order;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A thread-safe {@link OrderRepository} in memory.
 *
 * <pre>{@code
 * OrderRepository orders = new InMemoryOrderRepository();
 * }</pre>
 */
public final class InMemoryOrderRepository implements OrderRepository {

  private final FactStore<Order> store =
      new FactStore<>("orderId", Order::id, Order::customerId, Order::orderedAt);

  @Override
  public void add(Order order) {
    store.add(notNull("order", order));
  }

  @Override
  public Optional<Order> findById(String orderId) {
    return store.findById(notNull("orderId", orderId));
  }

  @Override
  public List<Order> findByCustomers(Collection<CustomerId> customerIds) {
    return store.findByCustomers(notNull("customerIds", customerIds));
  }

  @Override
  public Stream<Order> all() {
    return store.all();
  }
}
