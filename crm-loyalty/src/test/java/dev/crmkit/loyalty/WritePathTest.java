package dev.crmkit.loyalty;

import static dev.crmkit.loyalty.Programs.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of the write path (issue 19's in-memory speed): the purchase request written
 * without boxing, the day cached with its expiry and campaign, the in-memory store comparing
 * requests instead of hashes. Each must give what the plain computation gives.
 */
class WritePathTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  final SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void the_purchase_request_is_the_generic_request_of_its_fields() {
    for (Purchase p : List.of(
        purchase("ann", "O-1", "3.20"),
        purchase("ann", "O:2~", "ESP", "coffee", "3.20", "CAKE", "food", "4.90", "GIFT", "misc", "0"),
        purchase("bø", "Ø-1", "1:2", "4:x", "100000000000.000000001"),
        new Purchase(CustomerId.of("c"), "O-3", List.of(new Purchase.Line("A", "b", 12, Money.of("1E+3", "EUR")))))) {
      List<Object> fields = new ArrayList<>(List.of("purchase", p.member(), p.orderId(), p.lines().size()));
      for (Purchase.Line l : p.lines()) {
        fields.addAll(java.util.Arrays.asList(l.sku(), l.category(), l.quantity(), l.paid()));
      }
      assertThat(Loyalty.purchaseRequest(p)).isEqualTo(Loyalty.request(fields.toArray()));
    }
  }

  @Test
  void the_in_memory_store_keeps_the_request_and_refuses_a_reused_key_with_another() {
    LedgerStore store = LedgerStore.inMemory();
    Loyalty l = Loyalty.of(Programs.simple("within-balance"), store, clock);
    Purchase p = purchase("ann", "O-1", "12.00");
    Receipt first = l.purchase(p, "k1");
    assertThat(store.recordedFingerprint("k1")).contains(Loyalty.purchaseRequest(p));
    Receipt again = l.purchase(p, "k1");
    assertThat(again.replayed()).isTrue();
    assertThat(again.entries()).isEqualTo(first.entries());
    // the same key for another amount, another order, another member: refused, nothing written
    assertThatThrownBy(() -> l.purchase(purchase("ann", "O-1", "12.01"), "k1")).isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> l.purchase(purchase("ann", "O-2", "12.00"), "k1")).isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> l.purchase(purchase("bob", "O-1", "12.00"), "k1")).isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> l.redeem(CustomerId.of("ann"), 1, "r", "k1")).isInstanceOf(IdempotencyConflictException.class);
    assertThat(store.entries(CustomerId.of("ann"))).hasSize(2);
    assertThat(store.entries(CustomerId.of("bob"))).isEmpty();
    assertThat(store.verifyAll()).isEmpty();
  }

  @Test
  void an_order_with_many_entries_is_read_whole_from_the_in_memory_index() {
    LedgerStore store = LedgerStore.inMemory();
    Loyalty l = Loyalty.of(Programs.simple("within-balance"), store, clock);
    CustomerId ann = CustomerId.of("ann");
    assertThat(l.purchase(purchase("ann", "O-1", "10.00"), "buy").points()).isEqualTo(10);
    // each return writes a RETURN and a REVERSE under the order: 2 + 2 x 9 entries by then
    for (int i = 1; i <= 9; i++) {
      assertThat(l.returnPurchase(new PurchaseReturn(ann, "R" + i, "O-1", Money.of("1.00", "EUR")), "ret" + i).points())
          .isEqualTo(-1);
    }
    assertThatThrownBy(() -> l.returnPurchase(new PurchaseReturn(ann, "R10", "O-1", Money.of("1.01", "EUR")), "ret10"))
        .hasMessageContaining("to 10.01, more than its 10");
    assertThatThrownBy(() -> l.returnPurchase(new PurchaseReturn(ann, "R5", "O-1", Money.of("0.50", "EUR")), "again"))
        .isInstanceOf(AlreadyRecordedException.class);
    assertThatThrownBy(() -> l.purchase(purchase("ann", "O-1", "1.00"), "rebuy")).isInstanceOf(AlreadyRecordedException.class);
    assertThat(l.returnPurchase(new PurchaseReturn(ann, "R10", "O-1", Money.of("1.00", "EUR")), "ret10").points()).isEqualTo(-1);
    assertThat(l.balance(ann).total()).isZero();
    assertThat(store.entries(ann)).hasSize(22);
    assertThat(store.verifyAll()).isEmpty();
  }

  @Test
  void equal_amounts_share_one_instance_and_keep_their_scale() {
    java.math.BigDecimal a = Amounts.canonical(new java.math.BigDecimal("3.2"));
    assertThat(Amounts.canonical(new java.math.BigDecimal("3.2"))).isSameAs(a);
    assertThat(Amounts.canonical(new java.math.BigDecimal("3.20"))).isEqualTo(new java.math.BigDecimal("3.20")).isNotSameAs(a);
    Entry e = new Entry(CustomerId.of("c"), 1, EntryKind.PURCHASE, 0, null, Instant.EPOCH, null, null, "purchase", "O", new java.math.BigDecimal("3.20"), "k");
    assertThat(e.spend()).isSameAs(a).hasToString("3.2");
  }

  @Test
  void a_database_store_records_the_sha256_of_the_request() {
    assertThat(Loyalty.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void lots_expire_by_the_local_day_they_were_earned_on_across_midnight_and_the_clock_change() {
    LoyaltyProgram program = Programs.program(2, "{\"policy\": \"after-days\", \"days\": 180}", "within-balance",
        Programs.ONE_PER_EURO, null);
    Loyalty l = Loyalty.of(program, LedgerStore.inMemory(), clock);
    // Berlin moves from +01:00 to +02:00 at 2026-03-29T01:00Z; times out of order on purpose
    String[] times = {"2026-03-28T22:59:59Z", "2026-03-28T23:00:00Z", "2026-03-29T00:59:59Z", "2026-03-29T01:00:00Z",
        "2026-03-29T21:59:59.999999Z", "2026-03-29T22:00:00Z", "2026-03-28T12:00:00Z", "2026-10-25T00:30:00Z",
        "2026-10-25T01:30:00Z", "2026-10-25T22:59:59Z", "2026-10-25T23:00:00Z", "2026-03-29T10:00:00Z"};
    for (int i = 0; i < times.length; i++) {
      Instant t = Instant.parse(times[i]);
      clock.set(t);
      Receipt r = l.purchase(purchase("ann", "O-" + i, "10.00"), "k" + i);
      Entry lot = r.entries().stream().filter(Entry::opensLot).findFirst().orElseThrow();
      LocalDate day = t.atZone(BERLIN).toLocalDate();
      assertThat(lot.expiresAt()).as(times[i]).isEqualTo(day.plusDays(181).atStartOfDay(BERLIN).toInstant());
      assertThat(lot.availableAt()).as(times[i]).isEqualTo(day.plusDays(2).atStartOfDay(BERLIN).toInstant());
    }
  }

  @Test
  void a_campaign_applies_on_its_local_days_only() {
    LoyaltyProgram program = Programs.program(0, "{\"policy\": \"never\"}", "within-balance", Programs.ONE_PER_EURO,
        "\"campaigns\": [{\"id\": \"x2\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-10\","
            + " \"activeUntil\": \"2026-03-11\", \"budget\": 1000}]");
    Loyalty l = Loyalty.of(program, LedgerStore.inMemory(), clock);
    // local (Berlin, +01:00) 03-09 23:59, 03-10 00:00, 03-11 23:59, 03-12 00:00, then 03-10 again
    String[] times = {"2026-03-09T22:59:59Z", "2026-03-09T23:00:00Z", "2026-03-11T22:59:59Z", "2026-03-11T23:00:00Z",
        "2026-03-10T12:00:00Z"};
    long[] points = {10, 20, 20, 10, 20};
    for (int i = 0; i < times.length; i++) {
      clock.set(Instant.parse(times[i]));
      assertThat(l.purchase(purchase("ann", "O-" + i, "10.00"), "k" + i).points()).as(times[i]).isEqualTo(points[i]);
    }
  }
}
