package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.notFound;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.internal.ReadableIds;
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.store.Records;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Service cases and complaints: opens them for customers of a {@link Crm}, moves them through
 * their lifecycle, measures them against an {@link SlaPolicy}, escalates the overdue ones along
 * an {@link EscalationPolicy} and summarises complaints.
 *
 * <p>Cases, with their escalation history, are kept in the crm's store ({@link #CASES}): in
 * memory, or in a database where they survive a restart and are shared by every process using
 * it. Every change is one transaction of the store that locks the case it changes; its event is
 * stored with it and delivered on {@code crm.events()} after the commit. Case ids come from the
 * store's counter {@code case}, so they continue after a restart and stay unique across
 * processes. Every time comes from the clock.
 *
 * <pre>{@code
 * ServiceDesk desk = ServiceDesk.create(crm, sla, EscalationPolicy.standard());
 * ServiceCase c = desk.open(CaseRequest.of(annaId, CaseType.COMPLAINT, Priority.HIGH, Channel.HOTLINE)
 *     .owner("agent-3").subject("scratched rims"));
 * desk.escalate();   // run it from a scheduler; a second run at the same instant does nothing
 * desk.start(c.id());
 * desk.resolve(c.id(), "rims replaced", "warehouse handling");
 * }</pre>
 *
 * <p>Thread-safe, and safe when several processes share one database: {@link #escalate()} run
 * at the same instant by two of them escalates each case once.
 */
public final class ServiceDesk {

  /** The service cases, with their escalation history, in the crm's store. */
  public static final RecordType<ServiceCase> CASES = RecordType.of("service-case",
      ServiceCase.class, ServiceCase::id, ServiceCase::customerId, ServiceCase::openedAt);

  /** The store counter case ids are taken from. */
  static final String CASE_SEQUENCE = "case";

  private static final Comparator<ServiceCase> ID_ORDER =
      Comparator.comparing(ServiceCase::id, ReadableIds.ORDER);

  private final Crm crm;
  private final Clock clock;
  private final SlaPolicy sla;
  private final EscalationPolicy escalation;
  private final Records<ServiceCase> cases;

  private ServiceDesk(Crm crm, Clock clock, SlaPolicy sla, EscalationPolicy escalation) {
    this.crm = crm;
    this.clock = clock;
    this.sla = sla;
    this.escalation = escalation;
    this.cases = crm.store().records(CASES);
  }

  /** A desk on the crm's store, clock and event bus. */
  public static ServiceDesk create(Crm crm, SlaPolicy sla, EscalationPolicy escalation) {
    notNull("crm", crm);
    return new ServiceDesk(crm, crm.clock(), notNull("sla", sla),
        notNull("escalation", escalation));
  }

  /**
   * A desk on the crm's store whose times come from {@code clock}.
   *
   * @param events must be {@code crm.events()}: events leave through the crm's outbox after
   *     commit and are delivered there
   * @throws IllegalArgumentException when {@code events} is another bus
   */
  public static ServiceDesk create(Crm crm, Clock clock, EventBus events, SlaPolicy sla,
      EscalationPolicy escalation) {
    notNull("crm", crm);
    ReadableIds.sameBus(events, crm.events(), "ServiceDesk.create(crm, sla, escalation)");
    return new ServiceDesk(crm, notNull("clock", clock), notNull("sla", sla),
        notNull("escalation", escalation));
  }

  public SlaPolicy sla() {
    return sla;
  }

  /**
   * Opens a case (id {@code CASE-000001}, from the store's counter: it continues after a restart
   * and is unique across the processes sharing the store) for the live customer the request's
   * id resolves to.
   *
   * @throws dev.crmkit.core.base.UnknownCustomerException when the customer is unknown
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
    return crm.inTransaction(() -> {
      CustomerId live = crm.get(request.customerId).id();
      String id = ReadableIds.format("CASE", crm.store().sequences().next(CASE_SEQUENCE));
      ServiceCase c = new ServiceCase(id, live, request.type, request.priority, request.channel,
          request.owner, request.subject, request.description, request.product,
          request.category, Optional.empty(), CaseStatus.OPEN, clock.instant(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
      cases.add(c);
      crm.publish(new ServiceEvent.CaseOpened(c, c.openedAt()));
      return c;
    });
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
   * notifies that level and publishes a {@link ServiceEvent.CaseEscalated}. A case is escalated
   * at most once per instant, so a second run at the same instant escalates nothing, also when
   * another process sharing the database runs at the same time: each case is escalated in a
   * transaction of its own that locks it and checks it again.
   *
   * @return the escalated cases' new versions, in id order
   */
  public List<ServiceCase> escalate() {
    Instant now = clock.instant();
    List<String> candidates = new ArrayList<>();
    cases.forEach(c -> {
      if (nextEscalation(c, now).isPresent()) {
        candidates.add(c.id());
      }
    });
    candidates.sort(ReadableIds.ORDER);
    List<ServiceCase> out = new ArrayList<>();
    for (String id : candidates) {
      // read again under the case's lock: another run (here or in another process) may have
      // escalated it, or someone resolved it, since the scan
      Optional<ServiceCase> escalated = crm.inTransaction(() -> {
        Optional<ServiceCase> locked = cases.findForUpdate(id);
        Optional<Escalation> e = locked.flatMap(c -> nextEscalation(c, now));
        if (e.isEmpty()) {
          return Optional.<ServiceCase>empty();
        }
        ServiceCase updated = locked.get().withEscalation(e.get())
            .ofCustomer(liveOf(locked.get()));
        cases.update(updated);
        crm.publish(new ServiceEvent.CaseEscalated(updated, e.get(), e.get().at()));
        return Optional.of(updated);
      });
      escalated.ifPresent(out::add);
    }
    return List.copyOf(out);
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
    return find(caseId).orElseThrow(() -> notFound("caseId", caseId, "the id of a case of this desk"));
  }

  public Optional<ServiceCase> find(String caseId) {
    notNull("caseId", caseId);
    return cases.find(caseId);
  }

  /** Every case, in id order. */
  public List<ServiceCase> cases() {
    List<ServiceCase> all = new ArrayList<>(cases.all());
    all.sort(ID_ORDER);
    return List.copyOf(all);
  }

  /** The cases of the customer {@code id} is or was merged into (its merged records' too). */
  public List<ServiceCase> cases(CustomerId id) {
    return casesOf(crm.get(id).allIds());
  }

  /** The cases of these customer ids, in id order. */
  private List<ServiceCase> casesOf(Set<CustomerId> customerIds) {
    List<ServiceCase> found = new ArrayList<>(cases.findByCustomers(customerIds));
    found.sort(ID_ORDER);
    return List.copyOf(found);
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
   * ratings stay, so complaint summaries and SLA figures do not change. One transaction (or part
   * of the caller's), locking each case it changes.
   *
   * @return how many cases were changed
   */
  public int redactText(Set<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    String r = text("replacement", replacement);
    return crm.inTransaction(() -> {
      int n = 0;
      for (ServiceCase found : casesOf(customerIds)) {
        Optional<ServiceCase> locked = cases.findForUpdate(found.id());
        if (locked.isPresent()) {
          ServiceCase c = locked.get();
          cases.update(c.withText(r, c.description().isEmpty() ? "" : r,
              c.resolution().map(x -> r)));
          n++;
        }
      }
      return n;
    });
  }

  /** The live customer the case's customer id resolves to (after a merge, the survivor). */
  private CustomerId liveOf(ServiceCase c) {
    return crm.find(c.customerId()).map(x -> x.id()).orElse(c.customerId());
  }

  private ServiceCase update(String caseId, UnaryOperator<ServiceCase> how, boolean statusEvent) {
    notNull("caseId", caseId);
    return crm.inTransaction(() -> {
      ServiceCase before = cases.findForUpdate(caseId)
          .orElseThrow(() -> notFound("caseId", caseId, "the id of a case of this desk"));
      // checks the move first and throws before anything is written
      // a case of a record merged since belongs to the survivor: stored and published so
      ServiceCase after = how.apply(before).ofCustomer(liveOf(before));
      cases.update(after);
      crm.publish(statusEvent
          ? new ServiceEvent.CaseStatusChanged(after, before.status(), clock.instant())
          : new ServiceEvent.CaseUpdated(after, clock.instant()));
      return after;
    });
  }
}
