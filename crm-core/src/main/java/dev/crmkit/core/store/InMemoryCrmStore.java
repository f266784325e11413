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

  /**
   * In-memory ports with the host's own repositories for customers, orders, returns and
   * interactions (the rest in memory).
   */
  static CrmStore of(CustomerRepository customers, OrderRepository orders,
      ReturnRepository returns, InteractionRepository interactions) {
    return new InMemoryCrmStore(customers, orders, returns, interactions);
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
  @SuppressWarnings("unchecked")
  public <T> Records<T> records(RecordType<T> type) {
    notNull("type", type);
    Records<?> r = records.computeIfAbsent(type.name(), n -> new InMemoryRecords<>(type));
    if (r.type().javaType() != type.javaType()) {
      throw dev.crmkit.core.internal.Checks.invalid("type", type.name(),
          "one Java type per record type name (" + r.type().javaType().getName() + ")");
    }
    return (Records<T>) r;
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
