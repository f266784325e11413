package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.notFound;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.requiredClock;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
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
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.store.Records;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The sales side over a {@link Crm}: leads and their conversion into customers, opportunities
 * moving through a {@link Pipeline}, activities with due dates and reminders, funnel analysis
 * and large-deal alerts. Every timestamp comes from its {@link Clock} (by default the
 * facade's).
 *
 * <p>Leads, opportunities (with their stage history) and activities are kept in the facade's
 * store ({@link Crm#store()}, record types {@link #LEADS}, {@link #OPPORTUNITIES},
 * {@link #ACTIVITIES}), so they survive a restart and are shared by every process using the
 * same database. Each change is one transaction of the store that locks what it changes (two
 * processes moving the same opportunity wait for each other; a lead converts once); its events
 * go through the facade's outbox and reach the {@link EventBus} listeners after the commit.
 * Ids come from the store's counters ({@code L-000001}, {@code OP-000001}, {@code A-000001}):
 * they continue after a restart and are unique across processes. Thread-safe.
 *
 * <pre>{@code
 * Sales sales = Sales.builder(crm).pipeline(Pipeline.standard())
 *     .alert(LargeDealRule.above(Money.of("100000", "EUR"), Trigger.AMOUNT)).build();
 * Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB).email("ben@example.org"));
 * sales.qualify(lead.id());
 * Conversion c = sales.convert(lead.id(), Deal.of("Laptops", "agent-7", Money.of("4800", "EUR"), close));
 * sales.moveTo(c.opportunity().get().id(), "proposal");
 * }</pre>
 */
public final class Sales {

  /**
   * Leads, by capture time. A lead not yet converted is filed under the placeholder customer id
   * {@code lead:<lead id>} (no customer's); a converted one under its customer.
   */
  public static final RecordType<Lead> LEADS = RecordType.of("sales-lead", Lead.class,
      Lead::id, l -> l.customerId().orElseGet(() -> CustomerId.of("lead:" + l.id())),
      Lead::capturedAt);

  /** Opportunities with their stage history, by the time they were opened. */
  public static final RecordType<Opportunity> OPPORTUNITIES = RecordType.of("sales-opportunity",
      Opportunity.class, Opportunity::id, Opportunity::customerId, Opportunity::openedAt);

  /** Activities, by creation time. */
  public static final RecordType<Activity> ACTIVITIES = RecordType.of("sales-activity",
      Activity.class, Activity::id, Activity::customerId, Activity::createdAt);

  private final Crm crm;
  private final Clock clock;
  private final Pipeline pipeline;
  private final List<LargeDealRule> rules;
  private final Records<Lead> leads;
  private final Records<Opportunity> opportunities;
  private final Records<Activity> activities;

  private Sales(Builder b) {
    this.crm = b.crm;
    this.clock = b.clock;
    this.pipeline = b.pipeline;
    this.rules = List.copyOf(b.rules);
    this.leads = crm.store().records(LEADS);
    this.opportunities = crm.store().records(OPPORTUNITIES);
    this.activities = crm.store().records(ACTIVITIES);
  }

  public static Builder builder(Crm crm) {
    return new Builder(notNull("crm", crm));
  }

  /**
   * Configures {@link Sales}: the clock defaults to the facade's, the pipeline to
   * {@link Pipeline#standard()}; events always leave through the facade's outbox to
   * {@code crm.events()}.
   *
   * <pre>{@code
   * Sales.builder(crm).pipeline(p).alert(rule).build();
   * }</pre>
   */
  public static final class Builder {
    private final Crm crm;
    private Clock clock;
    private Pipeline pipeline = Pipeline.standard();
    private final List<LargeDealRule> rules = new ArrayList<>();

    private Builder(Crm crm) {
      this.crm = crm;
      this.clock = crm.clock();
    }

    public Builder clock(Clock value) {
      clock = notNull("clock", value);
      return this;
    }

    /**
     * Kept for compatibility: the only bus allowed is the facade's own ({@code crm.events()}),
     * since events are stored with each change and delivered by the facade after the commit.
     *
     * @throws IllegalArgumentException for any other bus
     */
    public Builder events(EventBus value) {
      notNull("events", value);
      if (value != crm.events()) {
        throw invalid("events", value, "the facade's own bus crm.events(): sales events are"
            + " stored with each change and delivered by the facade after the commit; subscribe"
            + " to crm.events() instead");
      }
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

    /**
     * Kept for compatibility; ids are always counted by the store ({@code L-000001},
     * {@code OP-000001}, {@code A-000001}), continuing after a restart.
     */
    public Builder sequentialIds() {
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
    return crm.inTransaction(() -> {
      Lead lead = request.toLead(nextId("L", "lead"), clock.instant());
      leads.add(lead);
      return lead;
    });
  }

  /** Marks a new (or disqualified) lead as worth pursuing. */
  public Lead qualify(String leadId) {
    return crm.inTransaction(() -> {
      Lead lead = lockLead(leadId);
      if (lead.status() == LeadStatus.CONVERTED) {
        throw invalid("leadId", leadId, "a lead not yet converted (it became customer "
            + lead.customerId().get() + ")");
      }
      Lead q = lead.withStatus(LeadStatus.QUALIFIED, Optional.empty());
      leads.update(q);
      return q;
    });
  }

  public Lead disqualify(String leadId, String reason) {
    String why = text("reason", reason);
    return crm.inTransaction(() -> {
      Lead lead = lockLead(leadId);
      if (lead.status() == LeadStatus.CONVERTED) {
        throw invalid("leadId", leadId, "a lead not yet converted (it became customer "
            + lead.customerId().get() + ")");
      }
      Lead d = lead.withStatus(LeadStatus.DISQUALIFIED, Optional.of(why));
      leads.update(d);
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
   * <p>One transaction: the lead is locked first, so two processes converting it at once convert
   * it once; the customer, contact, interaction, opportunity and lead are stored all or nothing.
   *
   * @throws IllegalArgumentException when the lead is unknown, not qualified or converted
   */
  private Conversion convert(String leadId, Optional<Deal> deal) {
    return crm.inTransaction(() -> {
      List<DomainEvent> toPublish = new ArrayList<>();
      Lead lead = lockLead(leadId);
      if (lead.status() != LeadStatus.QUALIFIED) {
        throw invalid("leadId", leadId, "a QUALIFIED lead to convert (it is " + lead.status()
            + (lead.status() == LeadStatus.NEW ? "; qualify it first)" : ")"));
      }
      // check everything before anything is written, so a refused conversion leaves no customer
      // behind (the in-memory store has no rollback)
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
      // the matched record is locked and read again, so that two conversions into the same
      // organization (in any process) pick their contact ids one after the other
      Optional<Customer> existing = matches.isEmpty() ? Optional.empty()
          : Optional.of(crm.store().customers().findByIdForUpdate(matches.get(0).id())
              .orElse(matches.get(0)));
      Optional<Contact> contact = lead.company().map(c -> contactFor(
          existing.map(Organization.class::cast).orElse(null), lead));
      deal.flatMap(Deal::contactId).ifPresent(wanted -> {
        boolean known = contact.map(Contact::id).equals(Optional.of(wanted))
            || existing.filter(c -> c instanceof Organization o && o.contact(wanted).isPresent())
                .isPresent();
        if (!known) {
          throw invalid("contactId", wanted, "one of the contacts of customer "
              + existing.map(c -> c.id().value()).orElse("(the new customer of lead "
              + lead.id() + ")"));
        }
      });

      Customer customer = existing.isPresent() ? existing.get() : crm.register(registration);
      Optional<String> contactId = contact.map(Contact::id);
      if (contact.isPresent() && ((Organization) customer).contact(contact.get().id()).isEmpty()) {
        crm.saveContact(customer.id(), contact.get());
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
          d = d.copy().withContact(contactId.get()); // the caller's deal stays as given
        }
        opened = Optional.of(openIn(customer.id(), d, Optional.of(lead.id()), toPublish));
      }
      Lead converted = lead.converted(customer.id(), contactId, opened.map(Opportunity::id),
          clock.instant());
      leads.update(converted);
      crm.publish(new SalesEvent.LeadConverted(converted, clock.instant()));
      toPublish.forEach(crm::publish);
      return new Conversion(converted, crm.get(customer.id()), existing.isPresent(), contactId,
          opened, matches.stream().skip(1).map(Customer::id).toList());
    });
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

  /**
   * The contact the lead's person is at the organization: an existing one with the lead's
   * e-mail, or a new one with the next free id {@code c-N} ({@code org} null: a new
   * organization, whose first contact it is). Nothing is saved here.
   */
  private static Contact contactFor(Organization org, Lead lead) {
    List<Contact> contacts = org == null ? List.of() : org.contacts();
    if (lead.email().isPresent()) {
      for (Contact c : contacts) {
        if (c.emails().contains(lead.email().get())) {
          return c;
        }
      }
    }
    Set<String> taken = new HashSet<>();
    contacts.forEach(c -> taken.add(c.id()));
    int n = contacts.size() + 1;
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
    return contact;
  }

  public Optional<Lead> lead(String leadId) {
    return leads.find(notNull("leadId", leadId));
  }

  /** Every lead, in capture order. */
  public List<Lead> leads() {
    return leads.all();
  }

  /** The leads converted into this customer or into any record merged into it. */
  public List<Lead> leadsOf(CustomerId customerId) {
    return leads.findByCustomers(crm.get(customerId).allIds());
  }

  /**
   * Replaces every lead converted into one of these customer ids by {@code redaction.apply(lead)}:
   * for erasing personal data ({@code Privacy.erase} calls it). The replacement must keep the
   * lead's id, status and customer. One transaction: all leads or none.
   *
   * @return how many leads changed
   * @throws IllegalArgumentException when a replacement changes the id, status or customer
   */
  public int redactLeads(Set<CustomerId> customerIds, UnaryOperator<Lead> redaction) {
    notNull("customerIds", customerIds);
    notNull("redaction", redaction);
    return crm.inTransaction(() -> {
      List<Lead> changed = new ArrayList<>();
      for (Lead found : leads.findByCustomers(customerIds)) {
        Lead before = leads.findForUpdate(found.id()).orElseThrow();
        if (before.customerId().filter(customerIds::contains).isEmpty()) {
          continue;
        }
        Lead after = checkedRedaction(before, redaction);
        if (!after.equals(before)) {
          changed.add(after);
        }
      }
      // written once every replacement is checked: a refused one changes nothing
      changed.forEach(leads::update);
      return changed.size();
    });
  }

  /**
   * The leads not converted (NEW, QUALIFIED or DISQUALIFIED) that identity resolution matches to
   * {@code customer}, by the rules a conversion uses: the e-mail, or name and phone, of a person;
   * the company number of a company. Reads every lead (erasure is rare; leads are not indexed by
   * e-mail or phone).
   */
  public List<Lead> unconvertedLeadsMatching(Customer customer) {
    notNull("customer", customer);
    List<Lead> out = new ArrayList<>();
    for (Lead lead : leads.all()) {
      if (lead.status() == LeadStatus.CONVERTED || lead.customerId().isPresent()) {
        continue;
      }
      Customer candidate = registrationOf(lead).toCustomer(CustomerId.of("lead:" + lead.id()),
          lead.capturedAt());
      if (!IdentityResolution.match(candidate, customer).isEmpty()) {
        out.add(lead);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Replaces the leads with these ids by {@code redaction.apply(lead)}, like
   * {@link #redactLeads(Set, UnaryOperator)} but chosen by id (for leads not converted, which
   * name no customer). One transaction: all leads or none.
   *
   * @return how many leads changed
   * @throws IllegalArgumentException when a lead is unknown or a replacement changes the id,
   *     status or customer
   */
  public int redactLeadsById(Collection<String> leadIds, UnaryOperator<Lead> redaction) {
    notNull("leadIds", leadIds);
    notNull("redaction", redaction);
    return crm.inTransaction(() -> {
      List<Lead> changed = new ArrayList<>();
      for (String id : new TreeSet<>(leadIds)) {
        Lead before = lockLead(id);
        Lead after = checkedRedaction(before, redaction);
        if (!after.equals(before)) {
          changed.add(after);
        }
      }
      changed.forEach(leads::update);
      return changed.size();
    });
  }

  private static Lead checkedRedaction(Lead before, UnaryOperator<Lead> redaction) {
    Lead after = notNull("redaction result", redaction.apply(before));
    if (!after.id().equals(before.id()) || after.status() != before.status()
        || !after.customerId().equals(before.customerId())) {
      throw invalid("redaction", after.id(), "a lead with the id, status and customer of "
          + before.id());
    }
    return after;
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
    return crm.inTransaction(() -> {
      List<DomainEvent> toPublish = new ArrayList<>();
      Opportunity o = openIn(customerId, deal, Optional.empty(), toPublish);
      toPublish.forEach(crm::publish);
      return o;
    });
  }

  /** Opens an opportunity in the running transaction; its events are added to the list. */
  private Opportunity openIn(CustomerId customerId, Deal deal, Optional<String> leadId,
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
    Opportunity o = new Opportunity(nextId("OP", "opportunity"), customer.id(),
        deal.contactId(), leadId, deal.name(), deal.owner(), deal.amount(),
        deal.expectedClose(), probability, stage,
        List.of(new StageChange(Optional.empty(), stage, now, Optional.empty())), Set.of());
    opportunities.add(o);
    toPublish.add(new SalesEvent.OpportunityOpened(o, now));
    for (LargeDealRule rule : rules) {
      if (rule.triggers().contains(LargeDealRule.Trigger.AMOUNT) && rule.isLarge(o.amount())) {
        toPublish.add(new SalesEvent.LargeDealAlert(o, LargeDealRule.Trigger.AMOUNT,
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

  /**
   * One stage change: the opportunity is locked, so a concurrent change (in this or another
   * process) is checked against the stage this one leaves it in, never against a stale one.
   */
  private Opportunity change(String opportunityId, String stage, BigDecimal probability,
      Optional<String> reason, boolean reopen, Set<String> orders) {
    return crm.inTransaction(() -> {
      Opportunity o = lockOpportunity(opportunityId);
      if (reopen) {
        pipeline.checkReopen(o.stage(), stage);
      } else {
        pipeline.checkMove(o.stage(), stage);
      }
      Set<String> linked = checkOrders(o, orders);
      Instant now = clock.instant();
      StageChange change = new StageChange(Optional.of(o.stage()), stage, now, reason);
      // an opportunity of a record merged since belongs to the survivor: stored and published so
      Opportunity next = o.withStage(change, probability).ofCustomer(liveOf(o));
      if (!linked.isEmpty()) {
        next = next.withOrders(linked);
      }
      opportunities.update(next);
      crm.publish(new SalesEvent.OpportunityStageChanged(next, change, now));
      for (LargeDealRule rule : rules) {
        if (rule.triggers().contains(LargeDealRule.Trigger.STAGE_CHANGE)
            && rule.isLarge(next.amount())) {
          crm.publish(new SalesEvent.LargeDealAlert(next,
              LargeDealRule.Trigger.STAGE_CHANGE, rule.threshold(), now));
        }
      }
      return next;
    });
  }

  /** Links more orders to a won opportunity. */
  public Opportunity linkOrders(String opportunityId, String... orderIds) {
    Set<String> ids = new TreeSet<>();
    for (String id : notNull("orderIds", orderIds)) {
      ids.add(text("orderId", id));
    }
    return crm.inTransaction(() -> {
      Opportunity o = lockOpportunity(opportunityId);
      if (!o.isWon()) {
        throw invalid("opportunityId", opportunityId, "a won opportunity to link orders to (it"
            + " is " + o.stage() + ")");
      }
      Set<String> all = new TreeSet<>(o.orderIds());
      all.addAll(checkOrders(o, ids));
      Opportunity next = o.withOrders(all).ofCustomer(liveOf(o));
      opportunities.update(next);
      return next;
    });
  }

  /** The live customer the opportunity's customer id resolves to (after a merge, the survivor). */
  private CustomerId liveOf(Opportunity o) {
    return crm.find(o.customerId()).map(Customer::id).orElse(o.customerId());
  }

  private Set<String> checkOrders(Opportunity o, Set<String> orderIds) {
    if (orderIds.isEmpty()) {
      return Set.of();
    }
    Set<CustomerId> owners = crm.get(o.customerId()).allIds();
    for (String id : orderIds) {
      Order order = crm.findOrder(id)
          .orElseThrow(() -> notFound("orderId", id, "the id of a recorded order"));
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
    return crm.inTransaction(() -> {
      Opportunity o = lockOpportunity(opportunityId);
      if (!o.isOpen()) {
        throw invalid("opportunityId", opportunityId, "an open opportunity (it is " + o.stage()
            + "; reopen it first)");
      }
      if (!amount.currency().equals(o.amount().currency())) {
        throw invalid("amount", amount, "an amount in the opportunity's currency "
            + o.amount().currency());
      }
      Opportunity next = o.withAmount(amount).ofCustomer(liveOf(o));
      opportunities.update(next);
      for (LargeDealRule rule : rules) {
        if (rule.triggers().contains(LargeDealRule.Trigger.AMOUNT) && rule.isLarge(amount)
            && !rule.isLarge(o.amount())) {
          crm.publish(new SalesEvent.LargeDealAlert(next, LargeDealRule.Trigger.AMOUNT,
              rule.threshold(), clock.instant()));
        }
      }
      return next;
    });
  }

  public Optional<Opportunity> opportunity(String opportunityId) {
    return opportunities.find(notNull("opportunityId", opportunityId));
  }

  /** Every opportunity, in the order opened. */
  public List<Opportunity> opportunities() {
    return opportunities.all();
  }

  /** The opportunities of this customer and of the records merged into it. */
  public List<Opportunity> opportunitiesOf(CustomerId customerId) {
    return opportunities.findByCustomers(crm.get(customerId).allIds());
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
    return crm.inTransaction(() -> {
      Customer c = crm.get(request.customerId());
      request.contactId().ifPresent(contact -> {
        if (!(c instanceof Organization org) || org.contact(contact).isEmpty()) {
          throw invalid("contactId", contact, "one of the contacts of customer " + c.id());
        }
      });
      request.opportunityId().ifPresent(id -> {
        Opportunity o = opportunities.find(id)
            .orElseThrow(() -> notFound("opportunityId", id, "the id of an opportunity"));
        if (!c.allIds().contains(o.customerId())) {
          throw invalid("opportunityId", id, "an opportunity of customer " + c.id()
              + " (it is customer " + o.customerId() + "'s)");
        }
      });
      Activity a = request.toActivity(nextId("A", "activity"), c.id(), clock.instant());
      activities.add(a);
      return a;
    });
  }

  public Activity complete(String activityId) {
    notNull("activityId", activityId);
    return crm.inTransaction(() -> {
      Activity a = activities.findForUpdate(activityId)
          .orElseThrow(() -> notFound("activityId", activityId, "the id of an activity"));
      if (a.isDone()) {
        throw invalid("activityId", activityId, "an activity not yet completed (completed at "
            + a.completedAt().get() + ")");
      }
      Activity done = a.completed(clock.instant());
      activities.update(done);
      return done;
    });
  }

  /** Open activities whose reminder time has come (by the clock), earliest reminder first. */
  public List<Activity> remindersDue() {
    Instant now = clock.instant();
    List<Activity> found = new ArrayList<>();
    activities.forEach(a -> {
      if (!a.isDone() && a.remindAt().map(t -> !t.isAfter(now)).orElse(false)) {
        found.add(a);
      }
    });
    found.sort(Comparator.comparing((Activity a) -> a.remindAt().get())
        .thenComparing(Activity::id));
    return List.copyOf(found);
  }

  /** Open activities whose due time has come (by the clock), earliest first. */
  public List<Activity> due() {
    Instant now = clock.instant();
    List<Activity> found = new ArrayList<>();
    activities.forEach(a -> {
      if (!a.isDone() && a.dueAt().map(t -> !t.isAfter(now)).orElse(false)) {
        found.add(a);
      }
    });
    found.sort(Comparator.comparing((Activity a) -> a.dueAt().get())
        .thenComparing(Activity::id));
    return List.copyOf(found);
  }

  /** The activities of this customer and of the records merged into it, in creation order. */
  public List<Activity> activitiesOf(CustomerId customerId) {
    return activities.findByCustomers(crm.get(customerId).allIds());
  }

  // ---------------------------------------------------------------- internals

  /** The lead, locked until the transaction ends. */
  private Lead lockLead(String leadId) {
    notNull("leadId", leadId);
    return leads.findForUpdate(leadId)
        .orElseThrow(() -> notFound("leadId", leadId, "the id of a captured lead"));
  }

  /** The opportunity, locked until the transaction ends. */
  private Opportunity lockOpportunity(String id) {
    notNull("opportunityId", id);
    return opportunities.findForUpdate(id)
        .orElseThrow(() -> notFound("opportunityId", id, "the id of an opportunity"));
  }

  /** {@code PREFIX-000042} from the store's counter {@code name}. */
  private String nextId(String prefix, String counter) {
    return String.format("%s-%06d", prefix, crm.store().sequences().next(counter));
  }
}
