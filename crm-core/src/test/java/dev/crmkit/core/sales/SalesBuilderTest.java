package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.LaunchedCampaign;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesBuilderTest {

  private final SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
  private final Crm crm = SalesFixtures.crm(clock);

  @Test
  void the_builders_take_the_facades_clock_and_bus() {
    List<DomainEvent> seen = new ArrayList<>();
    crm.events().subscribe(seen::add);
    Sales sales = Sales.builder(crm).events(crm.events()).build();
    clock.advance(Duration.ofHours(3));
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB));
    assertThat(lead.capturedAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
    sales.qualify(lead.id());
    sales.convert(lead.id());
    assertThat(seen).filteredOn(SalesEvent.LeadConverted.class::isInstance).hasSize(1);

    Marketing m = Marketing.builder(crm).attribution(AttributionRule.campaignCode())
        .unitCosts(UnitCosts.of(Map.of())).build();
    m.launch(Campaign.of("spring", "Spring", Channel.EMAIL, TargetSegment.profile(),
        Money.of("1", "EUR")));
    assertThat(crm.store().records(Marketing.CAMPAIGNS).find("spring"))
        .map(LaunchedCampaign::launchedAt).contains(T0.plus(Duration.ofHours(3)));
  }

  @Test
  void another_bus_is_refused_since_events_leave_through_the_facades_outbox() {
    assertThatThrownBy(() -> Sales.builder(crm).events(EventBus.create()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("events: ")
        .hasMessageContaining("crm.events()");
  }

  @Test
  void events_of_a_change_are_delivered_after_it_is_stored_and_not_at_all_when_it_is_refused() {
    Sales sales = Sales.builder(crm).build();
    var acme = crm.register(Registration.organization("Acme GmbH"));
    Opportunity o = sales.open(acme.id(), Deal.of("Fleet", "agent-7", Money.of("1", "EUR"),
        LocalDate.of(2026, 6, 30)));
    List<Opportunity> storedWhenDelivered = new ArrayList<>();
    crm.events().subscribe("check", SalesEvent.OpportunityStageChanged.class,
        e -> storedWhenDelivered.add(sales.opportunity(e.opportunity().id()).orElseThrow()));
    sales.moveTo(o.id(), "proposal");
    assertThatThrownBy(() -> sales.win(o.id(), "O-unknown"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storedWhenDelivered).extracting(Opportunity::stage).containsExactly("proposal");
    assertThat(crm.store().outbox().pending()).isZero();
  }
}
