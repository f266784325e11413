package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.lost.Departure;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.service.CaseStatus;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Escalation;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SurveyResponse;
import dev.crmkit.core.survey.Surveys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every record the service desk, the surveys and the lost-customer desk keep in the store is
 * stored as its {@link CrmJson} form, so each must come back from it exactly, with every
 * optional part present and absent.
 */
class ServiceRecordsJsonTest {

  private static final ObjectMapper JSON = CrmJson.mapper();
  private static final CustomerId ANNA = CustomerId.of("C-000001");
  private static final Instant OPENED = Instant.parse("2026-12-07T08:00:00.123456789Z");

  private static <T> void roundTrips(RecordType<T> type, T value) throws Exception {
    String text = JSON.writeValueAsString(value);
    T back = JSON.readValue(text, type.javaType());
    assertThat(back).as(text).isEqualTo(value);
    assertThat(type.idOf(back)).isEqualTo(type.idOf(value));
    assertThat(type.customerOf(back)).isEqualTo(ANNA);
    assertThat(type.instantOf(back)).isEqualTo(type.instantOf(value));
  }

  static ServiceCase escalatedAndResolvedCase() {
    List<Escalation> history = List.of(
        new Escalation(1, "team lead", List.of("lead-service"), OPENED.plusSeconds(5 * 3600),
            OPENED.plusSeconds(4 * 3600)),
        new Escalation(2, "department manager", List.of("head-of-service", "qa@example.com"),
            OPENED.plusSeconds(12 * 3600), OPENED.plusSeconds(4 * 3600)));
    return new ServiceCase("CASE-000042", ANNA, CaseType.COMPLAINT, Priority.URGENT,
        Channel.HOTLINE, "agent-3", "paint chipped", "on the bonnet, \"deep\" scratch\nline 2",
        Optional.of("A-CLASS-180"), Optional.of("paint"), Optional.of("paint shop process"),
        CaseStatus.CLOSED, OPENED, Optional.of(OPENED.plusSeconds(13 * 3600)),
        Optional.of(OPENED.plusSeconds(30 * 3600)), Optional.of(OPENED.plusSeconds(40 * 3600)),
        Optional.of("bonnet repainted"), Optional.of(4), history);
  }

  @Test
  void service_cases_round_trip_with_their_escalation_history() throws Exception {
    ServiceCase closed = escalatedAndResolvedCase();
    roundTrips(ServiceDesk.CASES, closed);
    ServiceCase open = new ServiceCase("CASE-000001", ANNA, CaseType.INQUIRY, Priority.LOW,
        Channel.WEB, "agent-1", "opening hours", "", Optional.empty(), Optional.empty(),
        Optional.empty(), CaseStatus.OPEN, OPENED, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    roundTrips(ServiceDesk.CASES, open);

    JsonNode tree = JSON.readTree(JSON.writeValueAsString(closed));
    assertThat(tree.get("escalations")).hasSize(2);
    assertThat(tree.get("escalations").get(1).get("notified").get(1).asText())
        .isEqualTo("qa@example.com");
    assertThat(tree.has("escalationLevel")).as("derived, not stored").isFalse();
  }

  @Test
  void survey_answers_and_follow_ups_round_trip() throws Exception {
    roundTrips(Surveys.RESPONSES, new SurveyResponse("S-000007", ANNA, OPENED, Optional.of(4),
        Optional.of(9), "quick repair, friendly staff", Optional.of("CASE-000042"),
        Optional.of("O-000003")));
    roundTrips(Surveys.RESPONSES, new SurveyResponse("S-000008", ANNA, OPENED, Optional.empty(),
        Optional.of(0), "", Optional.empty(), Optional.empty()));
    roundTrips(Surveys.FOLLOW_UPS, new FollowUp("F-000002", ANNA, OPENED, "did the fix hold?",
        Optional.of("CASE-000042"), Optional.empty(), Optional.empty(), Optional.empty()));
    FollowUp done = new FollowUp("F-000003", ANNA, OPENED, "how is the car?", Optional.empty(),
        Optional.of("O-000003"), Optional.of(OPENED.plusSeconds(86_400)),
        Optional.of("happy, wants winter tyres"));
    roundTrips(Surveys.FOLLOW_UPS, done);
    assertThat(JSON.readValue(JSON.writeValueAsString(done), FollowUp.class).isDone()).isTrue();
  }

  @Test
  void departures_and_win_back_attempts_round_trip() throws Exception {
    roundTrips(LostCustomers.DEPARTURES, new Departure("D-000001", ANNA, OPENED, "price",
        "moved to a cheaper dealer"));
    roundTrips(LostCustomers.DEPARTURES, new Departure("D-000002", ANNA, OPENED, "moved", ""));
    for (WinBackAttempt.Outcome outcome : WinBackAttempt.Outcome.values()) {
      roundTrips(LostCustomers.WIN_BACKS, new WinBackAttempt("W-00000" + outcome.ordinal(), ANNA,
          OPENED, "10% voucher by letter", outcome, outcome == WinBackAttempt.Outcome.PENDING
              ? "" : "called back on " + OPENED));
    }
  }
}
