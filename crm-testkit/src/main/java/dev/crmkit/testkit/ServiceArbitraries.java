package dev.crmkit.testkit;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.lost.Departure;
import dev.crmkit.core.lost.LostCustomerEvent;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.privacy.PrivacyEvent;
import dev.crmkit.core.service.CaseStatus;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Escalation;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SurveyEvent;
import dev.crmkit.core.survey.SurveyResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for the service, satisfaction and lost-customer types: cases in every status
 * with the times and texts that status requires (a resolved case has a resolution, a rating only
 * after it, escalations climb one level at a time), survey answers with at least one of CSAT,
 * NPS or text, follow-ups, departures, win-back attempts and their events.
 *
 * <pre>{@code
 * // in a jqwik test class
 * void survives_json(@ForAll("cases") ServiceCase c) { ... }            // annotated @Property
 * Arbitrary<ServiceCase> cases() { return ServiceArbitraries.serviceCases(); } // annotated @Provide
 * }</pre>
 */
public final class ServiceArbitraries {

  private ServiceArbitraries() {}

  private static Arbitrary<Duration> gaps() {
    return Arbitraries.longs().between(1, 60L * 24 * 30).map(Duration::ofMinutes);
  }

  private static Arbitrary<String> texts() {
    return Arbitraries.of("scratched rims", "brakes squeak", "late delivery", "rude staff",
        "invoice wrong", "app crashes");
  }

  private static Arbitrary<String> owners() {
    return Arbitraries.of("agent-1", "agent-2", "agent-3", "support-2");
  }

  public static Arbitrary<Escalation> escalations() {
    return Combinators.combine(Arbitraries.integers().between(1, 3),
            Arbitraries.of("team lead", "department manager", "executive"),
            Arbitraries.of("lead-service", "head-of-service", "coo").list().ofMinSize(1)
                .ofMaxSize(2),
            CrmArbitraries.instants(), gaps())
        .as((level, name, who, at, late) -> new Escalation(level, name, who, at,
            at.minus(late)));
  }

  /** Cases in any status, consistent with it. */
  public static Arbitrary<ServiceCase> serviceCases() {
    return CrmArbitraries.customerIds().flatMap(ServiceArbitraries::serviceCases);
  }

  public static Arbitrary<ServiceCase> serviceCases(CustomerId customerId) {
    Arbitrary<List<Object>> head = Combinators.combine(
            Arbitraries.integers().between(1, 999_999).map(n -> String.format("CASE-%06d", n)),
            Arbitraries.of(CaseType.class), Arbitraries.of(Priority.class),
            Arbitraries.of(Channel.class), owners(), texts(),
            Arbitraries.of("", "customer called twice"))
        .as((id, type, prio, channel, owner, subject, description) ->
            List.of(id, type, prio, channel, owner, subject, description));
    Arbitrary<List<Object>> tail = Combinators.combine(
            Arbitraries.of("WINTER-TYRES", "A-CLASS-180", "PHONE-X").optional(),
            Arbitraries.of("delivery", "quality", "billing").optional(),
            Arbitraries.of("warehouse handling", "supplier defect", "process gap").optional(),
            Arbitraries.of(CaseStatus.class), CrmArbitraries.instants(),
            gaps().list().ofSize(3), Arbitraries.integers().between(1, 5).optional(),
            Arbitraries.integers().between(0, 3))
        .as((product, category, cause, status, opened, steps, csat, levels) ->
            List.of(product, category, cause, status, opened, steps, csat, levels));
    return Combinators.combine(head, tail).as((h, t) -> build(customerId, h, t));
  }

  @SuppressWarnings("unchecked")
  private static ServiceCase build(CustomerId customerId, List<Object> h, List<Object> t) {
    CaseStatus status = (CaseStatus) t.get(3);
    Instant opened = (Instant) t.get(4);
    List<Duration> steps = (List<Duration>) t.get(5);
    Instant response = opened.plus(steps.get(0));
    Instant resolved = response.plus(steps.get(1));
    Instant closed = resolved.plus(steps.get(2));
    boolean isResolved = status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED;
    List<Escalation> escalations = new ArrayList<>();
    int levels = (Integer) t.get(7);
    for (int i = 1; i <= levels; i++) {
      escalations.add(new Escalation(i, "level " + i, List.of("lead-" + i),
          opened.plus(Duration.ofHours(i)), opened));
    }
    return new ServiceCase((String) h.get(0), customerId, (CaseType) h.get(1),
        (Priority) h.get(2), (Channel) h.get(3), (String) h.get(4), (String) h.get(5),
        (String) h.get(6), (Optional<String>) t.get(0), (Optional<String>) t.get(1),
        (Optional<String>) t.get(2), status, opened,
        status == CaseStatus.OPEN ? Optional.empty() : Optional.of(response),
        isResolved ? Optional.of(resolved) : Optional.empty(),
        status == CaseStatus.CLOSED ? Optional.of(closed) : Optional.empty(),
        isResolved ? Optional.of("fixed") : Optional.empty(),
        isResolved ? (Optional<Integer>) t.get(6) : Optional.empty(), escalations);
  }

  /** Answers with at least one of CSAT, NPS or text. */
  public static Arbitrary<SurveyResponse> surveyResponses() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999_999).map(n -> String.format("S-%06d", n)),
            CrmArbitraries.customerIds(), CrmArbitraries.instants(),
            Arbitraries.integers().between(1, 5).optional(),
            Arbitraries.integers().between(0, 10).optional(),
            Arbitraries.of("", "quick repair", "too expensive"),
            Arbitraries.of("CASE-000001", "CASE-000042").optional(),
            Arbitraries.of("O-000001", "O-000007").optional())
        .as((id, customer, at, csat, nps, text, caseId, orderId) ->
            new SurveyResponse(id, customer, at, csat,
                csat.isEmpty() && text.isEmpty() ? Optional.of(nps.orElse(7)) : nps, text,
                caseId, orderId));
  }

  public static Arbitrary<FollowUp> followUps() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999_999).map(n -> String.format("F-%06d", n)),
            CrmArbitraries.customerIds(), CrmArbitraries.instants(),
            Arbitraries.of("how is the car?", "did the fix hold?"),
            Arbitraries.of("CASE-000001").optional(), Arbitraries.of("O-000001").optional(),
            gaps().optional(), Arbitraries.of("satisfied", "no answer").optional())
        .as((id, customer, due, reason, caseId, orderId, doneAfter, outcome) ->
            new FollowUp(id, customer, due, reason, caseId, orderId,
                doneAfter.map(due::plus), doneAfter.isPresent() ? outcome : Optional.empty()));
  }

  public static Arbitrary<Departure> departures() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999_999).map(n -> String.format("D-%06d", n)),
            CrmArbitraries.customerIds(), CrmArbitraries.instants(),
            Arbitraries.of("price", "service", "moved", "competitor"),
            Arbitraries.of("", "cheaper dealer nearby"))
        .as(Departure::new);
  }

  public static Arbitrary<WinBackAttempt> winBackAttempts() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999_999).map(n -> String.format("W-%06d", n)),
            CrmArbitraries.customerIds(), CrmArbitraries.instants(),
            Arbitraries.of("10% voucher", "free service check"),
            Arbitraries.of(WinBackAttempt.Outcome.class), Arbitraries.of("", "call again in May"))
        .as(WinBackAttempt::new);
  }

  /** The service, satisfaction, lost-customer and privacy events. */
  public static Arbitrary<DomainEvent> events() {
    Arbitrary<Instant> at = CrmArbitraries.instants();
    return Arbitraries.oneOf(
        Combinators.combine(serviceCases(), at).as(ServiceEvent.CaseOpened::new),
        Combinators.combine(serviceCases(), Arbitraries.of(CaseStatus.class), at)
            .as(ServiceEvent.CaseStatusChanged::new),
        Combinators.combine(serviceCases(), at).as(ServiceEvent.CaseUpdated::new),
        Combinators.combine(serviceCases(), escalations(), at)
            .as(ServiceEvent.CaseEscalated::new),
        Combinators.combine(surveyResponses(), at).as(SurveyEvent.SurveyAnswered::new),
        Combinators.combine(followUps(), at).as(SurveyEvent.FollowUpScheduled::new),
        Combinators.combine(departures(), at).as(LostCustomerEvent.CustomerLeft::new),
        Combinators.combine(winBackAttempts(), at).as(LostCustomerEvent.WinBackAttempted::new),
        Combinators.combine(CrmArbitraries.customerIds(),
                CrmArbitraries.customerIds().set().ofMinSize(1).ofMaxSize(3), at)
            .as(PrivacyEvent.CustomerErased::new));
  }
}
