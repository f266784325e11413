package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The factories that take everything from the crm, and the bus the old ones accept. */
class ServiceFactoriesTest {

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);
  private final Individual anna = crm.register(Fixtures.anna());

  @Test
  void another_event_bus_is_rejected_with_what_to_pass_instead() {
    EventBus other = EventBus.create();
    assertThatThrownBy(() -> ServiceDesk.create(crm, clock, other, ServiceFixtures.SLA,
        ServiceFixtures.LADDER)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pass crm.events()")
        .hasMessageContaining("ServiceDesk.create(crm, sla, escalation)");
    ServiceDesk desk = ServiceDesk.create(crm, ServiceFixtures.SLA, ServiceFixtures.LADDER);
    assertThatThrownBy(() -> Surveys.create(crm, desk, clock, other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass crm.events()")
        .hasMessageContaining("Surveys.create(crm, desk)");
    assertThatThrownBy(() -> LostCustomers.create(crm, clock, other,
        LapseRule.after(Duration.ofDays(30)), Set.of("price")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass crm.events()")
        .hasMessageContaining("LostCustomers.create(crm, rule, reasons)");
    assertThat(ServiceDesk.create(crm, clock, crm.events(), ServiceFixtures.SLA,
        ServiceFixtures.LADDER)).isNotNull();
  }

  @Test
  void the_short_factories_use_the_crms_clock_and_bus() {
    List<DomainEvent> events = new ArrayList<>();
    crm.events().subscribe(events::add);
    clock.advance(Duration.ofMinutes(5));
    ServiceDesk desk = ServiceDesk.create(crm, ServiceFixtures.SLA, ServiceFixtures.LADDER);
    ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.INQUIRY, Priority.LOW,
        Channel.WEB).owner("agent-1").subject("opening hours"));
    assertThat(c.openedAt()).isEqualTo(clock.instant());
    LostCustomers lost = LostCustomers.create(crm, LapseRule.after(Duration.ofDays(30)),
        Set.of("price"));
    assertThat(lost.recordDeparture(anna.id(), "price", "").recordedAt())
        .isEqualTo(clock.instant());
    assertThat(events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("CaseOpened", "CustomerLeft");
  }

  @Test
  void surveys_without_a_desk_check_named_cases_in_the_store() {
    Individual ben = crm.register(Registration.individual("Ben Okafor"));
    Surveys surveys = Surveys.create(crm);
    assertThat(surveys.record(SurveyRequest.of(anna.id()).nps(9)).nps()).contains(9);

    ServiceDesk desk = ServiceDesk.create(crm, ServiceFixtures.SLA, ServiceFixtures.LADDER);
    ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.REPAIR, Priority.NORMAL,
        Channel.SERVICE_STATION).owner("agent-2").subject("brakes"));
    assertThatThrownBy(() -> surveys.record(SurveyRequest.of(ben.id()).csat(2).aboutCase(c.id())))
        .hasMessageContaining("a case of customer " + ben.id());
    assertThatThrownBy(() -> surveys.record(SurveyRequest.of(anna.id()).csat(2)
        .aboutCase("CASE-999999"))).hasMessageStartingWith("caseId: 'CASE-999999' is not valid");
    assertThatThrownBy(() -> surveys.followUpAfterCase(c.id(), Duration.ofDays(1), "x"))
        .hasMessageContaining("a resolved case (it is OPEN)");
    desk.start(c.id());
    desk.resolve(c.id(), "pads replaced");
    FollowUp f = surveys.followUpAfterCase(c.id(), Duration.ofDays(7), "did it hold?");
    assertThat(f.dueAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    assertThat(surveys.record(SurveyRequest.of(anna.id()).csat(5).aboutCase(c.id())).caseId())
        .contains(c.id());
    assertThat(surveys.responses(anna.id())).hasSize(2);
  }
}
