package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.event.ListenerFailure;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDeliveryTest {

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final List<ListenerFailure> failures = new ArrayList<>();
  private final EventBus bus = EventBus.create(failures::add);
  private final Crm crm =
      Crm.builder().clock(clock).events(bus).ids(IdGenerator.sequential()).build();

  @Test
  void every_change_raises_its_event_in_order_with_the_clocks_time() {
    List<DomainEvent> seen = new ArrayList<>();
    bus.subscribe(seen::add);
    Individual anna = crm.register(Fixtures.anna());
    Individual dup = crm.register(Registration.individual("Anna").email("anna@example.com"));
    crm.merge(anna.id(), dup.id());
    crm.recordConsent(anna.id(), Channel.EMAIL, true);
    Order order = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
        .line("S", "c", 2, Money.of("5", "EUR"), Money.of("5", "EUR")));
    crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1));
    assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly(
        "CustomerRegistered", "CustomerRegistered", "CustomersMerged", "ConsentRecorded",
        "PurchaseRecorded", "ReturnRecorded");
    assertThat(seen).allSatisfy(e -> assertThat(e.occurredAt()).isEqualTo(Fixtures.T0));
    assertThat(seen).extracting(DomainEvent::customerId)
        .containsExactly(anna.id(), dup.id(), anna.id(), anna.id(), anna.id(), anna.id());
  }

  @Test
  void a_failing_listener_neither_blocks_other_listeners_nor_undoes_the_change() {
    List<DomainEvent> before = new ArrayList<>();
    List<DomainEvent> after = new ArrayList<>();
    bus.subscribe(before::add);
    bus.subscribe("loyalty", PurchaseEvent.PurchaseRecorded.class, e -> {
      throw new IllegalStateException("loyalty service down");
    });
    bus.subscribe(after::add);
    Individual anna = crm.register(Fixtures.anna());

    // slf4j-simple writes to System.err when it logs, so the log line can be read back
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    Order order;
    try {
      order = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
          .line("S", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR")));
    } finally {
      System.setErr(stderr);
    }
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("WARN")
        .contains("Listener loyalty failed on PurchaseRecorded for customer " + anna.id())
        .contains("loyalty service down");

    assertThat(crm.orders(anna.id())).containsExactly(order);
    assertThat(before).hasSize(2);
    assertThat(after).hasSize(2);
    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.error()).hasMessage("loyalty service down");
      assertThat(f.listener()).isEqualTo("loyalty");
      assertThat(f.event()).isEqualTo(new PurchaseEvent.PurchaseRecorded(order, Fixtures.T0));
    });
    // the facade keeps working after the failure
    crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1));
    assertThat(after).hasSize(3);
  }

  @Test
  void a_failing_failure_handler_is_contained_too() {
    EventBus fragile = EventBus.create(f -> {
      throw new IllegalStateException("handler broken");
    });
    List<DomainEvent> seen = new ArrayList<>();
    fragile.subscribe(e -> {
      throw new IllegalArgumentException("boom");
    });
    fragile.subscribe(seen::add);
    Crm other = Crm.builder().clock(clock).events(fragile).build();
    Individual anna = other.register(Fixtures.anna());
    assertThat(other.get(anna.id())).isEqualTo(anna);
    assertThat(seen).hasSize(1);
  }

  @Test
  void listeners_may_subscribe_by_type_and_unsubscribe() {
    List<CustomerEvent.CustomerRegistered> registered = new ArrayList<>();
    EventBus.Subscription subscription =
        bus.subscribe(CustomerEvent.CustomerRegistered.class, registered::add);
    crm.register(Fixtures.anna());
    subscription.close();
    crm.register(Registration.individual("Bob"));
    assertThat(registered).hasSize(1);
  }

  @Test
  void publish_returns_the_failures_of_that_delivery() {
    EventBus plain = EventBus.create();
    plain.subscribe(e -> {
      throw new IllegalStateException("x");
    });
    Individual anna = Fixtures.anna().toCustomer(CustomerId.of("a"), Fixtures.T0);
    assertThat(plain.publish(new CustomerEvent.CustomerRegistered(anna, Fixtures.T0)))
        .singleElement().satisfies(f -> assertThat(f.listener()).isNotBlank());
  }

  @Test
  void a_listener_may_call_back_into_the_facade() {
    bus.subscribe(CustomerEvent.CustomerRegistered.class,
        e -> assertThat(crm.get(e.customerId())).isEqualTo(e.customer()));
    crm.register(Fixtures.anna());
    assertThat(failures).isEmpty();
  }
}
