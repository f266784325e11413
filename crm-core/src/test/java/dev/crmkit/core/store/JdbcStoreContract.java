package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a database store promises beyond the contract: a failed transaction leaves nothing, and
 * everything survives closing and reopening the store.
 */
abstract class JdbcStoreContract extends CrmStoreContract {

  /** Opens the same database again (after {@code store} was closed). */
  abstract CrmStore reopen();

  @Test
  void a_relay_that_stops_in_the_middle_of_a_row_delivers_the_whole_row_again_next_time() {
    // the outbox keeps one row per transaction and removes it when all its events went: an
    // interrupted relay (here an Error, as a crash would) leaves the row, and the next relay
    // delivers each of its events again, in order (at least once, per row)
    DomainEvent first = consentEvent("C-1", 1);
    DomainEvent second = consentEvent("C-1", 2);
    store.transactions().inTransaction(() -> store.outbox().appendAll(List.of(first, second)));
    EventBus crashing = EventBus.create();
    List<DomainEvent> seen = new ArrayList<>();
    crashing.subscribe(e -> {
      seen.add(e);
      if (e.equals(second)) {
        throw new OutOfMemoryError("the process dies here");
      }
    });
    assertThatThrownBy(() -> store.outbox().relay(crashing, 1, T0))
        .isInstanceOf(OutOfMemoryError.class);
    assertThat(store.outbox().pending()).isEqualTo(2);

    EventBus bus = EventBus.create();
    bus.subscribe(seen::add);
    assertThat(store.outbox().relay(bus, 1, T0)).isEqualTo(2);

    assertThat(seen).containsExactly(first, second, first, second);
    assertThat(store.outbox().pending()).isZero();
  }

  @Test
  void an_update_over_a_row_that_changed_after_its_locked_read_runs_the_transaction_again() {
    // a row lock trusts the database to hand back the newest row once the lock is granted; the
    // version read with the lock makes a stale read (H2 2.3's query result cache can give one,
    // its issue 4208) a retried transaction instead of a lost update. Simulated here: the row
    // moves on, in the same transaction, between the locked read and the update.
    store.records(Note.NOTES).add(note("N-1", "C-1", T0, "t").withText("first"));
    JdbcTransactions tx = (JdbcTransactions) store.transactions();
    AtomicInteger attempts = new AtomicInteger();
    tx.inTransaction(() -> {
      Note read = store.records(Note.NOTES).findForUpdate("N-1").orElseThrow();
      if (attempts.incrementAndGet() == 1) {
        tx.inCurrent("move the row on", c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE crm_record SET version = version + 1 WHERE id = 'N-1'");
          }
        });
      }
      store.records(Note.NOTES).update(read.withText(read.text() + ", second"));
    });

    assertThat(attempts).hasValue(2);
    assertThat(store.records(Note.NOTES).find("N-1").orElseThrow().text())
        .isEqualTo("first, second");
    // and two updates of one locked read in one transaction are not a conflict
    store.transactions().inTransaction(() -> {
      Note read = store.records(Note.NOTES).findForUpdate("N-1").orElseThrow();
      store.records(Note.NOTES).update(read.withText("third"));
      store.records(Note.NOTES).update(read.withText("fourth"));
    });
    assertThat(store.records(Note.NOTES).find("N-1").orElseThrow().text()).isEqualTo("fourth");
  }

  @Test
  void a_customer_record_that_changed_after_its_locked_read_is_not_written_over() {
    store.customers().add(person("C-1", "Anna", "anna@example.com"));
    JdbcTransactions tx = (JdbcTransactions) store.transactions();
    AtomicInteger attempts = new AtomicInteger();
    tx.inTransaction(() -> {
      Customer read = store.customers().findByIdForUpdate(CustomerId.of("C-1")).orElseThrow();
      if (attempts.incrementAndGet() == 1) {
        tx.inCurrent("move the row on", c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE crm_customer SET version = version + 1 WHERE id = 'C-1'");
          }
        });
      }
      store.customers().replace(read);
    });
    assertThat(attempts).hasValue(2);
    assertThat(store.customers().findById(CustomerId.of("C-1"))).isPresent();
  }

  @Test
  void a_failed_transaction_leaves_nothing_behind() {
    assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
      store.customers().add(person("C-1", "Anna", "anna@example.com"));
      store.orders().add(order("O-1", "C-1", T0, 1));
      store.records(Note.NOTES).add(note("N-1", "C-1", T0, "t"));
      store.transactions().inTransaction(() -> store.records(Note.NOTES).add(note("N-2", "C-1", T0, "t")));
      store.outbox().append(consentEvent("C-1", 1));
      throw new IllegalStateException("the use case fails");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(store.customers().resolve(CustomerId.of("C-1"))).isEmpty();
    assertThat(store.customers().findByCode("C-1")).isEmpty();
    assertThat(store.orders().findById("O-1")).isEmpty();
    assertThat(store.records(Note.NOTES).count()).isZero();
    assertThat(store.outbox().pending()).isZero();
    // and the same ids are free again
    store.customers().add(person("C-1", "Anna", "anna@example.com"));
    assertThat(store.customers().findById(CustomerId.of("C-1"))).isPresent();
  }

  @Test
  void the_database_refuses_a_second_record_with_the_same_code() {
    store.customers().add(person("C-1", "Anna", "anna@example.com"));
    Individual sameCode = Registration.individual("Bo").code("C-1")
        .toCustomer(CustomerId.of("C-2"), T0);
    assertThatThrownBy(() -> store.customers().add(sameCode))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code");
    assertThat(store.customers().resolve(CustomerId.of("C-2"))).isEmpty();
  }

  @Test
  void a_failed_merge_leaves_both_records_as_they_were() {
    Crm crm = crm(EventBus.create());
    Individual a = crm.register(Registration.individual("A").email("a@example.com"));
    Individual b = crm.register(Registration.individual("B").email("b@example.com"));
    assertThatThrownBy(() -> crm.inTransaction(() -> {
      crm.merge(a.id(), b.id());
      throw new IllegalStateException("the host changes its mind");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(crm.customers()).containsExactly(a, b);
    assertThat(store.customers().resolve(b.id())).contains(b.id());
  }

  @Test
  void everything_is_there_after_a_restart_and_ids_continue() {
    EventBus bus = EventBus.create();
    Crm crm = crm(bus);
    List<CustomerId> ids = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ids.add(crm.register(Registration.individual("P" + i).email("p" + i + "@example.com")).id());
    }
    Order o = crm.recordPurchase(OrderRequest.of(ids.get(0), Channel.WEB, "EUR")
        .line("SKU", "c", 3, Money.of("5", "EUR"), Money.of("5", "EUR")));
    crm.recordReturn(ReturnRequest.of(o.id()).line(1, 1));
    crm.merge(ids.get(0), ids.get(1));
    store.records(Note.NOTES).add(note("N-1", "C-000001", T0, "t"));
    long caseNumber = store.sequences().next("case");
    List<Customer> before = crm.customers().toList();
    // an event whose delivery a stop interrupted: stored, not yet relayed
    store.transactions().inTransaction(() -> store.outbox().append(consentEvent("C-000003", 9)));
    store.close();

    store = reopen();
    EventBus reopenedBus = EventBus.create();
    List<DomainEvent> delivered = new ArrayList<>();
    reopenedBus.subscribe(delivered::add);
    Crm again = Crm.builder().clock(clock).store(store).events(reopenedBus).build();

    assertThat(delivered).containsExactly(consentEvent("C-000003", 9));
    assertThat(store.outbox().pending()).isZero();
    assertThat(again.customers()).containsExactlyElementsOf(before);
    assertThat(again.orders(ids.get(1))).containsExactly(o);
    assertThat(again.returns(ids.get(1))).hasSize(1);
    assertThat(again.find(ids.get(0)).orElseThrow().allIds()).contains(ids.get(0), ids.get(1));
    assertThat(store.records(Note.NOTES).find("N-1")).isPresent();
    assertThat(again.register(Registration.individual("P11")).id().value()).isEqualTo("C-000011");
    assertThat(store.sequences().next("case")).isGreaterThan(caseNumber);
    assertThatThrownBy(() -> again.recordReturn(ReturnRequest.of(o.id()).line(1, 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
