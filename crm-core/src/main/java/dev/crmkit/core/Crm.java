package dev.crmkit.core;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.requiredClock;
import static dev.crmkit.core.internal.Locking.locked;

import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.IndividualRegistration;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationRegistration;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.identity.IdentityKey;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.identity.Match;
import dev.crmkit.core.identity.MatchRule;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.MergeResult;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.repository.InMemoryCustomerRepository;
import dev.crmkit.core.repository.InMemoryInteractionRepository;
import dev.crmkit.core.repository.InMemoryOrderRepository;
import dev.crmkit.core.repository.InMemoryReturnRepository;
import dev.crmkit.core.repository.InteractionRepository;
import dev.crmkit.core.repository.OrderRepository;
import dev.crmkit.core.repository.ReturnRepository;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The facade hosts use: register customers, find them by id, code or identity key, match and
 * merge duplicates, record purchases and returns, log interactions, read timelines and
 * histories. Every timestamp it makes comes from its {@link Clock}; every change it stores is
 * then published on its {@link EventBus}.
 *
 * <p>Thread-safe: writes are serialised (so that a merge or a return is checked and stored as
 * one step), reads run concurrently. Events are delivered after the write, outside the lock, so
 * a listener may call back into the facade.
 *
 * <pre>{@code
 * Crm crm = Crm.inMemory(Clock.systemUTC());
 * Individual anna = crm.register(Registration.individual("Anna Schmidt").email("anna@example.com"));
 * crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
 *     .line("SKU-1", "phones", 1, Money.of("699", "EUR"), Money.of("649", "EUR")));
 * crm.timeline(anna.id()).entries().forEach(e -> System.out.println(e.summary()));
 * }</pre>
 */
public final class Crm {

  private final Clock clock;
  private final CustomerRepository customers;
  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final InteractionRepository interactions;
  private final EventBus events;
  private final IdGenerator ids;
  private final ReentrantLock writeLock = new ReentrantLock();

  private Crm(Builder b) {
    this.clock = b.clock;
    this.customers = b.customers;
    this.orders = b.orders;
    this.returns = b.returns;
    this.interactions = b.interactions;
    this.events = b.events;
    this.ids = b.ids;
  }

  /** A facade over fresh in-memory repositories and a new event bus. */
  public static Crm inMemory(Clock clock) {
    return builder().clock(clock).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link Crm}. The clock is required; repositories default to in-memory ones,
   * the event bus to a new one, ids to {@link IdGenerator#random()}.
   *
   * <pre>{@code
   * Crm crm = Crm.builder().clock(clock).customers(myRepo).events(bus).build();
   * }</pre>
   */
  public static final class Builder {
    private Clock clock;
    private CustomerRepository customers = new InMemoryCustomerRepository();
    private OrderRepository orders = new InMemoryOrderRepository();
    private ReturnRepository returns = new InMemoryReturnRepository();
    private InteractionRepository interactions = new InMemoryInteractionRepository();
    private EventBus events = EventBus.create();
    private IdGenerator ids = IdGenerator.random();

    private Builder() {}

    public Builder clock(Clock value) {
      clock = notNull("clock", value);
      return this;
    }

    public Builder customers(CustomerRepository value) {
      customers = notNull("customers", value);
      return this;
    }

    public Builder orders(OrderRepository value) {
      orders = notNull("orders", value);
      return this;
    }

    public Builder returns(ReturnRepository value) {
      returns = notNull("returns", value);
      return this;
    }

    public Builder interactions(InteractionRepository value) {
      interactions = notNull("interactions", value);
      return this;
    }

    public Builder events(EventBus value) {
      events = notNull("events", value);
      return this;
    }

    public Builder ids(IdGenerator value) {
      ids = notNull("ids", value);
      return this;
    }

    /** @throws IllegalStateException when no clock was set */
    public Crm build() {
      requiredClock(clock);
      return new Crm(this);
    }
  }

  /** The bus on which this facade publishes its events; subscribe listeners here. */
  public EventBus events() {
    return events;
  }

  // ---------------------------------------------------------------- customers

  public Individual register(IndividualRegistration registration) {
    return (Individual) registerAny(registration);
  }

  public Organization register(OrganizationRegistration registration) {
    return (Organization) registerAny(registration);
  }

  /**
   * Registers a person or an organization.
   *
   * @throws IllegalArgumentException when the requested id or the customer code is already used,
   *     or the parent organization is unknown
   */
  public Customer register(Registration<?> registration) {
    return registerAny(registration);
  }

  private Customer registerAny(Registration<?> registration) {
    notNull("registration", registration);
    Customer customer = write(() -> {
      CustomerId id = registration.requestedId()
          .orElseGet(() -> CustomerId.of(ids.next(IdGenerator.Kind.CUSTOMER)));
      if (customers.resolve(id).isPresent()) {
        throw invalid("id", id, "an id no other customer record has");
      }
      Customer c = registration.toCustomer(id, clock.instant());
      Optional<Customer> sameCode = customers.findByCode(c.code());
      if (sameCode.isPresent()) {
        throw invalid("code", c.code(),
            "a customer code not used by customer " + sameCode.get().id());
      }
      if (c instanceof Organization org && org.profile().parent().isPresent()) {
        requireLive("profile.parent", org.profile().parent().get());
      }
      customers.add(c);
      return c;
    });
    events.publish(new DomainEvent.CustomerRegistered(customer, customer.registeredAt()));
    return customer;
  }

  /** The live customer {@code id} is or was merged into. */
  public Optional<Customer> find(CustomerId id) {
    notNull("customerId", id);
    while (true) {
      Optional<CustomerId> live = customers.resolve(id);
      if (live.isEmpty()) {
        return Optional.empty();
      }
      Optional<Customer> found = customers.findById(live.get());
      // a merge between the two reads retires the record just resolved: resolve again
      if (found.isPresent() || customers.resolve(id).equals(live)) {
        return found;
      }
    }
  }

  /**
   * Like {@link #find} but for ids that must exist.
   *
   * @throws UnknownCustomerException when no record has or had the id
   */
  public Customer get(CustomerId id) {
    return find(id).orElseThrow(() -> new UnknownCustomerException("customerId", id));
  }

  /** The live customers with this identity key (normalised by {@link IdentityKey}). */
  public List<Customer> findByKey(IdentityKey key) {
    return customers.findByKey(notNull("key", key));
  }

  /** The live customer with this customer code, or the survivor of the record that had it. */
  public Optional<Customer> findByCode(String code) {
    return customers.findByCode(notNull("code", code));
  }

  /** The last version of a record merged into another, as it was when merged. */
  public Optional<Customer> findMergedRecord(CustomerId id) {
    return customers.findRetired(notNull("customerId", id));
  }

  /** Every live customer, in id order. */
  public Stream<Customer> customers() {
    return customers.all();
  }

  public Customer recordConsent(CustomerId id, Channel channel, boolean granted) {
    notNull("channel", channel);
    Consent consent = new Consent(channel, granted, clock.instant());
    Customer updated = write(() -> {
      Customer c = requireLive("customerId", id).withConsent(consent);
      customers.replace(c);
      return c;
    });
    events.publish(new DomainEvent.ConsentRecorded(updated.id(), consent, consent.decidedAt()));
    return updated;
  }

  public Customer assignOwnership(CustomerId id, AccountOwnership ownership) {
    notNull("ownership", ownership);
    Customer updated = write(() -> {
      Customer c = requireLive("customerId", id).withOwnership(ownership);
      customers.replace(c);
      return c;
    });
    events.publish(new DomainEvent.OwnershipChanged(updated, clock.instant()));
    return updated;
  }

  /**
   * Adds a contact person to an organization, or replaces the contact with the same id (a new
   * role, title or channel).
   *
   * @throws IllegalArgumentException when the customer is a person, not an organization
   */
  public Organization saveContact(CustomerId organizationId, Contact contact) {
    notNull("contact", contact);
    Organization updated = write(() -> {
      Customer c = requireLive("customerId", organizationId);
      if (!(c instanceof Organization org)) {
        throw invalid("customerId", organizationId,
            "an organization (" + c.id() + " is a person, who has no contacts)");
      }
      Organization o = org.withContact(contact);
      customers.replace(o);
      return o;
    });
    events.publish(new DomainEvent.ContactSaved(updated.id(), contact, clock.instant()));
    return updated;
  }

  // ---------------------------------------------------------------- identity

  /** The live customers that match {@code id}'s customer, with the rules that matched. */
  public List<Match> findDuplicates(CustomerId id) {
    Customer subject = get(id);
    Map<CustomerId, Customer> candidates = new TreeMap<>();
    subject.keys().stream()
        .flatMap(k -> customers.findByKey(k).stream())
        .forEach(c -> candidates.put(c.id(), c));
    List<Match> matches = new ArrayList<>();
    for (Customer candidate : candidates.values()) {
      Set<MatchRule> rules = IdentityResolution.match(subject, candidate);
      if (!rules.isEmpty()) {
        matches.add(Match.of(subject.id(), candidate.id(), rules));
      }
    }
    return matches;
  }

  /** Every pair of live customers that match, each pair once, in id order. */
  public List<Match> findDuplicates() {
    Map<List<CustomerId>, Match> pairs = new LinkedHashMap<>();
    customers.all().forEach(c -> findDuplicates(c.id())
        .forEach(m -> pairs.putIfAbsent(List.of(m.first(), m.second()), m)));
    return List.copyOf(pairs.values());
  }

  /**
   * Merges the customers {@code a} and {@code b} (ids of live or merged records). The survivor is
   * chosen by {@link IdentityResolution#chooseSurvivor}; the other record is retired and its ids
   * resolve to the survivor from then on; its history stays and shows in the survivor's timeline.
   * When both ids already name the same customer, nothing changes and the report says
   * {@code alreadyMerged}.
   *
   * @throws UnknownCustomerException when either id is unknown
   * @throws IllegalArgumentException when one is a person and the other an organization
   */
  public MergeReport merge(CustomerId a, CustomerId b) {
    notNull("a", a);
    notNull("b", b);
    MergeResult[] done = new MergeResult[1];
    MergeReport report = write(() -> {
      Customer first = requireLive("a", a);
      Customer second = requireLive("b", b);
      if (first.id().equals(second.id())) {
        return new MergeReport(first.id(), a.equals(first.id()) ? b : a, Set.of(), List.of(),
            clock.instant(), true);
      }
      Customer survivor = IdentityResolution.chooseSurvivor(first, second);
      Customer merged = survivor == first ? second : first;
      MergeResult result = IdentityResolution.merge(survivor, merged, clock.instant());
      customers.replace(result.survivor());
      customers.retire(merged, survivor.id());
      done[0] = result;
      return result.report();
    });
    if (done[0] != null) {
      events.publish(
          new DomainEvent.CustomersMerged(done[0].survivor(), report, report.mergedAt()));
    }
    return report;
  }

  // ---------------------------------------------------------------- purchases

  /**
   * Records an order for a live customer (an id of a merged record records it for its survivor).
   *
   * @throws UnknownCustomerException when the customer is unknown
   * @throws IllegalArgumentException when the order id is already used
   */
  public Order recordPurchase(OrderRequest request) {
    notNull("request", request);
    Order order = write(() -> {
      Customer c = requireLive("customerId", request.customerId());
      String id = request.requestedOrderId().orElseGet(() -> ids.next(IdGenerator.Kind.ORDER));
      Order o = request.toOrder(id, clock.instant(), c.id());
      orders.add(o);
      return o;
    });
    events.publish(new DomainEvent.PurchaseRecorded(order, clock.instant()));
    return order;
  }

  /**
   * Records a return against an order's lines.
   *
   * @throws IllegalArgumentException naming the order, line and quantities when the order or a
   *     line is unknown or more would come back than was bought
   */
  public Return recordReturn(ReturnRequest request) {
    notNull("request", request);
    Return returned = write(() -> {
      Order order = orders.findById(request.orderId())
          .orElseThrow(() -> invalid("orderId", request.orderId(), "the id of a recorded order"));
      String id = request.requestedReturnId().orElseGet(() -> ids.next(IdGenerator.Kind.RETURN));
      Return r = request.toReturn(order, returns.findByOrder(order.id()), id, clock.instant());
      returns.add(r);
      return r;
    });
    events.publish(new DomainEvent.ReturnRecorded(returned, clock.instant()));
    return returned;
  }

  public Optional<Order> findOrder(String orderId) {
    return orders.findById(notNull("orderId", orderId));
  }

  public List<Order> orders(CustomerId id) {
    return orders.findByCustomers(get(id).allIds());
  }

  public List<Return> returns(CustomerId id) {
    return returns.findByCustomers(get(id).allIds());
  }

  public PurchaseHistory purchaseHistory(CustomerId id) {
    return history(id).purchaseHistory();
  }

  // ---------------------------------------------------------------- interactions

  /**
   * Logs an interaction. For an organization, the contact must be one of its contacts; a person
   * has no contacts, so an interaction with a person names none.
   */
  public Interaction logInteraction(InteractionRequest request) {
    notNull("request", request);
    Interaction interaction = write(() -> {
      Customer c = requireLive("customerId", request.customerId());
      request.contactId().ifPresent(contact -> {
        if (!(c instanceof Organization org)) {
          throw invalid("contactId", contact,
              "no contact: customer " + c.id() + " is a person, not an organization");
        }
        if (org.contact(contact).isEmpty()) {
          throw invalid("contactId", contact, "one of the contacts of " + c.id() + " "
              + org.contacts().stream().map(x -> x.id()).toList());
        }
      });
      String id = request.requestedId().orElseGet(() -> ids.next(IdGenerator.Kind.INTERACTION));
      Interaction i = request.toInteraction(id, clock.instant(), c.id());
      interactions.add(i);
      return i;
    });
    events.publish(new DomainEvent.InteractionLogged(interaction, clock.instant()));
    return interaction;
  }

  public List<Interaction> interactions(CustomerId id) {
    return interactions.findByCustomers(get(id).allIds());
  }

  /**
   * Overwrites the notes of every interaction of the customer {@code id} resolves to, and of the
   * records merged into it, by {@code replacement}: the part of erasure that lives in the core's
   * interaction store ({@code Privacy.erase} calls it). Publishes no event; the caller does.
   *
   * @return how many interactions changed
   */
  public int eraseInteractionNotes(CustomerId id, String replacement) {
    notNull("replacement", replacement);
    return write(() -> interactions.eraseNotes(
        requireLive("customerId", id).allIds(), replacement));
  }

  // ---------------------------------------------------------------- history

  public Timeline timeline(CustomerId id) {
    return history(id).timeline();
  }

  public Timeline timeline(CustomerId id, TimelineFilter filter) {
    return timeline(id).filter(notNull("filter", filter));
  }

  /** Everything recorded about the customer {@code id} is or was merged into. */
  public CustomerHistory history(CustomerId id) {
    Customer c = get(id);
    Set<CustomerId> all = c.allIds();
    return new CustomerHistory(c, orders.findByCustomers(all), returns.findByCustomers(all),
        interactions.findByCustomers(all));
  }

  /** The history of every live customer, in id order: what analytics and loyalty read. */
  public Stream<CustomerHistory> histories() {
    return customers.all().map(c -> history(c.id()));
  }

  // ---------------------------------------------------------------- internals

  private Customer requireLive(String field, CustomerId id) {
    notNull(field, id);
    return customers.resolve(id).flatMap(customers::findById)
        .orElseThrow(() -> new UnknownCustomerException(field, id));
  }

  private <T> T write(Supplier<T> change) {
    return locked(writeLock, change);
  }
}
