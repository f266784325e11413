package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Escalation;
import dev.crmkit.core.service.EscalationLevel;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationTest {

  /** The facade under test: in memory here, on H2 in {@link EscalationH2Test}. */
  Crm crm(java.time.Clock clock) {
    return Fixtures.crm(clock);
  }


  // Monday 7 Dec 2026, 09:00 Berlin: first response due 13:00 Berlin, resolution 17:00 Berlin
  private static final Instant OPENED = Instant.parse("2026-12-07T08:00:00Z");
  private static final Instant RESPONSE_DUE = Instant.parse("2026-12-07T12:00:00Z");
  private static final Instant RESOLUTION_DUE = Instant.parse("2026-12-07T16:00:00Z");

  private final SettableClock clock = SettableClock.of(OPENED, ZoneOffset.UTC);
  final Crm crm = crm(clock);
  private final Individual anna = crm.register(Fixtures.anna());
  private final List<ServiceEvent.CaseEscalated> escalations = new ArrayList<>();

  {
    crm.events().subscribe(ServiceEvent.CaseEscalated.class, escalations::add);
  }

  private ServiceCase open(ServiceDesk desk, String subject) {
    return desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
        Channel.HOTLINE).owner("agent-3").subject(subject));
  }

  @Test
  void running_twice_at_the_same_instant_escalates_nothing_twice() {
    // both levels are due at once, so only the one-level-per-instant rule stops a double climb
    ServiceDesk desk = ServiceDesk.create(crm, clock, crm.events(), ServiceFixtures.SLA,
        EscalationPolicy.of(EscalationLevel.of("team lead", Duration.ZERO, "lead-service"),
            EscalationLevel.of("department manager", Duration.ZERO, "head-of-service")));
    ServiceCase late = open(desk, "nobody answered");
    clock.advance(Duration.between(OPENED, RESPONSE_DUE).plusHours(1)); // and it stands still

    List<ServiceCase> first = desk.escalate();
    List<ServiceCase> second = desk.escalate();

    assertThat(first).extracting(ServiceCase::id).containsExactly(late.id());
    assertThat(first.get(0).escalationLevel()).isEqualTo(1);
    assertThat(second).isEmpty();
    assertThat(desk.get(late.id()).escalations()).hasSize(1);
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).escalation().notified()).containsExactly("lead-service");

    clock.advance(Duration.ofSeconds(1)); // a later run climbs the next level
    assertThat(desk.escalate()).extracting(ServiceCase::escalationLevel).containsExactly(2);
  }

  @Test
  void with_every_level_due_and_a_clock_that_stands_still_a_second_run_escalates_nothing() {
    SettableClock fixed = SettableClock.of(OPENED, ZoneOffset.UTC);
    ServiceDesk desk = ServiceDesk.create(crm, fixed, crm.events(), ServiceFixtures.SLA,
        ServiceFixtures.LADDER);
    ServiceCase a = open(desk, "first");
    ServiceCase b = open(desk, "second");
    fixed.set(RESOLUTION_DUE.plus(Duration.ofDays(3))); // every level of the ladder is due

    assertThat(desk.escalate()).extracting(ServiceCase::id).containsExactly(a.id(), b.id());
    assertThat(desk.escalate()).isEmpty();
    assertThat(desk.escalate()).isEmpty();
    assertThat(desk.get(a.id()).escalationLevel()).isEqualTo(1);
    assertThat(desk.get(b.id()).escalationLevel()).isEqualTo(1);
    assertThat(escalations).hasSize(2);
  }

  @Test
  void a_case_reopened_after_its_resolution_deadline_is_late_at_once_and_escalates() {
    // deadlines count from the opening, also after a reopen: a resolution that did not hold
    // was not a resolution in time
    ServiceDesk desk = ServiceFixtures.desk(crm, clock);
    ServiceCase c = open(desk, "rattles");
    clock.advance(Duration.ofHours(1));
    desk.start(c.id());
    desk.resolve(c.id(), "tightened the panel");
    clock.set(RESOLUTION_DUE.plus(Duration.ofHours(2)));
    assertThat(desk.escalate()).as("resolved in time: nothing to escalate").isEmpty();

    desk.reopen(c.id());

    assertThat(desk.missedDeadline(desk.get(c.id()), clock.instant())).contains(RESOLUTION_DUE);
    List<ServiceCase> run = desk.escalate();
    assertThat(run).extracting(ServiceCase::id).containsExactly(c.id());
    assertThat(run.get(0).escalations().get(0).missedDeadline()).isEqualTo(RESOLUTION_DUE);
  }

  @Test
  void an_overdue_case_climbs_the_ladder_one_level_per_run_when_each_level_is_due() {
    ServiceDesk desk = ServiceFixtures.desk(crm, clock);
    ServiceCase c = open(desk, "nobody answered");
    ServiceCase answered = open(desk, "answered in time");
    desk.start(answered.id());

    clock.advance(Duration.between(OPENED, RESPONSE_DUE));
    assertThat(desk.escalate()).as("at the deadline itself nothing is late yet").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    List<ServiceCase> run1 = desk.escalate();
    assertThat(run1).extracting(ServiceCase::id).containsExactly(c.id());
    Escalation e1 = run1.get(0).escalations().get(0);
    assertThat(e1).isEqualTo(new Escalation(1, "team lead", List.of("lead-service"),
        clock.instant(), RESPONSE_DUE));
    assertThat(desk.escalate()).isEmpty();

    clock.advance(Duration.ofHours(7)); // 7 h 1 min after the deadline: manager not due yet
    // but the answered case has missed its resolution deadline (16:00Z) and starts at level 1
    assertThat(desk.escalate()).extracting(ServiceCase::id).containsExactly(answered.id());
    clock.advance(Duration.ofHours(1));
    assertThat(desk.escalate()).extracting(ServiceCase::escalationLevel).containsExactly(2);
    assertThat(desk.get(answered.id()).escalationLevel()).isEqualTo(1);
    assertThat(desk.get(answered.id()).escalations().get(0).missedDeadline())
        .isEqualTo(RESOLUTION_DUE);

    clock.advance(Duration.ofHours(40));
    List<ServiceCase> run3 = desk.escalate();
    assertThat(desk.get(c.id()).escalationLevel()).isEqualTo(3);
    assertThat(desk.get(c.id()).escalations().get(2).notified())
        .containsExactly("coo", "ceo-office");
    assertThat(run3).isNotEmpty();

    clock.advance(Duration.ofDays(30));
    desk.escalate();
    assertThat(desk.get(c.id()).escalationLevel()).as("the top of the ladder").isEqualTo(3);
    assertThat(escalations).extracting(e -> e.escalation().level())
        .containsExactly(1, 1, 2, 3, 2, 3);
  }

  @Test
  void resolved_and_closed_cases_are_not_escalated() {
    ServiceDesk desk = ServiceFixtures.desk(crm, clock);
    ServiceCase c = open(desk, "quick fix");
    desk.start(c.id());
    desk.resolve(c.id(), "done");
    clock.advance(Duration.ofDays(10));
    assertThat(desk.escalate()).isEmpty();
    assertThat(desk.missedDeadline(desk.get(c.id()), clock.instant())).isEmpty();
  }

  @Test
  void the_ladder_must_be_ordered_and_notify_someone() {
    assertThatThrownBy(() -> EscalationPolicy.of(
        EscalationLevel.of("manager", Duration.ofHours(8), "m"),
        EscalationLevel.of("lead", Duration.ZERO, "l")))
        .hasMessageStartingWith("levels: 'lead after PT0S' is not valid");
    assertThatThrownBy(() -> EscalationLevel.of("lead", Duration.ZERO))
        .hasMessageStartingWith("recipients: '[]' is not valid");
  }
}
