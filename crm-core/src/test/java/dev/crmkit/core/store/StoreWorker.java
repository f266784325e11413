package dev.crmkit.core.store;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.UnknownCustomerException;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The other process of the multi-process tests: opens the same database as the test and works on
 * it, printing one line per fact the test checks afterwards.
 *
 * <ul>
 *   <li>{@code hammer TARGET MILLIS SEED}: returns and merges on the customers already there,
 *       on two threads; prints {@code MADE key} after each commit and {@code GOT key} for each
 *       event its relay delivers ({@link #key})
 *   <li>{@code import TARGET COUNT}: registers customers and records an order for each, each a
 *       use case of its own; prints {@code CUSTOMER id} and {@code ORDER id} once committed and
 *       {@code DELIVERED id} for each delivered event
 *   <li>{@code migrate TARGET}: opens the store (which migrates the schema)
 * </ul>
 *
 * TARGET is {@code h2:FOLDER} or {@code pg:SCHEMA}.
 */
public final class StoreWorker {

  private static final PrintStream OUT = System.out;

  private StoreWorker() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String target = args[1];
    if (mode.equals("migrate")) {
      say("OPENING");
      try (CrmStore store = open(target)) {
        say("MIGRATED");
      }
      return;
    }
    EventBus bus = EventBus.create();
    CrmStore store = open(target);
    if (mode.equals("hammer")) {
      bus.subscribe(e -> say("GOT " + key(e)));
      Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).events(bus).build();
      say("READY");
      hammer(crm, Long.parseLong(args[2]), Long.parseLong(args[3]), StoreWorker::say);
      crm.relayEvents();
      say("DONE");
    } else if (mode.equals("import")) {
      bus.subscribe(e -> say("DELIVERED " + key(e)));
      Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).events(bus).build();
      say("READY");
      int count = Integer.parseInt(args[2]);
      for (int i = 0; i < count; i++) {
        Customer c = crm.register(Registration.individual("Imported " + i)
            .email("imported" + i + "@example.com"));
        say("CUSTOMER " + c.id().value());
        Order o = crm.recordPurchase(OrderRequest.of(c.id(), Channel.WEB, "EUR")
            .line("SKU-" + i, "c", 1 + i % 3, Money.of("10", "EUR"), Money.of("9", "EUR")));
        say("ORDER " + o.id());
      }
      say("DONE");
    } else {
      throw new IllegalArgumentException(mode);
    }
    store.close();
    System.exit(0);
  }

  /** How the tests name an event: the return, the merge, the order or the customer it is about. */
  static String key(DomainEvent e) {
    if (e instanceof PurchaseEvent.ReturnRecorded r) {
      return "R:" + r.returned().id() + ":" + r.returned().orderId();
    }
    if (e instanceof IdentityEvent.CustomersMerged m) {
      return "M:" + m.report().survivorId().value() + ":" + m.report().mergedId().value();
    }
    if (e instanceof PurchaseEvent.PurchaseRecorded p) {
      return p.order().id();
    }
    if (e instanceof CustomerEvent.CustomerRegistered c) {
      return c.customer().id().value();
    }
    return e.getClass().getSimpleName() + ":" + e.customerId().value();
  }

  /**
   * Returns one unit of a random order or merges a random pair of the customers, on two threads,
   * until {@code millis} have passed; reports each committed change's key to {@code made}.
   */
  static void hammer(Crm crm, long millis, long seed, Consumer<String> made)
      throws InterruptedException {
    List<CustomerId> customers = crm.store().customers().all().map(Customer::id).toList();
    List<String> orders = crm.store().orders().all().map(Order::id).toList();
    List<CustomerId> all = new ArrayList<>(customers);
    crm.store().customers().all().forEach(c -> all.addAll(c.mergedIds()));
    long end = System.nanoTime() + millis * 1_000_000;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Random random = new Random(seed * 31 + t);
      Thread thread = new Thread(() -> {
        int next = 0;
        while (System.nanoTime() < end) {
          try {
            if (random.nextInt(10) < 6) {
              // every thread of both processes walks the orders in the same sequence, so that
              // they race for the last units of the same order
              String order = orders.get(next++ % orders.size());
              Return r = crm.recordReturn(ReturnRequest.of(order).line(1, 1));
              made.accept("MADE R:" + r.id() + ":" + r.orderId());
            } else {
              CustomerId a = all.get(random.nextInt(all.size()));
              CustomerId b = all.get(random.nextInt(all.size()));
              MergeReport m = crm.merge(a, b);
              if (!m.alreadyMerged()) {
                made.accept("MADE M:" + m.survivorId().value() + ":" + m.mergedId().value());
              }
            }
          } catch (IllegalArgumentException expected) {
            // more returned than bought: refused, as it must be
            if (expected instanceof UnknownCustomerException) {
              throw expected;
            }
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  static CrmStore open(String target) {
    if (target.startsWith("h2:")) {
      return CrmStore.embedded(Path.of(target.substring(3)));
    }
    if (target.startsWith("pg:")) {
      JdbcConnectionPool pool = PgSchema.existing(target.substring(3)).newPool();
      CrmStore store = CrmStore.jdbc(pool);
      return new Closing(store, pool);
    }
    throw new IllegalArgumentException(target);
  }

  private static void say(String line) {
    synchronized (OUT) {
      OUT.println(line);
      OUT.flush();
    }
  }

  /** A store that also disposes of the pool it was opened on. */
  private record Closing(CrmStore store, JdbcConnectionPool pool) implements CrmStore {
    @Override
    public dev.crmkit.core.repository.CustomerRepository customers() {
      return store.customers();
    }

    @Override
    public dev.crmkit.core.repository.OrderRepository orders() {
      return store.orders();
    }

    @Override
    public dev.crmkit.core.repository.ReturnRepository returns() {
      return store.returns();
    }

    @Override
    public dev.crmkit.core.repository.InteractionRepository interactions() {
      return store.interactions();
    }

    @Override
    public <T> Records<T> records(RecordType<T> type) {
      return store.records(type);
    }

    @Override
    public Sequences sequences() {
      return store.sequences();
    }

    @Override
    public Outbox outbox() {
      return store.outbox();
    }

    @Override
    public Transactions transactions() {
      return store.transactions();
    }

    @Override
    public void close() {
      store.close();
      pool.dispose();
    }
  }
}
