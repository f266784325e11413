package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static dev.crmkit.core.sales.SalesFixtures.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The funnel on a worked example, every figure computed by hand below.
 *
 * <p>Standard pipeline: qualification (q, 0.1), needs-analysis (n, 0.2, skippable), proposal
 * (p, 0.5), negotiation (neg, 0.8, skippable). Days count from T0 = 2026-01-05T09:00Z; the
 * query covers opportunities opened in [2026-01-01, 2026-02-01), EUR.
 *
 * <pre>
 * opp  owner amount      history                                         now
 * A    ann   10,000 EUR  d0 q, d2 n, d5 p, d9 neg, d13 won               won
 * B    ann   20,000 EUR  d1 q, d4 p (skips n), d10 lost "price"          lost
 * C    bob    5,000 EUR  d2 q, d3 lost "no budget"                       lost
 * D    bob   40,000 EUR  d3 q, d6 n, d8 p                                p (0.5)
 * E    ann    8,000 EUR  d4 q                                            q (0.1)
 * F    ann  100,000 USD  d4 q                                            other currency
 * G    bob      999 EUR  d30 q (2026-02-04: outside the period)          not selected
 * </pre>
 */
class FunnelTest {

  private final SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
  private final SalesFixtures.Opened opened = SalesFixtures.open(store(), clock);
  private final Crm crm = opened.crm();

  /** The store this run uses; a subclass runs every test on another. */
  SalesFixtures.Store store() {
    return SalesFixtures.Store.MEMORY;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }
  private final Sales sales = Sales.builder(crm).clock(clock).sequentialIds().build();
  private final FunnelQuery january = FunnelQuery.of(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-02-01T00:00:00Z"), "EUR");
  private CustomerId customer;

  private String open(double at, String owner, String amount, String currency) {
    clock.set(day(at));
    return sales.open(customer, Deal.of("deal", owner, Money.of(amount, currency),
        LocalDate.of(2026, 6, 30))).id();
  }

  private void move(double at, String id, String stage) {
    clock.set(day(at));
    sales.moveTo(id, stage);
  }

  @BeforeEach
  void story() {
    customer = crm.register(Registration.organization("Acme GmbH")).id();
    String a = open(0, "ann", "10000", "EUR");
    String b = open(1, "ann", "20000", "EUR");
    move(2, a, "needs-analysis");
    String c = open(2, "bob", "5000", "EUR");
    clock.set(day(3));
    sales.lose(c, "no budget");
    String d = open(3, "bob", "40000", "EUR");
    move(4, b, "proposal");
    open(4, "ann", "8000", "EUR"); // E
    open(4, "ann", "100000", "USD"); // F
    move(5, a, "proposal");
    move(6, d, "needs-analysis");
    move(8, d, "proposal");
    move(9, a, "negotiation");
    clock.set(day(10));
    sales.lose(b, "price");
    clock.set(day(13));
    sales.win(a);
    open(30, "bob", "999", "EUR"); // G
  }

  @Test
  void counts_and_amounts_per_stage() {
    FunnelReport f = sales.funnel(january);

    assertThat(f.asOf()).isEqualTo(day(30));
    assertThat(f.opportunities()).isEqualTo(5); // A..E; F is in USD, G opened in February
    assertThat(f.otherCurrency()).isEqualTo(1); // F
    assertThat(f.stages()).extracting(StageFigures::stage)
        .containsExactly("qualification", "needs-analysis", "proposal", "negotiation", "won",
            "lost");
    // reached = got to the stage or past it (furthest: A won, B p, C q, D p, E q)
    // q: all five, 10,000 + 20,000 + 5,000 + 40,000 + 8,000 = 83,000
    assertFigures(f.stage("qualification"), 5, "83000", 1, "8000");
    // n: A, B (passed it by skipping), D = 10,000 + 20,000 + 40,000 = 70,000; nobody in n now
    assertFigures(f.stage("needs-analysis"), 3, "70000", 0, "0");
    // p: A, B, D = 70,000; D is there now (40,000)
    assertFigures(f.stage("proposal"), 3, "70000", 1, "40000");
    // neg: A only
    assertFigures(f.stage("negotiation"), 1, "10000", 0, "0");
    assertFigures(f.stage("won"), 1, "10000", 1, "10000");
    // lost: B + C = 25,000
    assertFigures(f.stage("lost"), 2, "25000", 2, "25000");
  }

  @Test
  void conversion_between_consecutive_stages() {
    FunnelReport f = sales.funnel(january);
    // reached(next) / reached(stage): 3/5, 3/3, 1/3, and negotiation -> won 1/1
    assertThat(f.stage("qualification").conversionToNext()).contains(Ratio.of(3, 5));
    assertThat(f.stage("needs-analysis").conversionToNext()).contains(Ratio.of(3, 3));
    assertThat(f.stage("proposal").conversionToNext()).contains(Ratio.of(1, 3));
    assertThat(f.stage("negotiation").conversionToNext()).contains(Ratio.of(1, 1));
    assertThat(f.stage("won").conversionToNext()).isEmpty();
    assertThat(f.stage("lost").conversionToNext()).isEmpty();
    assertThat(Ratio.of(1, 3)).hasToString("1/3 (33.3%)");
  }

  @Test
  void mean_time_in_stage_counts_finished_stays() {
    FunnelReport f = sales.funnel(january);
    // q: A 2d (d0-d2), B 3d (d1-d4), C 1d (d2-d3), D 3d (d3-d6); E still there
    //    (2 + 3 + 1 + 3) / 4 = 2.25 days = 54 hours
    assertThat(f.stage("qualification").meanTimeInStage()).contains(Duration.ofHours(54));
    // n: A 3d (d2-d5), D 2d (d6-d8): 2.5 days = 60 hours
    assertThat(f.stage("needs-analysis").meanTimeInStage()).contains(Duration.ofHours(60));
    // p: A 4d (d5-d9), B 6d (d4-d10); D still there: 5 days
    assertThat(f.stage("proposal").meanTimeInStage()).contains(Duration.ofDays(5));
    // neg: A 4d (d9-d13)
    assertThat(f.stage("negotiation").meanTimeInStage()).contains(Duration.ofDays(4));
    // nobody left won or lost
    assertThat(f.stage("won").meanTimeInStage()).isEmpty();
  }

  @Test
  void win_rate_weighted_pipeline_and_sales_cycle() {
    FunnelReport f = sales.funnel(january);
    // won 1 (A) of closed 3 (A, B, C)
    assertThat(f.winRate()).contains(Ratio.of(1, 3));
    // open: D 40,000 x 0.5 = 20,000 and E 8,000 x 0.1 = 800
    assertThat(f.weightedPipeline()).isEqualTo(Money.of("20800", "EUR"));
    assertThat(f.openAmount()).isEqualTo(Money.of("48000", "EUR"));
    // A: opened d0, won d13
    assertThat(f.meanSalesCycle()).contains(Duration.ofDays(13));
  }

  @Test
  void one_owner() {
    FunnelReport f = sales.funnel(january.owner("ann"));
    // A, B, E in EUR; F (ann's) is in USD
    assertThat(f.opportunities()).isEqualTo(3);
    assertThat(f.otherCurrency()).isEqualTo(1);
    assertFigures(f.stage("qualification"), 3, "38000", 1, "8000");
    // won 1 (A), lost 1 (B)
    assertThat(f.winRate()).contains(Ratio.of(1, 2));
    assertThat(f.weightedPipeline()).isEqualTo(Money.of("800", "EUR"));
    // q stays: A 2d, B 3d -> 2.5 days
    assertThat(f.stage("qualification").meanTimeInStage()).contains(Duration.ofHours(60));
  }

  @Test
  void an_empty_selection_has_no_rates() {
    FunnelReport f = sales.funnel(FunnelQuery.of(Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-02-01T00:00:00Z"), "EUR"));
    assertThat(f.opportunities()).isZero();
    assertThat(f.winRate()).isEmpty();
    assertThat(f.meanSalesCycle()).isEmpty();
    assertThat(f.stage("qualification").conversionToNext()).isEmpty();
    assertThat(f.weightedPipeline()).isEqualTo(Money.zero("EUR"));
    assertThatThrownBy(() -> f.stage("closing")).hasMessageStartingWith("stage: 'closing'");
  }

  @Test
  void a_query_needs_a_period() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> FunnelQuery.of(t, t, "EUR"))
        .hasMessage("until: '2026-01-01T00:00:00Z' is not valid; expected a time after from"
            + " 2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> FunnelQuery.of(t, t.plusSeconds(1), "XYZ"))
        .hasMessageStartingWith("currency: 'XYZ'");
    assertThat(Optional.of(january.owner("bob").owner())).contains(Optional.of("bob"));
  }

  private static void assertFigures(StageFigures s, long reached, String reachedAmount,
      long current, String currentAmount) {
    assertThat(s.reached()).as(s.stage() + " reached").isEqualTo(reached);
    assertThat(s.reachedAmount()).as(s.stage() + " reached amount")
        .isEqualTo(Money.of(reachedAmount, "EUR"));
    assertThat(s.current()).as(s.stage() + " current").isEqualTo(current);
    assertThat(s.currentAmount()).as(s.stage() + " current amount")
        .isEqualTo(Money.of(currentAmount, "EUR"));
  }
}
