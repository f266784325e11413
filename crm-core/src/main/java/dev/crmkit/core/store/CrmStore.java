package dev.crmkit.core.store;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.repository.InteractionRepository;
import dev.crmkit.core.repository.OrderRepository;
import dev.crmkit.core.repository.ReturnRepository;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.core.timeline.TimelineItem;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Everything crm-core keeps, behind ports: customers (with merges), orders, returns,
 * interactions, the records of the service desk, surveys, lost customers, sales and marketing
 * ({@link #records}), id counters, the event outbox, and the transactions that span a use case.
 *
 * <p>Three adapters: {@link #inMemory()} (thread-safe, for tests and demonstrations),
 * {@link #jdbc(DataSource)} on a host's database (PostgreSQL in production; the schema is
 * migrated by Flyway when the store opens, safely when several processes start at once), and
 * {@link #embedded(Path)}, an H2 file database in a folder. One contract suite runs on all
 * three.
 *
 * <pre>{@code
 * try (CrmStore store = CrmStore.embedded(Path.of("crm-data"))) {
 *   Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).build();
 *   ...
 * }
 * }</pre>
 */
public interface CrmStore extends AutoCloseable {

  /** Fresh, empty, thread-safe in-memory ports. */
  static CrmStore inMemory() {
    return new InMemoryCrmStore();
  }

  /**
   * The JDBC adapter on a host's {@code DataSource} (PostgreSQL or H2; the driver is the host's
   * dependency). Runs the schema migrations first. The host keeps ownership of the data source:
   * {@link #close()} does not close it.
   */
  static CrmStore jdbc(DataSource dataSource) {
    return JdbcCrmStore.open(dataSource, null, JdbcOptions.DEFAULTS);
  }

  /**
   * The JDBC adapter with options, such as connections bound to the host's own transactions
   * ({@link JdbcOptions#hostTransactions()}).
   */
  static CrmStore jdbc(DataSource dataSource, JdbcOptions options) {
    return JdbcCrmStore.open(dataSource, null, options);
  }

  /**
   * An embedded H2 database in the folder {@code directory} (created when missing), with a
   * connection pool of its own that {@link #close()} closes. Needs {@code com.h2database:h2} on
   * the class path. Every commit is on disk when it returns.
   */
  static CrmStore embedded(Path directory) {
    return H2Embedded.open(directory);
  }

  CustomerRepository customers();

  OrderRepository orders();

  ReturnRepository returns();

  InteractionRepository interactions();

  /** The port for one kind of record; the same instance for the same type name. */
  <T> Records<T> records(RecordType<T> type);

  Sequences sequences();

  Outbox outbox();

  Transactions transactions();

  /**
   * Hands every order to {@code action} as {@link OrderFacts} (under the live customer it counts
   * for now), in no particular order, for reads of the whole log such as scoring. The JDBC store
   * streams them with a cursor from plain columns (one query, no JSON read, a few thousand rows in
   * memory at a time); the read is not one snapshot with concurrent writes. The default reads
   * the ports.
   */
  default void forEachOrderFacts(Consumer<? super OrderFacts> action) {
    java.util.Objects.requireNonNull(action, "action");
    Set<String> returned = new HashSet<>();
    try (Stream<Return> all = returns().all()) {
      all.forEach(r -> returned.add(r.orderId()));
    }
    List<Order> orders;
    try (Stream<Order> all = orders().all()) {
      orders = all.toList();
    }
    Map<CustomerId, CustomerId> live = customers().resolveAll(
        orders.stream().map(Order::customerId).distinct().toList());
    for (Order o : orders) {
      action.accept(OrderFacts.of(o, live.getOrDefault(o.customerId(), o.customerId()),
          returned.contains(o.id())));
    }
  }

  /**
   * The timeline items of the records of these customer ids (a live customer's own id and those
   * merged into it), in {@link TimelineItem#ORDER}. The JDBC store reads them from plain columns
   * with one query on the {@code (customer_id, at)} indexes, no JSON; the default reads the
   * ports and builds each item from its record.
   */
  default List<TimelineItem> timelineItems(Collection<CustomerId> customerIds) {
    java.util.Objects.requireNonNull(customerIds, "customerIds");
    List<TimelineItem> items = new java.util.ArrayList<>();
    orders().findByCustomers(customerIds)
        .forEach(o -> items.add(TimelineItem.of(new TimelineEntry.PurchaseEntry(o))));
    returns().findByCustomers(customerIds)
        .forEach(r -> items.add(TimelineItem.of(new TimelineEntry.ReturnEntry(r))));
    interactions().findByCustomers(customerIds)
        .forEach(i -> items.add(TimelineItem.of(new TimelineEntry.InteractionEntry(i))));
    items.sort(TimelineItem.ORDER);
    return List.copyOf(items);
  }

  /** Releases what the store opened itself (the embedded database); idempotent. */
  @Override
  void close();
}
