package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.time.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standard pipeline: qualification, needs-analysis (skippable), proposal, negotiation (skippable). */
class PipelineRulesTest {

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
  private final Individual anna = crm.register(Registration.individual("Anna Schmidt"));

  private Opportunity open() {
    return sales.open(anna.id(), Deal.of("Car", "agent-3", Money.of("30000", "EUR"),
        LocalDate.of(2026, 3, 31)));
  }

  @Test
  void stage_changes_are_recorded_with_their_time_and_set_the_stage_probability() {
    Opportunity o = open();
    assertThat(o.probability()).isEqualByComparingTo("0.1");
    clock.advance(Duration.ofDays(2));
    o = sales.moveTo(o.id(), "needs-analysis");
    clock.advance(Duration.ofDays(3));
    o = sales.moveTo(o.id(), "proposal");
    assertThat(o.stage()).isEqualTo("proposal");
    assertThat(o.probability()).isEqualByComparingTo("0.5");
    assertThat(o.stageHistory()).containsExactly(
        new StageChange(Optional.empty(), "qualification", T0, Optional.empty()),
        new StageChange(Optional.of("qualification"), "needs-analysis",
            T0.plus(Duration.ofDays(2)), Optional.empty()),
        new StageChange(Optional.of("needs-analysis"), "proposal",
            T0.plus(Duration.ofDays(5)), Optional.empty()));
    assertThat(o.stageSince()).isEqualTo(T0.plus(Duration.ofDays(5)));
    o = sales.moveTo(o.id(), "negotiation", "0.65");
    assertThat(o.probability()).isEqualByComparingTo("0.65");
  }

  @Test
  void a_stage_the_pipeline_forbids_to_skip_cannot_be_skipped() {
    Opportunity o = open();
    // needs-analysis may be skipped, proposal may not
    assertThatThrownBy(() -> sales.moveTo(o.id(), "negotiation"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage: 'negotiation' is not valid; expected a stage reachable without"
            + " skipping 'proposal', which this pipeline does not allow to skip");
    assertThatThrownBy(() -> sales.win(o.id())).hasMessageContaining("skipping 'proposal'");
    assertThat(sales.opportunity(o.id()).get().stage()).isEqualTo("qualification");
    Opportunity p = sales.moveTo(o.id(), "proposal");
    // negotiation is skippable: won straight from the proposal
    assertThat(sales.win(p.id()).stage()).isEqualTo(Pipeline.WON);
  }

  @Test
  void an_opportunity_may_go_back_and_may_be_lost_from_any_open_stage() {
    Opportunity o = open();
    sales.moveTo(o.id(), "proposal");
    assertThat(sales.moveTo(o.id(), "qualification").stage()).isEqualTo("qualification");
    Opportunity lost = sales.lose(o.id(), "bought elsewhere");
    assertThat(lost.isLost()).isTrue();
    assertThat(lost.lostReason()).contains("bought elsewhere");
    assertThat(lost.probability()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThatThrownBy(() -> sales.moveTo(open().id(), "qualification"))
        .hasMessageContaining("another stage than the current one");
    assertThatThrownBy(() -> sales.lose(open().id(), " "))
        .hasMessageStartingWith("reason: ' '");
  }

  @Test
  void won_and_lost_are_final_unless_reopened() {
    Opportunity o = open();
    sales.moveTo(o.id(), "proposal");
    sales.lose(o.id(), "too expensive");
    assertThatThrownBy(() -> sales.moveTo(o.id(), "proposal"))
        .hasMessage("stage: 'proposal' is not valid; expected no move: the opportunity is lost,"
            + " which is final; reopen it first");
    assertThatThrownBy(() -> sales.win(o.id())).hasMessageContaining("reopen it first");
    assertThatThrownBy(() -> sales.reopen(o.id(), "won", "changed their mind"))
        .hasMessageContaining("an open stage to reopen into");

    clock.advance(Duration.ofDays(7));
    Opportunity reopened = sales.reopen(o.id(), "negotiation", "new budget approved");
    assertThat(reopened.stage()).isEqualTo("negotiation");
    assertThat(reopened.probability()).isEqualByComparingTo("0.8");
    assertThat(reopened.stageHistory().get(reopened.stageHistory().size() - 1))
        .isEqualTo(new StageChange(Optional.of("lost"), "negotiation",
            T0.plus(Duration.ofDays(7)), Optional.of("new budget approved")));
    assertThatThrownBy(() -> sales.reopen(o.id(), "proposal", "again"))
        .hasMessageContaining("won or lost to reopen");

    Opportunity won = sales.win(o.id());
    assertThatThrownBy(() -> sales.lose(won.id(), "oops")).hasMessageContaining("won, which is"
        + " final");
    assertThat(sales.reopen(won.id(), "proposal", "order cancelled").isOpen()).isTrue();
  }

  @Test
  void an_opportunity_opens_in_the_first_stage_or_after_skippable_ones_only() {
    Pipeline p = Pipeline.of(Stage.of("lead-in", "0.05").asSkippable(),
        Stage.of("demo", "0.3"), Stage.of("contract", "0.9"));
    Sales s = Sales.builder(crm).clock(clock).pipeline(p).build();
    Deal deal = Deal.of("X", "agent-1", Money.of("100", "EUR"), LocalDate.of(2026, 2, 1));
    assertThat(s.open(anna.id(), deal.inStage("demo")).stage()).isEqualTo("demo");
    assertThatThrownBy(() -> s.open(anna.id(), deal.inStage("contract")))
        .hasMessageContaining("without skipping 'demo'");
    assertThatThrownBy(() -> s.open(anna.id(), deal.inStage("won")))
        .hasMessageContaining("an open stage to start in");
    assertThatThrownBy(() -> s.open(anna.id(), deal.inStage("closing")))
        .hasMessage("stage: 'closing' is not valid; expected one of the pipeline's stages"
            + " [lead-in, demo, contract, won, lost]");
  }

  @Test
  void a_won_opportunity_links_the_orders_it_produced_and_only_the_customers_own() {
    Opportunity o = open();
    sales.moveTo(o.id(), "proposal");
    Order car = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "EUR")
        .line("A-CLASS", "cars", 1, Money.of("30000", "EUR"), Money.of("29000", "EUR")));
    Individual ben = crm.register(Registration.individual("Ben Okafor"));
    Order bens = crm.recordPurchase(OrderRequest.of(ben.id(), Channel.STORE, "EUR")
        .line("MATS", "accessories", 1, Money.of("89", "EUR"), Money.of("89", "EUR")));

    assertThatThrownBy(() -> sales.win(o.id(), bens.id()))
        .hasMessageStartingWith("orderId: '" + bens.id() + "' is not valid; expected an order of"
            + " customer " + anna.id());
    assertThatThrownBy(() -> sales.win(o.id(), "O-404")).hasMessageContaining("recorded order");
    assertThat(sales.opportunity(o.id()).get().isOpen()).isTrue();
    assertThatThrownBy(() -> sales.linkOrders(o.id(), car.id()))
        .hasMessageContaining("a won opportunity");

    Opportunity won = sales.win(o.id(), car.id());
    assertThat(won.orderIds()).containsExactly(car.id());
    Order mats = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "EUR")
        .line("MATS", "accessories", 1, Money.of("89", "EUR"), Money.of("89", "EUR")));
    assertThat(sales.linkOrders(o.id(), mats.id()).orderIds()).containsExactly(car.id(), mats.id());
    // reopening drops the link: the orders were not produced by an open opportunity
    assertThat(sales.reopen(o.id(), "negotiation", "returned").orderIds()).isEmpty();
  }

  @Test
  void pipelines_and_deals_reject_bad_settings() {
    assertThatThrownBy(() -> Pipeline.of()).hasMessageStartingWith("stages: '[]'");
    assertThatThrownBy(() -> Pipeline.of(Stage.of("a", "0.1"), Stage.of("a", "0.2")))
        .hasMessageContaining("unique");
    assertThatThrownBy(() -> Stage.of("won", "1")).hasMessageStartingWith("stage.name: 'won'");
    assertThatThrownBy(() -> Stage.of("Proposal", "0.5"))
        .hasMessageStartingWith("stage.name: 'Proposal'");
    assertThatThrownBy(() -> Stage.of("proposal", "1.5"))
        .hasMessageStartingWith("stage.probability: '1.5'");
    assertThatThrownBy(() -> Stage.of("proposal", "half"))
        .hasMessageStartingWith("stage.probability: 'half'");
    assertThatThrownBy(() -> Deal.of("X", "a", Money.of("-1", "EUR"), LocalDate.of(2026, 1, 1)))
        .hasMessageStartingWith("amount: '-1.00 EUR'");
    assertThatThrownBy(() -> sales.open(anna.id(), Deal.of("X", "a", Money.of("1", "EUR"),
        LocalDate.of(2026, 1, 1)).withContact("c-1")))
        .hasMessageStartingWith("contactId: 'c-1' is not valid");
    assertThatThrownBy(() -> sales.changeAmount(open().id(), Money.of("5", "USD")))
        .hasMessageContaining("in the opportunity's currency EUR");
  }
}
