package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CustomerSummaryPropertyTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

  /** customer, day offset, amount in cents, category or null, discount quarters or -1, part. */
  record Tx(String customer, int day, long cents, String category, int quarters, boolean left) {}

  record Touch(String customer, int day, boolean left) {}

  @Provide
  Arbitrary<List<Tx>> transactions() {
    Arbitrary<Tx> tx =
        Combinators.combine(
                Arbitraries.of("A", "B", "C", "D", "E", "F"),
                Arbitraries.integers().between(-200, 20),
                Arbitraries.longs().between(-5_000, 500_000),
                Arbitraries.of("x", "y", "z").injectNull(0.3),
                Arbitraries.integers().between(-1, 4),
                Arbitraries.of(true, false))
            .as(Tx::new);
    return tx.list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<List<Touch>> touches() {
    return Combinators.combine(
            Arbitraries.of("A", "B", "G"),
            Arbitraries.integers().between(-200, 20),
            Arbitraries.of(true, false))
        .as(Touch::new)
        .list()
        .ofMaxSize(20);
  }

  @Property(tries = 200)
  void summarising_in_parts_gives_the_same_summary_bit_for_bit(
      @ForAll("transactions") List<Tx> rows,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 2, max = 7) int parts) {
    TransactionLog.Builder whole = TransactionLog.builder();
    for (Tx t : rows) {
      long day = AS_OF.toEpochDay() + t.day();
      double share = t.quarters() < 0 ? Double.NaN : t.quarters() / 4.0;
      whole.add(t.customer(), day, t.cents() / 100.0, t.category(), share);
    }
    TransactionLog log = whole.build();
    CustomerSummary sequential = CustomerSummary.of(log, AS_OF, null, 1);
    CustomerSummary split = CustomerSummary.of(log, AS_OF, null, parts);

    assertThat(split.size()).isEqualTo(sequential.size());
    for (int i = 0; i < sequential.size(); i++) {
      // records compare doubles with Double.equals: bit for bit
      assertThat(split.row(i)).isEqualTo(sequential.row(i));
      assertThat(split.total(i)).isEqualTo(sequential.total(i));
    }
    assertThat(split.rowsAfterAsOf()).isEqualTo(sequential.rowsAfterAsOf());
  }

  @Property(tries = 300)
  void merging_the_summaries_of_two_partitions_equals_the_summary_of_the_whole(
      @ForAll("transactions") List<Tx> rows, @ForAll("touches") List<Touch> touches) {
    TransactionLog.Builder whole = TransactionLog.builder();
    TransactionLog.Builder left = TransactionLog.builder();
    TransactionLog.Builder right = TransactionLog.builder();
    for (Tx t : rows) {
      long day = AS_OF.toEpochDay() + t.day();
      double share = t.quarters() < 0 ? Double.NaN : t.quarters() / 4.0;
      whole.add(t.customer(), day, t.cents() / 100.0, t.category(), share);
      (t.left() ? left : right).add(t.customer(), day, t.cents() / 100.0, t.category(), share);
    }
    InteractionLog.Builder allTouches = InteractionLog.builder();
    InteractionLog.Builder leftTouches = InteractionLog.builder();
    InteractionLog.Builder rightTouches = InteractionLog.builder();
    for (Touch t : touches) {
      long day = AS_OF.toEpochDay() + t.day();
      allTouches.add(t.customer(), day);
      (t.left() ? leftTouches : rightTouches).add(t.customer(), day);
    }

    CustomerSummary expected = CustomerSummary.of(whole.build(), AS_OF, allTouches.build());
    CustomerSummary merged =
        CustomerSummary.of(left.build(), AS_OF, leftTouches.build())
            .merge(CustomerSummary.of(right.build(), AS_OF, rightTouches.build()));

    assertThat(byCustomer(merged)).isEqualTo(byCustomer(expected));
    assertThat(merged.rowsAfterAsOf()).isEqualTo(expected.rowsAfterAsOf());
    assertThat(merged.interactionsWithoutPurchases())
        .containsExactlyInAnyOrderEntriesOf(expected.interactionsWithoutPurchases());
  }

  /** Rows by customer, with categories that never occurred dropped (one side may lack them). */
  private static Map<String, CustomerSummary.Row> byCustomer(CustomerSummary s) {
    Map<String, CustomerSummary.Row> rows = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      CustomerSummary.Row r = s.row(i);
      Map<String, Double> categories = new HashMap<>(r.categoryTotals());
      categories.values().removeIf(v -> v == 0.0);
      rows.put(
          r.customerId(),
          new CustomerSummary.Row(
              r.customerId(), r.transactions(), r.purchaseDates(), r.total(), r.firstDayTotal(), categories,
              r.meanDiscountShare(), r.interactions()));
    }
    return rows;
  }
}
