package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.EscalationLevel;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts on one database (two {@code Crm}s on the same H2 folder, each with its own
 * connection pool) run the escalation at the same instant: every overdue case is escalated
 * exactly once, with one event.
 */
class ServiceTwoInstancesTest {

  private static final Instant OPENED = Instant.parse("2026-12-07T08:00:00Z"); // Mon 09:00 Berlin
  private static final Instant RESPONSE_DUE = Instant.parse("2026-12-07T12:00:00Z");
  private static final int CASES = 60;
  // both levels are due at once, so only the one-escalation-per-instant rule keeps a case
  // from being escalated by both instances
  private static final EscalationPolicy BOTH_DUE = EscalationPolicy.of(
      EscalationLevel.of("team lead", Duration.ZERO, "lead-service"),
      EscalationLevel.of("department manager", Duration.ZERO, "head-of-service"));

  @TempDir Path dir;

  @Test
  void two_instances_escalating_at_once_escalate_each_overdue_case_once() throws Exception {
    SettableClock clock = SettableClock.of(OPENED, ZoneOffset.UTC);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Crm first = Crm.embedded(dir, clock); Crm second = Crm.embedded(dir, clock)) {
      AtomicInteger events = new AtomicInteger();
      first.events().subscribe(ServiceEvent.CaseEscalated.class, e -> events.incrementAndGet());
      second.events().subscribe(ServiceEvent.CaseEscalated.class, e -> events.incrementAndGet());
      ServiceDesk deskA = ServiceDesk.create(first, ServiceFixtures.SLA, BOTH_DUE);
      ServiceDesk deskB = ServiceDesk.create(second, ServiceFixtures.SLA, BOTH_DUE);
      Individual anna = first.register(Fixtures.anna());

      Set<String> overdue = new HashSet<>();
      for (int i = 0; i < CASES; i++) {
        ServiceDesk desk = i % 2 == 0 ? deskA : deskB;
        ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
            Channel.HOTLINE).owner("agent-" + i).subject("case " + i));
        overdue.add(c.id());
      }
      assertThat(overdue).as("ids unique across the two instances").hasSize(CASES);
      ServiceCase answered = deskB.open(CaseRequest.of(anna.id(), CaseType.INQUIRY,
          Priority.HIGH, Channel.WEB).owner("agent-x").subject("answered in time"));
      deskA.start(answered.id());
      clock.set(RESPONSE_DUE.plus(Duration.ofHours(1))); // and it stands still

      CyclicBarrier start = new CyclicBarrier(2);
      Future<List<ServiceCase>> runA = pool.submit(() -> {
        start.await();
        return deskA.escalate();
      });
      Future<List<ServiceCase>> runB = pool.submit(() -> {
        start.await();
        return deskB.escalate();
      });
      List<ServiceCase> a = runA.get(2, TimeUnit.MINUTES);
      List<ServiceCase> b = runB.get(2, TimeUnit.MINUTES);

      List<String> escalated = new ArrayList<>();
      a.forEach(c -> escalated.add(c.id()));
      b.forEach(c -> escalated.add(c.id()));
      assertThat(escalated).as("no case escalated by both").doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(overdue);
      for (String id : overdue) {
        assertThat(deskA.get(id).escalations()).as(id).hasSize(1);
        assertThat(deskB.get(id).escalationLevel()).as(id).isEqualTo(1);
      }
      assertThat(deskA.get(answered.id()).escalations()).isEmpty();

      first.relayEvents();
      second.relayEvents();
      assertThat(events).hasValue(CASES);
      assertThat(deskA.escalate()).isEmpty();
      assertThat(deskB.escalate()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
