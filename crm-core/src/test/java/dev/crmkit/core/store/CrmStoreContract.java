package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.MergeResult;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.core.timeline.TimelineItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CrmStore} promises, run on each adapter: the in-memory store, the embedded H2
 * store and PostgreSQL. A subclass opens a fresh, empty store for each test.
 */
abstract class CrmStoreContract {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  protected final SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
  protected CrmStore store;

  /** A fresh, empty store. */
  abstract CrmStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    if (store != null) { // null when the store could not be opened (PostgreSQL absent)
      store.close();
    }
  }

  Crm crm(EventBus bus) {
    return Crm.builder().clock(clock).store(store).events(bus).build();
  }

  static Individual person(String id, String name, String email) {
    return Registration.individual(name).email(email)
        .toCustomer(CustomerId.of(id), T0);
  }

  static Order order(String id, String customer, Instant at, int quantity) {
    return OrderRequest.of(CustomerId.of(customer), Channel.WEB, "EUR")
        .line("SKU-1", "phones", quantity, Money.of("10.00", "EUR"), Money.of("9.00", "EUR"))
        .orderId(id).orderedAt(at)
        .toOrder(id, at, CustomerId.of(customer));
  }

  static Note note(String id, String customer, Instant at, String topic) {
    return new Note(id, CustomerId.of(customer), at, Optional.ofNullable(topic), "text of " + id);
  }

  /** Runs {@code body(i)} on {@code threads} threads started together; rethrows the first failure. */
  static void onThreads(int threads, IntConsumer body) {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int i = t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          body.accept(i);
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      assertThat(thread.isAlive()).as("a worker thread still runs after a minute").isFalse();
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError("a worker thread failed", failures.peek());
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  // ------------------------------------------------------------------ customers

  @Test
  void a_customer_is_added_found_and_replaced() {
    Individual anna = person("C-1", "Anna", "anna@example.com");
    store.customers().add(anna);

    assertThat(store.customers().findById(anna.id())).contains(anna);
    assertThat(store.customers().resolve(anna.id())).contains(anna.id());
    assertThat(store.customers().findByKey(IdentityKey.email("ANNA@example.com")))
        .containsExactly(anna);
    assertThat(store.customers().findByCode("C-1")).contains(anna);

    Customer consented = anna.withConsent(new Consent(Channel.EMAIL, true, T0));
    store.customers().replace(consented);
    assertThat(store.customers().findById(anna.id())).contains(consented);
  }

  @Test
  void unknown_customers_are_not_found_and_cannot_be_replaced() {
    CustomerId nobody = CustomerId.of("C-404");
    assertThat(store.customers().findById(nobody)).isEmpty();
    assertThat(store.customers().resolve(nobody)).isEmpty();
    assertThat(store.customers().findRetired(nobody)).isEmpty();
    assertThat(store.customers().findByCode("C-404")).isEmpty();
    assertThatThrownBy(() -> store.customers().replace(person("C-404", "No", "no@example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.customers().replaceRetired(person("C-404", "No", "n@x.org")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_customer_id_or_code_is_used_once() {
    store.customers().add(person("C-1", "Anna", "anna@example.com"));

    assertThatThrownBy(() -> store.customers().add(person("C-1", "Other", "o@example.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C-1");
    assertThat(store.customers().all()).extracting(Customer::id).containsExactly(CustomerId.of("C-1"));
  }

  @Test
  void a_retired_customer_resolves_to_its_survivor_keeps_its_last_version_and_its_code() {
    Individual anna = person("C-1", "Anna", "anna@example.com");
    Individual anna2 = person("C-2", "Anna S.", "anna.s@example.com");
    store.customers().add(anna);
    store.customers().add(anna2);

    MergeResult merged = IdentityResolution.merge(anna, anna2, T0);
    store.customers().replace(merged.survivor());
    store.customers().retire(anna2, anna.id());

    assertThat(store.customers().findById(anna2.id())).isEmpty();
    assertThat(store.customers().findRetired(anna2.id())).contains(anna2);
    assertThat(store.customers().resolve(anna2.id())).contains(anna.id());
    assertThat(store.customers().findByCode("C-2")).contains(merged.survivor());
    assertThat(store.customers().findByKey(IdentityKey.email("anna.s@example.com")))
        .extracting(Customer::id).containsExactly(anna.id());
    assertThat(store.customers().all()).extracting(Customer::id).containsExactly(anna.id());
    // the retired id stays taken
    assertThatThrownBy(() -> store.customers().add(person("C-2", "New", "new@example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.customers().replace(anna2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.customers().retire(anna2, anna.id()))
        .isInstanceOf(IllegalArgumentException.class);

    Individual erased = person("C-2", "(erased)", "erased@example.invalid");
    store.customers().replaceRetired(erased);
    assertThat(store.customers().findRetired(anna2.id())).contains(erased);
    assertThat(store.customers().resolve(anna2.id())).contains(anna.id());
    assertThatThrownBy(() -> store.customers().replaceRetired(person("C-1", "x", "x@x.org")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_chain_of_merges_resolves_every_id_to_the_last_survivor() {
    for (int i = 1; i <= 4; i++) {
      store.customers().add(person("C-" + i, "P" + i, "p" + i + "@example.com"));
    }
    // C-2 into C-1, C-1 into C-3, C-3 into C-4
    retireInto("C-2", "C-1");
    retireInto("C-1", "C-3");
    retireInto("C-3", "C-4");

    for (int i = 1; i <= 4; i++) {
      assertThat(store.customers().resolve(CustomerId.of("C-" + i))).as("C-" + i)
          .contains(CustomerId.of("C-4"));
    }
    assertThat(store.customers().findById(CustomerId.of("C-4")).orElseThrow().mergedIds())
        .containsExactlyInAnyOrder(CustomerId.of("C-1"), CustomerId.of("C-2"), CustomerId.of("C-3"));
    for (int i = 1; i <= 4; i++) {
      assertThat(store.customers().findByKey(IdentityKey.email("p" + i + "@example.com")))
          .extracting(Customer::id).containsExactly(CustomerId.of("C-4"));
    }
  }

  private void retireInto(String merged, String survivor) {
    store.transactions().inTransaction(() -> {
      Customer m = store.customers().findByIdForUpdate(CustomerId.of(merged)).orElseThrow();
      Customer s = store.customers().findByIdForUpdate(CustomerId.of(survivor)).orElseThrow();
      store.customers().replace(IdentityResolution.merge(s, m, T0).survivor());
      store.customers().retire(m, s.id());
    });
  }

  @Test
  void all_customers_come_in_id_order() {
    for (String id : List.of("C-3", "C-10", "C-1", "C-2")) {
      store.customers().add(person(id, id, id.toLowerCase() + "@example.com"));
    }
    assertThat(store.customers().all()).extracting(c -> c.id().value())
        .containsExactly("C-1", "C-10", "C-2", "C-3");
  }

  // ------------------------------------------------------------------ orders, returns, interactions

  @Test
  void orders_come_by_time_then_id_and_by_customer() {
    store.customers().add(person("C-1", "Anna", "anna@example.com"));
    store.customers().add(person("C-2", "Bo", "bo@example.com"));
    Instant later = T0.plusSeconds(60);
    store.orders().add(order("O-b", "C-1", T0, 1));
    store.orders().add(order("O-z", "C-2", later, 1));
    store.orders().add(order("O-a", "C-2", T0, 1));
    store.orders().add(order("O-c", "C-1", later, 1));

    assertThat(store.orders().findById("O-a")).contains(order("O-a", "C-2", T0, 1));
    assertThat(store.orders().findById("O-404")).isEmpty();
    assertThat(store.orders().findByCustomers(Set.of(CustomerId.of("C-1"), CustomerId.of("C-2"))))
        .extracting(Order::id).containsExactly("O-a", "O-b", "O-c", "O-z");
    assertThat(store.orders().findByCustomers(Set.of(CustomerId.of("C-1"))))
        .extracting(Order::id).containsExactly("O-b", "O-c");
    assertThat(store.orders().findByCustomers(Set.of())).isEmpty();
    assertThat(store.orders().all()).extracting(Order::id).containsExactly("O-a", "O-b", "O-c", "O-z");
    assertThatThrownBy(() -> store.orders().add(order("O-a", "C-1", T0, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("O-a");
  }

  @Test
  void returns_are_found_by_order_and_by_customer() {
    Order o1 = order("O-1", "C-1", T0, 5);
    Order o2 = order("O-2", "C-1", T0, 5);
    store.orders().add(o1);
    store.orders().add(o2);
    Return late = ReturnRequest.of("O-1").line(1, 1)
        .toReturn(o1, List.of(), "R-2", T0.plusSeconds(120));
    Return early = ReturnRequest.of("O-1").line(1, 2)
        .toReturn(o1, List.of(), "R-9", T0.plusSeconds(60));
    Return other = ReturnRequest.of("O-2").line(1, 1)
        .toReturn(o2, List.of(), "R-1", T0.plusSeconds(60));
    store.returns().add(late);
    store.returns().add(early);
    store.returns().add(other);

    // the port promises no order for the returns of one order
    assertThat(store.returns().findByOrder("O-1")).containsExactlyInAnyOrder(early, late);
    assertThat(store.returns().findByOrder("O-404")).isEmpty();
    assertThat(store.returns().findByCustomers(Set.of(CustomerId.of("C-1"))))
        .extracting(Return::id).containsExactly("R-1", "R-9", "R-2");
    assertThat(store.returns().all()).extracting(Return::id).containsExactly("R-1", "R-9", "R-2");
    assertThatThrownBy(() -> store.returns().add(late)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void interactions_are_kept_in_order_and_their_notes_can_be_erased() {
    Interaction a = interaction("I-2", "C-1", T0, "called about the bill");
    Interaction b = interaction("I-1", "C-1", T0, "");
    Interaction c = interaction("I-3", "C-2", T0.minusSeconds(5), "anna@example.com asked");
    store.interactions().add(a);
    store.interactions().add(b);
    store.interactions().add(c);

    assertThat(store.interactions().findByCustomers(List.of(CustomerId.of("C-1"), CustomerId.of("C-2"))))
        .extracting(Interaction::id).containsExactly("I-3", "I-1", "I-2");
    assertThat(store.interactions().all()).extracting(Interaction::id)
        .containsExactly("I-3", "I-1", "I-2");

    int changed = store.transactions().inTransaction(
        () -> store.interactions().eraseNotes(Set.of(CustomerId.of("C-1")), "(erased)"));

    assertThat(changed).isEqualTo(1);
    assertThat(store.interactions().findByCustomers(Set.of(CustomerId.of("C-1"))))
        .extracting(Interaction::notes).containsExactly("", "(erased)");
    assertThat(store.interactions().findByCustomers(Set.of(CustomerId.of("C-2"))))
        .extracting(Interaction::notes).containsExactly("anna@example.com asked");
    assertThatThrownBy(() -> store.interactions().add(a)).isInstanceOf(IllegalArgumentException.class);
  }

  static Interaction interaction(String id, String customer, Instant at, String notes) {
    return InteractionRequest.of(CustomerId.of(customer), Channel.PHONE, InteractionType.INQUIRY,
        Direction.INBOUND).id(id).occurredAt(at).notes(notes).agent("agent-7")
        .toInteraction(id, at, CustomerId.of(customer));
  }

  // ------------------------------------------------------------------ records

  @Test
  void records_are_added_found_updated_and_listed_by_time_then_id() {
    Records<Note> notes = store.records(Note.NOTES);
    Note n1 = note("N-2", "C-1", T0, "t-1");
    Note n2 = note("N-1", "C-1", T0, null);
    Note n3 = note("N-3", "C-2", T0.minusSeconds(1), "t-1");
    notes.add(n1);
    notes.add(n2);
    notes.add(n3);

    assertThat(store.records(Note.NOTES)).isSameAs(notes);
    assertThat(notes.find("N-2")).contains(n1);
    assertThat(notes.find("N-404")).isEmpty();
    assertThat(notes.count()).isEqualTo(3);
    assertThat(notes.all()).containsExactly(n3, n2, n1);
    List<Note> seen = new ArrayList<>();
    notes.forEach(seen::add);
    assertThat(seen).containsExactly(n3, n2, n1);
    assertThat(notes.findByCustomers(Set.of(CustomerId.of("C-1")))).containsExactly(n2, n1);
    assertThat(notes.findByCustomers(List.of(CustomerId.of("C-1"), CustomerId.of("C-2"))))
        .containsExactly(n3, n2, n1);
    assertThat(notes.findByRef("t-1")).containsExactly(n3, n1);
    assertThat(notes.findByRef("t-404")).isEmpty();

    Note moved = new Note("N-2", CustomerId.of("C-2"), T0.plusSeconds(1), Optional.of("t-2"), "moved");
    store.transactions().inTransaction(() -> {
      assertThat(notes.findForUpdate("N-2")).contains(n1);
      notes.update(moved);
    });
    assertThat(notes.find("N-2")).contains(moved);
    assertThat(notes.findByCustomers(Set.of(CustomerId.of("C-1")))).containsExactly(n2);
    assertThat(notes.findByCustomers(Set.of(CustomerId.of("C-2")))).containsExactly(n3, moved);
    assertThat(notes.findByRef("t-1")).containsExactly(n3);
    assertThat(notes.findByRef("t-2")).containsExactly(moved);
    assertThat(notes.count()).isEqualTo(3);
  }

  @Test
  void a_record_id_is_used_once_and_only_stored_records_are_updated() {
    Records<Note> notes = store.records(Note.NOTES);
    notes.add(note("N-1", "C-1", T0, null));

    assertThatThrownBy(() -> notes.add(note("N-1", "C-2", T0, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N-1");
    assertThatThrownBy(() -> notes.update(note("N-404", "C-1", T0, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N-404");
    assertThat(store.transactions().inTransaction(() -> notes.findForUpdate("N-404"))).isEmpty();
    assertThat(notes.all()).containsExactly(note("N-1", "C-1", T0, null));
  }

  @Test
  void two_record_types_keep_the_same_id_apart() {
    Records<Note> notes = store.records(Note.NOTES);
    Records<Note> memos = store.records(Note.MEMOS);
    notes.add(note("X-1", "C-1", T0, "t"));
    memos.add(note("X-1", "C-2", T0, null).withText("a memo"));

    assertThat(notes.find("X-1").orElseThrow().text()).isEqualTo("text of X-1");
    assertThat(memos.find("X-1").orElseThrow().text()).isEqualTo("a memo");
    memos.update(memos.find("X-1").orElseThrow().withText("memo 2"));
    assertThat(notes.find("X-1").orElseThrow().text()).isEqualTo("text of X-1");
    assertThat(notes.count()).isEqualTo(1);
    assertThat(memos.count()).isEqualTo(1);
    assertThat(notes.findByCustomers(Set.of(CustomerId.of("C-2")))).isEmpty();
    assertThat(memos.all()).extracting(Note::text).containsExactly("memo 2");
  }

  // ------------------------------------------------------------------ sequences

  @Test
  void counters_start_at_one_increase_and_are_independent() {
    assertThat(store.sequences().next("case")).isEqualTo(1);
    assertThat(store.sequences().next("case")).isEqualTo(2);
    assertThat(store.sequences().next("lead")).isEqualTo(1);
    assertThat(store.sequences().next("case")).isEqualTo(3);
    assertThatThrownBy(() -> store.sequences().next("Bad-Name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void counters_hand_out_unique_increasing_numbers_on_eight_threads() {
    Map<Integer, List<Long>> taken = new ConcurrentHashMap<>();
    onThreads(8, t -> {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        mine.add(store.sequences().next("order"));
      }
      taken.put(t, mine);
    });
    Set<Long> all = new HashSet<>();
    for (List<Long> mine : taken.values()) {
      assertThat(mine).isSorted().doesNotHaveDuplicates();
      all.addAll(mine);
    }
    assertThat(all).hasSize(800);
    assertThat(store.sequences().next("order")).isGreaterThan(Collections.max(all));
  }

  // ------------------------------------------------------------------ transactions

  @Test
  void a_nested_transaction_joins_the_outer_one_and_after_commit_waits_for_it() {
    List<String> done = new ArrayList<>();
    store.transactions().inTransaction(() -> {
      assertThat(store.transactions().inTransaction()).isTrue();
      store.transactions().inTransaction(() -> {
        assertThat(store.transactions().inTransaction()).isTrue();
        store.records(Note.NOTES).add(note("N-1", "C-1", T0, null));
        store.transactions().afterCommit(() -> done.add("inner"));
      });
      assertThat(done).isEmpty();
      store.transactions().afterCommit(() -> done.add("outer"));
    });
    assertThat(store.transactions().inTransaction()).isFalse();
    assertThat(done).containsExactly("inner", "outer");
    assertThat(store.records(Note.NOTES).find("N-1")).isPresent();
    // outside a transaction it runs at once
    store.transactions().afterCommit(() -> done.add("now"));
    assertThat(done).containsExactly("inner", "outer", "now");
  }

  @Test
  void after_commit_does_not_run_when_the_transaction_fails() {
    List<String> done = new ArrayList<>();
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
      store.transactions().afterCommit(() -> done.add("never"));
      throw new IllegalStateException("the use case fails");
    })).isInstanceOf(IllegalStateException.class).hasMessage("the use case fails");
    assertThat(done).isEmpty();
    assertThat(store.transactions().inTransaction()).isFalse();
  }

  @Test
  void order_facts_name_the_live_customer_the_amounts_the_category_and_whether_returned() {
    Crm crm = crm(EventBus.create());
    Individual a = crm.register(Registration.individual("A").email("a@example.com"));
    Individual b = crm.register(Registration.individual("B").email("b@example.com"));
    Order kept = crm.recordPurchase(OrderRequest.of(a.id(), Channel.WEB, "EUR")
        .line("CASE", "accessories", 1, Money.of("20.00", "EUR"), Money.of("15.00", "EUR"))
        .line("PHONE", "phones", 1, Money.of("300.00", "EUR"), Money.of("280.50", "EUR")));
    Order back = crm.recordPurchase(OrderRequest.of(b.id(), Channel.STORE, "EUR")
        .line("BOOK", "books", 2, Money.of("10.00", "EUR"), Money.of("10.00", "EUR")));
    crm.recordReturn(ReturnRequest.of(back.id()).line(1, 1));
    CustomerId survivor = crm.merge(a.id(), b.id()).survivorId();

    List<OrderFacts> facts = new ArrayList<>();
    store.forEachOrderFacts(facts::add);

    assertThat(facts).containsExactlyInAnyOrder(
        new OrderFacts(kept.id(), survivor, kept.orderedAt(), Money.of("295.50", "EUR"),
            Money.of("320.00", "EUR"), "phones", false),
        new OrderFacts(back.id(), survivor, back.orderedAt(), Money.of("20.00", "EUR"),
            Money.of("20.00", "EUR"), "books", true));
  }

  @Test
  void timeline_items_are_the_timelines_entries_without_their_records_merged_history_included() {
    Crm crm = crm(EventBus.create());
    Individual a = crm.register(Registration.individual("A").email("a@example.com"));
    Individual b = crm.register(Registration.individual("B").email("b@example.com"));
    Order first = crm.recordPurchase(OrderRequest.of(a.id(), Channel.WEB, "EUR")
        .line("PHONE", "phones", 2, Money.of("300.00", "EUR"), Money.of("280.50", "EUR")));
    crm.recordPurchase(OrderRequest.of(b.id(), Channel.STORE, "EUR")
        .line("BOOK", "books", 1, Money.of("10.00", "EUR"), Money.of("10.00", "EUR")));
    clock.advance(Duration.ofMinutes(1));
    crm.recordReturn(ReturnRequest.of(first.id()).line(1, 1).reason("broken"));
    crm.logInteraction(InteractionRequest.of(b.id(), Channel.PHONE, InteractionType.COMPLAINT,
        Direction.INBOUND).notes("the screen\nis broken").outcome("replaced"));
    CustomerId survivor = crm.merge(a.id(), b.id()).survivorId();

    List<TimelineItem> items = crm.timelineItems(a.id());

    assertThat(items).hasSize(4).containsExactlyElementsOf(crm.timeline(survivor).entries()
        .stream().map(TimelineItem::of).toList());
    assertThat(items).extracting(TimelineItem::summary).contains(
        "2 items, paid 561.00 EUR (list 600.00 EUR)",
        "inbound complaint: the screen is broken -> replaced");
    assertThat(items.get(0).amount()).isPresent();
    assertThatThrownBy(() -> crm.timelineItems(CustomerId.of("C-404")))
        .isInstanceOf(dev.crmkit.core.base.UnknownCustomerException.class);
  }

  @Test
  void timeline_items_keep_every_microsecond_before_and_after_1970() {
    Crm crm = crm(EventBus.create());
    Individual a = crm.register(Registration.individual("A").email("a@example.com"));
    // the database keeps microseconds; the list reads them as it stores them, on either side of
    // the epoch and at the last microsecond of a second
    for (String at : List.of("1969-12-31T23:59:59.999999Z", "1969-07-20T20:17:40.000001Z",
        "1970-01-01T00:00:00Z", "2026-01-05T09:00:00.123456Z", "2026-01-05T09:00:59.999999Z")) {
      clock.set(Instant.parse(at));
      crm.recordPurchase(OrderRequest.of(a.id(), Channel.WEB, "EUR")
          .line("BOOK", "books", 1, Money.of("10.00", "EUR"), Money.of("10.00", "EUR")));
    }

    assertThat(crm.timelineItems(a.id())).extracting(TimelineItem::at).containsExactly(
        Instant.parse("1969-07-20T20:17:40.000001Z"), Instant.parse("1969-12-31T23:59:59.999999Z"),
        Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-01-05T09:00:00.123456Z"),
        Instant.parse("2026-01-05T09:00:59.999999Z"));
    assertThat(crm.timelineItems(a.id())).containsExactlyElementsOf(crm.timeline(a.id()).entries()
        .stream().map(TimelineItem::of).toList());
  }

  // ------------------------------------------------------------------ outbox

  static DomainEvent consentEvent(String customer, int minute) {
    return new CustomerEvent.ConsentRecorded(CustomerId.of(customer),
        new Consent(Channel.EMAIL, true, T0.plusSeconds(60L * minute)), T0.plusSeconds(60L * minute));
  }

  @Test
  void stored_events_are_delivered_once_in_the_order_they_were_appended() {
    EventBus bus = EventBus.create();
    List<DomainEvent> seen = new ArrayList<>();
    bus.subscribe(seen::add);
    List<DomainEvent> appended = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      DomainEvent e = consentEvent(i % 2 == 0 ? "C-1" : "C-2", i);
      appended.add(e);
      store.transactions().inTransaction(() -> store.outbox().append(e));
    }
    assertThat(store.outbox().pending()).isEqualTo(5);

    assertThat(store.outbox().relay(bus, 3, T0)).isEqualTo(5);

    assertThat(seen).containsExactlyElementsOf(appended);
    assertThat(store.outbox().pending()).isZero();
    assertThat(store.outbox().relay(bus, 3, T0)).isZero();
    assertThat(seen).hasSize(5);
  }

  @Test
  void an_event_appended_in_a_failed_transaction_is_never_delivered() {
    EventBus bus = EventBus.create();
    List<DomainEvent> seen = new ArrayList<>();
    bus.subscribe(seen::add);
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
      store.outbox().append(consentEvent("C-1", 1));
      throw new IllegalStateException("the use case fails");
    })).isInstanceOf(IllegalStateException.class);
    store.transactions().inTransaction(() -> store.outbox().append(consentEvent("C-1", 2)));

    store.outbox().relay(bus, 3, T0);

    assertThat(seen).containsExactly(consentEvent("C-1", 2));
    assertThat(store.outbox().pending()).isZero();
  }

  @Test
  void a_failing_listener_is_retried_then_parked_with_its_error_and_delivered_again_later() {
    EventBus bus = EventBus.create();
    List<DomainEvent> others = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    boolean[] broken = {true};
    bus.subscribe("mailer", DomainEvent.class, e -> {
      calls.incrementAndGet();
      if (broken[0]) {
        throw new IllegalStateException("mail server down");
      }
    });
    bus.subscribe("audit", DomainEvent.class, others::add);
    store.transactions().inTransaction(() -> store.outbox().append(consentEvent("C-1", 1)));

    store.outbox().relay(bus, 3, T0.plusSeconds(5));

    assertThat(calls).hasValue(3);
    assertThat(others).containsExactly(consentEvent("C-1", 1));
    assertThat(store.outbox().pending()).isZero();
    List<ParkedEvent> parked = store.outbox().parked();
    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).listener()).isEqualTo("mailer");
    assertThat(parked.get(0).event()).isEqualTo(consentEvent("C-1", 1));
    assertThat(parked.get(0).error()).contains("IllegalStateException").contains("mail server down");
    assertThat(parked.get(0).parkedAt()).isEqualTo(T0.plusSeconds(5));

    assertThat(store.outbox().retryParked(bus, T0.plusSeconds(6))).isZero();
    assertThat(store.outbox().parked()).singleElement()
        .satisfies(p -> assertThat(p.parkedAt()).isEqualTo(T0.plusSeconds(6)));

    broken[0] = false;
    assertThat(store.outbox().retryParked(bus, T0.plusSeconds(7))).isEqualTo(1);
    assertThat(store.outbox().parked()).isEmpty();
    assertThat(others).hasSize(1);
    assertThat(calls).hasValue(5);
  }

  @Test
  void the_events_of_one_transaction_go_in_order_and_a_listener_failing_on_the_second_is_parked_for_it_alone() {
    EventBus bus = EventBus.create();
    List<DomainEvent> audit = new ArrayList<>();
    List<DomainEvent> mailed = new ArrayList<>();
    DomainEvent first = consentEvent("C-1", 1);
    DomainEvent second = consentEvent("C-2", 2);
    DomainEvent third = consentEvent("C-1", 3);
    bus.subscribe("audit", DomainEvent.class, audit::add);
    bus.subscribe("mailer", DomainEvent.class, e -> {
      mailed.add(e);
      if (e.equals(second)) {
        throw new IllegalStateException("mail server down");
      }
    });
    store.transactions().inTransaction(() -> {
      store.outbox().append(first);
      store.outbox().appendAll(List.of(second, third));
    });
    assertThat(store.outbox().pending()).isEqualTo(3);

    assertThat(store.outbox().relay(bus, 2, T0)).isEqualTo(3);

    assertThat(audit).containsExactly(first, second, third);
    assertThat(mailed).containsExactly(first, second, second, third);
    assertThat(store.outbox().parked()).singleElement().satisfies(p -> {
      assertThat(p.listener()).isEqualTo("mailer");
      assertThat(p.event()).isEqualTo(second);
    });
    assertThat(store.outbox().pending()).isZero();
    assertThat(store.outbox().relay(bus, 2, T0)).isZero();
    assertThat(audit).hasSize(3);
    assertThat(mailed).hasSize(4);
  }

  @Test
  void redaction_overwrites_a_customers_values_in_pending_and_parked_events() {
    Individual anna = person("C-1", "Anna Schmidt", "anna@example.com");
    Individual bo = person("C-2", "Bo Berg", "bo@example.com");
    EventBus failing = EventBus.create();
    failing.subscribe("broken", DomainEvent.class, e -> {
      throw new IllegalStateException("down");
    });
    store.transactions().inTransaction(() -> {
      store.outbox().append(new CustomerEvent.CustomerRegistered(anna, T0));
    });
    store.outbox().relay(failing, 1, T0); // parked
    store.transactions().inTransaction(() -> {
      store.outbox().append(new CustomerEvent.CustomerRegistered(anna, T0));
      store.outbox().append(new CustomerEvent.CustomerRegistered(bo, T0));
    });

    // an e-mail address cannot be replaced by text that is no e-mail address: nothing changes
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> store.outbox().redact(
        Set.of(anna.id()), Set.of("Anna Schmidt", "anna@example.com"), "(erased)")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CustomerRegistered");
    assertThat(((CustomerEvent.CustomerRegistered) store.outbox().parked().get(0).event())
        .customer().name()).isEqualTo("Anna Schmidt");

    int changed = store.transactions().inTransaction(() -> store.outbox().redact(Set.of(anna.id()),
        Map.of("Anna Schmidt", "erased-1", "anna@example.com", "e1@erased.invalid")));

    assertThat(changed).isEqualTo(2);
    Customer parked = ((CustomerEvent.CustomerRegistered) store.outbox().parked().get(0).event()).customer();
    assertThat(parked.name()).isEqualTo("erased-1");
    EventBus bus = EventBus.create();
    List<CustomerEvent.CustomerRegistered> seen = new ArrayList<>();
    bus.subscribe(CustomerEvent.CustomerRegistered.class, seen::add);
    store.outbox().relay(bus, 1, T0);
    assertThat(seen).extracting(e -> e.customer().name()).containsExactly("erased-1", "Bo Berg");
    assertThat(seen.get(0).customer().keys().emails()).extracting(e -> e.value())
        .containsExactly("e1@erased.invalid");
    assertThat(((CustomerEvent.CustomerRegistered) store.outbox().parked().get(0).event())
        .customer().keys().emails()).extracting(e -> e.value()).containsExactly("e1@erased.invalid");
  }

  // ------------------------------------------------------------------ the facade on the store

  @Test
  void the_facade_keeps_a_customers_life_in_the_store_and_delivers_its_events_after_commit() {
    EventBus bus = EventBus.create();
    List<String> seen = new ArrayList<>();
    bus.subscribe(e -> seen.add(e.getClass().getSimpleName()));
    Crm crm = crm(bus);

    Individual anna = crm.register(Registration.individual("Anna Schmidt").email("anna@example.com"));
    clock.advance(Duration.ofMinutes(1));
    Individual anna2 = crm.register(Registration.individual("Anna Schmidt").email("anna@example.com")
        .phone("+49 30 1234567"));
    clock.advance(Duration.ofMinutes(1));
    Order o = crm.recordPurchase(OrderRequest.of(anna2.id(), Channel.WEB, "EUR")
        .line("PHONE-X", "phones", 2, Money.of("699.00", "EUR"), Money.of("649.00", "EUR")));
    clock.advance(Duration.ofMinutes(1));
    crm.recordReturn(ReturnRequest.of(o.id()).line(1, 1).reason("broken"));
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of(o.id()).line(1, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    crm.logInteraction(InteractionRequest.of(anna.id(), Channel.PHONE, InteractionType.COMPLAINT,
        Direction.INBOUND).notes("phone broken"));
    crm.recordConsent(anna.id(), Channel.EMAIL, true);
    MergeReport report = crm.merge(anna.id(), anna2.id());
    assertThat(crm.merge(anna.id(), anna2.id()).alreadyMerged()).isTrue();

    Customer survivor = crm.get(anna2.id());
    assertThat(survivor.id()).isEqualTo(report.survivorId());
    assertThat(survivor.allIds()).containsExactlyInAnyOrder(anna.id(), anna2.id());
    assertThat(crm.find(report.mergedId()).map(Customer::id)).contains(survivor.id());
    assertThat(crm.findMergedRecord(report.mergedId())).isPresent();
    assertThat(crm.orders(anna.id())).extracting(Order::id).containsExactly(o.id());
    assertThat(crm.returns(anna.id())).hasSize(1);
    assertThat(crm.interactions(anna2.id())).extracting(Interaction::notes).containsExactly("phone broken");
    assertThat(crm.timeline(anna.id()).entries()).hasSize(3);
    assertThat(crm.customers()).extracting(Customer::id).containsExactly(survivor.id());
    assertThat(seen).containsExactly("CustomerRegistered", "CustomerRegistered", "PurchaseRecorded",
        "ReturnRecorded", "InteractionLogged", "ConsentRecorded", "CustomersMerged");
    assertThat(store.outbox().pending()).isZero();
  }

  @Test
  void a_use_case_of_several_calls_delivers_its_events_after_the_last_one() {
    EventBus bus = EventBus.create();
    List<String> seen = new ArrayList<>();
    Crm crm = crm(bus);
    bus.subscribe(e -> seen.add(e.getClass().getSimpleName()
        + (store.transactions().inTransaction() ? " inside" : " after")));

    crm.inTransaction(() -> {
      Individual anna = crm.register(Registration.individual("Anna"));
      crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
          .line("SKU", "c", 1, Money.of("1", "EUR"), Money.of("1", "EUR")));
      assertThat(seen).isEmpty();
      return anna;
    });
    assertThat(seen).containsExactly("CustomerRegistered after", "PurchaseRecorded after");
    assertThatThrownBy(() -> crm.publish(consentEvent("C-1", 1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_failed_use_case_delivers_no_event_and_the_next_one_still_delivers() {
    EventBus bus = EventBus.create();
    List<String> seen = new ArrayList<>();
    bus.subscribe(e -> seen.add(e.getClass().getSimpleName()));
    Crm crm = crm(bus);

    assertThatThrownBy(() -> crm.inTransaction(() -> {
      crm.register(Registration.individual("Anna").code("K-1"));
      throw new IllegalStateException("the host's check fails");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(seen).isEmpty();

    crm.register(Registration.individual("Bo").code("K-2"));
    assertThat(seen).containsExactly("CustomerRegistered");
  }

  // ------------------------------------------------------------------ bulk (imports)

  @Test
  void customers_are_added_resolved_and_locked_in_bulk() {
    store.customers().add(person("C-0", "Old", "old@example.com"));
    store.transactions().inTransaction(() -> store.customers().addAll(List.of(
        person("C-1", "Anna", "anna@example.com"), person("C-2", "Bo", "bo@example.com"))));
    store.customers().retire(store.customers().findById(CustomerId.of("C-0")).orElseThrow(),
        CustomerId.of("C-1"));

    assertThat(store.customers().findById(CustomerId.of("C-2"))).isPresent();
    assertThat(store.customers().findByKey(IdentityKey.email("bo@example.com")))
        .extracting(Customer::id).containsExactly(CustomerId.of("C-2"));
    assertThat(store.customers().resolveAll(List.of(CustomerId.of("C-0"), CustomerId.of("C-2"),
        CustomerId.of("C-404")))).isEqualTo(Map.of(CustomerId.of("C-0"), CustomerId.of("C-1"),
        CustomerId.of("C-2"), CustomerId.of("C-2")));
    assertThat(store.customers().findCodes(List.of("C-0", "C-2", "nope")))
        .isEqualTo(Map.of("C-0", CustomerId.of("C-1"), "C-2", CustomerId.of("C-2")));
    assertThat(store.transactions().inTransaction(() -> store.customers().lockLive(List.of(
        CustomerId.of("C-2"), CustomerId.of("C-0"), CustomerId.of("C-1"), CustomerId.of("C-404")))))
        .containsExactlyInAnyOrder(CustomerId.of("C-1"), CustomerId.of("C-2"));
  }

  @Test
  void a_bulk_add_with_a_used_customer_id_adds_nothing() {
    store.customers().add(person("C-1", "Anna", "anna@example.com"));
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> store.customers().addAll(
        List.of(person("C-1", "Other", "o@example.com")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C-1");
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> store.customers().addAll(
        List.of(person("C-3", "X", "x@example.com"), person("C-3", "Y", "y@example.com")))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.customers().findById(CustomerId.of("C-3"))).isEmpty();
    assertThat(store.customers().all()).extracting(Customer::id).containsExactly(CustomerId.of("C-1"));
  }

  @Test
  void orders_and_records_are_added_and_found_in_bulk() {
    store.transactions().inTransaction(() -> store.orders().addAll(List.of(
        order("O-2", "C-1", T0.plusSeconds(5), 1), order("O-1", "C-1", T0, 2))));
    assertThat(store.orders().findByCustomers(List.of(CustomerId.of("C-1"))))
        .extracting(Order::id).containsExactly("O-1", "O-2");
    assertThat(store.orders().findByIds(List.of("O-1", "O-404")))
        .containsOnlyKeys("O-1").containsValue(order("O-1", "C-1", T0, 2));
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> store.orders().addAll(
        List.of(order("O-1", "C-1", T0, 1)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("O-1");

    Records<Note> notes = store.records(Note.NOTES);
    store.transactions().inTransaction(() -> notes.addAll(List.of(
        note("N-1", "C-1", T0, "a"), note("N-2", "C-2", T0, null))));
    assertThat(notes.findAll(List.of("N-2", "N-3"))).isEqualTo(
        Map.of("N-2", note("N-2", "C-2", T0, null)));
    assertThat(notes.count()).isEqualTo(2);
  }

  @Test
  void events_appended_in_bulk_are_delivered_in_their_order() {
    EventBus bus = EventBus.create();
    List<DomainEvent> seen = new ArrayList<>();
    bus.subscribe(seen::add);
    List<DomainEvent> appended = new ArrayList<>();
    for (int i = 0; i < 1205; i++) { // more than one relay batch
      appended.add(consentEvent(i % 2 == 0 ? "C-1" : "C-2", i));
    }
    store.transactions().inTransaction(() -> store.outbox().appendAll(appended.subList(0, 600)));
    store.transactions().inTransaction(() -> store.outbox().appendAll(appended.subList(600, 1205)));
    assertThat(store.outbox().pending()).isEqualTo(1205);

    assertThat(store.outbox().relay(bus, 3, T0)).isEqualTo(1205);
    assertThat(seen).containsExactlyElementsOf(appended);
    assertThat(store.outbox().pending()).isZero();
  }

  @Test
  void a_relay_without_listeners_removes_the_events_and_parks_nothing() {
    List<DomainEvent> appended = new ArrayList<>();
    for (int i = 0; i < 1205; i++) {
      appended.add(consentEvent("C-" + (i % 7), i));
    }
    store.transactions().inTransaction(() -> store.outbox().appendAll(appended));

    assertThat(store.outbox().relay(EventBus.create(), 3, T0)).isEqualTo(1205);
    assertThat(store.outbox().pending()).isZero();
    assertThat(store.outbox().parked()).isEmpty();
  }

  @Test
  void ids_of_live_and_merged_records_are_resolved_and_locked_in_bulk() {
    Crm crm = crm(EventBus.create());
    crm.registerAll(List.of(Registration.individual("A").id(CustomerId.of("C-1")),
        Registration.individual("B").id(CustomerId.of("C-2")),
        Registration.individual("C").id(CustomerId.of("C-3"))));
    CustomerId survivor = crm.merge(CustomerId.of("C-1"), CustomerId.of("C-2")).survivorId();
    CustomerId merged = survivor.equals(CustomerId.of("C-1")) ? CustomerId.of("C-2") : CustomerId.of("C-1");

    Map<CustomerId, CustomerId> live = store.transactions().inTransaction(() ->
        store.customers().resolveAndLock(List.of(merged, CustomerId.of("C-3"), CustomerId.of("C-404"))));

    assertThat(live).isEqualTo(Map.of(merged, survivor, CustomerId.of("C-3"), CustomerId.of("C-3")));
  }

  @Test
  void the_facade_registers_and_records_in_bulk_all_or_nothing_with_events_after_commit() {
    EventBus bus = EventBus.create();
    List<String> seen = new ArrayList<>();
    bus.subscribe(e -> seen.add(e.getClass().getSimpleName()
        + (store.transactions().inTransaction() ? " inside" : "")));
    Crm crm = crm(bus);
    crm.register(Registration.individual("Old").id(CustomerId.of("C-0")).code("K-0"));
    seen.clear();

    List<Customer> made = crm.registerAll(List.of(
        Registration.individual("Anna").id(CustomerId.of("C-1")).email("anna@example.com"),
        Registration.organization("Acme").id(CustomerId.of("C-2"))));
    assertThat(made).extracting(Customer::id).containsExactly(CustomerId.of("C-1"), CustomerId.of("C-2"));
    assertThat(crm.findByKey(IdentityKey.email("anna@example.com"))).containsExactly(made.get(0));
    crm.merge(CustomerId.of("C-0"), CustomerId.of("C-1"));
    CustomerId survivor = crm.get(CustomerId.of("C-0")).id();

    List<Order> orders = crm.recordPurchases(List.of(
        OrderRequest.of(CustomerId.of("C-0"), Channel.WEB, "EUR").orderId("O-1").orderedAt(T0)
            .line("SKU", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR")),
        OrderRequest.of(CustomerId.of("C-2"), Channel.WEB, "EUR")
            .line("SKU", "c", 2, Money.of("5", "EUR"), Money.of("5", "EUR"))));
    assertThat(orders.get(0).customerId()).isEqualTo(survivor);
    assertThat(crm.orders(CustomerId.of("C-2"))).containsExactly(orders.get(1));
    assertThat(seen).containsExactly("CustomerRegistered", "CustomerRegistered", "CustomersMerged",
        "PurchaseRecorded", "PurchaseRecorded");

    // each failure leaves everything as it was and delivers nothing
    seen.clear();
    long customers = crm.customers().count();
    assertThatThrownBy(() -> crm.registerAll(List.of(
        Registration.individual("New").id(CustomerId.of("C-3")),
        Registration.individual("Dup").id(CustomerId.of("C-1")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C-1");
    assertThatThrownBy(() -> crm.registerAll(List.of(
        Registration.individual("New").id(CustomerId.of("C-3")),
        Registration.individual("Code").id(CustomerId.of("C-4")).code("K-0"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K-0");
    assertThatThrownBy(() -> crm.registerAll(List.of(
        Registration.individual("New").id(CustomerId.of("C-3")).code("K-9"),
        Registration.individual("Same").id(CustomerId.of("C-4")).code("K-9"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K-9");
    assertThatThrownBy(() -> crm.recordPurchases(List.of(
        OrderRequest.of(CustomerId.of("C-2"), Channel.WEB, "EUR").orderId("O-9")
            .line("SKU", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR")),
        OrderRequest.of(CustomerId.of("C-404"), Channel.WEB, "EUR").orderId("O-8")
            .line("SKU", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR")))))
        .isInstanceOf(dev.crmkit.core.base.UnknownCustomerException.class);
    assertThatThrownBy(() -> crm.recordPurchases(List.of(
        OrderRequest.of(CustomerId.of("C-2"), Channel.WEB, "EUR").orderId("O-9")
            .line("SKU", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR")),
        OrderRequest.of(CustomerId.of("C-2"), Channel.WEB, "EUR").orderId("O-1")
            .line("SKU", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("O-1");
    assertThat(crm.customers().count()).isEqualTo(customers);
    assertThat(crm.findOrder("O-9")).isEmpty();
    assertThat(seen).isEmpty();
    assertThat(store.outbox().pending()).isZero();
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void eight_threads_returning_the_same_orders_never_return_more_than_was_bought() {
    Crm crm = crm(EventBus.create());
    Individual anna = crm.register(Registration.individual("Anna"));
    List<Order> bought = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      bought.add(crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
          .line("SKU-" + i, "c", 4, Money.of("5", "EUR"), Money.of("5", "EUR"))));
    }
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    onThreads(8, t -> {
      for (int i = 0; i < 6; i++) {
        Order o = bought.get((t + i) % 3);
        try {
          crm.recordReturn(ReturnRequest.of(o.id()).line(1, 1));
          accepted.incrementAndGet();
        } catch (IllegalArgumentException e) {
          assertThat(e).hasMessageContaining(o.id());
          refused.incrementAndGet();
        }
      }
    });

    assertThat(accepted).hasValue(12);
    assertThat(refused).hasValue(48 - 12);
    for (Order o : bought) {
      List<Return> returns = store.returns().findByOrder(o.id());
      assertThat(returns.stream().mapToInt(r -> r.lines().get(0).quantity()).sum())
          .as("returned of " + o.id()).isEqualTo(4);
    }
    assertThat(store.returns().all().map(Return::id).distinct().toList()).hasSize(12);
  }

  @Test
  void eight_threads_merging_overlapping_pairs_leave_every_id_on_exactly_one_live_record() {
    Crm crm = crm(EventBus.create());
    int n = 16;
    List<CustomerId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(crm.register(Registration.individual("Person " + i).email("p" + i + "@example.com")).id());
    }
    onThreads(8, t -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < 6; i++) {
        int a = random.nextInt(n);
        int b = (a + 1 + random.nextInt(3)) % n;
        crm.merge(ids.get(a), ids.get(b));
      }
    });

    assertMergeInvariants(ids);
  }

  /** Every id resolves to one live record that lists it; no id is lost; no half merge; keys intact. */
  void assertMergeInvariants(List<CustomerId> ids) {
    Map<CustomerId, Customer> live = new HashMap<>();
    store.customers().all().forEach(c -> live.put(c.id(), c));
    Set<CustomerId> covered = new HashSet<>();
    for (Customer c : live.values()) {
      for (CustomerId id : c.allIds()) {
        assertThat(covered.add(id)).as(id + " is listed by two live records").isTrue();
      }
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(ids);
    for (int i = 0; i < ids.size(); i++) {
      CustomerId id = ids.get(i);
      CustomerId resolved = store.customers().resolve(id).orElseThrow();
      Customer owner = live.get(resolved);
      assertThat(owner).as(id + " resolves to a live record").isNotNull();
      assertThat(owner.allIds()).contains(id);
      if (!resolved.equals(id)) {
        assertThat(store.customers().findRetired(id)).as("the retired record " + id).isPresent();
        assertThat(store.customers().findById(id)).isEmpty();
      }
      assertThat(store.customers().findByKey(IdentityKey.email("p" + i + "@example.com")))
          .extracting(Customer::id).as("key of " + id).containsExactly(resolved);
    }
  }

  @Test
  void of_eight_registrations_with_the_same_code_exactly_one_wins() {
    Crm crm = crm(EventBus.create());
    ConcurrentLinkedQueue<Customer> won = new ConcurrentLinkedQueue<>();
    AtomicInteger refused = new AtomicInteger();
    onThreads(8, t -> {
      try {
        won.add(crm.register(Registration.individual("Shop " + t).code("K-1")));
      } catch (IllegalArgumentException e) {
        assertThat(e).hasMessageContaining("K-1");
        refused.incrementAndGet();
      }
    });
    assertThat(won).hasSize(1);
    assertThat(refused).hasValue(7);
    assertThat(crm.findByCode("K-1")).contains(won.peek());
    assertThat(crm.customers()).containsExactly(won.peek());
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
