package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.loyalty.Balance;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.PurchaseReturn;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.table.CustomerSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AnalyticsPropertiesTest {

  private static final CustomerId ANN = CustomerId.of("ann");
  private static final LoyaltyProgram PROGRAM = LoyaltyProgram.fromJson("""
      {"id": "p", "currency": "EUR", "zone": "UTC", "pendingDays": 0, "expiry": {"policy": "never"},
       "returnPolicy": "within-balance",
       "rules": [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down"}]}
      """);

  @Provide
  Arbitrary<CustomerSummary> summaries() {
    return AnalyticsArbitraries.summaries();
  }

  @Provide
  Arbitrary<AnalyticsArbitraries.LoyaltyHistory> histories() {
    return AnalyticsArbitraries.loyaltyHistories(ANN);
  }

  @Property(tries = 60)
  void rfm_abc_and_customer_type_score_every_customer_of_any_summary_exactly_once(@ForAll("summaries") CustomerSummary s) {
    for (String id : new String[] {"rfm", "abc", "customer-type"}) {
      String config = id.equals("customer-type") ? "{\"discountShareDefault\": 0}" : "{}";
      ScoreTable t = ScoringEngine.load().strategy(id, config).score(s);
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < t.size(); i++) {
        ids.add(t.customerId(i));
      }
      assertThat(ids).as(id).hasSize(s.size());
      assertThat(t.size()).as(id).isEqualTo(s.size());
    }
  }

  @Property(tries = 60)
  void returns_of_real_orders_never_leave_a_negative_balance_and_the_ledger_adds_up(
      @ForAll("histories") AnalyticsArbitraries.LoyaltyHistory h) {
    Loyalty loyalty = Loyalty.of(PROGRAM, LedgerStore.inMemory(), Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"),
        ZoneOffset.UTC));
    for (Purchase p : h.purchases()) {
      loyalty.purchase(p, "buy-" + p.orderId());
    }
    for (PurchaseReturn r : h.returns()) {
      loyalty.returnPurchase(r, "ret-" + r.returnId());
    }
    Balance b = loyalty.balance(ANN);
    assertThat(b.total()).isGreaterThanOrEqualTo(0);
    CrmAssertions.assertThatLedger(loyalty.ledger(ANN)).isNumberedFromOne().sumsTo(b.total());
  }
}
