package dev.crmkit.core.repository;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.CustomerId;
import dev.crmkit.core.purchase.Return;
import java.util.Collection;
import java.util.List;
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

  @Override
  public void add(Return returned) {
    store.add(notNull("return", returned));
  }

  @Override
  public List<Return> findByOrder(String orderId) {
    notNull("orderId", orderId);
    return store.matching(r -> r.orderId().equals(orderId));
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
