package dev.crmkit.testkit;

import static dev.crmkit.testkit.CrmAssertions.assertThat;
import static dev.crmkit.testkit.CrmAssertions.assertThatLedger;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.loyalty.EntryKind;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.strategies.AbcConfig;
import dev.crmkit.scoring.strategies.AbcStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTableAndLedgerAssertTest {

  private static final LocalDate D = LocalDate.of(2025, 1, 10);

  private static ScoreTable abc() {
    TransactionLog log = TransactionLog.builder().add("big", D, 900).add("mid", D, 80).add("small", D, 20).build();
    return new AbcStrategy(AbcConfig.defaults()).score(CustomerSummary.of(log, D));
  }

  @Test
  void score_table_assertions_pass_on_the_truth_and_fail_saying_what_was_found() {
    ScoreTable t = abc();
    assertThat(t).hasCustomers(3).hasClass("big", "A").hasClassSizes(Map.of("A", 1, "B", 1, "C", 1));
    assertThatThrownBy(() -> assertThat(t).hasClass("small", "A"))
        .hasMessageContaining("Expected small to be in class A of abc but it is in C");
    assertThatThrownBy(() -> assertThat(t).hasClass("nobody", "A"))
        .hasMessageContaining("to score customer nobody");
    assertThatThrownBy(() -> assertThat(t).hasCustomers(4)).hasMessageContaining("scores 3");
    assertThatThrownBy(() -> assertThat(t).hasScore("big", "nope", 1, 0)).hasMessageContaining("it has [");
  }

  @Test
  void ledger_assertions_pass_on_the_truth_and_fail_listing_the_entries() {
    LoyaltyProgram program = LoyaltyProgram.fromJson("""
        {"id": "p", "currency": "EUR", "zone": "UTC", "pendingDays": 0, "expiry": {"policy": "never"},
         "returnPolicy": "within-balance",
         "rules": [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down"}]}
        """);
    Loyalty loyalty = Loyalty.of(program, LedgerStore.inMemory(),
        Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC));
    CustomerId ann = CustomerId.of("ann");
    loyalty.purchase(new Purchase(ann, "O-1", List.of(new Purchase.Line("A", "a", 1, Money.of("12.50", "EUR")))), "k1");
    loyalty.redeem(ann, 5, "r", "k2");
    assertThatLedger(loyalty.ledger(ann)).isNumberedFromOne().sumsTo(7);
    assertThatThrownBy(() -> assertThatLedger(loyalty.ledger(ann)).sumsTo(12))
        .hasMessageContaining("sums to 7").hasMessageContaining("REDEEM -5");
    assertThatThrownBy(() -> assertThatLedger(loyalty.ledger(ann)).hasKinds(EntryKind.EARN))
        .hasMessageContaining("but they are [");
  }
}
