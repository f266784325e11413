package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.sales.LargeDealRule.Trigger;
import dev.crmkit.core.sales.SalesEvent.LargeDealAlert;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertsAndActivitiesTest {

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
  private final List<LargeDealAlert> alerts = new ArrayList<>();
  private final List<DomainEvent> stageEvents = new ArrayList<>();
  private final Organization acme = crm.register(Registration.organization("Acme GmbH")
      .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)));

  {
    crm.events().subscribe("alerts", LargeDealAlert.class, alerts::add);
    crm.events().subscribe("stages", SalesEvent.OpportunityStageChanged.class,
        stageEvents::add);
  }

  private Deal deal(String amount, String currency) {
    return Deal.of("deal", "agent-7", Money.of(amount, currency), LocalDate.of(2026, 6, 30));
  }

  @Test
  void an_amount_rule_alerts_when_a_deal_above_the_threshold_opens_or_grows_above_it() {
    Sales sales = Sales.builder(crm).clock(clock).sequentialIds()
        .alert(LargeDealRule.above(Money.of("50000", "EUR"), Trigger.AMOUNT)).build();

    Opportunity big = sales.open(acme.id(), deal("60000", "EUR"));
    sales.open(acme.id(), deal("50000", "EUR")); // not above
    sales.open(acme.id(), deal("900000", "USD")); // another currency never matches
    Opportunity small = sales.open(acme.id(), deal("40000", "EUR"));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).opportunity()).isEqualTo(big);
    assertThat(alerts.get(0).trigger()).isEqualTo(Trigger.AMOUNT);
    assertThat(alerts.get(0).threshold()).isEqualTo(Money.of("50000", "EUR"));
    assertThat(alerts.get(0).customerId()).isEqualTo(acme.id());
    assertThat(alerts.get(0).occurredAt()).isEqualTo(T0);

    clock.advance(Duration.ofHours(1));
    sales.changeAmount(small.id(), Money.of("70000", "EUR"));
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).opportunity().amount()).isEqualTo(Money.of("70000", "EUR"));
    assertThat(alerts.get(1).occurredAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    // already large: growing further raises nothing new, nor does a stage change
    sales.changeAmount(small.id(), Money.of("80000", "EUR"));
    sales.moveTo(big.id(), "needs-analysis");
    assertThat(alerts).hasSize(2);
    assertThat(stageEvents).hasSize(1);
  }

  @Test
  void a_stage_change_rule_alerts_on_every_stage_change_of_a_large_deal() {
    Sales sales = Sales.builder(crm).clock(clock)
        .alert(LargeDealRule.above(Money.of("50000", "EUR"), Trigger.STAGE_CHANGE)).build();
    Opportunity big = sales.open(acme.id(), deal("60000", "EUR"));
    Opportunity small = sales.open(acme.id(), deal("1000", "EUR"));
    assertThat(alerts).isEmpty();

    sales.moveTo(big.id(), "proposal");
    sales.moveTo(small.id(), "proposal");
    sales.lose(big.id(), "competitor");
    assertThat(alerts).extracting(a -> a.opportunity().stage())
        .containsExactly("proposal", "lost");
    assertThat(alerts).allSatisfy(a -> assertThat(a.trigger()).isEqualTo(Trigger.STAGE_CHANGE));
  }

  @Test
  void both_triggers_in_one_rule() {
    Sales sales = Sales.builder(crm).clock(clock)
        .alert(LargeDealRule.above(Money.of("50000", "EUR"), Trigger.AMOUNT,
            Trigger.STAGE_CHANGE)).build();
    Opportunity big = sales.open(acme.id(), deal("60000", "EUR"));
    sales.moveTo(big.id(), "proposal");
    assertThat(alerts).extracting(LargeDealAlert::trigger)
        .containsExactly(Trigger.AMOUNT, Trigger.STAGE_CHANGE);
    assertThatThrownBy(() -> new LargeDealRule(Money.of("1", "EUR"), Set.of()))
        .hasMessageStartingWith("triggers: '[]'");
    assertThatThrownBy(() -> LargeDealRule.above(Money.of("-1", "EUR"), Trigger.AMOUNT))
        .hasMessageStartingWith("threshold: '-1.00 EUR'");
  }

  @Test
  void reminders_and_due_activities_are_listed_when_their_time_comes() throws Exception {
    Sales sales = Sales.builder(crm).clock(clock).sequentialIds().build();
    Opportunity o = sales.open(acme.id(), deal("1000", "EUR"));
    Activity call = sales.schedule(ActivityRequest.of(ActivityType.CALL, "Discuss the quote",
            acme.id(), "agent-7").contact("c-1").opportunity(o.id())
        .due(T0.plus(Duration.ofDays(2))).remindAt(T0.plus(Duration.ofDays(1))));
    Activity quote = sales.schedule(ActivityRequest.of(ActivityType.QUOTE, "Send quote",
        acme.id(), "agent-7").due(T0.plus(Duration.ofHours(30))));
    Activity meeting = sales.schedule(ActivityRequest.of(ActivityType.MEETING, "Kick-off",
        acme.id(), "agent-7"));
    assertThat(call.createdAt()).isEqualTo(T0);
    String text = CrmJson.mapper().writeValueAsString(call);
    assertThat(CrmJson.mapper().readValue(text, Activity.class)).as(text).isEqualTo(call);
    assertThat(sales.remindersDue()).isEmpty();
    assertThat(sales.due()).isEmpty();

    clock.advance(Duration.ofDays(1)); // the call's reminder time, exactly
    assertThat(sales.remindersDue()).containsExactly(call);
    assertThat(sales.due()).isEmpty();

    clock.advance(Duration.ofHours(6)); // past the quote's due time
    assertThat(sales.due()).containsExactly(quote);
    clock.advance(Duration.ofDays(1)); // past both
    assertThat(sales.due()).containsExactly(quote, call);

    Activity done = sales.complete(call.id());
    assertThat(done.completedAt()).contains(clock.instant());
    assertThat(sales.remindersDue()).isEmpty();
    assertThat(sales.due()).containsExactly(quote);
    assertThatThrownBy(() -> sales.complete(call.id())).hasMessageContaining("not yet completed");
    assertThat(sales.activitiesOf(acme.id())).extracting(Activity::id)
        .containsExactly(call.id(), quote.id(), meeting.id());
  }

  @Test
  void an_activity_links_only_the_customers_own_contacts_and_opportunities() {
    Sales sales = Sales.builder(crm).clock(clock).build();
    Individual ben = crm.register(Registration.individual("Ben Okafor"));
    Opportunity bens = sales.open(ben.id(), deal("10", "EUR"));
    assertThatThrownBy(() -> sales.schedule(ActivityRequest.of(ActivityType.CALL, "x",
        acme.id(), "a").contact("c-9")))
        .hasMessageStartingWith("contactId: 'c-9' is not valid");
    assertThatThrownBy(() -> sales.schedule(ActivityRequest.of(ActivityType.CALL, "x",
        acme.id(), "a").opportunity(bens.id())))
        .hasMessageContaining("an opportunity of customer " + acme.id());
    assertThatThrownBy(() -> sales.schedule(ActivityRequest.of(ActivityType.TASK, "x",
        acme.id(), "a").due(T0).remindAt(T0.plusSeconds(1))))
        .hasMessageStartingWith("remindAt: '" + T0.plusSeconds(1) + "'");
  }
}
