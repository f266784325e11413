package dev.crmkit.core.store;

import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.repository.InteractionRepository;
import dev.crmkit.core.repository.OrderRepository;
import dev.crmkit.core.repository.ReturnRepository;

/** In-memory stores built around a host's own repositories. */
public final class InMemoryStores {

  private InMemoryStores() {}

  /**
   * An in-memory store whose customers, orders, returns and interactions live in the given
   * repositories (the other records, counters and the outbox in memory).
   */
  public static CrmStore of(CustomerRepository customers, OrderRepository orders,
      ReturnRepository returns, InteractionRepository interactions) {
    return new InMemoryCrmStore(customers, orders, returns, interactions);
  }
}
