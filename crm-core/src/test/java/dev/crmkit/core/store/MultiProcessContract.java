package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.Return;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one database, and a process killed with {@code kill -9}: the test JVM and a
 * {@link StoreWorker} in a child JVM open the same store (an H2 folder, a PostgreSQL schema).
 */
abstract class MultiProcessContract {

  static final int CUSTOMERS = 10;
  static final int BOUGHT = 2;
  static final int ORDERS_EACH = 4;

  /** The worker's name for the database. */
  abstract String target();

  /** Opens the database in this JVM. */
  abstract CrmStore open();

  @Test
  void two_processes_returning_and_merging_the_same_customers_keep_every_invariant() {
    List<CustomerId> ids = new ArrayList<>();
    List<String> orders = new ArrayList<>();
    ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
    try (CrmStore store = open()) {
      EventBus bus = EventBus.create();
      bus.subscribe(e -> got.add(StoreWorker.key(e)));
      Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).events(bus).build();
      for (int i = 0; i < CUSTOMERS; i++) {
        CustomerId id = crm.register(Registration.individual("Person " + i)
            .email("p" + i + "@example.com")).id();
        ids.add(id);
        for (int o = 0; o < ORDERS_EACH; o++) {
          orders.add(crm.recordPurchase(OrderRequest.of(id, Channel.WEB, "EUR")
              .line("SKU", "c", BOUGHT, Money.of("10", "EUR"), Money.of("9", "EUR"))).id());
        }
      }
      got.clear();

      try (Child child = Child.start("hammer", target(), "4000", "7")) {
        child.awaitLine("READY", Duration.ofSeconds(90));
        StoreWorker.hammer(crm, 4000, 11, line -> made.add(line.substring("MADE ".length())));
        child.awaitExit(Duration.ofSeconds(120));
        made.addAll(child.withPrefix("MADE "));
        got.addAll(child.withPrefix("GOT "));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      crm.relayEvents();

      assertThat(made).as("both processes changed something").hasSizeGreaterThan(10);
      assertThat(store.outbox().pending()).isZero();
      assertThat(store.outbox().parked()).isEmpty();
      // every committed change's event was delivered, by one process or the other
      assertThat(new HashSet<>(got)).containsAll(made);
      // and nothing was delivered that was not committed
      assertThat(made).containsAll(new HashSet<>(got));

      // no order over-returned, and the returns are exactly those reported as committed
      List<String> reportedReturns = made.stream().filter(k -> k.startsWith("R:")).toList();
      List<Return> stored = store.returns().all().toList();
      assertThat(stored).extracting(r -> "R:" + r.id() + ":" + r.orderId())
          .containsExactlyInAnyOrderElementsOf(reportedReturns);
      for (String order : orders) {
        int returned = stored.stream().filter(r -> r.orderId().equals(order))
            .mapToInt(r -> r.lines().get(0).quantity()).sum();
        assertThat(returned).as("returned of " + order).isLessThanOrEqualTo(BOUGHT);
      }
      assertMerged(store, ids);
      // every reported merge left its record retired into a live record that lists it
      made.stream().filter(k -> k.startsWith("M:")).forEach(k -> {
        CustomerId merged = CustomerId.of(k.split(":")[2]);
        assertThat(store.customers().findRetired(merged)).as(k).isPresent();
      });
    }
  }

  /** Every id on exactly one live record; every retired record's survivor live and listing it. */
  static void assertMerged(CrmStore store, List<CustomerId> ids) {
    Map<CustomerId, Customer> live = new HashMap<>();
    store.customers().all().forEach(c -> live.put(c.id(), c));
    Set<CustomerId> covered = new HashSet<>();
    for (Customer c : live.values()) {
      for (CustomerId id : c.allIds()) {
        assertThat(covered.add(id)).as(id + " on two live records").isTrue();
      }
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(ids);
    for (int i = 0; i < ids.size(); i++) {
      CustomerId id = ids.get(i);
      CustomerId survivor = store.customers().resolve(id).orElseThrow();
      assertThat(live).as(id + " resolves to a live record").containsKey(survivor);
      assertThat(live.get(survivor).allIds()).contains(id);
      if (!survivor.equals(id)) {
        assertThat(store.customers().findRetired(id)).as("retired " + id).isPresent();
      }
      assertThat(store.customers().findByKey(IdentityKey.email("p" + i + "@example.com")))
          .extracting(Customer::id).containsExactly(survivor);
    }
  }

  @Test
  void a_bulk_import_killed_with_kill_9_leaves_whole_use_cases_and_its_events_resume() {
    List<String> customers;
    List<String> orders;
    List<String> deliveredBefore;
    try (Child child = Child.start("import", target(), "100000")) {
      child.awaitLine(l -> l.stream().filter(x -> x.startsWith("ORDER ")).count() >= 40,
          Duration.ofSeconds(120));
      child.kill();
      customers = child.withPrefix("CUSTOMER ");
      orders = child.withPrefix("ORDER ");
      deliveredBefore = child.withPrefix("DELIVERED ");
      assertThat(child.lines).doesNotContain("DONE");
    }

    List<String> deliveredAfter = new ArrayList<>();
    try (CrmStore store = open()) {
      EventBus bus = EventBus.create();
      bus.subscribe(e -> deliveredAfter.add(StoreWorker.key(e)));
      Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).events(bus).build();

      // the outbox resumed: nothing waits any more
      assertThat(store.outbox().pending()).isZero();
      List<Customer> storedCustomers = crm.customers().toList();
      List<Order> storedOrders = store.orders().all().toList();
      // every id printed after its commit is there; at most the one use case in flight more
      assertThat(storedCustomers).extracting(c -> c.id().value()).containsAll(customers);
      assertThat(storedCustomers.size()).isBetween(customers.size(), customers.size() + 1);
      assertThat(storedOrders).extracting(Order::id).containsAll(orders);
      assertThat(storedOrders.size()).isBetween(orders.size(), orders.size() + 1);
      Set<String> delivered = new HashSet<>(deliveredBefore);
      delivered.addAll(deliveredAfter);
      for (Order o : storedOrders) {
        // nothing half-written: the order's customer is there, with its identity key
        Customer c = crm.find(o.customerId()).orElseThrow();
        assertThat(crm.findByKey(c.keys().stream().findFirst().orElseThrow())).contains(c);
        // its event went out with it: delivered before the kill, or pending and delivered now
        assertThat(delivered).as("PurchaseRecorded of " + o.id()).contains(o.id());
      }
      for (Customer c : storedCustomers) {
        assertThat(delivered).as("CustomerRegistered of " + c.id()).contains(c.id().value());
      }
      // and the events delivered now are only those the kill left undelivered or unconfirmed
      assertThat(deliveredAfter.size()).isLessThanOrEqualTo(4);
      // the import goes on where it stopped
      Customer next = crm.register(Registration.individual("After the kill"));
      assertThat(storedCustomers).extracting(Customer::id).doesNotContain(next.id());
    }
  }
}
