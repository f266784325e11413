package dev.crmkit.testkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.loyalty.Balance;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyException;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random histories of purchases, redemptions, transfers, reversals and expiries among three
 * members: transfers make and destroy no points, the state rows match the ledgers, and each
 * member's monthly statements chain from 0 to the balance.
 */
class TransfersAndStatementsPropertiesTest {

  private static final List<CustomerId> FAMILY = List.of(CustomerId.of("a"), CustomerId.of("b"), CustomerId.of("c"));
  private static final LoyaltyProgram PROGRAM = LoyaltyProgram.fromJson("""
      {"id": "p", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": 0,
       "expiry": {"policy": "after-days", "days": 30}, "returnPolicy": "within-balance",
       "rules": [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down"}]}""");

  @Provide
  Arbitrary<List<Integer>> histories() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(5).ofMaxSize(60);
  }

  @Property(tries = 80)
  void transfers_conserve_points_and_statements_chain_to_the_balance(@ForAll("histories") List<Integer> history) {
    SettableClock clock = SettableClock.of(Instant.parse("2026-01-10T09:00:00Z"), ZoneOffset.UTC);
    LedgerStore store = LedgerStore.inMemory();
    Loyalty loyalty = Loyalty.of(PROGRAM, store, clock);
    List<String[]> transfers = new ArrayList<>();
    int n = 0;
    for (int op : history) {
      n++;
      CustomerId m = FAMILY.get(op % 3);
      CustomerId other = FAMILY.get((op % 3 + 1 + (op / 3) % 2) % 3);
      int amount = 1 + (op / 6) % 40;
      try {
        switch ((op / 240) % 5) {
          case 0 -> loyalty.purchase(new Purchase(m, "O-" + n,
              List.of(new Purchase.Line("SKU", "misc", 1, Money.of(amount + ".00", "EUR")))), "buy-" + n);
          case 1 -> loyalty.redeem(m, amount, "cart-" + n, "pay-" + n);
          case 2 -> {
            loyalty.transfer(m, other, amount, "t-" + n);
            transfers.add(new String[] {m.value(), other.value(), "t-" + n});
          }
          case 3 -> {
            if (!transfers.isEmpty()) {
              String[] t = transfers.get((op / 1200) % transfers.size());
              loyalty.reverseTransfer(CustomerId.of(t[0]), CustomerId.of(t[1]), t[2], "undo-" + n);
            }
          }
          default -> clock.advance(Duration.ofDays(amount));
        }
      } catch (LoyaltyException refused) {
        // too few points, a reversal of spent or reversed points: nothing written
      }
    }
    loyalty.expireDue();
    assertThat(store.verifyAll()).isEmpty();
    long held = 0;
    long issued = 0;
    for (CustomerId m : FAMILY) {
      Balance b = loyalty.balance(m);
      held += b.total();
      issued += b.earned() - b.spent() - b.expired() - b.reversed();
      // statements chain month by month from before the first entry to now
      ZoneId zone = PROGRAM.zone();
      YearMonth month = YearMonth.of(2025, 12);
      YearMonth now = YearMonth.from(clock.instant().atZone(zone));
      long opening = 0;
      while (!month.isAfter(now)) {
        Statement s = loyalty.statement(m, month);
        assertThat(s.opening()).as("opening of %s for %s", m, month).isEqualTo(opening);
        opening = s.closing();
        month = month.plusMonths(1);
      }
      assertThat(opening).as("last closing of %s", m).isEqualTo(b.total());
    }
    assertThat(held).as("points held = earned - spent - expired - reversed: transfers only move points").isEqualTo(issued);
  }
}
