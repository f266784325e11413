package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.requiredClock;
import static dev.crmkit.core.internal.Checks.text;
import static dev.crmkit.core.internal.Locking.locked;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerId;
import dev.crmkit.core.Money;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The sales side over a {@link Crm}: leads and their conversion into customers, opportunities
 * moving through a {@link Pipeline}, activities with due dates and reminders, funnel analysis
 * and large-deal alerts. Every timestamp comes from its {@link Clock}; changes are published on
 * its {@link EventBus} (by default the facade's) after they are stored.
 *
 * <p>Thread-safe: writes are serialised, reads see a consistent copy. Leads, opportunities and
 * activities are held in memory.
 *
 * <pre>{@code
 * Sales sales = Sales.builder(crm).clock(clock).pipeline(Pipeline.standard())
 *     .alert(LargeDealRule.above(Money.of("100000", "EUR"), Trigger.AMOUNT)).build();
 * Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB).email("ben@example.org"));
 * sales.qualify(lead.id());
 * Conversion c = sales.convert(lead.id(), Deal.of("Laptops", "agent-7", Money.of("4800", "EUR"), close));
 * sales.moveTo(c.opportunity().get().id(), "proposal");
 * }</pre>
 */
public final class Sales {

  private final Crm crm;
  private final Clock clock;
  private final EventBus events;
  private final Pipeline pipeline;
  private final List<LargeDealRule> rules;
  private final boolean sequentialIds;
  private final Map<String, AtomicLong> counters = new LinkedHashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Map<String, Lead> leads = new LinkedHashMap<>();
  private final Map<String, Opportunity> opportunities = new LinkedHashMap<>();
  private final Map<String, Activity> activities = new LinkedHashMap<>();

  private Sales(Builder b) {
    this.crm = b.crm;
    this.clock = b.clock;
    this.events = b.events == null ? b.crm.events() : b.events;
    this.pipeline = b.pipeline;
    this.rules = List.copyOf(b.rules);
    this.sequentialIds = b.sequentialIds;
  }

  public static Builder builder(Crm crm) {
    return new Builder(notNull("crm", crm));
  }

  /**
   * Configures {@link Sales}: the clock is required; the pipeline defaults to
   * {@link Pipeline#standard()}, the bus to the facade's, ids to random ones.
   *
   * <pre>{@code
   * Sales.builder(crm).clock(clock).pipeline(p).alert(rule).sequentialIds().build();
   * }</pre>
   */
  public static final class Builder {
    private final Crm crm;
    private Clock clock;
    private EventBus events;
    private Pipeline pipeline = Pipeline.standard();
    private final List<LargeDealRule> rules = new ArrayList<>();
    private boolean sequentialIds;

    private Builder(Crm crm) {
      this.crm = crm;
    }

    public Builder clock(Clock value) {
      clock = notNull("clock", value);
      return this;
    }

    public Builder events(EventBus value) {
      events = notNull("events", value);
      return this;
    }

    public Builder pipeline(Pipeline value) {
      pipeline = notNull("pipeline", value);
      return this;
    }

    /** Adds a large-deal rule; each rule that holds raises its own alert. */
    public Builder alert(LargeDealRule value) {
      rules.add(notNull("alert", value));
      return this;
    }

    /** Ids L-000001, OP-000001, A-000001... counted from 1: for tests and demonstrations. */
    public Builder sequentialIds() {
      sequentialIds = true;
      return this;
    }

    /** @throws IllegalStateException when no clock was set */
    public Sales build() {
      requiredClock(clock);
      return new Sales(this);
    }
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  // ---------------------------------------------------------------- leads

  public Lead capture(LeadRequest request) {
    notNull("request", request);
    return write(() -> {
      Lead lead = request.toLead(nextId("L"), clock.instant());
      leads.put(lead.id(), lead);
      return lead;
    });
  }

  /** Marks a new (or disqualified) lead as worth pursuing. */
  public Lead qualify(String leadId) {
    return write(() -> {
      Lead lead = requireLead(leadId);
      if (lead.status() == LeadStatus.CONVERTED) {
        throw invalid("leadId", leadId, "a lead not yet converted (it became customer "
            + lead.customerId().get() + ")");
      }
      Lead q = lead.withStatus(LeadStatus.QUALIFIED, Optional.empty());
      leads.put(q.id(), q);
      return q;
    });
  }

  public Lead disqualify(String leadId, String reason) {
    String why = text("reason", reason);
    return write(() -> {
      Lead lead = requireLead(leadId);
      if (lead.status() == LeadStatus.CONVERTED) {
        throw invalid("leadId", leadId, "a lead not yet converted (it became customer "
            + lead.customerId().get() + ")");
      }
      Lead d = lead.withStatus(LeadStatus.DISQUALIFIED, Optional.of(why));
      leads.put(d.id(), d);
      return d;
    });
  }

  /** Converts a qualified lead without opening an opportunity. */
  public Conversion convert(String leadId) {
    return convert(leadId, Optional.empty());
  }

  /** Converts a qualified lead and opens an opportunity for the customer. */
  public Conversion convert(String leadId, Deal deal) {
    return convert(leadId, Optional.of(notNull("deal", deal)));
  }

  /**
   * Converts a qualified lead: the customer is the live customer identity resolution matches
   * (by e-mail, or name and phone, for a person; by the company number for a company), or else a
   * new one; for a company the person becomes one of its contacts (an existing contact with the
   * same e-mail is reused). The lead's capture is logged as an interaction of the customer, at
   * its capture time and with its campaign, so the lead's history follows the customer.
   *
   * @throws IllegalArgumentException when the lead is unknown, not qualified or converted
   */
  private Conversion convert(String leadId, Optional<Deal> deal) {
    List<DomainEvent> toPublish = new ArrayList<>();
    Conversion conversion = write(() -> {
      Lead lead = requireLead(leadId);
      if (lead.status() != LeadStatus.QUALIFIED) {
        throw invalid("leadId", leadId, "a QUALIFIED lead to convert (it is " + lead.status()
            + (lead.status() == LeadStatus.NEW ? "; qualify it first)" : ")"));
      }
      // check the deal before anything is written, so a bad deal leaves no customer behind
      deal.ifPresent(d -> pipeline.checkOpening(
          d.stage().orElse(pipeline.stages().get(0).name())));
      Registration<?> registration = registrationOf(lead);
      Customer candidate = registration.toCustomer(CustomerId.of("lead:" + lead.id()),
          clock.instant());
      List<Customer> matches = candidate.keys().stream()
          .flatMap(k -> crm.findByKey(k).stream())
          .filter(c -> !IdentityResolution.match(candidate, c).isEmpty())
          .distinct()
          .sorted(Comparator.comparing(Customer::registeredAt).thenComparing(Customer::id))
          .toList();
      Customer customer = matches.isEmpty() ? crm.register(registration) : matches.get(0);
      Optional<String> contactId = Optional.empty();
      if (lead.company().isPresent()) {
        contactId = Optional.of(contactFor((Organization) customer, lead));
      }
      InteractionRequest capture = InteractionRequest.of(customer.id(), lead.source(),
              InteractionType.SALES_ACTIVITY, Direction.INBOUND)
          .occurredAt(lead.capturedAt())
          .notes("lead " + lead.id() + " captured" + (lead.notes().isEmpty() ? ""
              : ": " + lead.notes()))
          .outcome("converted into customer " + customer.id());
      lead.campaignId().ifPresent(capture::campaign);
      contactId.ifPresent(capture::contact);
      crm.logInteraction(capture);
      Optional<Opportunity> opened = Optional.empty();
      if (deal.isPresent()) {
        Deal d = deal.get();
        if (contactId.isPresent() && d.contactId().isEmpty()) {
          d = d.withContact(contactId.get());
        }
        opened = Optional.of(openLocked(customer.id(), d, Optional.of(lead.id()), toPublish));
      }
      Lead converted = lead.converted(customer.id(), contactId, opened.map(Opportunity::id),
          clock.instant());
      leads.put(converted.id(), converted);
      toPublish.add(0, new DomainEvent.LeadConverted(converted, clock.instant()));
      return new Conversion(converted, crm.get(customer.id()), !matches.isEmpty(), contactId,
          opened, matches.stream().skip(1).map(Customer::id).toList());
    });
    toPublish.forEach(events::publish);
    return conversion;
  }

  private static Registration<?> registrationOf(Lead lead) {
    if (lead.company().isPresent()) {
      var reg = Registration.organization(lead.company().get());
      lead.companyNationalId().ifPresent(n -> reg.nationalId(n.value()));
      return reg;
    }
    var reg = Registration.individual(lead.name());
    lead.email().ifPresent(e -> reg.email(e.value()));
    lead.phone().ifPresent(p -> reg.phone(p.value()));
    return reg;
  }

  private String contactFor(Organization org, Lead lead) {
    if (lead.email().isPresent()) {
      for (Contact c : org.contacts()) {
        if (c.emails().contains(lead.email().get())) {
          return c.id();
        }
      }
    }
    Set<String> taken = new HashSet<>();
    org.contacts().forEach(c -> taken.add(c.id()));
    int n = org.contacts().size() + 1;
    while (taken.contains("c-" + n)) {
      n++;
    }
    Contact contact = Contact.of("c-" + n, lead.name(), lead.role().get());
    if (lead.email().isPresent()) {
      contact = contact.withEmail(lead.email().get());
    }
    if (lead.phone().isPresent()) {
      contact = contact.withPhone(lead.phone().get());
    }
    crm.saveContact(org.id(), contact);
    return contact.id();
  }

  public Optional<Lead> lead(String leadId) {
    notNull("leadId", leadId);
    return read(() -> Optional.ofNullable(leads.get(leadId)));
  }

  /** Every lead, in capture order. */
  public List<Lead> leads() {
    return read(() -> List.copyOf(leads.values()));
  }

  /** The leads converted into this customer or into any record merged into it. */
  public List<Lead> leadsOf(CustomerId customerId) {
    Set<CustomerId> ids = crm.get(customerId).allIds();
    return read(() -> leads.values().stream()
        .filter(l -> l.customerId().map(ids::contains).orElse(false)).toList());
  }

  /**
   * Replaces every lead converted into one of these customer ids by {@code redaction.apply(lead)}:
   * for erasing personal data ({@code Privacy.erase} calls it). The replacement must keep the
   * lead's id, status and customer.
   *
   * @return how many leads changed
   * @throws IllegalArgumentException when a replacement changes the id, status or customer
   */
  public int redactLeads(Set<CustomerId> customerIds, UnaryOperator<Lead> redaction) {
    notNull("customerIds", customerIds);
    notNull("redaction", redaction);
    return write(() -> {
      int changed = 0;
      for (Lead before : List.copyOf(leads.values())) {
        if (before.customerId().filter(customerIds::contains).isEmpty()) {
          continue;
        }
        Lead after = notNull("redaction result", redaction.apply(before));
        if (!after.id().equals(before.id()) || after.status() != before.status()
            || !after.customerId().equals(before.customerId())) {
          throw invalid("redaction", after.id(), "a lead with the id, status and customer of "
              + before.id());
        }
        if (!after.equals(before)) {
          leads.put(after.id(), after);
          changed++;
        }
      }
      return changed;
    });
  }

  // ---------------------------------------------------------------- opportunities

  /**
   * Opens an opportunity for a live customer in the deal's stage (default: the first).
   *
   * @throws IllegalArgumentException when the stage may not be started in, or the contact is not
   *     one of the customer's
   */
  public Opportunity open(CustomerId customerId, Deal deal) {
    notNull("customerId", customerId);
    notNull("deal", deal);
    List<DomainEvent> toPublish = new ArrayList<>();
    Opportunity o = write(() -> openLocked(customerId, deal, Optional.empty(), toPublish));
    toPublish.forEach(events::publish);
    return o;
  }

  private Opportunity openLocked(CustomerId customerId, Deal deal, Optional<String> leadId,
      List<DomainEvent> toPublish) {
    Customer customer = crm.get(customerId);
    deal.contactId().ifPresent(contact -> {
      if (!(customer instanceof Organization org) || org.contact(contact).isEmpty()) {
        throw invalid("contactId", contact, "one of the contacts of customer " + customer.id());
      }
    });
    String stage = deal.stage().orElse(pipeline.stages().get(0).name());
    pipeline.checkOpening(stage);
    Instant now = clock.instant();
    BigDecimal probability = deal.probability()
        .orElse(pipeline.stage(stage).orElseThrow().probability());
    Opportunity o = new Opportunity(nextId("OP"), customer.id(), deal.contactId(), leadId,
        deal.name(), deal.owner(), deal.amount(), deal.expectedClose(), probability, stage,
        List.of(new StageChange(Optional.empty(), stage, now, Optional.empty())), Set.of());
    opportunities.put(o.id(), o);
    toPublish.add(new DomainEvent.OpportunityOpened(o, now));
    for (LargeDealRule rule : rules) {
      if (rule.triggers().contains(LargeDealRule.Trigger.AMOUNT) && rule.isLarge(o.amount())) {
        toPublish.add(new DomainEvent.LargeDealAlert(o, LargeDealRule.Trigger.AMOUNT,
            rule.threshold(), now));
      }
    }
    return o;
  }

  /** Moves an open opportunity to another open stage; the probability becomes the stage's. */
  public Opportunity moveTo(String opportunityId, String stage) {
    text("stage", stage);
    if (Pipeline.isFinal(stage)) {
      throw invalid("stage", stage, "an open stage; use win or lose to close an opportunity");
    }
    BigDecimal probability = pipeline.stage(stage)
        .orElseThrow(() -> invalid("stage", stage, "one of the pipeline's stages "
            + pipeline.allStageNames()))
        .probability();
    return change(opportunityId, stage, probability, Optional.empty(), false, Set.of());
  }

  /** Moves an open opportunity to another open stage with a probability of the rep's own. */
  public Opportunity moveTo(String opportunityId, String stage, String probability) {
    BigDecimal p = Stage.parse("probability", probability);
    if (Pipeline.isFinal(text("stage", stage))) {
      throw invalid("stage", stage, "an open stage; use win or lose to close an opportunity");
    }
    return change(opportunityId, stage, p, Optional.empty(), false, Set.of());
  }

  /**
   * Marks an opportunity won, linked to the orders it produced (more can be linked later).
   *
   * @throws IllegalArgumentException when an order is unknown or belongs to another customer
   */
  public Opportunity win(String opportunityId, String... orderIds) {
    Set<String> ids = new TreeSet<>();
    for (String id : notNull("orderIds", orderIds)) {
      ids.add(text("orderId", id));
    }
    return change(opportunityId, Pipeline.WON, BigDecimal.ONE, Optional.empty(), false, ids);
  }

  /** Marks an opportunity lost, with the reason (required). */
  public Opportunity lose(String opportunityId, String reason) {
    return change(opportunityId, Pipeline.LOST, BigDecimal.ZERO,
        Optional.of(text("reason", reason)), false, Set.of());
  }

  /** Reopens a won or lost opportunity in an open stage; the reason is recorded. */
  public Opportunity reopen(String opportunityId, String stage, String reason) {
    String why = text("reason", reason);
    BigDecimal probability = pipeline.stage(text("stage", stage))
        .map(Stage::probability).orElse(BigDecimal.ZERO);
    return change(opportunityId, stage, probability, Optional.of(why), true, Set.of());
  }

  private Opportunity change(String opportunityId, String stage, BigDecimal probability,
      Optional<String> reason, boolean reopen, Set<String> orders) {
    List<DomainEvent> toPublish = new ArrayList<>();
    Opportunity updated = write(() -> {
      Opportunity o = requireOpportunity(opportunityId);
      if (reopen) {
        pipeline.checkReopen(o.stage(), stage);
      } else {
        pipeline.checkMove(o.stage(), stage);
      }
      Set<String> linked = checkOrders(o, orders);
      Instant now = clock.instant();
      StageChange change = new StageChange(Optional.of(o.stage()), stage, now, reason);
      Opportunity next = o.withStage(change, probability);
      if (!linked.isEmpty()) {
        next = next.withOrders(linked);
      }
      opportunities.put(next.id(), next);
      toPublish.add(new DomainEvent.OpportunityStageChanged(next, change, now));
      for (LargeDealRule rule : rules) {
        if (rule.triggers().contains(LargeDealRule.Trigger.STAGE_CHANGE)
            && rule.isLarge(next.amount())) {
          toPublish.add(new DomainEvent.LargeDealAlert(next,
              LargeDealRule.Trigger.STAGE_CHANGE, rule.threshold(), now));
        }
      }
      return next;
    });
    toPublish.forEach(events::publish);
    return updated;
  }

  /** Links more orders to a won opportunity. */
  public Opportunity linkOrders(String opportunityId, String... orderIds) {
    Set<String> ids = new TreeSet<>();
    for (String id : notNull("orderIds", orderIds)) {
      ids.add(text("orderId", id));
    }
    return write(() -> {
      Opportunity o = requireOpportunity(opportunityId);
      if (!o.isWon()) {
        throw invalid("opportunityId", opportunityId, "a won opportunity to link orders to (it"
            + " is " + o.stage() + ")");
      }
      Set<String> all = new TreeSet<>(o.orderIds());
      all.addAll(checkOrders(o, ids));
      Opportunity next = o.withOrders(all);
      opportunities.put(next.id(), next);
      return next;
    });
  }

  private Set<String> checkOrders(Opportunity o, Set<String> orderIds) {
    if (orderIds.isEmpty()) {
      return Set.of();
    }
    Set<CustomerId> owners = crm.get(o.customerId()).allIds();
    for (String id : orderIds) {
      Order order = crm.findOrder(id)
          .orElseThrow(() -> invalid("orderId", id, "the id of a recorded order"));
      if (!owners.contains(order.customerId())) {
        throw invalid("orderId", id, "an order of customer " + o.customerId()
            + " (it is customer " + order.customerId() + "'s)");
      }
    }
    return orderIds;
  }

  /**
   * Changes the amount of an open opportunity; an AMOUNT rule raises an alert when the deal
   * becomes large by it.
   */
  public Opportunity changeAmount(String opportunityId, Money amount) {
    dev.crmkit.core.internal.Checks.nonNegative("amount", amount);
    List<DomainEvent> toPublish = new ArrayList<>();
    Opportunity updated = write(() -> {
      Opportunity o = requireOpportunity(opportunityId);
      if (!o.isOpen()) {
        throw invalid("opportunityId", opportunityId, "an open opportunity (it is " + o.stage()
            + "; reopen it first)");
      }
      if (!amount.currency().equals(o.amount().currency())) {
        throw invalid("amount", amount, "an amount in the opportunity's currency "
            + o.amount().currency());
      }
      Opportunity next = o.withAmount(amount);
      opportunities.put(next.id(), next);
      for (LargeDealRule rule : rules) {
        if (rule.triggers().contains(LargeDealRule.Trigger.AMOUNT) && rule.isLarge(amount)
            && !rule.isLarge(o.amount())) {
          toPublish.add(new DomainEvent.LargeDealAlert(next, LargeDealRule.Trigger.AMOUNT,
              rule.threshold(), clock.instant()));
        }
      }
      return next;
    });
    toPublish.forEach(events::publish);
    return updated;
  }

  public Optional<Opportunity> opportunity(String opportunityId) {
    notNull("opportunityId", opportunityId);
    return read(() -> Optional.ofNullable(opportunities.get(opportunityId)));
  }

  /** Every opportunity, in the order opened. */
  public List<Opportunity> opportunities() {
    return read(() -> List.copyOf(opportunities.values()));
  }

  /** The opportunities of this customer and of the records merged into it. */
  public List<Opportunity> opportunitiesOf(CustomerId customerId) {
    Set<CustomerId> ids = crm.get(customerId).allIds();
    return read(() -> opportunities.values().stream()
        .filter(o -> ids.contains(o.customerId())).toList());
  }

  /** The funnel of the opportunities the query selects, as of now (by the clock). */
  public FunnelReport funnel(FunnelQuery query) {
    notNull("query", query);
    return FunnelReport.compute(pipeline, opportunities(), query, clock.instant());
  }

  // ---------------------------------------------------------------- activities

  /**
   * Schedules (or logs) an activity for a live customer.
   *
   * @throws IllegalArgumentException when the contact or opportunity is not the customer's
   */
  public Activity schedule(ActivityRequest request) {
    notNull("request", request);
    return write(() -> {
      Customer c = crm.get(request.customerId());
      request.contactId().ifPresent(contact -> {
        if (!(c instanceof Organization org) || org.contact(contact).isEmpty()) {
          throw invalid("contactId", contact, "one of the contacts of customer " + c.id());
        }
      });
      request.opportunityId().ifPresent(id -> {
        Opportunity o = requireOpportunity(id);
        if (!c.allIds().contains(o.customerId())) {
          throw invalid("opportunityId", id, "an opportunity of customer " + c.id()
              + " (it is customer " + o.customerId() + "'s)");
        }
      });
      Activity a = request.toActivity(nextId("A"), c.id(), clock.instant());
      activities.put(a.id(), a);
      return a;
    });
  }

  public Activity complete(String activityId) {
    return write(() -> {
      Activity a = Optional.ofNullable(activities.get(notNull("activityId", activityId)))
          .orElseThrow(() -> invalid("activityId", activityId, "the id of an activity"));
      if (a.isDone()) {
        throw invalid("activityId", activityId, "an activity not yet completed (completed at "
            + a.completedAt().get() + ")");
      }
      Activity done = a.completed(clock.instant());
      activities.put(done.id(), done);
      return done;
    });
  }

  /** Open activities whose reminder time has come (by the clock), earliest reminder first. */
  public List<Activity> remindersDue() {
    Instant now = clock.instant();
    return read(() -> activities.values().stream()
        .filter(a -> !a.isDone() && a.remindAt().map(t -> !t.isAfter(now)).orElse(false))
        .sorted(Comparator.comparing((Activity a) -> a.remindAt().get())
            .thenComparing(Activity::id))
        .toList());
  }

  /** Open activities whose due time has come (by the clock), earliest first. */
  public List<Activity> due() {
    Instant now = clock.instant();
    return read(() -> activities.values().stream()
        .filter(a -> !a.isDone() && a.dueAt().map(t -> !t.isAfter(now)).orElse(false))
        .sorted(Comparator.comparing((Activity a) -> a.dueAt().get())
            .thenComparing(Activity::id))
        .toList());
  }

  /** The activities of this customer and of the records merged into it, in creation order. */
  public List<Activity> activitiesOf(CustomerId customerId) {
    Set<CustomerId> ids = crm.get(customerId).allIds();
    return read(() -> activities.values().stream()
        .filter(a -> ids.contains(a.customerId())).toList());
  }

  // ---------------------------------------------------------------- internals

  private Lead requireLead(String leadId) {
    notNull("leadId", leadId);
    Lead lead = leads.get(leadId);
    if (lead == null) {
      throw invalid("leadId", leadId, "the id of a captured lead");
    }
    return lead;
  }

  private Opportunity requireOpportunity(String id) {
    notNull("opportunityId", id);
    Opportunity o = opportunities.get(id);
    if (o == null) {
      throw invalid("opportunityId", id, "the id of an opportunity");
    }
    return o;
  }

  private String nextId(String prefix) {
    if (!sequentialIds) {
      return prefix + "-" + UUID.randomUUID();
    }
    long n = counters.computeIfAbsent(prefix, p -> new AtomicLong()).incrementAndGet();
    return String.format("%s-%06d", prefix, n);
  }

  private <T> T write(Supplier<T> change) {
    return locked(writeLock, change);
  }

  private <T> T read(Supplier<T> query) {
    // the maps are not concurrent: reads take the same lock, they are short copies
    return write(query);
  }
}
