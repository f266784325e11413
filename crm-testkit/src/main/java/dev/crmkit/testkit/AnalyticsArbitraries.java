package dev.crmkit.testkit;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.PurchaseReturn;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for crm-scoring's tables and crm-loyalty's inputs, with real relationships:
 * transactions and interactions of a shared set of customers; loyalty histories whose returns
 * refund real orders of the same member, never more than was paid.
 *
 * <pre>{@code
 * // in a jqwik test class
 * void every_customer_scored_once(@ForAll("summaries") CustomerSummary s) { ... } // @Property
 * Arbitrary<CustomerSummary> summaries() { return AnalyticsArbitraries.summaries(); } // @Provide
 * }</pre>
 */
public final class AnalyticsArbitraries {

  /** The as-of date of {@link #summaries()}; every generated day is on or before it. */
  public static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

  private static final List<String> CATEGORIES = List.of("phones", "accessories", "service");

  private AnalyticsArbitraries() {}

  /** One transaction row: a customer index, days before {@link #AS_OF}, cents, category, discount. */
  private record Row(int customer, int daysBack, long cents, int category, int discountPercent) {}

  /** Transaction logs of 1 to 30 customers (C1..Cn), with categories and discount shares. */
  public static Arbitrary<TransactionLog> transactionLogs() {
    return Arbitraries.integers().between(1, 30).flatMap(n -> row(n).list().ofMinSize(1).ofMaxSize(120).map(rows -> {
      TransactionLog.Builder b = TransactionLog.builder();
      for (Row r : rows) {
        b.add("C" + (r.customer() + 1), AS_OF.minusDays(r.daysBack()), r.cents() / 100.0,
            r.category() < 0 ? null : CATEGORIES.get(r.category()),
            r.discountPercent() < 0 ? Double.NaN : r.discountPercent() / 100.0);
      }
      return b.build();
    }));
  }

  private static Arbitrary<Row> row(int customers) {
    return Combinators.combine(Arbitraries.integers().between(0, customers - 1), Arbitraries.integers().between(0, 729),
            Arbitraries.longs().between(1, 500_000), Arbitraries.integers().between(-1, CATEGORIES.size() - 1),
            Arbitraries.integers().between(-1, 50))
        .as(Row::new);
  }

  /** Summaries as of {@link #AS_OF} of {@link #transactionLogs()}, with interactions of the same customers. */
  public static Arbitrary<CustomerSummary> summaries() {
    return transactionLogs().flatMap(log -> Combinators.combine(
            Arbitraries.integers().between(0, log.customerCount() - 1), Arbitraries.integers().between(0, 729))
        .as((c, d) -> new int[] {c, d}).list().ofMaxSize(60).map(contacts -> {
          InteractionLog.Builder b = InteractionLog.builder();
          for (int[] c : contacts) {
            b.add(log.customerId(c[0]), AS_OF.minusDays(c[1]));
          }
          return CustomerSummary.of(log, AS_OF, b.build());
        }));
  }

  /** A member's loyalty history: purchases, and returns that refund a part of one of them. */
  public record LoyaltyHistory(List<Purchase> purchases, List<PurchaseReturn> returns) {
    public LoyaltyHistory {
      purchases = List.copyOf(purchases);
      returns = List.copyOf(returns);
    }
  }

  /**
   * Histories of 1 to 8 purchases (1-3 lines, EUR) of one member, each returned in part or in
   * full with some probability; a return refunds at most what its order paid.
   */
  public static Arbitrary<LoyaltyHistory> loyaltyHistories(CustomerId member) {
    Arbitrary<Purchase.Line> line = Combinators.combine(Arbitraries.of(CATEGORIES),
            Arbitraries.integers().between(1, 3), Arbitraries.longs().between(1, 20_000))
        .as((category, quantity, cents) -> new Purchase.Line(category.toUpperCase() + "-1", category, quantity,
            Money.of(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("EUR"))));
    Arbitrary<List<Purchase.Line>> lines = line.list().ofMinSize(1).ofMaxSize(3);
    // per purchase: its lines and the returned share in percent (0 = kept)
    Arbitrary<Integer> returned = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(0)), net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 100)));
    return Combinators.combine(lines, returned).as((l, r) -> new Object[] {l, r}).list().ofMinSize(1).ofMaxSize(8)
        .map(items -> {
          List<Purchase> purchases = new ArrayList<>();
          List<PurchaseReturn> returns = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            @SuppressWarnings("unchecked")
            List<Purchase.Line> ls = (List<Purchase.Line>) items.get(i)[0];
            int percent = (Integer) items.get(i)[1];
            Purchase p = new Purchase(member, "O-" + (i + 1), ls);
            purchases.add(p);
            if (percent > 0) {
              BigDecimal refund = p.total().amount().multiply(BigDecimal.valueOf(percent))
                  .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN);
              if (refund.signum() > 0) {
                returns.add(new PurchaseReturn(member, "R-" + (i + 1), p.orderId(),
                    Money.of(refund, p.total().currency())));
              }
            }
          }
          return new LoyaltyHistory(purchases, returns);
        });
  }
}
