package dev.crmkit.loyalty;

import static dev.crmkit.loyalty.Programs.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What crm-loyalty's own stores must do beyond the published contract: the published suite
 * ({@code dev.crmkit.testkit.loyalty.LedgerStoreContract} in crm-testkit, run there on memory,
 * H2 and PostgreSQL) drives a store through the public API; these tests need the module's
 * internals: a write killed half-way (the fail point) and what a write reads through the port.
 * Each adapter's test class extends this and says how to open a fresh, empty store.
 */
abstract class LedgerStoreContract {

  /** A fresh, empty store for one test. */
  abstract LedgerStore openStore() throws Exception;

  LedgerStore store;
  SettableClock clock;
  Loyalty loyalty;
  final CustomerId ann = CustomerId.of("ann");

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    loyalty = Loyalty.of(Programs.simple("within-balance"), store, clock);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void a_crash_between_the_statements_of_one_write_leaves_nothing_behind() {
    loyalty.purchase(purchase("ann", "O-1", "30.00"), "k1");
    loyalty.purchase(purchase("ann", "O-2", "30.00"), "k2");
    List<Entry> before = store.entries(ann);
    AtomicInteger reached = new AtomicInteger();
    store.failPoint = where -> {
      // the redeem draws on two lots: die after the first of its entries is written
      if (reached.incrementAndGet() == 2) {
        throw new IllegalStateException("simulated crash at " + where);
      }
    };
    assertThatThrownBy(() -> loyalty.redeem(ann, 45, "O-3", "pay-3")).hasMessageContaining("simulated crash");
    assertThat(reached).hasValue(2);
    store.failPoint = where -> {};
    assertThat(store.entries(ann)).isEqualTo(before);
    assertThat(loyalty.balance(ann).active()).isEqualTo(60);
    // the key was not recorded either: the retry runs for real
    Receipt retry = loyalty.redeem(ann, 45, "O-3", "pay-3");
    assertThat(retry.replayed()).isFalse();
    assertThat(retry.entries()).hasSize(2);
    assertThat(loyalty.balance(ann).active()).isEqualTo(15);
  }

  @Test
  void a_crash_while_writing_a_reservation_leaves_neither_the_points_nor_the_voucher_use() {
    loyalty.importCodes("TEN", List.of("CODE-A"));
    loyalty.purchase(purchase("ann", "O-1", "30.00"), "k1");
    store.failPoint = where -> {
      if (where.equals("hold")) {
        throw new IllegalStateException("simulated crash at " + where);
      }
    };
    assertThatThrownBy(() -> loyalty.reserve(ann, 5, "CODE-A", "O-2", "res-1")).hasMessageContaining("simulated");
    store.failPoint = where -> {};
    assertThat(loyalty.balance(ann).active()).isEqualTo(30);
    assertThat(store.holds(ann)).isEmpty();
    assertThat(loyalty.reserve(ann, 5, "CODE-A", "O-2", "res-1").points()).isEqualTo(-15);
  }

  // --- member state rows (issue 19) -------------------------------------------------------------

  @Test
  void a_write_reads_the_member_row_and_the_lots_it_consumes_not_the_history() {
    CountingStore counting = new CountingStore(store);
    Loyalty l = Loyalty.of(Programs.simple("within-balance"), counting, clock);
    for (int i = 0; i < 300; i++) {
      l.purchase(purchase("ann", "O-" + i, "10.00"), "buy-" + i);
    }
    counting.reset();
    l.purchase(purchase("ann", "O-new", "10.00"), "buy-new");
    assertThat(counting.entriesRead).as("entries an earn reads at entry 600").hasValue(0);
    assertThat(counting.lotsRead).as("lots an earn reads").hasValue(0);
    counting.reset();
    l.redeem(ann, 15, "cart", "pay-1");
    assertThat(counting.entriesRead).hasValue(0);
    assertThat(counting.lotsRead).as("lots a 15-point redeem takes from 301 lots of 10").hasValue(2);
    counting.reset();
    l.returnPurchase(new PurchaseReturn(ann, "R-7", "O-7", Money.of("10.00", "EUR")), "ret-7");
    assertThat(counting.entriesRead).as("entries a return reads: its order's").hasValue(2);
    counting.reset();
    assertThat(l.expireDue()).isZero();
    assertThat(counting.writes).as("writes an expiry run makes with nothing due").hasValue(0);
    assertThat(counting.verifyAll()).isEmpty();
  }

  // --- point transfers (issue 19 item 5) --------------------------------------------------------

  private final CustomerId bob = CustomerId.of("bob");

  @Test
  void a_crash_while_writing_the_receivers_half_leaves_nothing_on_either_member() {
    loyalty.purchase(purchase("ann", "O-1", "30.00"), "k1");
    List<Entry> before = store.entries(ann);
    AtomicInteger reached = new AtomicInteger();
    store.failPoint = where -> {
      // the sender's entry is written (1), the receiver's (2) is not
      if (reached.incrementAndGet() == 2) {
        throw new IllegalStateException("simulated crash at " + where);
      }
    };
    assertThatThrownBy(() -> loyalty.transfer(ann, bob, 12, "pool-1")).hasMessageContaining("simulated crash");
    store.failPoint = where -> {};
    assertThat(store.entries(ann)).isEqualTo(before);
    assertThat(store.entries(bob)).isEmpty();
    assertThat(store.verifyAll()).isEmpty();
    TransferReceipt retry = loyalty.transfer(ann, bob, 12, "pool-1");
    assertThat(retry.replayed()).isFalse();
    assertThat(loyalty.balance(bob).active()).isEqualTo(12);
  }

  // --- member statements (issue 19 item 5) -----------------------------------------------------

  @Test
  void a_statement_that_does_not_reconcile_is_refused() {
    Entry earn = new Entry(ann, 1, EntryKind.EARN, 5, 1L, Instant.parse("2026-03-02T10:00:00Z"),
        Instant.parse("2026-03-02T10:00:00Z"), null, "base", "O-1", null, "k1");
    java.time.YearMonth march = java.time.YearMonth.of(2026, 3);
    Instant from = Instant.parse("2026-03-01T00:00:00Z");
    Instant until = Instant.parse("2026-04-01T00:00:00Z");
    assertThat(new Statement(ann, march, from, until, 2, List.of(earn), 7).closing()).isEqualTo(7);
    assertThatThrownBy(() -> new Statement(ann, march, from, until, 2, List.of(earn), 6))
        .hasMessageContaining("does not reconcile: opening 2 + movements 5 != closing 6");
    assertThatThrownBy(() -> new Statement(ann, march, until, until.plusSeconds(60), 2, List.of(earn), 7))
        .hasMessageContaining("movements: entry 1 at 2026-03-02T10:00:00Z is not in 2026-03");
  }
}
