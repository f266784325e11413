package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SatisfactionComparison;
import dev.crmkit.core.survey.SatisfactionReport;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SurveysTest {

  /** The facade under test: in memory here, on H2 in {@link SurveysH2Test}. */
  Crm crm(java.time.Clock clock) {
    return Fixtures.crm(clock);
  }


  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  final Crm crm = crm(clock);
  private final ServiceDesk desk = ServiceFixtures.desk(crm, clock);
  private final Surveys surveys = Surveys.create(crm, desk, clock, crm.events());
  private final Individual anna = crm.register(Fixtures.anna());
  private final Individual ben = crm.register(Registration.individual("Ben Okafor"));

  @Test
  void nps_and_csat_on_a_worked_example() {
    // NPS: promoters answer 9-10, passives 7-8, detractors 0-6; NPS = %promoters - %detractors.
    // Ten answers 10, 9, 9, 9, 10, 8, 7, 7, 6, 3: 5 promoters, 3 passives, 2 detractors,
    // NPS = 50% - 20% = 30.
    int[] nps = {10, 9, 9, 9, 10, 8, 7, 7, 6, 3};
    for (int score : nps) {
      surveys.record(SurveyRequest.of(anna.id()).nps(score));
    }
    // CSAT 5, 4, 4, 3, 1: mean 17 / 5 = 3.4
    for (int score : new int[] {5, 4, 4, 3, 1}) {
      surveys.record(SurveyRequest.of(ben.id()).csat(score));
    }
    surveys.record(SurveyRequest.of(ben.id()).text("friendly staff")); // text only: counted once

    SatisfactionReport r = surveys.report(Fixtures.T0, Fixtures.T0.plusSeconds(1));
    assertThat(r.responses()).isEqualTo(16);
    assertThat(r.npsResponses()).isEqualTo(10);
    assertThat(r.promoters()).isEqualTo(5);
    assertThat(r.passives()).isEqualTo(3);
    assertThat(r.detractors()).isEqualTo(2);
    assertThat(r.nps()).contains(30.0);
    assertThat(r.csatResponses()).isEqualTo(5);
    assertThat(r.csatMean()).contains(3.4);
    assertThat(r.csatDistribution()).isEqualTo(Map.of(1, 1L, 2, 0L, 3, 1L, 4, 2L, 5, 1L));

    SatisfactionReport annaOnly = surveys.report(Set.of(anna.id()), Fixtures.T0,
        Fixtures.T0.plusSeconds(1));
    assertThat(annaOnly.responses()).isEqualTo(10);
    assertThat(annaOnly.csatMean()).isEmpty();
    assertThat(annaOnly.csatDistribution().values()).containsOnly(0L);
  }

  @Test
  void two_periods_compare_and_a_period_is_half_open() {
    surveys.record(SurveyRequest.of(anna.id()).nps(3).csat(2));
    Instant secondPeriod = Fixtures.T0.plus(Duration.ofDays(30));
    clock.advance(Duration.ofDays(30)); // exactly at the boundary: second period
    surveys.record(SurveyRequest.of(anna.id()).nps(10).csat(5));
    surveys.record(SurveyRequest.of(anna.id()).nps(8).csat(4));
    SatisfactionComparison c = surveys.compare(List.of(anna.id()), Fixtures.T0, secondPeriod,
        secondPeriod, secondPeriod.plus(Duration.ofDays(30)));
    assertThat(c.first().nps()).contains(-100.0);
    assertThat(c.second().nps()).contains(50.0);
    assertThat(c.npsChange()).contains(150.0);
    assertThat(c.csatChange()).contains(2.5);
    assertThatThrownBy(() -> surveys.report(secondPeriod, Fixtures.T0))
        .hasMessageStartingWith("until: '" + Fixtures.T0 + "' is not valid");
  }

  @Test
  void answers_are_checked_and_may_name_a_case_or_order_of_the_customer() {
    assertThatThrownBy(() -> SurveyRequest.of(anna.id()).nps(11))
        .hasMessage("nps: '11' is not valid; expected 0 to 10");
    assertThatThrownBy(() -> SurveyRequest.of(anna.id()).csat(0))
        .hasMessage("csat: '0' is not valid; expected 1 to 5");
    assertThatThrownBy(() -> surveys.record(SurveyRequest.of(anna.id())))
        .hasMessageContaining("a CSAT score, an NPS score or a text");
    ServiceCase bens = desk.open(CaseRequest.of(ben.id(), CaseType.INQUIRY, Priority.LOW,
        Channel.WEB).owner("agent-1").subject("opening hours"));
    assertThatThrownBy(() -> surveys.record(SurveyRequest.of(anna.id()).csat(4)
        .aboutCase(bens.id())))
        .hasMessageStartingWith("caseId: 'CASE-000001' is not valid; expected a case of"
            + " customer C-000001");
    assertThatThrownBy(() -> surveys.record(SurveyRequest.of(anna.id()).csat(4)
        .aboutOrder("O-404")))
        .hasMessageStartingWith("orderId: 'O-404' is not valid");
    assertThat(surveys.record(SurveyRequest.of(ben.id()).csat(5).aboutCase(bens.id())).caseId())
        .contains(bens.id());
  }

  @Test
  void follow_ups_are_listed_when_due_by_the_clock() {
    Order car = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "EUR")
        .line("A-CLASS-180", "cars", 1, Money.of("35000", "EUR"), Money.of("33500", "EUR")));
    ServiceCase repair = desk.open(CaseRequest.of(anna.id(), CaseType.REPAIR, Priority.NORMAL,
        Channel.SERVICE_STATION).owner("agent-2").subject("brakes squeak"));
    assertThatThrownBy(() -> surveys.followUpAfterCase(repair.id(), Duration.ofDays(7), "x"))
        .hasMessageContaining("a resolved case (it is OPEN)");
    desk.start(repair.id());
    clock.advance(Duration.ofDays(1));
    desk.resolve(repair.id(), "pads replaced");
    FollowUp afterCase = surveys.followUpAfterCase(repair.id(), Duration.ofDays(7),
        "did the fix hold?");
    FollowUp afterPurchase = surveys.followUpAfterPurchase(anna.id(), car.id(),
        Duration.ofDays(30), "how do you like the car?");
    assertThat(afterCase.dueAt()).isEqualTo(Fixtures.T0.plus(Duration.ofDays(8)));
    assertThat(afterPurchase.dueAt()).isEqualTo(Fixtures.T0.plus(Duration.ofDays(30)));

    assertThat(surveys.dueFollowUps()).isEmpty();
    clock.advance(Duration.ofDays(7)); // exactly due
    assertThat(surveys.dueFollowUps()).containsExactly(afterCase);
    clock.advance(Duration.ofDays(30));
    assertThat(surveys.dueFollowUps()).extracting(FollowUp::id)
        .containsExactly(afterCase.id(), afterPurchase.id());
    FollowUp done = surveys.completeFollowUp(afterCase.id(), "holds, customer happy");
    assertThat(done.doneAt()).contains(clock.instant());
    assertThat(surveys.dueFollowUps()).extracting(FollowUp::id)
        .containsExactly(afterPurchase.id());
    assertThatThrownBy(() -> surveys.completeFollowUp(afterCase.id(), "again"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already done");
    assertThatThrownBy(() -> surveys.followUpAfterPurchase(ben.id(), car.id(),
        Duration.ofDays(1), "x")).hasMessageContaining("an order of customer C-000002");
  }
}
