package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;
import static dev.crmkit.core.internal.Locking.locked;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Satisfaction surveys and follow-up call-backs for the customers of a {@link Crm}: records
 * answers (CSAT, NPS, text), aggregates them over any set of customers and period, compares two
 * periods, and schedules call-backs after purchases or resolved cases, listing them when due by
 * its clock. Kept in memory; every change is published on the event bus.
 *
 * <pre>{@code
 * Surveys surveys = Surveys.create(crm, desk, clock, crm.events());
 * surveys.record(SurveyRequest.of(annaId).nps(9));
 * SatisfactionReport r = surveys.report(Set.of(annaId), from, until);
 * }</pre>
 */
public final class Surveys {

  private final Crm crm;
  private final ServiceDesk desk;
  private final Clock clock;
  private final EventBus events;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, SurveyResponse> responses = new TreeMap<>();
  private final Map<String, FollowUp> followUps = new TreeMap<>();
  // so that one customer's items (export, erasure) are found without reading all of them
  private final Map<CustomerId, Set<String>> responsesOf = new HashMap<>();
  private final Map<CustomerId, Set<String>> followUpsOf = new HashMap<>();
  private long responseSeq;
  private long followUpSeq;

  private Surveys(Crm crm, ServiceDesk desk, Clock clock, EventBus events) {
    this.crm = crm;
    this.desk = desk;
    this.clock = clock;
    this.events = events;
  }

  /** The desk is where case ids named by answers and follow-ups are checked. */
  public static Surveys create(Crm crm, ServiceDesk desk, Clock clock, EventBus events) {
    return new Surveys(notNull("crm", crm), notNull("desk", desk), notNull("clock", clock),
        notNull("events", events));
  }

  /**
   * Records an answer (id {@code S-000001}, counted per instance).
   *
   * @throws IllegalArgumentException when a named case or order is unknown or belongs to
   *     another customer
   */
  public SurveyResponse record(SurveyRequest request) {
    notNull("request", request);
    Customer c = crm.get(request.customerId);
    request.caseId.ifPresent(id -> requireCaseOf(c, id));
    request.orderId.ifPresent(id -> requireOrderOf(c, id));
    SurveyResponse r = change(() -> {
      SurveyResponse x = new SurveyResponse(String.format("S-%06d", ++responseSeq), c.id(),
          clock.instant(), request.csat, request.nps, request.text, request.caseId,
          request.orderId);
      responses.put(x.id(), x);
      responsesOf.computeIfAbsent(x.customerId(), k -> new TreeSet<>()).add(x.id());
      return x;
    });
    events.publish(new DomainEvent.SurveyAnswered(r, r.answeredAt()));
    return r;
  }

  /** Every response, in id order. */
  public List<SurveyResponse> responses() {
    return read(() -> List.copyOf(responses.values()));
  }

  /** The responses of the customer {@code id} is or was merged into. */
  public List<SurveyResponse> responses(CustomerId id) {
    Set<CustomerId> ids = crm.get(id).allIds();
    return read(() -> idsOf(responsesOf, ids).stream().map(responses::get).toList());
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
    return aggregate(from, until,
        responses().stream().filter(r -> ids.contains(r.customerId())).toList());
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
    ServiceCase sc = desk.get(caseId);
    Instant resolved = sc.resolvedAt().orElseThrow(() -> invalid("caseId", caseId,
        "a resolved case (it is " + sc.status() + ")"));
    return schedule(crm.get(sc.customerId()), resolved.plus(nonNegative(after)), reason,
        Optional.of(caseId), Optional.empty());
  }

  /** The follow-ups not done whose time has come by the clock, earliest first. */
  public List<FollowUp> dueFollowUps() {
    Instant now = clock.instant();
    return followUps().stream().filter(f -> !f.isDone() && !f.dueAt().isAfter(now))
        .sorted(Comparator.comparing(FollowUp::dueAt).thenComparing(FollowUp::id))
        .toList();
  }

  /** Marks a follow-up done with its outcome. */
  public FollowUp completeFollowUp(String followUpId, String outcome) {
    notNull("followUpId", followUpId);
    String o = text("outcome", outcome);
    return change(() -> {
      FollowUp f = followUps.get(followUpId);
      if (f == null) {
        throw invalid("followUpId", followUpId, "the id of a scheduled follow-up");
      }
      if (f.isDone()) {
        throw new IllegalStateException("followUpId: " + followUpId + " was already done at "
            + f.doneAt().get());
      }
      FollowUp done = new FollowUp(f.id(), f.customerId(), f.dueAt(), f.reason(), f.caseId(),
          f.orderId(), Optional.of(clock.instant()), Optional.of(o));
      followUps.put(f.id(), done);
      return done;
    });
  }

  public List<FollowUp> followUps() {
    return read(() -> List.copyOf(followUps.values()));
  }

  public List<FollowUp> followUps(CustomerId id) {
    Set<CustomerId> ids = crm.get(id).allIds();
    return read(() -> idsOf(followUpsOf, ids).stream().map(followUps::get).toList());
  }

  private static Set<String> idsOf(Map<CustomerId, Set<String>> index, Set<CustomerId> ids) {
    Set<String> found = new TreeSet<>();
    for (CustomerId c : ids) {
      found.addAll(index.getOrDefault(c, Set.of()));
    }
    return found;
  }

  /**
   * Replaces the free text of the customers' answers and follow-up reasons by
   * {@code replacement}; used by erasure. Scores and times stay, so aggregates do not change.
   */
  public int redactText(Set<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    String r = text("replacement", replacement);
    return change(() -> {
      int n = 0;
      for (String id : idsOf(responsesOf, customerIds)) {
        SurveyResponse x = responses.get(id);
        if (!x.text().isEmpty()) {
          responses.put(x.id(), new SurveyResponse(x.id(), x.customerId(), x.answeredAt(),
              x.csat(), x.nps(), r, x.caseId(), x.orderId()));
          n++;
        }
      }
      for (String id : idsOf(followUpsOf, customerIds)) {
        FollowUp f = followUps.get(id);
        followUps.put(f.id(), new FollowUp(f.id(), f.customerId(), f.dueAt(), r, f.caseId(),
            f.orderId(), f.doneAt(), f.outcome()));
        n++;
      }
      return n;
    });
  }

  private FollowUp schedule(Customer c, Instant dueAt, String reason, Optional<String> caseId,
      Optional<String> orderId) {
    String why = text("reason", reason);
    FollowUp f = change(() -> {
      FollowUp x = new FollowUp(String.format("F-%06d", ++followUpSeq), c.id(), dueAt, why,
          caseId, orderId, Optional.empty(), Optional.empty());
      followUps.put(x.id(), x);
      followUpsOf.computeIfAbsent(x.customerId(), k -> new TreeSet<>()).add(x.id());
      return x;
    });
    events.publish(new DomainEvent.FollowUpScheduled(f, clock.instant()));
    return f;
  }

  private ServiceCase requireCaseOf(Customer c, String caseId) {
    ServiceCase sc = desk.get(caseId);
    if (!c.allIds().contains(sc.customerId())) {
      throw invalid("caseId", caseId, "a case of customer " + c.id() + " (it belongs to "
          + sc.customerId() + ")");
    }
    return sc;
  }

  private Order requireOrderOf(Customer c, String orderId) {
    text("orderId", orderId);
    return crm.orders(c.id()).stream().filter(o -> o.id().equals(orderId)).findFirst()
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

  private <T> T change(Supplier<T> body) {
    return locked(lock, body);
  }

  private <T> T read(Supplier<T> body) {
    return change(body);
  }
}
