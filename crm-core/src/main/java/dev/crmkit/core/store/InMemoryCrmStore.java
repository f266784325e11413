package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.repository.InMemoryCustomerRepository;
import dev.crmkit.core.repository.InMemoryInteractionRepository;
import dev.crmkit.core.repository.InMemoryOrderRepository;
import dev.crmkit.core.repository.InMemoryReturnRepository;
import dev.crmkit.core.repository.InteractionRepository;
import dev.crmkit.core.repository.OrderRepository;
import dev.crmkit.core.repository.ReturnRepository;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory adapter of every port. */
final class InMemoryCrmStore implements CrmStore {

  private final CustomerRepository customers;
  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final InteractionRepository interactions;
  private final ConcurrentHashMap<String, Records<?>> records = new ConcurrentHashMap<>();
  private final Sequences sequences = new InMemorySequences();
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final Outbox outbox = new InMemoryOutbox(transactions);

  InMemoryCrmStore() {
    this(new InMemoryCustomerRepository(), new InMemoryOrderRepository(),
        new InMemoryReturnRepository(), new InMemoryInteractionRepository());
  }

  InMemoryCrmStore(CustomerRepository customers, OrderRepository orders,
      ReturnRepository returns, InteractionRepository interactions) {
    this.customers = notNull("customers", customers);
    this.orders = notNull("orders", orders);
    this.returns = notNull("returns", returns);
    this.interactions = notNull("interactions", interactions);
  }

  @Override
  public CustomerRepository customers() {
    return customers;
  }

  @Override
  public OrderRepository orders() {
    return orders;
  }

  @Override
  public ReturnRepository returns() {
    return returns;
  }

  @Override
  public InteractionRepository interactions() {
    return interactions;
  }

  @Override
  public <T> Records<T> records(RecordType<T> type) {
    return RecordsByType.get(records, type, InMemoryRecords::new);
  }

  @Override
  public Sequences sequences() {
    return sequences;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Transactions transactions() {
    return transactions;
  }

  @Override
  public void close() {}
}
