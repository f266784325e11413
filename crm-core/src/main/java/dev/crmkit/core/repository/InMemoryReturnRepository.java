package dev.crmkit.core.repository;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.purchase.Return;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A thread-safe {@link ReturnRepository} in memory.
 *
 * <pre>{@code
 * ReturnRepository returns = new InMemoryReturnRepository();
 * }</pre>
 */
public final class InMemoryReturnRepository implements ReturnRepository {

  private final FactStore<Return> store =
      new FactStore<>("returnId", Return::id, Return::customerId, Return::returnedAt);

  // by order, so that checking a new return does not scan every return ever recorded
  private final Map<String, List<Return>> byOrder = new HashMap<>();

  @Override
  public synchronized void add(Return returned) {
    store.add(notNull("return", returned));
    byOrder.computeIfAbsent(returned.orderId(), o -> new ArrayList<>()).add(returned);
  }

  @Override
  public synchronized List<Return> findByOrder(String orderId) {
    notNull("orderId", orderId);
    return List.copyOf(byOrder.getOrDefault(orderId, List.of()));
  }

  @Override
  public List<Return> findByCustomers(Collection<CustomerId> customerIds) {
    return store.findByCustomers(notNull("customerIds", customerIds));
  }

  @Override
  public Stream<Return> all() {
    return store.all();
  }
}
