package dev.crmkit.core;

import static dev.crmkit.core.internal.Checks.conflict;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notFound;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.requiredClock;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.UnknownCustomerException;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.IndividualRegistration;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationRegistration;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.identity.Match;
import dev.crmkit.core.identity.MatchRule;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.MergeResult;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionEvent;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseEvent;
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
import dev.crmkit.core.store.CrmStore;
import dev.crmkit.core.store.InMemoryStores;
import dev.crmkit.core.store.ParkedEvent;
import dev.crmkit.core.store.Transactions;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineFilter;
import dev.crmkit.core.timeline.TimelineItem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The facade hosts use: register customers, find them by id, code or identity key, match and
 * merge duplicates, record purchases and returns, log interactions, read timelines and
 * histories. Every timestamp it makes comes from its {@link Clock}; every change it stores is
 * then published on its {@link EventBus}.
 *
 * <p>Everything it keeps lives in a {@link CrmStore}: in memory ({@link #inMemory}), in an
 * embedded H2 database ({@link #embedded}) or in the host's database
 * ({@code Crm.builder().store(CrmStore.jdbc(dataSource))}). Each use case (a registration, a
 * purchase, a return, a merge...) is one transaction of the store and locks what it changes, so
 * several instances of a host sharing one database keep every invariant (no return of more than
 * was bought, no half merge). Its events are stored in the same transaction (the outbox) and
 * delivered to the {@link EventBus} listeners after the commit, at least once, in order per
 * customer; a listener that keeps failing is parked ({@link #parkedEvents()}).
 *
 * <p>Thread-safe; a listener may call back into the facade.
 *
 * <pre>{@code
 * Crm crm = Crm.inMemory(Clock.systemUTC());
 * Individual anna = crm.register(Registration.individual("Anna Schmidt").email("anna@example.com"));
 * crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
 *     .line("SKU-1", "phones", 1, Money.of("699", "EUR"), Money.of("649", "EUR")));
 * crm.timeline(anna.id()).entries().forEach(e -> System.out.println(e.summary()));
 * }</pre>
 */
public final class Crm implements AutoCloseable {

  private final Clock clock;
  private final CrmStore store;
  private final boolean ownsStore;
  private final CustomerRepository customers;
  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final InteractionRepository interactions;
  private final EventBus events;
  private final IdGenerator ids;
  private final int deliveryAttempts;
  private final ThreadLocal<Boolean> relayScheduled = new ThreadLocal<>();

  private Crm(Builder b, CrmStore store) {
    this.clock = b.clock;
    this.store = store;
    this.ownsStore = b.ownsStore;
    this.customers = store.customers();
    this.orders = store.orders();
    this.returns = store.returns();
    this.interactions = store.interactions();
    this.events = b.events;
    this.ids = b.ids != null ? b.ids
        : b.store == null ? IdGenerator.random() : IdGenerator.stored(store.sequences());
    this.deliveryAttempts = b.deliveryAttempts;
  }

  /** A facade over a fresh in-memory store and a new event bus. */
  public static Crm inMemory(Clock clock) {
    return builder().clock(clock).build();
  }

  /**
   * A facade over an embedded H2 database in {@code directory} (created when missing; needs
   * {@code com.h2database:h2} on the class path). Everything survives a restart; ids continue
   * ({@code C-000001}, ...). {@link #close()} closes the database.
   *
   * <pre>{@code
   * try (Crm crm = Crm.embedded(Path.of("crm-data"), Clock.systemUTC())) {
   *   crm.register(Registration.individual("Anna Schmidt"));
   * }
   * }</pre>
   */
  public static Crm embedded(Path directory, Clock clock) {
    notNull("directory", directory);
    requiredClock(clock);
    CrmStore store = CrmStore.embedded(directory);
    Builder b = builder().clock(clock).store(store);
    b.ownsStore = true;
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link Crm}. The clock is required. The store defaults to a fresh in-memory
   * one (whose customer, order, return and interaction repositories may be replaced one by one);
   * the event bus to a new one; ids to {@link IdGenerator#random()} in memory and to the store's
   * counters ({@link IdGenerator#stored}) with a store.
   *
   * <pre>{@code
   * Crm crm = Crm.builder().clock(clock).store(CrmStore.jdbc(dataSource)).events(bus).build();
   * }</pre>
   */
  public static final class Builder {
    private Clock clock;
    private CrmStore store;
    private boolean ownsStore;
    private CustomerRepository customers;
    private OrderRepository orders;
    private ReturnRepository returns;
    private InteractionRepository interactions;
    private EventBus events = EventBus.create();
    private IdGenerator ids;
    private int deliveryAttempts = 3;

    private Builder() {}

    /** Where everything is kept; the host keeps ownership ({@link Crm#close()} leaves it open). */
    public Builder store(CrmStore value) {
      store = notNull("store", value);
      return this;
    }

    /**
     * How many times a listener that throws is called with the same event before the event is
     * parked for it (default 3).
     */
    public Builder deliveryAttempts(int value) {
      if (value < 1) {
        throw invalid("deliveryAttempts", value, "at least 1");
      }
      deliveryAttempts = value;
      return this;
    }

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

    /**
     * @throws IllegalStateException when no clock was set
     * @throws IllegalArgumentException when both a store and single repositories were set
     */
    public Crm build() {
      requiredClock(clock);
      boolean anyRepository = customers != null || orders != null || returns != null
          || interactions != null;
      if (store != null && anyRepository) {
        throw invalid("store", "a store and single repositories",
            "either a store or single in-memory repositories, not both");
      }
      CrmStore s = store != null ? store : InMemoryStores.of(
          customers != null ? customers : new InMemoryCustomerRepository(),
          orders != null ? orders : new InMemoryOrderRepository(),
          returns != null ? returns : new InMemoryReturnRepository(),
          interactions != null ? interactions : new InMemoryInteractionRepository());
      Crm crm = new Crm(this, s);
      // events a crash left in the outbox go out now
      crm.relayEvents();
      return crm;
    }
  }

  /** The bus on which this facade publishes its events; subscribe listeners here. */
  public EventBus events() {
    return events;
  }

  /** The clock every timestamp of this facade comes from. */
  public Clock clock() {
    return clock;
  }

  /**
   * The store this facade keeps everything in; the service desk, surveys, sales, marketing and
   * privacy built on this facade keep their records there too.
   */
  public CrmStore store() {
    return store;
  }

  /**
   * Runs several calls as one use case: one transaction of the store, all or nothing; the events
   * are delivered after it commits. A call inside joins the running transaction.
   *
   * <pre>{@code
   * Order first = crm.inTransaction(() -> {
   *   Individual anna = crm.register(Registration.individual("Anna Schmidt"));
   *   return crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR").line(...));
   * });
   * }</pre>
   */
  public <T> T inTransaction(Supplier<T> work) {
    notNull("work", work);
    return write(work);
  }

  /**
   * Stores {@code event} in the running use case's transaction, for delivery after its commit;
   * for the entry classes built on this facade ({@code ServiceDesk}, {@code Sales}, ...).
   *
   * @throws IllegalStateException outside {@link #inTransaction}
   */
  public void publish(DomainEvent event) {
    notNull("event", event);
    if (!store.transactions().inTransaction()) {
      throw new IllegalStateException("publish(" + event.getClass().getSimpleName()
          + ") outside a transaction: call it inside crm.inTransaction(...)");
    }
    store.outbox().append(event);
  }

  private void publishAll(List<DomainEvent> events) {
    store.outbox().appendAll(events);
  }

  /**
   * Delivers the stored events that wait (normally done after each commit; a host whose own
   * transactions wrap crmkit's calls, see {@code JdbcOptions.hostManaged}, calls it after its
   * commit).
   *
   * @return how many events were delivered
   */
  public int relayEvents() {
    return store.outbox().relay(events, deliveryAttempts, clock.instant());
  }

  /** The events a listener failed on every attempt, with the listener's name and error. */
  public List<ParkedEvent> parkedEvents() {
    return store.outbox().parked();
  }

  /**
   * Delivers each parked event again to the listener that failed on it.
   *
   * @return how many were delivered (the others stay parked with their new error)
   */
  public int retryParkedEvents() {
    return store.outbox().retryParked(events, clock.instant());
  }

  /** Closes the store when this facade opened it ({@link #embedded}); otherwise nothing. */
  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
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
        throw conflict("id", id, "an id no other customer record has");
      }
      Customer c = registration.toCustomer(id, clock.instant());
      Optional<Customer> sameCode = customers.findByCode(c.code());
      if (sameCode.isPresent()) {
        throw conflict("code", c.code(),
            "a customer code not used by customer " + sameCode.get().id());
      }
      if (c instanceof Organization org && org.profile().parent().isPresent()) {
        requireLive("profile.parent", org.profile().parent().get());
      }
      customers.add(c);
      publish(new CustomerEvent.CustomerRegistered(c, c.registeredAt()));
      return c;
    });
    return customer;
  }

  /**
   * Registers many customers as one use case (one transaction, all or nothing), for imports:
   * the same checks as {@link #register(Registration)} for each (ids and codes not used, also
   * not twice in the list; a parent organization that is live), made with one query per few
   * hundred customers on a JDBC store, which writes them and their events as batches.
   *
   * @return the customers, in the order of the registrations
   * @throws IllegalArgumentException when an id or code is used, or the list has one twice
   */
  public List<Customer> registerAll(List<? extends Registration<?>> registrations) {
    notNull("registrations", registrations);
    if (registrations.isEmpty()) {
      return List.of();
    }
    return write(() -> {
      List<Customer> made = new ArrayList<>(registrations.size());
      Set<CustomerId> chosen = new HashSet<>();
      Map<String, CustomerId> codes = new HashMap<>();
      java.time.Instant now = clock.instant();
      for (Registration<?> registration : registrations) {
        notNull("registration", registration);
        CustomerId id = registration.requestedId()
            .orElseGet(() -> CustomerId.of(ids.next(IdGenerator.Kind.CUSTOMER)));
        if (!chosen.add(id)) {
          throw invalid("id", id, "an id no other customer record has (it is twice in the list)");
        }
        Customer c = registration.toCustomer(id, now);
        CustomerId before = codes.putIfAbsent(c.code(), id);
        if (before != null) {
          throw invalid("code", c.code(), "a customer code not used by customer " + before);
        }
        made.add(c);
      }
      Map<String, CustomerId> usedCodes = customers.findCodes(codes.keySet());
      if (!usedCodes.isEmpty()) {
        Map.Entry<String, CustomerId> used = usedCodes.entrySet().iterator().next();
        throw invalid("code", used.getKey(),
            "a customer code not used by customer " + used.getValue());
      }
      for (Customer c : made) {
        if (c instanceof Organization org && org.profile().parent().isPresent()
            && !chosen.contains(org.profile().parent().get())) {
          requireLive("profile.parent", org.profile().parent().get());
        }
      }
      // the port checks that no stored record has one of the ids, before it writes any
      customers.addAll(made);
      List<DomainEvent> events = new ArrayList<>(made.size());
      for (Customer c : made) {
        events.add(new CustomerEvent.CustomerRegistered(c, c.registeredAt()));
      }
      publishAll(events);
      return List.copyOf(made);
    });
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
    return write(() -> {
      Customer c = lockLive("customerId", id).withConsent(consent);
      customers.replace(c);
      publish(new CustomerEvent.ConsentRecorded(c.id(), consent, consent.decidedAt()));
      return c;
    });
  }

  public Customer assignOwnership(CustomerId id, AccountOwnership ownership) {
    notNull("ownership", ownership);
    return write(() -> {
      Customer c = lockLive("customerId", id).withOwnership(ownership);
      customers.replace(c);
      publish(new CustomerEvent.OwnershipChanged(c, clock.instant()));
      return c;
    });
  }

  /**
   * Adds a contact person to an organization, or replaces the contact with the same id (a new
   * role, title or channel).
   *
   * @throws IllegalArgumentException when the customer is a person, not an organization
   */
  public Organization saveContact(CustomerId organizationId, Contact contact) {
    notNull("contact", contact);
    return write(() -> {
      Customer c = lockLive("customerId", organizationId);
      if (!(c instanceof Organization org)) {
        throw invalid("customerId", organizationId,
            "an organization (" + c.id() + " is a person, who has no contacts)");
      }
      Organization o = org.withContact(contact);
      customers.replace(o);
      publish(new CustomerEvent.ContactSaved(o.id(), contact, clock.instant()));
      return o;
    });
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
    return write(() -> {
      Customer[] pair = lockBoth(a, b);
      Customer first = pair[0];
      Customer second = pair[1];
      if (first.id().equals(second.id())) {
        return new MergeReport(first.id(), a.equals(first.id()) ? b : a, Set.of(), List.of(),
            clock.instant(), true);
      }
      Customer survivor = IdentityResolution.chooseSurvivor(first, second);
      Customer merged = survivor == first ? second : first;
      MergeResult result = IdentityResolution.merge(survivor, merged, clock.instant());
      customers.replace(result.survivor());
      customers.retire(merged, survivor.id());
      publish(new IdentityEvent.CustomersMerged(result.survivor(), result.report(),
          result.report().mergedAt()));
      return result.report();
    });
  }

  /**
   * Merges {@code mergedId}'s customer into {@code survivorId}'s, the host choosing the survivor
   * (where {@link #merge(CustomerId, CustomerId)} lets {@link IdentityResolution#chooseSurvivor}
   * choose): for example the record a billing system knows. Otherwise the same: one
   * transaction, both records locked in id order, the merged record retired, a
   * {@code CustomersMerged} published; ids of merged records stand for their live survivor.
   * When both ids already name the same customer, nothing changes and the report says
   * {@code alreadyMerged}.
   *
   * @throws UnknownCustomerException when either id is unknown
   * @throws IllegalArgumentException when one is a person and the other an organization
   */
  public MergeReport mergeInto(CustomerId survivorId, CustomerId mergedId) {
    notNull("survivorId", survivorId);
    notNull("mergedId", mergedId);
    return write(() -> {
      Customer[] pair = lockBoth(survivorId, mergedId);
      Customer survivor = pair[0];
      Customer merged = pair[1];
      if (survivor.id().equals(merged.id())) {
        return new MergeReport(survivor.id(), mergedId, Set.of(), List.of(), clock.instant(),
            true);
      }
      MergeResult result = IdentityResolution.merge(survivor, merged, clock.instant());
      customers.replace(result.survivor());
      customers.retire(merged, survivor.id());
      publish(new IdentityEvent.CustomersMerged(result.survivor(), result.report(),
          result.report().mergedAt()));
      return result.report();
    });
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
    return write(() -> {
      Customer c = lockLive("customerId", request.customerId());
      String id = request.requestedOrderId().orElseGet(() -> ids.next(IdGenerator.Kind.ORDER));
      Order o = request.toOrder(id, clock.instant(), c.id());
      orders.add(o);
      publish(new PurchaseEvent.PurchaseRecorded(o, clock.instant()));
      return o;
    });
  }

  /**
   * Records many orders as one use case (one transaction, all or nothing), for imports: the
   * same checks as {@link #recordPurchase} for each (a live customer, whose record is locked
   * until the commit; an order id not used, also not twice in the list), made with one query
   * per few hundred orders on a JDBC store, which writes the orders and their events as
   * batches.
   *
   * @return the orders, in the order of the requests
   * @throws UnknownCustomerException when a customer is unknown
   * @throws IllegalArgumentException when an order id is used, or the list has one twice
   */
  public List<Order> recordPurchases(List<OrderRequest> requests) {
    notNull("requests", requests);
    if (requests.isEmpty()) {
      return List.of();
    }
    return write(() -> {
      Set<CustomerId> named = new HashSet<>();
      for (OrderRequest r : requests) {
        named.add(notNull("request", r).customerId());
      }
      Map<CustomerId, CustomerId> live = lockAllLive(named);
      java.time.Instant now = clock.instant();
      List<Order> made = new ArrayList<>(requests.size());
      Set<String> orderIds = new HashSet<>();
      for (OrderRequest r : requests) {
        String id = r.requestedOrderId().orElseGet(() -> ids.next(IdGenerator.Kind.ORDER));
        if (!orderIds.add(id)) {
          throw invalid("orderId", id, "an order id not used (it is twice in the list)");
        }
        made.add(r.toOrder(id, now, live.get(r.customerId())));
      }
      // the port checks that no stored order has one of the ids, before it writes any
      orders.addAll(made);
      List<DomainEvent> events = new ArrayList<>(made.size());
      for (Order o : made) {
        events.add(new PurchaseEvent.PurchaseRecorded(o, now));
      }
      publishAll(events);
      return List.copyOf(made);
    });
  }

  /**
   * Resolves the ids to their live records and locks those (one statement per few hundred on
   * JDBC).
   */
  private Map<CustomerId, CustomerId> lockAllLive(Collection<CustomerId> named) {
    Map<CustomerId, CustomerId> live = customers.resolveAndLock(named);
    for (CustomerId id : named) {
      if (!live.containsKey(id)) {
        throw new UnknownCustomerException("customerId", id);
      }
    }
    return live;
  }

  /**
   * Records a return against an order's lines.
   *
   * @throws IllegalArgumentException naming the order, line and quantities when the order or a
   *     line is unknown or more would come back than was bought
   */
  public Return recordReturn(ReturnRequest request) {
    notNull("request", request);
    return write(() -> {
      // the order's lock makes two returns of it, in any process, check one after the other
      Order order = orders.findByIdForUpdate(request.orderId())
          .orElseThrow(() -> notFound("orderId", request.orderId(), "the id of a recorded order"));
      String id = request.requestedReturnId().orElseGet(() -> ids.next(IdGenerator.Kind.RETURN));
      Return r = request.toReturn(order, returns.findByOrder(order.id()), id, clock.instant());
      // an order placed by a record merged since is returned by its survivor
      CustomerId live = customers.resolve(order.customerId()).orElse(order.customerId());
      if (!live.equals(r.customerId())) {
        r = new Return(r.id(), r.orderId(), live, r.returnedAt(), r.channel(), r.currency(),
            r.lines(), r.reason());
      }
      returns.add(r);
      publish(new PurchaseEvent.ReturnRecorded(r, clock.instant()));
      return r;
    });
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
    return write(() -> {
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
      publish(new InteractionEvent.InteractionLogged(i, clock.instant()));
      return i;
    });
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

  /**
   * The customer's timeline as a list shows it ({@link TimelineItem}: kind, time, id, channel,
   * summary, amount), in the same order as {@link #timeline(CustomerId)}; on a JDBC store one
   * indexed query of plain columns, no JSON, for customers with long histories.
   *
   * @throws UnknownCustomerException when the customer is unknown
   */
  public List<TimelineItem> timelineItems(CustomerId id) {
    Set<CustomerId> all = get(id).allIds();
    if (orders == store.orders() && returns == store.returns()
        && interactions == store.interactions()) {
      return store.timelineItems(all);
    }
    return timeline(id).entries().stream().map(TimelineItem::of).toList();
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

  /** The live record {@code id} resolves to, locked until the use case ends. */
  private Customer lockLive(String field, CustomerId id) {
    notNull(field, id);
    while (true) {
      CustomerId live = customers.resolve(id)
          .orElseThrow(() -> new UnknownCustomerException(field, id));
      Optional<Customer> locked = customers.findByIdForUpdate(live);
      if (locked.isPresent()) {
        return locked.get();
      }
      // merged into another record between the two reads: resolve again
    }
  }

  /** Both live records, locked in id order (so two merges cannot wait on each other forever). */
  private Customer[] lockBoth(CustomerId a, CustomerId b) {
    while (true) {
      CustomerId liveA = customers.resolve(a).orElseThrow(() -> new UnknownCustomerException("a", a));
      CustomerId liveB = customers.resolve(b).orElseThrow(() -> new UnknownCustomerException("b", b));
      boolean inOrder = liveA.compareTo(liveB) <= 0;
      Optional<Customer> lo = customers.findByIdForUpdate(inOrder ? liveA : liveB);
      Optional<Customer> hi = liveA.equals(liveB) ? lo
          : customers.findByIdForUpdate(inOrder ? liveB : liveA);
      if (lo.isPresent() && hi.isPresent()) {
        Customer first = inOrder ? lo.get() : hi.get();
        Customer second = inOrder ? hi.get() : lo.get();
        return new Customer[] {first, second};
      }
    }
  }

  /** Runs a use case in a transaction and relays its events once the outermost one commits. */
  private <T> T write(Supplier<T> change) {
    Transactions tx = store.transactions();
    boolean outermost = !tx.inTransaction();
    try {
      return scheduleRelay(tx, change);
    } finally {
      // the transaction is over, committed or not (a commit that fails throws after the use
      // case returned): the next one schedules its own relay
      if (outermost) {
        relayScheduled.remove();
      }
    }
  }

  private <T> T scheduleRelay(Transactions tx, Supplier<T> change) {
    return tx.inTransaction(() -> {
      if (relayScheduled.get() == null) {
        relayScheduled.set(Boolean.TRUE);
        tx.afterCommit(() -> {
          relayScheduled.remove();
          relayEvents();
        });
      }
      try {
        return change.get();
      } catch (RuntimeException | Error e) {
        relayScheduled.remove();
        throw e;
      }
    });
  }
}
