package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the ledger under any sequence of operations, under each return policy. */
class LedgerInvariantsTest {

  @Property(tries = 200)
  void balances_add_up_lots_never_go_negative_and_retries_change_nothing(
      @ForAll("operations") List<int[]> operations,
      @ForAll @IntRange(min = 0, max = 2) int policyIndex,
      @ForAll @IntRange(min = 0, max = 3) int pendingDays) {
    String policy = List.of("pending-only", "within-balance", "unlimited").get(policyIndex);
    SettableClock clock = SettableClock.of(Instant.parse("2026-03-20T10:00:00Z"), ZoneOffset.UTC);
    Loyalty l = Loyalty.of(Programs.program(pendingDays, "{\"policy\": \"after-days\", \"days\": 6}", policy,
        Programs.ONE_PER_EURO, null), LedgerStore.inMemory(), clock);
    CustomerId ann = CustomerId.of("ann");
    int n = 0;
    for (int[] op : operations) {
      n++;
      clock.advance(Duration.ofHours(op[2] * 7L));
      try {
        Receipt first;
        Receipt retry;
        switch (op[0]) {
          case 0 -> {
            Purchase p = Programs.purchase("ann", "O-" + n, op[1] + ".50");
            first = l.purchase(p, "k" + n);
            retry = l.purchase(p, "k" + n);
          }
          case 1 -> {
            PurchaseReturn r = new PurchaseReturn(ann, "R-" + n, "O-" + Math.max(1, n - op[2]), Money.of(op[1] + ".00", "EUR"));
            first = l.returnPurchase(r, "k" + n);
            retry = l.returnPurchase(r, "k" + n);
          }
          case 2 -> {
            first = l.redeem(ann, op[1], "pay", "k" + n);
            retry = l.redeem(ann, op[1], "pay", "k" + n);
          }
          default -> {
            first = l.adjust(ann, op[1] - 10, "fix", "k" + n);
            retry = l.adjust(ann, op[1] - 10, "fix", "k" + n);
          }
        }
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.entries()).isEqualTo(first.entries());
      } catch (LoyaltyException | IllegalArgumentException expected) {
        // refused: insufficient points, unknown order, refund beyond the order, zero adjustment
      }
      List<Entry> ledger = l.ledger(ann);
      Balance b = l.balance(ann);
      assertThat(b.total()).isEqualTo(ledger.stream().mapToLong(Entry::points).sum());
      Map<Long, Long> lots = new HashMap<>();
      ledger.stream().filter(e -> e.lot() != null).forEach(e -> lots.merge(e.lot(), e.points(), Long::sum));
      assertThat(lots.values()).allSatisfy(v -> assertThat(v).isNotNegative());
      if (!policy.equals("unlimited")) {
        assertThat(b.debt()).isZero();
      }
      if (b.debt() > 0) {
        assertThat(b.active() + b.pending()).as("a debt is paid before points are kept").isZero();
      }
    }
  }

  @Provide
  Arbitrary<List<int[]>> operations() {
    return Arbitraries.integers().between(0, 3)
        .flatMap(kind -> Arbitraries.integers().between(1, 40)
            .flatMap(amount -> Arbitraries.integers().between(0, 5).map(gap -> new int[] {kind, amount, gap})))
        .list().ofMinSize(1).ofMaxSize(25);
  }
}
