package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.lost.Departure;
import dev.crmkit.core.lost.DepartureSummary;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SatisfactionReport;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.SurveyResponse;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host on the embedded database restarts: cases with their escalations, answers, follow-ups,
 * departures and win-back attempts are all there, and every id counter goes on from where it was.
 */
class ServiceRestartTest {

  // Monday 7 Dec 2026, 09:00 Berlin: first response due 12:00Z, resolution 16:00Z
  private static final Instant OPENED = Instant.parse("2026-12-07T08:00:00Z");
  private static final Instant RESPONSE_DUE = Instant.parse("2026-12-07T12:00:00Z");
  private static final Set<String> REASONS = Set.of("price", "service", "moved");

  @TempDir Path dir;
  private final SettableClock clock = SettableClock.of(OPENED, ZoneOffset.UTC);

  private record Parts(ServiceDesk desk, Surveys surveys, LostCustomers lost) {
    static Parts of(Crm crm) {
      ServiceDesk desk = ServiceDesk.create(crm, ServiceFixtures.SLA, ServiceFixtures.LADDER);
      return new Parts(desk, Surveys.create(crm, desk),
          LostCustomers.create(crm, LapseRule.after(Duration.ofDays(365)), REASONS));
    }
  }

  private static long number(String id) {
    return Long.parseLong(id.substring(id.indexOf('-') + 1));
  }

  @Test
  void everything_is_there_after_a_restart_and_ids_go_on() {
    CustomerId annaId;
    CustomerId benId;
    ServiceCase late;
    ServiceCase fixed;
    FollowUp afterCase;
    FollowUp afterPurchase;
    List<ServiceCase> cases;
    List<SurveyResponse> answers;
    List<FollowUp> followUps;
    List<Departure> departures;
    List<WinBackAttempt> winBacks;
    SatisfactionReport report;
    DepartureSummary summary;
    Instant from = OPENED;
    Instant until = OPENED.plus(Duration.ofDays(30));

    try (Crm crm = Crm.embedded(dir, clock)) {
      Parts p = Parts.of(crm);
      Individual anna = crm.register(Fixtures.anna());
      Individual ben = crm.register(Registration.individual("Ben Okafor"));
      annaId = anna.id();
      benId = ben.id();
      Order order = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "EUR")
          .line("A-CLASS-180", "cars", 1, Money.of("30000", "EUR"), Money.of("28500", "EUR")));
      late = p.desk().open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
          Channel.HOTLINE).owner("agent-3").subject("paint chipped").product("A-CLASS-180"));
      fixed = p.desk().open(CaseRequest.of(ben.id(), CaseType.REPAIR, Priority.NORMAL,
          Channel.SERVICE_STATION).owner("agent-4").subject("brakes squeak"));
      p.desk().start(fixed.id());

      clock.set(RESPONSE_DUE.plus(Duration.ofHours(1)));
      assertThat(p.desk().escalate()).extracting(ServiceCase::id).containsExactly(late.id());
      p.desk().resolve(fixed.id(), "pads replaced", "worn pads");
      p.desk().recordSatisfaction(fixed.id(), 5);
      p.surveys().record(SurveyRequest.of(ben.id()).csat(5).nps(10).text("quick")
          .aboutCase(fixed.id()));
      p.surveys().record(SurveyRequest.of(anna.id()).nps(3).aboutOrder(order.id()));
      afterCase = p.surveys().followUpAfterCase(fixed.id(), Duration.ofDays(7), "did it hold?");
      afterPurchase = p.surveys().followUpAfterPurchase(anna.id(), order.id(),
          Duration.ofHours(1), "how is the car?");
      p.surveys().completeFollowUp(afterPurchase.id(), "happy");
      p.lost().recordDeparture(anna.id(), "price", "cheaper elsewhere");
      p.lost().recordWinBack(anna.id(), "10% voucher", WinBackAttempt.Outcome.PENDING, "sent");

      cases = p.desk().cases();
      answers = p.surveys().responses();
      followUps = p.surveys().followUps();
      departures = p.lost().departures(anna.id());
      winBacks = p.lost().winBacks(anna.id());
      report = p.surveys().report(from, until);
      summary = p.lost().summary(from, until);
      assertThat(cases).hasSize(2);
      assertThat(answers).hasSize(2);
      assertThat(followUps).hasSize(2);
      assertThat(crm.store().outbox().pending()).isZero();
    }

    try (Crm crm = Crm.embedded(dir, clock)) {
      Parts p = Parts.of(crm);
      assertThat(p.desk().cases()).isEqualTo(cases);
      assertThat(p.desk().get(late.id()).escalations()).hasSize(1);
      assertThat(p.desk().get(fixed.id()).satisfaction()).contains(5);
      assertThat(p.desk().cases(annaId)).extracting(ServiceCase::id).containsExactly(late.id());
      assertThat(p.surveys().responses()).isEqualTo(answers);
      assertThat(p.surveys().responses(benId)).extracting(SurveyResponse::caseId)
          .containsExactly(java.util.Optional.of(fixed.id()));
      assertThat(p.surveys().followUps()).isEqualTo(followUps);
      assertThat(p.lost().departures(annaId)).isEqualTo(departures);
      assertThat(p.lost().winBacks(annaId)).isEqualTo(winBacks);
      assertThat(p.surveys().report(from, until)).isEqualTo(report);
      assertThat(p.lost().summary(from, until)).isEqualTo(summary);

      // the escalation history came back: the same instant escalates nothing again
      assertThat(p.desk().escalate()).isEmpty();
      // a follow-up done before the restart stays done
      assertThatThrownBy(() -> p.surveys().completeFollowUp(afterPurchase.id(), "again"))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already done");
      clock.advance(Duration.ofDays(7));
      assertThat(p.surveys().dueFollowUps()).extracting(FollowUp::id)
          .containsExactly(afterCase.id());
      // the ladder goes on from level 1
      assertThat(p.desk().escalate()).extracting(ServiceCase::escalationLevel)
          .containsExactly(2);

      // every counter goes on: no id is handed out twice
      ServiceCase next = p.desk().open(CaseRequest.of(annaId, CaseType.INQUIRY, Priority.LOW,
          Channel.WEB).owner("agent-1").subject("opening hours"));
      assertThat(next.id()).matches("CASE-\\d{6}");
      assertThat(number(next.id())).isGreaterThan(number(fixed.id()));
      assertThat(number(p.surveys().record(SurveyRequest.of(annaId).csat(3)).id()))
          .isGreaterThan(answers.stream().mapToLong(a -> number(a.id())).max().orElseThrow());
      assertThat(number(p.surveys().scheduleFollowUp(annaId, clock.instant(), "call").id()))
          .isGreaterThan(number(afterPurchase.id()));
      assertThat(number(p.lost().recordDeparture(benId, "moved", "").id()))
          .isGreaterThan(number(departures.get(0).id()));
      assertThat(number(p.lost().recordWinBack(annaId, "call", WinBackAttempt.Outcome.DECLINED,
          "").id())).isGreaterThan(number(winBacks.get(0).id()));
      assertThat(p.desk().cases()).hasSize(3);
    }
  }
}
