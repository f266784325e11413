package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.notFound;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.internal.ReadableIds;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.store.Records;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Satisfaction surveys and follow-up call-backs for the customers of a {@link Crm}: records
 * answers (CSAT, NPS, text), aggregates them over any set of customers and period, compares two
 * periods, and schedules call-backs after purchases or resolved cases, listing them when due by
 * its clock.
 *
 * <p>Answers ({@link #RESPONSES}) and follow-ups ({@link #FOLLOW_UPS}) are kept in the crm's
 * store, so in a database they survive a restart and are shared by every process using it.
 * Every change is one transaction of the store; its event is stored with it and delivered on
 * {@code crm.events()} after the commit. Ids come from the store's counters {@code survey} and
 * {@code follow_up}. Thread-safe.
 *
 * <pre>{@code
 * Surveys surveys = Surveys.create(crm);
 * surveys.record(SurveyRequest.of(annaId).nps(9));
 * SatisfactionReport r = surveys.report(Set.of(annaId), from, until);
 * }</pre>
 */
public final class Surveys {

  /** The survey answers in the crm's store. */
  public static final RecordType<SurveyResponse> RESPONSES = RecordType.of("survey-response",
      SurveyResponse.class, SurveyResponse::id, SurveyResponse::customerId,
      SurveyResponse::answeredAt);

  /** The follow-up call-backs in the crm's store, ordered by when they are due. */
  public static final RecordType<FollowUp> FOLLOW_UPS = RecordType.of("follow-up",
      FollowUp.class, FollowUp::id, FollowUp::customerId, FollowUp::dueAt);

  private static final Comparator<SurveyResponse> RESPONSE_ORDER =
      Comparator.comparing(SurveyResponse::id, ReadableIds.ORDER);
  private static final Comparator<FollowUp> FOLLOW_UP_ORDER =
      Comparator.comparing(FollowUp::id, ReadableIds.ORDER);

  private final Crm crm;
  private final ServiceDesk desk; // null: cases are read from the store
  private final Clock clock;
  private final Records<SurveyResponse> responses;
  private final Records<FollowUp> followUps;
  private final Records<ServiceCase> cases;

  private Surveys(Crm crm, ServiceDesk desk, Clock clock) {
    this.crm = crm;
    this.desk = desk;
    this.clock = clock;
    this.responses = crm.store().records(RESPONSES);
    this.followUps = crm.store().records(FOLLOW_UPS);
    this.cases = crm.store().records(ServiceDesk.CASES);
  }

  /**
   * Surveys on the crm's store, clock and event bus. Cases named by answers and follow-ups are
   * read from the same store, so NPS or CSAT alone needs no {@link ServiceDesk}.
   */
  public static Surveys create(Crm crm) {
    notNull("crm", crm);
    return new Surveys(crm, null, crm.clock());
  }

  /** Like {@link #create(Crm)}; case ids named by answers and follow-ups are checked at the desk. */
  public static Surveys create(Crm crm, ServiceDesk desk) {
    notNull("crm", crm);
    return new Surveys(crm, notNull("desk", desk), crm.clock());
  }

  /**
   * Surveys whose times come from {@code clock}; the desk is where case ids named by answers and
   * follow-ups are checked.
   *
   * @param events must be {@code crm.events()}: events leave through the crm's outbox after
   *     commit and are delivered there
   * @throws IllegalArgumentException when {@code events} is another bus
   */
  public static Surveys create(Crm crm, ServiceDesk desk, Clock clock, EventBus events) {
    notNull("crm", crm);
    ReadableIds.sameBus(events, crm.events(), "Surveys.create(crm, desk)");
    return new Surveys(crm, notNull("desk", desk), notNull("clock", clock));
  }

  /**
   * Records an answer (id {@code S-000001}, from the store's counter).
   *
   * @throws IllegalArgumentException when a named case or order is unknown or belongs to
   *     another customer
   */
  public SurveyResponse record(SurveyRequest request) {
    notNull("request", request);
    return crm.inTransaction(() -> {
      Customer c = crm.get(request.customerId);
      request.caseId.ifPresent(id -> requireCaseOf(c, id));
      request.orderId.ifPresent(id -> requireOrderOf(c, id));
      SurveyResponse r = new SurveyResponse(
          ReadableIds.format("S", crm.store().sequences().next("survey")), c.id(),
          clock.instant(), request.csat, request.nps, request.text, request.caseId,
          request.orderId);
      responses.add(r);
      crm.publish(new SurveyEvent.SurveyAnswered(r, r.answeredAt()));
      return r;
    });
  }

  /** Every response, in id order. */
  public List<SurveyResponse> responses() {
    return sorted(responses.all(), RESPONSE_ORDER);
  }

  /** The responses of the customer {@code id} is or was merged into. */
  public List<SurveyResponse> responses(CustomerId id) {
    return sorted(responses.findByCustomers(crm.get(id).allIds()), RESPONSE_ORDER);
  }

  /** Satisfaction of every customer over {@code [from, until)}. */
  public SatisfactionReport report(Instant from, Instant until) {
    checkPeriod(from, until);
    return aggregate(from, until, responses());
  }

  /**
   * Satisfaction of these customers (and the records merged into them) over
   * {@code [from, until)}.
   */
  public SatisfactionReport report(Collection<CustomerId> customers, Instant from, Instant until) {
    notNull("customers", customers);
    checkPeriod(from, until);
    Set<CustomerId> ids = new HashSet<>();
    for (CustomerId id : customers) {
      ids.addAll(crm.get(id).allIds());
    }
    return aggregate(from, until, responses.findByCustomers(ids));
  }

  /** The same customers over two periods. */
  public SatisfactionComparison compare(Collection<CustomerId> customers, Instant firstFrom,
      Instant firstUntil, Instant secondFrom, Instant secondUntil) {
    return new SatisfactionComparison(report(customers, firstFrom, firstUntil),
        report(customers, secondFrom, secondUntil));
  }

  /** The aggregation itself, on any responses (those outside the period are left out). */
  public static SatisfactionReport aggregate(Instant from, Instant until,
      Collection<SurveyResponse> all) {
    checkPeriod(from, until);
    List<SurveyResponse> in = all.stream()
        .filter(r -> !r.answeredAt().isBefore(from) && r.answeredAt().isBefore(until)).toList();
    Map<Integer, Long> distribution = new TreeMap<>();
    for (int s = 1; s <= 5; s++) {
      distribution.put(s, 0L);
    }
    long csatN = 0;
    long csatSum = 0;
    long npsN = 0;
    long promoters = 0;
    long passives = 0;
    long detractors = 0;
    for (SurveyResponse r : in) {
      if (r.csat().isPresent()) {
        int s = r.csat().get();
        distribution.merge(s, 1L, Long::sum);
        csatN++;
        csatSum += s;
      }
      if (r.nps().isPresent()) {
        int s = r.nps().get();
        npsN++;
        if (s >= 9) {
          promoters++;
        } else if (s >= 7) {
          passives++;
        } else {
          detractors++;
        }
      }
    }
    Optional<Double> mean = csatN == 0 ? Optional.empty() : Optional.of((double) csatSum / csatN);
    Optional<Double> nps = npsN == 0 ? Optional.empty()
        : Optional.of(100.0 * (promoters - detractors) / npsN);
    return new SatisfactionReport(from, until, in.size(), csatN, mean, distribution, npsN,
        promoters, passives, detractors, nps);
  }

  // ------------------------------------------------------------------ follow-ups

  /** A call-back due at {@code dueAt}. */
  public FollowUp scheduleFollowUp(CustomerId customerId, Instant dueAt, String reason) {
    notNull("dueAt", dueAt);
    return schedule(crm.get(customerId), dueAt, reason, Optional.empty(), Optional.empty());
  }

  /** A call-back {@code after} the order was placed. */
  public FollowUp followUpAfterPurchase(CustomerId customerId, String orderId, Duration after,
      String reason) {
    Customer c = crm.get(customerId);
    Order o = requireOrderOf(c, orderId);
    return schedule(c, o.orderedAt().plus(nonNegative(after)), reason, Optional.empty(),
        Optional.of(orderId));
  }

  /** A call-back {@code after} the case was resolved. */
  public FollowUp followUpAfterCase(String caseId, Duration after, String reason) {
    ServiceCase sc = caseOf(caseId);
    Instant resolved = sc.resolvedAt().orElseThrow(() -> invalid("caseId", caseId,
        "a resolved case (it is " + sc.status() + ")"));
    return schedule(crm.get(sc.customerId()), resolved.plus(nonNegative(after)), reason,
        Optional.of(caseId), Optional.empty());
  }

  /** The follow-ups not done whose time has come by the clock, earliest first. */
  public List<FollowUp> dueFollowUps() {
    Instant now = clock.instant();
    return followUps().stream().filter(f -> !f.isDone() && !f.dueAt().isAfter(now))
        .sorted(Comparator.comparing(FollowUp::dueAt).thenComparing(FollowUp::id, ReadableIds.ORDER))
        .toList();
  }

  /** Marks a follow-up done with its outcome (once: the follow-up is locked while it is checked). */
  public FollowUp completeFollowUp(String followUpId, String outcome) {
    notNull("followUpId", followUpId);
    String o = text("outcome", outcome);
    return crm.inTransaction(() -> {
      FollowUp f = followUps.findForUpdate(followUpId).orElseThrow(() ->
          notFound("followUpId", followUpId, "the id of a scheduled follow-up"));
      if (f.isDone()) {
        throw new dev.crmkit.core.base.InvalidStateException("followUpId: " + followUpId + " was already done at "
            + f.doneAt().get());
      }
      FollowUp done = new FollowUp(f.id(), f.customerId(), f.dueAt(), f.reason(), f.caseId(),
          f.orderId(), Optional.of(clock.instant()), Optional.of(o));
      followUps.update(done);
      return done;
    });
  }

  /** Every follow-up, in id order. */
  public List<FollowUp> followUps() {
    return sorted(followUps.all(), FOLLOW_UP_ORDER);
  }

  /** The follow-ups of the customer {@code id} is or was merged into, in id order. */
  public List<FollowUp> followUps(CustomerId id) {
    return sorted(followUps.findByCustomers(crm.get(id).allIds()), FOLLOW_UP_ORDER);
  }

  private static <T> List<T> sorted(List<T> found, Comparator<T> order) {
    List<T> copy = new ArrayList<>(found);
    copy.sort(order);
    return List.copyOf(copy);
  }

  /**
   * Replaces the free text of the customers' answers and follow-up reasons by
   * {@code replacement}; used by erasure. Scores and times stay, so aggregates do not change.
   * One transaction (or part of the caller's), locking each item it changes.
   */
  public int redactText(Set<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    String r = text("replacement", replacement);
    return crm.inTransaction(() -> {
      int n = 0;
      for (SurveyResponse found : responses.findByCustomers(customerIds)) {
        Optional<SurveyResponse> locked = responses.findForUpdate(found.id());
        if (locked.isPresent() && !locked.get().text().isEmpty()) {
          SurveyResponse x = locked.get();
          responses.update(new SurveyResponse(x.id(), x.customerId(), x.answeredAt(), x.csat(),
              x.nps(), r, x.caseId(), x.orderId()));
          n++;
        }
      }
      for (FollowUp found : followUps.findByCustomers(customerIds)) {
        Optional<FollowUp> locked = followUps.findForUpdate(found.id());
        if (locked.isPresent()) {
          FollowUp f = locked.get();
          followUps.update(new FollowUp(f.id(), f.customerId(), f.dueAt(), r, f.caseId(),
              f.orderId(), f.doneAt(), f.outcome()));
          n++;
        }
      }
      return n;
    });
  }

  private FollowUp schedule(Customer c, Instant dueAt, String reason, Optional<String> caseId,
      Optional<String> orderId) {
    String why = text("reason", reason);
    return crm.inTransaction(() -> {
      FollowUp f = new FollowUp(
          ReadableIds.format("F", crm.store().sequences().next("follow_up")), c.id(), dueAt, why,
          caseId, orderId, Optional.empty(), Optional.empty());
      followUps.add(f);
      crm.publish(new SurveyEvent.FollowUpScheduled(f, clock.instant()));
      return f;
    });
  }

  private ServiceCase caseOf(String caseId) {
    notNull("caseId", caseId);
    Optional<ServiceCase> found = desk != null ? desk.find(caseId) : cases.find(caseId);
    return found.orElseThrow(() -> notFound("caseId", caseId, "the id of a case of this desk"));
  }

  private ServiceCase requireCaseOf(Customer c, String caseId) {
    ServiceCase sc = caseOf(caseId);
    if (!c.allIds().contains(sc.customerId())) {
      throw invalid("caseId", caseId, "a case of customer " + c.id() + " (it belongs to "
          + sc.customerId() + ")");
    }
    return sc;
  }

  private Order requireOrderOf(Customer c, String orderId) {
    text("orderId", orderId);
    return crm.findOrder(orderId).filter(o -> c.allIds().contains(o.customerId()))
        .orElseThrow(() -> invalid("orderId", orderId, "an order of customer " + c.id()));
  }

  private static Duration nonNegative(Duration after) {
    notNull("after", after);
    if (after.isNegative()) {
      throw invalid("after", after, "zero or a positive duration");
    }
    return after;
  }

  private static void checkPeriod(Instant from, Instant until) {
    notNull("from", from);
    notNull("until", until);
    if (!from.isBefore(until)) {
      throw invalid("until", until, "an instant after from (" + from + ")");
    }
  }
}
