package dev.crmkit.testkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.loyalty.AlreadyRecordedException;
import dev.crmkit.loyalty.Balance;
import dev.crmkit.loyalty.CampaignBudget;
import dev.crmkit.loyalty.Entry;
import dev.crmkit.loyalty.EntryKind;
import dev.crmkit.loyalty.Hold;
import dev.crmkit.loyalty.IdempotencyConflictException;
import dev.crmkit.loyalty.InsufficientPointsException;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Liability;
import dev.crmkit.loyalty.LiabilityReport;
import dev.crmkit.loyalty.Lot;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyException;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.MemberEvent;
import dev.crmkit.loyalty.OperationRefusedException;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.PurchaseReturn;
import dev.crmkit.loyalty.Receipt;
import dev.crmkit.loyalty.Statement;
import dev.crmkit.loyalty.TransferReceipt;
import dev.crmkit.loyalty.UnknownReferenceException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LedgerStore} must have, for a host that writes its own store on its
 * own database (docs/loyalty.md, "Writing a store"): extend this class in a test, say how to open
 * a fresh, empty store, and run it. It drives the store through {@link Loyalty} only, so it
 * checks what the engine relies on: idempotent keys, refusals that write nothing, no double
 * spend under concurrency, voucher limits, expiry, state rows that match the ledger ({@link
 * LedgerStore#verifyAll()} after every stress test), expiring holds, point transfers on two
 * members at once, monthly statements, the liability report and campaign budgets that are never
 * overspent. crmkit's own stores (memory, H2, PostgreSQL) pass it in crm-testkit's tests.
 *
 * <pre>{@code
 * class MyLedgerStoreTest extends LedgerStoreContract {
 *   @Override
 *   protected LedgerStore openStore() {
 *     return new MyLedgerStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>Not covered here, because they need a way to kill a write half-way: that a crash inside a
 * write leaves nothing behind (crm-loyalty's own tests cover that for its stores).
 */
public abstract class LedgerStoreContract {

  /** A fresh, empty store for one test (closed after it). */
  protected abstract LedgerStore openStore() throws Exception;

  /**
   * A second store on the same database as the last {@link #openStore()}, as another process
   * would open it, or null for a store without a shared database (in memory): the budget test then
   * runs on the one store. Default: null. Closed by the test.
   */
  protected LedgerStore openStoreOnTheSameDatabase() throws Exception {
    return null;
  }

  /** How many operations each stress thread runs (a few seconds per store). */
  protected int stressOpsPerThread() {
    return 150;
  }

  protected LedgerStore store;
  protected SettableClock clock;
  protected Loyalty loyalty;
  protected final CustomerId ann = CustomerId.of("ann");
  protected final CustomerId bob = CustomerId.of("bob");

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    loyalty = Loyalty.of(simple("within-balance"), store, clock);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  // --- programs and inputs ----------------------------------------------------------------------

  /** One point per euro, rounded down. */
  protected static final String ONE_PER_EURO =
      """
      [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down"}]""";

  /** A program in Europe/Berlin with the given parts; {@code rules} is a JSON array. */
  protected static LoyaltyProgram program(int pendingDays, String expiry, String returnPolicy, String rules, String extra) {
    return LoyaltyProgram.fromJson("""
        {"id": "test", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": %d,
         "expiry": %s, "returnPolicy": "%s", "rules": %s %s}
        """.formatted(pendingDays, expiry, returnPolicy, rules, extra == null ? "" : ", " + extra));
  }

  /** Points that never expire, one per euro, and a voucher series TEN (5 uses, 2 per member, 10 points). */
  protected static LoyaltyProgram simple(String returnPolicy) {
    return program(0, "{\"policy\": \"never\"}", returnPolicy, ONE_PER_EURO,
        "\"vouchers\": [{\"id\": \"TEN\", \"usesPerCode\": 1, \"totalLimit\": 5, \"perMemberLimit\": 2, \"points\": 10}]");
  }

  /** A purchase of one line in EUR. */
  protected static Purchase purchase(String member, String order, String amount) {
    return new Purchase(CustomerId.of(member), order,
        List.of(new Purchase.Line("SKU", "misc", 1, Money.of(amount, "EUR"))));
  }

  @Test
  void a_write_appends_entries_that_read_back_equal() {
    Receipt r = loyalty.purchase(purchase("ann", "O-1", "12.50"), "k1");
    assertThat(r.replayed()).isFalse();
    assertThat(r.points()).isEqualTo(12);
    assertThat(store.entries(ann)).containsExactlyElementsOf(r.entries());
    assertThat(store.members()).containsExactly(ann);
  }

  @Test
  void the_same_key_with_the_same_request_returns_the_first_result_and_writes_nothing() {
    Receipt first = loyalty.purchase(purchase("ann", "O-1", "12.50"), "k1");
    clock.advance(Duration.ofHours(1));
    Receipt again = loyalty.purchase(purchase("ann", "O-1", "12.50"), "k1");
    assertThat(again.replayed()).isTrue();
    assertThat(again.entries()).isEqualTo(first.entries());
    assertThat(store.entries(ann)).hasSize(first.entries().size());
  }

  @Test
  void the_same_key_with_another_request_is_an_error_naming_the_key_and_writes_nothing() {
    loyalty.purchase(purchase("ann", "O-1", "12.50"), "k1");
    int before = store.entries(ann).size();
    assertThatThrownBy(() -> loyalty.purchase(purchase("ann", "O-1", "99.00"), "k1"))
        .isInstanceOf(IdempotencyConflictException.class)
        .hasMessageContaining("'k1'");
    assertThatThrownBy(() -> loyalty.redeem(CustomerId.of("bob"), 1, "X", "k1"))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(store.entries(ann)).hasSize(before);
    assertThat(store.entries(CustomerId.of("bob"))).isEmpty();
  }

  @Test
  void a_write_with_no_entries_records_its_key_and_lists_the_member_on_every_store() {
    // the simple program has no registration rule: the event earns nothing
    Receipt r = loyalty.event(ann, MemberEvent.REGISTRATION, "signup", "reg-ann");
    assertThat(r.entries()).isEmpty();
    assertThat(store.members()).containsExactly(ann);
    assertThat(loyalty.event(ann, MemberEvent.REGISTRATION, "signup", "reg-ann").replayed()).isTrue();
  }

  @Test
  void a_refused_write_records_neither_entries_nor_its_key() {
    assertThatThrownBy(() -> loyalty.redeem(ann, 5, "O-9", "pay-9"))
        .isInstanceOf(InsufficientPointsException.class);
    assertThat(store.entries(ann)).isEmpty();
    loyalty.purchase(purchase("ann", "O-1", "10.00"), "k1");
    // the key was not used up by the refusal: the same call now succeeds
    assertThat(loyalty.redeem(ann, 5, "O-9", "pay-9").points()).isEqualTo(-5);
  }

  @Test
  void an_expiry_run_expires_due_lots_once() {
    Loyalty expiring = Loyalty.of(
        program(0, "{\"policy\": \"after-days\", \"days\": 10}", "within-balance", ONE_PER_EURO, null),
        store, clock);
    expiring.purchase(purchase("ann", "O-1", "20.00"), "k1");
    clock.set(Instant.parse("2026-03-20T00:00:00Z"));
    assertThat(expiring.expireDue()).isEqualTo(20);
    assertThat(expiring.expireDue()).isZero();
    assertThat(store.entries(ann)).filteredOn(e -> e.kind() == EntryKind.EXPIRE).hasSize(1);
    assertThat(expiring.balance(ann).expired()).isEqualTo(20);
  }

  @Test
  void simultaneous_checkouts_never_spend_the_same_points_twice() throws Exception {
    loyalty.purchase(purchase("ann", "O-1", "100.00"), "k1");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int checkout = i;
      results.add(pool.submit(() -> {
        start.await();
        try {
          loyalty.redeem(ann, 30, "cart-" + checkout, "pay-" + checkout);
          return true;
        } catch (InsufficientPointsException e) {
          return false;
        }
      }));
    }
    start.countDown();
    int paid = 0;
    for (Future<Boolean> f : results) {
      paid += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(store.verifyAll()).as("state rows against the ledger").isEmpty();
    assertThat(paid).isEqualTo(3);
    assertThat(loyalty.balance(ann).active()).isEqualTo(10);
    assertThat(store.entries(ann)).filteredOn(e -> e.kind() == EntryKind.REDEEM).hasSize(3);
  }

  @Test
  void voucher_total_limits_hold_under_concurrent_reservations() throws Exception {
    List<String> codes = loyalty.issueCodes("TEN", 10);
    for (int m = 0; m < 8; m++) {
      loyalty.purchase(purchase("m" + m, "O-" + m, "100.00"), "earn-" + m);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int m = 0; m < 8; m++) {
      CustomerId member = CustomerId.of("m" + m);
      String code = codes.get(m);
      results.add(pool.submit(() -> {
        start.await();
        try {
          loyalty.reserve(member, 0, code, "checkout", "res-" + member);
          return true;
        } catch (LoyaltyException e) {
          return false;
        }
      }));
    }
    start.countDown();
    int reserved = 0;
    for (Future<Boolean> f : results) {
      reserved += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();
    assertThat(reserved).isEqualTo(5);
    assertThat(store.verifyAll()).isEmpty();
  }

  /**
   * Many threads on a few hot members: purchases, returns, redemptions, reservations with
   * rollbacks, each retried with repeated keys. Afterwards every balance equals the sum of its
   * ledger, no lot is overspent, and no key wrote twice.
   */
  @Test
  void stress_no_double_spend_no_lost_entry_no_key_written_twice() throws Exception {
    int threads = 6;
    List<CustomerId> members = List.of(CustomerId.of("hot-1"), CustomerId.of("hot-2"), CustomerId.of("hot-3"));
    Map<String, AtomicInteger> freshWrites = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = 42 + t;
      futures.add(pool.submit(() -> {
        start.await();
        Random random = new Random(seed);
        for (int i = 0; i < stressOpsPerThread(); i++) {
          CustomerId member = members.get(random.nextInt(members.size()));
          int k = random.nextInt(40);
          try {
            Receipt r;
            switch (random.nextInt(5)) {
              case 0, 1 -> r = loyalty.purchase(purchase(member.value(), "O-" + k, String.valueOf(5 + k)), member + "/buy-" + k);
              case 2 -> r = loyalty.redeem(member, 3 + k % 11, "pay-" + k, member + "/pay-" + k);
              case 3 -> r = loyalty.returnPurchase(
                  new PurchaseReturn(member, "R-" + k, "O-" + k, Money.of("2.00", "EUR")), member + "/ret-" + k);
              default -> {
                String id = member + "/res-" + k;
                r = loyalty.reserve(member, 4, null, "cart-" + k, id);
                if (!r.replayed()) {
                  count(freshWrites, r);
                  r = loyalty.rollback(member, id, member + "/undo-" + k);
                }
              }
            }
            count(freshWrites, r);
          } catch (InsufficientPointsException | IdempotencyConflictException e) {
            // expected: spending more than there is; a key reused for another request
          } catch (LoyaltyException e) {
            // expected: a return before its purchase, an order already recorded, a repeated rollback
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(store.verifyAll()).as("state rows against the ledger after the stress").isEmpty();
    assertThat(freshWrites.values()).allSatisfy(n -> assertThat(n.get()).as("fresh writes of one key").isEqualTo(1));
    for (CustomerId member : members) {
      List<Entry> ledger = store.entries(member);
      long sum = ledger.stream().mapToLong(Entry::points).sum();
      Balance balance = loyalty.balance(member);
      assertThat(balance.total()).as("balance of %s equals the sum of its ledger", member).isEqualTo(sum);
      assertThat(balance.debt()).isZero();
      Map<Long, Long> remaining = new HashMap<>();
      for (Entry e : ledger) {
        if (e.lot() != null) {
          remaining.merge(e.lot(), e.points(), Long::sum);
        }
      }
      assertThat(remaining.values()).as("no lot of %s overspent", member).allSatisfy(v -> assertThat(v).isNotNegative());
      // every key's entries were written by one operation: one contiguous run of seq numbers
      Map<String, List<Long>> seqsByKey = new HashMap<>();
      for (Entry e : ledger) {
        if (e.key() != null) {
          seqsByKey.computeIfAbsent(e.key(), x -> new ArrayList<>()).add(e.seq());
        }
      }
      seqsByKey.forEach((key, seqs) ->
          assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).as("entries of key %s", key).isEqualTo(seqs.size()));
      assertThat(ledger.stream().filter(e -> e.kind() == EntryKind.PURCHASE).map(Entry::reference))
          .as("each order recorded once").doesNotHaveDuplicates();
    }
  }

  // --- member state rows (issue 19) -------------------------------------------------------------

  @Test
  void the_member_row_and_open_lots_match_the_ledger_after_every_kind_of_write() {
    Loyalty expiring = Loyalty.of(
        program(2, "{\"policy\": \"after-days\", \"days\": 30}", "unlimited", ONE_PER_EURO, null),
        store, clock);
    expiring.purchase(purchase("ann", "O-1", "40.00"), "k1");
    clock.advance(Duration.ofDays(3));
    expiring.purchase(purchase("ann", "O-2", "25.00"), "k2");
    clock.advance(Duration.ofDays(3));
    expiring.redeem(ann, 30, "pay-1", "p1");
    expiring.reserve(ann, 5, null, "cart-1", "res-1");
    expiring.rollback(ann, "res-1", "undo-1");
    expiring.adjust(ann, 7, "goodwill", "adj-1");
    expiring.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("40.00", "EUR")), "ret-1"); // debt under unlimited
    assertThat(store.verify(ann)).isEmpty();
    Balance b = expiring.balance(ann);
    assertThat(store.current(ann).state().debt()).isEqualTo(b.debt());
    clock.advance(Duration.ofDays(40));
    assertThat(expiring.expireDue()).isPositive();
    expiring.purchase(purchase("ann", "O-3", "50.00"), "k3"); // repays the debt
    assertThat(store.verifyAll()).isEmpty();
    // the state agrees with a balance summed from the ledger itself
    long sum = store.entries(ann).stream().mapToLong(Entry::points).sum();
    assertThat(expiring.balance(ann).total()).isEqualTo(sum);
    assertThat(store.current(ann).state().lastSeq()).isEqualTo(store.entries(ann).size());
  }

  @Test
  void usage_limits_per_period_and_for_a_lifetime_count_through_the_store() {
    Loyalty l = Loyalty.of(program(0, "{\"policy\": \"never\"}", "within-balance", """
        [{"id": "survey", "type": "event", "event": "survey-answered", "points": "10",
          "limit": {"count": 2, "per": "lifetime"}},
         {"id": "bday", "type": "event", "event": "birthday", "points": "100",
          "limit": {"count": 1, "per": "year"}}]""", null), store, clock);
    assertThat(l.event(ann, MemberEvent.SURVEY_ANSWERED, "s1", "s1").points()).isEqualTo(10);
    clock.advance(Duration.ofDays(400));
    assertThat(l.event(ann, MemberEvent.SURVEY_ANSWERED, "s2", "s2").points()).isEqualTo(10);
    assertThat(l.event(ann, MemberEvent.SURVEY_ANSWERED, "s3", "s3").points()).isZero();
    assertThat(l.event(ann, MemberEvent.BIRTHDAY, "2027", "b1").points()).isEqualTo(100);
    assertThat(l.event(ann, MemberEvent.BIRTHDAY, "2027-again", "b2").points()).isZero();
    clock.advance(Duration.ofDays(366));
    assertThat(l.event(ann, MemberEvent.BIRTHDAY, "2028", "b3").points()).isEqualTo(100);
    assertThat(store.verifyAll()).isEmpty();
  }

  @Test
  void the_liability_comes_by_expiry_month_and_adds_up() {
    Loyalty expiring = Loyalty.of(
        program(0, "{\"policy\": \"after-days\", \"days\": 30}", "unlimited", ONE_PER_EURO, null),
        store, clock);
    expiring.purchase(purchase("ann", "O-1", "10.00"), "k1"); // 2026-03-02: expires 2026-04-01
    clock.advance(Duration.ofDays(20));
    expiring.purchase(purchase("bob", "O-2", "20.00"), "k2"); // 2026-03-22: expires 2026-04-21
    clock.advance(Duration.ofDays(20));
    expiring.purchase(purchase("cy", "O-3", "30.00"), "k3"); // 2026-04-11: expires 2026-05-11
    expiring.returnPurchase(new PurchaseReturn(CustomerId.of("bob"), "R-2", "O-2", Money.of("20.00", "EUR")), "r2");
    expiring.redeem(CustomerId.of("cy"), 5, "cart", "p3");
    Liability l = expiring.liability();
    // ann's lot is past its expiry (due, not owed); bob's was taken back; cy holds 25
    assertThat(l.points()).isEqualTo(25);
    assertThat(l.byExpiryMonth()).containsExactly(Map.entry(java.time.YearMonth.of(2026, 5), 25L));
    assertThat(l.neverExpiring()).isZero();
    Liability simple = loyalty.liability();
    assertThat(simple.debt()).isZero();
  }

  private static void count(Map<String, AtomicInteger> freshWrites, Receipt r) {
    if (!r.replayed()) {
      freshWrites.computeIfAbsent(r.key(), x -> new AtomicInteger()).incrementAndGet();
    }
  }

  // --- holds that expire ----------------------------------------------------------------------

  private static LoyaltyProgram holdingFor30Minutes() {
    return program(0, "{\"policy\": \"never\"}", "within-balance", ONE_PER_EURO, "\"holdMinutes\": 30");
  }

  /**
   * With {@code holdMinutes} 30, a checkout abandoned with points reserved gets them back when
   * {@code expireDue} runs 30 minutes later (not before); the release is keyed, so a second run
   * releases nothing; a confirm after the time is up is refused; a confirmed hold stays.
   */
  @Test
  void an_abandoned_reservation_is_released_when_its_time_runs_out() {
    Loyalty holding = Loyalty.of(holdingFor30Minutes(), store, clock);
    holding.purchase(purchase("ann", "O-1", "100.00"), "buy");
    holding.reserve(ann, 60, null, "cart-1", "res-1");
    holding.reserve(ann, 10, null, "cart-2", "res-2");
    clock.advance(Duration.ofMinutes(29));
    assertThat(holding.releaseExpiredHolds()).isZero();
    holding.confirm(ann, "res-2", "ok-2"); // in time
    assertThat(holding.balance(ann).active()).isEqualTo(30);

    clock.advance(Duration.ofMinutes(1));
    assertThat(holding.expireDue()).isZero(); // no points expire; the hold is released
    assertThat(holding.balance(ann).active()).isEqualTo(90);
    List<Hold> events = store.holds(ann).stream().filter(h -> h.holdId().equals("res-1")).toList();
    assertThat(events).extracting(Hold::state).containsExactly(Hold.State.RESERVED, Hold.State.RELEASED);
    assertThat(events.get(1).key()).isEqualTo("hold-expired/res-1");
    assertThat(holding.releaseExpiredHolds()).isZero();
    assertThatThrownBy(() -> holding.confirm(ann, "res-1", "ok-1"))
        .isInstanceOf(LoyaltyException.class).hasMessageContaining("'res-1' was already released");

    holding.reserve(ann, 5, null, "cart-3", "res-3");
    clock.advance(Duration.ofMinutes(31));
    assertThatThrownBy(() -> holding.confirm(ann, "res-3", "ok-3"))
        .isInstanceOf(LoyaltyException.class)
        .hasMessage("reservation 'res-3' expired at 2026-03-02T11:00:00Z (the program's holds last 30 minutes); reserve again");
    assertThat(holding.releaseExpiredHolds()).isEqualTo(1);
    assertThat(holding.balance(ann).active()).isEqualTo(90);
    assertThat(store.openHoldsReservedBy(clock.instant())).isEmpty();
    assertThat(store.verifyAll()).isEmpty();
    // a program without holdMinutes releases nothing
    loyalty.reserve(ann, 5, null, "cart-4", "res-4");
    clock.advance(Duration.ofDays(30));
    assertThat(loyalty.releaseExpiredHolds()).isZero();
    assertThat(store.openHoldsReservedBy(clock.instant())).extracting(Hold::holdId).containsExactly("res-4");
  }

  /**
   * Two hosts run the release at once while members roll their own holds back: every hold ends
   * released exactly once, and the state rows agree with the ledgers.
   */
  @Test
  void expired_holds_released_by_two_jobs_at_once_are_released_once_each() throws Exception {
    Loyalty holding = Loyalty.of(holdingFor30Minutes(), store, clock);
    int members = 6;
    int holdsEach = 5;
    for (int m = 0; m < members; m++) {
      holding.purchase(purchase("h" + m, "O-" + m, "100.00"), "buy-" + m);
      for (int h = 0; h < holdsEach; h++) {
        holding.reserve(CustomerId.of("h" + m), 3, null, "cart", "res-" + m + "-" + h);
      }
    }
    clock.advance(Duration.ofMinutes(45));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> jobs = new ArrayList<>();
      for (int j = 0; j < 2; j++) {
        jobs.add(pool.submit(() -> {
          start.await();
          return holding.releaseExpiredHolds();
        }));
      }
      Future<Integer> owners = pool.submit(() -> {
        start.await();
        int rolledBack = 0;
        for (int m = 0; m < members; m++) {
          try {
            holding.rollback(CustomerId.of("h" + m), "res-" + m + "-0", "undo-" + m);
            rolledBack++;
          } catch (LoyaltyException releasedFirst) {
            // the job was first
          }
        }
        return rolledBack;
      });
      start.countDown();
      int released = 0;
      for (Future<Integer> job : jobs) {
        released += job.get(60, TimeUnit.SECONDS);
      }
      assertThat(released + owners.get(60, TimeUnit.SECONDS)).isEqualTo(members * holdsEach);
    } finally {
      pool.shutdownNow();
    }
    for (int m = 0; m < members; m++) {
      CustomerId member = CustomerId.of("h" + m);
      Map<String, Long> releases = new HashMap<>();
      store.holds(member).stream().filter(h -> h.state() == Hold.State.RELEASED)
          .forEach(h -> releases.merge(h.holdId(), 1L, Long::sum));
      assertThat(releases).hasSize(holdsEach).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
      assertThat(holding.balance(member).active()).isEqualTo(100);
    }
    assertThat(store.openHoldsReservedBy(clock.instant())).isEmpty();
    assertThat(store.verifyAll()).isEmpty();
  }

  // --- point transfers (issue 19 item 5) --------------------------------------------------------

  private Loyalty expiring30() {
    return Loyalty.of(
        program(0, "{\"policy\": \"after-days\", \"days\": 30}", "within-balance", ONE_PER_EURO, null),
        store, clock);
  }

  @Test
  void a_transfer_moves_points_soonest_expiring_first_keeping_their_expiry_on_both_members() {
    Loyalty l = expiring30();
    l.purchase(purchase("ann", "O-1", "20.00"), "k1");
    clock.advance(Duration.ofDays(5));
    l.purchase(purchase("ann", "O-2", "30.00"), "k2");
    List<Lot> annLots = store.current(ann).openLots();
    TransferReceipt t = l.transfer(ann, bob, 25, "pool-1");
    assertThat(t.replayed()).isFalse();
    assertThat(t.points()).isEqualTo(25);
    assertThat(t.from().points()).isEqualTo(-25);
    assertThat(t.to().key()).isEqualTo("pool-1/to");
    assertThat(t.from().entries()).extracting(Entry::kind, Entry::points, Entry::lot)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_OUT, -20L, annLots.get(0).seq()),
            org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_OUT, -5L, annLots.get(1).seq()));
    // bob's lots: spendable now, each expiring when the lot it came from does
    assertThat(store.current(bob).openLots()).extracting(Lot::kind, Lot::remaining, Lot::expiresAt, Lot::availableAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_IN, 20L, annLots.get(0).expiresAt(), clock.instant()),
            org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_IN, 5L, annLots.get(1).expiresAt(), clock.instant()));
    assertThat(l.balance(ann).active()).isEqualTo(25);
    assertThat(l.balance(bob).active()).isEqualTo(25);
    // a transfer is neither earned nor spent: lifetime sums stay with the sender's real history
    assertThat(l.balance(bob).earned()).isZero();
    assertThat(l.balance(ann).spent()).isZero();
    assertThat(store.entries(bob)).containsExactlyElementsOf(t.to().entries());
    assertThat(store.verifyAll()).isEmpty();
    assertThat(store.audit()).isEmpty();
    // the moved points expire on the receiver when the sender's lot would have
    clock.set(annLots.get(0).expiresAt());
    assertThat(l.expireDue()).isEqualTo(20); // bob's 20 (ann's first lot went to bob whole)
    assertThat(l.balance(bob).active()).isEqualTo(5);
    assertThat(store.verifyAll()).isEmpty();
  }

  @Test
  void a_transfer_retried_with_its_key_writes_nothing_and_another_request_under_it_is_refused() {
    loyalty.purchase(purchase("ann", "O-1", "40.00"), "k1");
    TransferReceipt first = loyalty.transfer(ann, bob, 10, "pool-1");
    clock.advance(Duration.ofMinutes(1));
    TransferReceipt again = loyalty.transfer(ann, bob, 10, "pool-1");
    assertThat(again.replayed()).isTrue();
    assertThat(again.from().entries()).isEqualTo(first.from().entries());
    assertThat(again.to().entries()).isEqualTo(first.to().entries());
    assertThatThrownBy(() -> loyalty.transfer(ann, bob, 11, "pool-1"))
        .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("'pool-1'");
    assertThatThrownBy(() -> loyalty.redeem(ann, 1, "x", "pool-1")).isInstanceOf(IdempotencyConflictException.class);
    // a key some other operation holds (here the receiver's half) refuses the transfer
    loyalty.redeem(ann, 1, "x", "pool-2/to");
    assertThatThrownBy(() -> loyalty.transfer(ann, bob, 5, "pool-2"))
        .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("pool-2/to");
    assertThat(loyalty.balance(ann).active()).isEqualTo(29);
    assertThat(loyalty.balance(bob).active()).isEqualTo(10);
    assertThat(store.verifyAll()).isEmpty();
  }

  @Test
  void a_transfer_beyond_the_spendable_points_is_refused_and_writes_on_neither_member() {
    loyalty.purchase(purchase("ann", "O-1", "10.00"), "k1");
    loyalty.reserve(ann, 4, null, "cart", "res-1"); // held points are not spendable
    List<Entry> before = store.entries(ann);
    assertThatThrownBy(() -> loyalty.transfer(ann, bob, 7, "pool-1"))
        .isInstanceOf(InsufficientPointsException.class).hasMessageContaining("has 6 points to spend, not 7");
    assertThat(store.entries(ann)).isEqualTo(before);
    assertThat(store.entries(bob)).isEmpty();
    assertThat(store.recordedFingerprint("pool-1")).isEmpty();
    assertThat(store.recordedFingerprint("pool-1/to")).isEmpty();
    assertThatThrownBy(() -> loyalty.transfer(ann, ann, 1, "pool-2")).hasMessageContaining("to: ann is the sender");
    assertThatThrownBy(() -> loyalty.transfer(ann, bob, 0, "pool-2")).hasMessageContaining("points: 0 must be positive");
    assertThatThrownBy(() -> loyalty.transfer(ann, bob, 1, "k".repeat(198))).hasMessageContaining("key: ");
    // the refusal used no key: the same call runs once the points are there
    assertThat(loyalty.transfer(ann, bob, 6, "pool-1").points()).isEqualTo(6);
  }

  @Test
  void a_reversal_gives_the_points_back_to_the_lots_they_came_from_once() {
    Loyalty l = expiring30();
    l.purchase(purchase("ann", "O-1", "20.00"), "k1");
    l.transfer(ann, bob, 20, "pool-1"); // ann's lot is spent out
    clock.advance(Duration.ofDays(1));
    TransferReceipt back = l.reverseTransfer(ann, bob, "pool-1", "undo-1");
    assertThat(back.points()).isEqualTo(-20);
    assertThat(back.from().entries()).extracting(Entry::kind, Entry::points, Entry::lot)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_IN, 20L, 2L)); // the earn of O-1 (seq 1 is the purchase memo)
    assertThat(l.balance(ann).active()).isEqualTo(20);
    assertThat(l.balance(bob).active()).isZero();
    assertThat(store.current(ann).openLots()).extracting(Lot::seq).containsExactly(2L);
    assertThat(l.reverseTransfer(ann, bob, "pool-1", "undo-1").replayed()).isTrue();
    assertThatThrownBy(() -> l.reverseTransfer(ann, bob, "pool-1", "undo-2"))
        .isInstanceOf(AlreadyRecordedException.class).hasMessageContaining("already reversed under key 'undo-1'");
    assertThatThrownBy(() -> l.reverseTransfer(bob, ann, "pool-1", "undo-3"))
        .isInstanceOf(UnknownReferenceException.class).hasMessageContaining("transfer 'pool-1' from bob to ann does not exist");
    assertThatThrownBy(() -> l.reverseTransfer(ann, bob, "nope", "undo-4")).isInstanceOf(UnknownReferenceException.class);
    assertThat(store.verifyAll()).isEmpty();
  }

  @Test
  void a_reversal_is_refused_when_the_receiver_spent_part_of_the_points() {
    loyalty.purchase(purchase("ann", "O-1", "20.00"), "k1");
    loyalty.purchase(purchase("bob", "O-2", "50.00"), "k2");
    loyalty.transfer(ann, bob, 20, "pool-1");
    loyalty.redeem(bob, 60, "cart", "pay-1"); // never-expiring lots go oldest first: bob's own 50, then 10 moved
    List<Entry> annBefore = store.entries(ann);
    List<Entry> bobBefore = store.entries(bob);
    assertThatThrownBy(() -> loyalty.reverseTransfer(ann, bob, "pool-1", "undo-1"))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining("member bob holds 10 of the 20 points it moved");
    assertThat(store.entries(ann)).isEqualTo(annBefore);
    assertThat(store.entries(bob)).isEqualTo(bobBefore);
    assertThat(store.recordedFingerprint("undo-1")).isEmpty();
  }

  /**
   * Pairs of members transferring to each other in both directions at once, with retries: no
   * deadlock (the stores lock members in id order), no point created or lost, every transfer
   * written on both members or neither, and the state rows match the ledgers.
   */
  @Test
  void stress_transfers_both_ways_never_deadlock_create_or_lose_points() throws Exception {
    List<CustomerId> family = List.of(CustomerId.of("fam-1"), CustomerId.of("fam-2"), CustomerId.of("fam-3"));
    for (CustomerId m : family) {
      loyalty.purchase(purchase(m.value(), "O-" + m, "100.00"), "seed-" + m);
    }
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = 7 + t;
      futures.add(pool.submit(() -> {
        start.await();
        Random random = new Random(seed);
        for (int i = 0; i < stressOpsPerThread() / 2; i++) {
          CustomerId from = family.get(random.nextInt(3));
          CustomerId to = family.get((family.indexOf(from) + 1 + random.nextInt(2)) % 3);
          int k = random.nextInt(60);
          try {
            if (random.nextInt(4) == 0) {
              loyalty.reverseTransfer(from, to, "t-" + from + "-" + to + "-" + k, "r-" + from + "-" + to + "-" + k);
            } else {
              loyalty.transfer(from, to, 1 + k % 25, "t-" + from + "-" + to + "-" + k);
            }
          } catch (LoyaltyException expected) {
            // too few points, a key reused for another amount, a reversal refused or of an unknown transfer
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(store.verifyAll()).as("state rows against the ledger after the stress").isEmpty();
    assertThat(store.audit()).isEmpty();
    long total = 0;
    for (CustomerId m : family) {
      total += loyalty.balance(m).total();
      for (Entry e : store.entries(m)) {
        if (e.kind() == EntryKind.TRANSFER_OUT && e.key().startsWith("t-")) {
          // the receiver's half was written too
          assertThat(store.recordedFingerprint(e.key() + "/to")).as("receiver half of %s", e.key()).isPresent();
        }
      }
    }
    assertThat(total).as("transfers create and destroy no points").isEqualTo(300);
  }

  // --- member statements (issue 19 item 5) -----------------------------------------------------

  @Test
  void monthly_statements_reconcile_and_each_closing_balance_opens_the_next_month() {
    Loyalty l = expiring30(); // Europe/Berlin, points expire at the end of the 30th day
    l.purchase(purchase("ann", "O-1", "20.00"), "k1");                 // 2026-03-02: +20, expires 2026-04-02 00:00 Berlin
    clock.set(Instant.parse("2026-03-15T12:00:00Z"));
    l.redeem(ann, 5, "cart-1", "p1");                                   // -5
    clock.set(Instant.parse("2026-03-31T22:30:00Z"));                  // 1 April, 00:30 in Berlin
    l.purchase(purchase("ann", "O-2", "10.00"), "k2");                 // +10 in April
    l.transfer(ann, bob, 4, "pool-1");                                  // -4 (from the soonest-expiring lot)
    clock.set(Instant.parse("2026-05-10T08:00:00Z"));
    assertThat(l.expireDue()).isEqualTo(11 + 10 + 4);                  // ann: 11 left of O-1, O-2 on 1 May; bob: the 4 moved
    l.adjust(ann, 3, "goodwill", "adj-1");                              // +3 in May

    java.time.YearMonth feb = java.time.YearMonth.of(2026, 2);
    Statement february = l.statement(ann, feb);
    assertThat(february.opening()).isZero();
    assertThat(february.movements()).isEmpty();
    assertThat(february.closing()).isZero();

    Statement march = l.statement(ann, feb.plusMonths(1));
    assertThat(march.from()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
    assertThat(march.movements()).extracting(Entry::kind, Entry::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(EntryKind.EARN, 20L), org.assertj.core.groups.Tuple.tuple(EntryKind.REDEEM, -5L));
    assertThat(march.closing()).isEqualTo(15);

    Statement april = l.statement(ann, feb.plusMonths(2));
    assertThat(april.opening()).isEqualTo(15);
    // the expiry of O-1's lot is dated when the lot expired (2 April, 00:00 in Berlin), though written in May
    assertThat(april.movements()).extracting(Entry::kind, Entry::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(EntryKind.EARN, 10L),
        org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_OUT, -4L),
        org.assertj.core.groups.Tuple.tuple(EntryKind.EXPIRE, -11L));
    assertThat(april.closing()).isEqualTo(10);

    Statement may = l.statement(ann, feb.plusMonths(3));
    assertThat(may.opening()).isEqualTo(april.closing());
    assertThat(may.movements()).extracting(Entry::kind, Entry::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(EntryKind.EXPIRE, -10L), org.assertj.core.groups.Tuple.tuple(EntryKind.ADJUST, 3L));
    assertThat(may.closing()).isEqualTo(3).isEqualTo(l.balance(ann).total());

    Statement june = l.statement(ann, feb.plusMonths(4));
    assertThat(june.opening()).isEqualTo(3);
    assertThat(june.movements()).isEmpty();
    // bob's side of the transfer: the received lot expired with ann's lot it came from
    Statement bobApril = l.statement(bob, feb.plusMonths(2));
    assertThat(bobApril.movements()).extracting(Entry::kind, Entry::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple(EntryKind.TRANSFER_IN, 4L), org.assertj.core.groups.Tuple.tuple(EntryKind.EXPIRE, -4L));
    assertThat(l.statement(CustomerId.of("nobody"), feb).closing()).isZero();
    assertThatThrownBy(() -> l.statement(ann, null)).hasMessageContaining("month");
  }

  // --- liability report with breakage (issue 19 item 5) ----------------------------------------

  /** A worked example, computed by hand in docs/loyalty.md ("Liability report and breakage"). */
  @Test
  void the_liability_report_values_points_by_expiry_month_with_breakage_from_the_programs_history() {
    Loyalty l = expiring30(); // Europe/Berlin, usable through the 30th day after the day earned
    Money cent = Money.of("0.01", "EUR");
    // no settled point yet: no history, no breakage
    l.purchase(purchase("ann", "O-1", "100.00"), "a1");                 // 2 March: ann +100
    l.purchase(purchase("bob", "O-2", "50.00"), "b1");                  // bob +50
    LiabilityReport none = l.liabilityReport(cent);
    assertThat(none.breakageRate()).isEqualByComparingTo("0");
    assertThat(none.expectedBreakage()).isEqualTo(Money.zero("EUR"));
    assertThat(none.expectedRedemption()).isEqualTo(Money.of("1.50", "EUR"));

    clock.set(Instant.parse("2026-03-10T10:00:00Z"));
    l.redeem(ann, 60, "cart-a", "a2");                                 // spent 60
    l.redeem(CustomerId.of("bob"), 50, "cart-b", "b2");                // spent 110
    clock.set(Instant.parse("2026-04-05T10:00:00Z"));
    assertThat(l.expireDue()).isEqualTo(40);                           // ann's 40 expired on 2 April: expired 40
    l.purchase(purchase("cy", "O-3", "200.00"), "c1");                  // expires 6 May 00:00 Berlin
    l.purchase(purchase("ann", "O-4", "30.00"), "a3");                  // likewise: May
    clock.set(Instant.parse("2026-05-03T10:00:00Z"));
    l.purchase(purchase("dee", "O-5", "70.00"), "d1");                  // expires 3 June: June
    loyalty.purchase(purchase("eve", "O-6", "10.00"), "e1");            // the never-expiring program: no expiry

    LiabilityReport r = l.liabilityReport(cent);
    // breakage rate = expired / (expired + spent) = 40 / (40 + 110) = 4/15
    assertThat(r.spentPoints()).isEqualTo(110);
    assertThat(r.expiredPoints()).isEqualTo(40);
    assertThat(r.breakageRate()).isEqualByComparingTo("0.266667");
    assertThat(r.rows()).containsExactly(
        // 230 points x 0.01 = 2.30; x 4/15 = 0.6133.. -> 0.61 breakage, 1.69 expected to be redeemed
        new LiabilityReport.Row(java.time.YearMonth.of(2026, 5), 230, Money.of("2.30", "EUR"),
            Money.of("0.61", "EUR"), Money.of("1.69", "EUR")),
        // 70 x 0.01 = 0.70; x 4/15 = 0.1866.. -> 0.19, 0.51
        new LiabilityReport.Row(java.time.YearMonth.of(2026, 6), 70, Money.of("0.70", "EUR"),
            Money.of("0.19", "EUR"), Money.of("0.51", "EUR")),
        // 10 x 0.01 = 0.10; x 4/15 = 0.0266.. -> 0.03, 0.07
        new LiabilityReport.Row(null, 10, Money.of("0.10", "EUR"), Money.of("0.03", "EUR"), Money.of("0.07", "EUR")));
    assertThat(r.points()).isEqualTo(310).isEqualTo(l.liability().points());
    assertThat(r.value()).isEqualTo(Money.of("3.10", "EUR"));
    assertThat(r.expectedBreakage()).isEqualTo(Money.of("0.83", "EUR"));
    assertThat(r.expectedRedemption()).isEqualTo(Money.of("2.27", "EUR"));
    assertThat(r.asOf()).isEqualTo(clock.instant());
    // another point value, exact: half a cent a point
    LiabilityReport half = l.liabilityReport(Money.of("0.005", "EUR"));
    assertThat(half.value()).isEqualTo(Money.of("1.55", "EUR"));
    assertThat(half.rows().get(0).expectedBreakage()).isEqualTo(Money.of("0.31", "EUR")); // 1.15 x 4/15 = 0.3066..
    assertThatThrownBy(() -> l.liabilityReport(Money.of("0", "EUR")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pointValue: ").hasMessageContaining("must be positive");
    assertThatThrownBy(() -> l.liabilityReport(null)).hasMessageContaining("pointValue");
  }

  // --- campaign multipliers with a budget (issue 19 item 5) -------------------------------------

  protected static LoyaltyProgram doubleMarch(long budget) {
    return program(0, "{\"policy\": \"never\"}", "within-balance", ONE_PER_EURO,
        "\"campaigns\": [{\"id\": \"double-march\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-01\","
            + " \"activeUntil\": \"2026-03-31\", \"budget\": " + budget + "}]");
  }

  @Test
  void a_campaign_multiplies_spend_points_until_its_budget_is_drawn_and_never_beyond() {
    Loyalty l = Loyalty.of(doubleMarch(25), store, clock);
    assertThat(l.campaignBudget("double-march")).isEqualTo(new CampaignBudget("double-march", 25, 0));
    Receipt first = l.purchase(purchase("ann", "O-1", "10.00"), "k1");
    assertThat(first.entries()).filteredOn(e -> e.kind() == EntryKind.EARN).extracting(Entry::reason, Entry::points)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("base", 10L), org.assertj.core.groups.Tuple.tuple("double-march", 10L));
    // 20 extra due, 15 left: the purchase that reaches the budget gets what is left
    assertThat(l.purchase(purchase("bob", "O-2", "20.00"), "k2").points()).isEqualTo(20 + 15);
    assertThat(l.campaignBudget("double-march").remaining()).isZero();
    assertThat(l.purchase(purchase("ann", "O-3", "5.00"), "k3").points()).isEqualTo(5);
    // a retry draws nothing again
    assertThat(l.purchase(purchase("ann", "O-1", "10.00"), "k1").replayed()).isTrue();
    assertThat(l.campaignBudget("double-march").used()).isEqualTo(25);
    // a return takes the campaign's points back with the rule's; the budget stays drawn
    assertThat(l.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("10.00", "EUR")), "r1").points()).isEqualTo(-20);
    assertThat(l.campaignBudget("double-march").used()).isEqualTo(25);
    // outside the campaign's days: no multiplier, nothing drawn
    Loyalty april = Loyalty.of(doubleMarch(1000), store, clock);
    clock.set(Instant.parse("2026-04-01T10:00:00Z"));
    assertThat(april.purchase(purchase("cy", "O-4", "10.00"), "k4").points()).isEqualTo(10);
    assertThat(store.verifyAll()).isEmpty();
    assertThatThrownBy(() -> l.campaignBudget("nope")).hasMessageContaining("campaignId: 'nope' is not a campaign");
  }

  @Test
  void a_campaign_budget_is_never_overspent_by_concurrent_purchases() throws Exception {
    assertBudgetHolds(List.of(Loyalty.of(doubleMarch(100), store, clock)));
  }

  /**
   * 8 threads buy for 7 EUR each (7 extra points) across 40 members until the budget of 100 is
   * gone, through the given engines (one store, or several stores on one database): the extra
   * points granted add up to exactly the budget, one purchase got the 2 left after 14 full ones.
   */
  protected void assertBudgetHolds(List<Loyalty> engines) throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Loyalty engine = engines.get(t % engines.size());
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < 6; i++) {
          String member = "shopper-" + ((thread * 6 + i) % 40);
          engine.purchase(purchase(member, "O-" + thread + "-" + i, "7.00"), "buy-" + thread + "-" + i);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    long granted = 0;
    List<Long> grants = new ArrayList<>();
    for (CustomerId m : store.members()) {
      for (Entry e : store.entries(m)) {
        if (e.kind() == EntryKind.EARN && e.reason().equals("double-march")) {
          granted += e.points();
          grants.add(e.points());
        }
      }
    }
    assertThat(granted).as("campaign points granted").isEqualTo(100);
    assertThat(grants).filteredOn(p -> p == 7).hasSize(14);
    assertThat(grants).filteredOn(p -> p != 7).containsExactly(2L);
    assertThat(engines.get(0).campaignBudget("double-march")).isEqualTo(new CampaignBudget("double-march", 100, 100));
    assertThat(store.verifyAll()).isEmpty();
  }

  /** Two stores on one database, each with its own threads: the budget row serialises them. */
  @Test
  void a_campaign_budget_is_never_overspent_by_two_stores_on_one_database() throws Exception {
    LedgerStore second = openStoreOnTheSameDatabase();
    if (second == null) {
      // no database to share: both engines write through the one store
      assertBudgetHolds(List.of(Loyalty.of(doubleMarch(100), store, clock), Loyalty.of(doubleMarch(100), store, clock)));
      return;
    }
    try (second) {
      assertBudgetHolds(List.of(Loyalty.of(doubleMarch(100), store, clock), Loyalty.of(doubleMarch(100), second, clock)));
    }
  }
}
