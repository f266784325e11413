package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;
import static dev.crmkit.core.internal.Locking.locked;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Service cases and complaints: opens them for customers of a {@link Crm}, moves them through
 * their lifecycle, measures them against an {@link SlaPolicy}, escalates the overdue ones along
 * an {@link EscalationPolicy} and summarises complaints. Cases are kept in memory. Every change
 * is published on the event bus after it is stored; every time comes from the clock.
 *
 * <pre>{@code
 * ServiceDesk desk = ServiceDesk.create(crm, clock, crm.events(), sla, EscalationPolicy.standard());
 * ServiceCase c = desk.open(CaseRequest.of(annaId, CaseType.COMPLAINT, Priority.HIGH, Channel.HOTLINE)
 *     .owner("agent-3").subject("scratched rims"));
 * desk.escalate();   // run it from a scheduler; a second run at the same instant does nothing
 * desk.start(c.id());
 * desk.resolve(c.id(), "rims replaced", "warehouse handling");
 * }</pre>
 *
 * <p>Thread-safe: changes are serialised; events are delivered outside the lock.
 */
public final class ServiceDesk {

  private final Crm crm;
  private final Clock clock;
  private final EventBus events;
  private final SlaPolicy sla;
  private final EscalationPolicy escalation;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ServiceCase> cases = new TreeMap<>();
  // so that one customer's cases (export, erasure) are found without reading every case
  private final Map<CustomerId, Set<String>> byCustomer = new HashMap<>();
  private long sequence;

  private ServiceDesk(Crm crm, Clock clock, EventBus events, SlaPolicy sla,
      EscalationPolicy escalation) {
    this.crm = crm;
    this.clock = clock;
    this.events = events;
    this.sla = sla;
    this.escalation = escalation;
  }

  public static ServiceDesk create(Crm crm, Clock clock, EventBus events, SlaPolicy sla,
      EscalationPolicy escalation) {
    return new ServiceDesk(notNull("crm", crm), notNull("clock", clock),
        notNull("events", events), notNull("sla", sla), notNull("escalation", escalation));
  }

  public SlaPolicy sla() {
    return sla;
  }

  /**
   * Opens a case (id {@code CASE-000001}, counted per desk) for the live customer the request's
   * id resolves to.
   *
   * @throws dev.crmkit.core.UnknownCustomerException when the customer is unknown
   * @throws IllegalArgumentException when owner or subject is missing
   */
  public ServiceCase open(CaseRequest request) {
    notNull("request", request);
    if (request.owner == null) {
      throw invalid("owner", null, "an owner for every case; call owner(...)");
    }
    if (request.subject == null) {
      throw invalid("subject", null, "a subject; call subject(...)");
    }
    CustomerId live = crm.get(request.customerId).id();
    ServiceCase opened = change(() -> {
      String id = String.format("CASE-%06d", ++sequence);
      ServiceCase c = new ServiceCase(id, live, request.type, request.priority, request.channel,
          request.owner, request.subject, request.description, request.product,
          request.category, Optional.empty(), CaseStatus.OPEN, clock.instant(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
      cases.put(id, c);
      byCustomer.computeIfAbsent(live, k -> new TreeSet<>()).add(id);
      return c;
    });
    events.publish(new DomainEvent.CaseOpened(opened, opened.openedAt()));
    return opened;
  }

  /** OPEN to IN_PROGRESS: the owner has picked the case up; this is its first response. */
  public ServiceCase start(String caseId) {
    return update(caseId, c -> c.started(clock.instant()), true);
  }

  /** IN_PROGRESS to RESOLVED, with what was done. */
  public ServiceCase resolve(String caseId, String resolution) {
    return resolve(caseId, resolution, Optional.empty());
  }

  /** IN_PROGRESS to RESOLVED, with what was done and the root cause found. */
  public ServiceCase resolve(String caseId, String resolution, String rootCause) {
    return resolve(caseId, resolution, Optional.of(text("rootCause", rootCause)));
  }

  private ServiceCase resolve(String caseId, String resolution, Optional<String> rootCause) {
    text("resolution", resolution);
    return update(caseId, c -> c.resolved(resolution, rootCause, clock.instant()), true);
  }

  /** RESOLVED to CLOSED: final. */
  public ServiceCase close(String caseId) {
    return move(caseId, CaseStatus.CLOSED);
  }

  /** RESOLVED back to IN_PROGRESS: the resolution did not hold; it and its rating are cleared. */
  public ServiceCase reopen(String caseId) {
    return update(caseId, c -> c.reopened(clock.instant()), true);
  }

  /**
   * Moves a case to {@code target}.
   *
   * @throws IllegalStateException naming the current and the requested state when the lifecycle
   *     does not allow it (use {@link #resolve} to resolve: a resolution is required)
   */
  public ServiceCase move(String caseId, CaseStatus target) {
    notNull("target", target);
    if (target == CaseStatus.RESOLVED) {
      ServiceCase c = get(caseId);
      if (!c.status().canMoveTo(target)) {
        c.withStatus(target, clock.instant()); // throws the lifecycle message
      }
      throw new IllegalArgumentException("target: 'RESOLVED' needs a resolution; call resolve("
          + caseId + ", resolution)");
    }
    return update(caseId, c -> c.withStatus(target, clock.instant()), true);
  }

  /** Hands the case to another owner. */
  public ServiceCase reassign(String caseId, String owner) {
    String o = text("owner", owner);
    return update(caseId, c -> c.withOwner(o), false);
  }

  /** The customer's satisfaction with the resolution, 1 (very unhappy) to 5 (very happy). */
  public ServiceCase recordSatisfaction(String caseId, int csat) {
    if (csat < 1 || csat > 5) {
      throw invalid("satisfaction", csat, "1 to 5 (CSAT)");
    }
    return update(caseId, c -> c.withSatisfaction(csat), false);
  }

  /**
   * Escalates, one level each, every unresolved case that has missed its first-response or
   * resolution deadline and whose next level is due ({@code missed deadline + afterDeadline}),
   * notifies that level and publishes a {@link DomainEvent.CaseEscalated}. A case is escalated
   * at most once per instant, so a second run at the same instant escalates nothing.
   *
   * @return the escalated cases' new versions, in id order
   */
  public List<ServiceCase> escalate() {
    List<Escalation> made = new ArrayList<>();
    List<ServiceCase> escalated = change(() -> {
      Instant now = clock.instant();
      List<ServiceCase> out = new ArrayList<>();
      for (ServiceCase c : List.copyOf(cases.values())) {
        Optional<Escalation> e = nextEscalation(c, now);
        if (e.isPresent()) {
          ServiceCase updated = c.withEscalation(e.get());
          cases.put(c.id(), updated);
          out.add(updated);
          made.add(e.get());
        }
      }
      return out;
    });
    for (int i = 0; i < escalated.size(); i++) {
      events.publish(new DomainEvent.CaseEscalated(escalated.get(i), made.get(i),
          made.get(i).at()));
    }
    return escalated;
  }

  private Optional<Escalation> nextEscalation(ServiceCase c, Instant now) {
    if (!c.status().isUnresolved()) {
      return Optional.empty();
    }
    Optional<Instant> missed = missedDeadline(c, now);
    int next = c.escalationLevel() + 1;
    if (missed.isEmpty() || next > escalation.levels().size()) {
      return Optional.empty();
    }
    EscalationLevel level = escalation.levels().get(next - 1);
    if (now.isBefore(missed.get().plus(level.afterDeadline()))) {
      return Optional.empty();
    }
    if (!c.escalations().isEmpty()
        && !now.isAfter(c.escalations().get(c.escalations().size() - 1).at())) {
      return Optional.empty(); // already escalated at this instant (or the clock went back)
    }
    return Optional.of(new Escalation(next, level.name(), level.recipients(), now, missed.get()));
  }

  /** The earliest SLA deadline the case has missed by {@code now}, if any. */
  public Optional<Instant> missedDeadline(ServiceCase c, Instant now) {
    notNull("case", c);
    notNull("now", now);
    if (!c.status().isUnresolved()) {
      return Optional.empty();
    }
    Instant response = sla.firstResponseDue(c);
    if (c.firstResponseAt().isEmpty() && now.isAfter(response)) {
      return Optional.of(response);
    }
    Instant resolution = sla.resolutionDue(c);
    return now.isAfter(resolution) ? Optional.of(resolution) : Optional.empty();
  }

  /** @throws IllegalArgumentException when no case has the id */
  public ServiceCase get(String caseId) {
    return find(caseId).orElseThrow(() -> invalid("caseId", caseId, "the id of a case of this desk"));
  }

  public Optional<ServiceCase> find(String caseId) {
    notNull("caseId", caseId);
    return change(() -> Optional.ofNullable(cases.get(caseId)));
  }

  /** Every case, in id order. */
  public List<ServiceCase> cases() {
    return change(() -> List.copyOf(cases.values()));
  }

  /** The cases of the customer {@code id} is or was merged into (its merged records' too). */
  public List<ServiceCase> cases(CustomerId id) {
    Set<CustomerId> ids = crm.get(id).allIds();
    return change(() -> idsOf(ids).stream().map(cases::get).toList());
  }

  /** The ids of the cases of these customer ids, in id order; the caller holds the lock. */
  private Set<String> idsOf(Set<CustomerId> customerIds) {
    Set<String> found = new TreeSet<>();
    for (CustomerId c : customerIds) {
      found.addAll(byCustomer.getOrDefault(c, Set.of()));
    }
    return found;
  }

  /** Complaints opened in {@code [from, until)} by product, category and root cause. */
  public ComplaintSummary complaintSummary(Instant from, Instant until) {
    notNull("from", from);
    notNull("until", until);
    if (!from.isBefore(until)) {
      throw invalid("until", until, "an instant after from (" + from + ")");
    }
    List<ServiceCase> complaints = cases().stream()
        .filter(c -> c.type() == CaseType.COMPLAINT)
        .filter(c -> !c.openedAt().isBefore(from) && c.openedAt().isBefore(until))
        .toList();
    return new ComplaintSummary(from, until, complaints.size(),
        count(complaints, ServiceCase::product), count(complaints, ServiceCase::category),
        count(complaints, ServiceCase::rootCause));
  }

  private static Map<String, Long> count(List<ServiceCase> cases,
      Function<ServiceCase, Optional<String>> key) {
    Map<String, Long> counts = new TreeMap<>();
    for (ServiceCase c : cases) {
      counts.merge(key.apply(c).orElse(ComplaintSummary.NOT_RECORDED), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Replaces the free text (subject, description, resolution) of the customer's cases by
   * {@code replacement}; used by erasure. Types, products, categories, root causes, times and
   * ratings stay, so complaint summaries and SLA figures do not change.
   *
   * @return how many cases were changed
   */
  public int redactText(Set<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    String r = text("replacement", replacement);
    return change(() -> {
      Set<String> ids = idsOf(customerIds);
      for (String id : ids) {
        ServiceCase c = cases.get(id);
        cases.put(id, c.withText(r, c.description().isEmpty() ? "" : r,
            c.resolution().map(x -> r)));
      }
      return ids.size();
    });
  }

  private ServiceCase update(String caseId, UnaryOperator<ServiceCase> how, boolean statusEvent) {
    notNull("caseId", caseId);
    ServiceCase[] before = new ServiceCase[1];
    ServiceCase after = change(() -> {
      ServiceCase c = cases.get(caseId);
      if (c == null) {
        throw invalid("caseId", caseId, "the id of a case of this desk");
      }
      before[0] = c;
      ServiceCase u = how.apply(c);
      cases.put(caseId, u);
      return u;
    });
    if (statusEvent) {
      events.publish(new DomainEvent.CaseStatusChanged(after, before[0].status(),
          clock.instant()));
    } else {
      events.publish(new DomainEvent.CaseUpdated(after, clock.instant()));
    }
    return after;
  }

  private <T> T change(Supplier<T> body) {
    return locked(lock, body);
  }
}
