package dev.crmkit.core.repository;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.purchase.Return;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Port: where returns live; added once, never changed. Safe for concurrent use.
 *
 * <pre>{@code
 * ReturnRepository returns = new InMemoryReturnRepository();
 * }</pre>
 */
public interface ReturnRepository {

  /** @throws IllegalArgumentException when a return with its id exists */
  void add(Return returned);

  List<Return> findByOrder(String orderId);

  /** The returns recorded under any of these ids, by time then id. */
  List<Return> findByCustomers(Collection<CustomerId> customerIds);

  /** Every return, by time then id. */
  Stream<Return> all();
}
