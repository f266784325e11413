package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.requiredClock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.ExternalId;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.IdentityKeys;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationProfile;
import dev.crmkit.core.customer.PersonProfile;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.sales.Lead;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.survey.Surveys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Privacy for the customers of a {@link Crm}: masked views through an {@link AccessPolicy}, the
 * export of everything held about one customer as one JSON document, and erasure.
 *
 * <p><b>Erasure</b> replaces the customer's personal data, in its live record and in every record
 * merged into it, by pseudonyms made with HMAC-SHA256 under a secret key: the name becomes
 * {@code erased-<12 hex>}, e-mails {@code e<16 hex>@erased.invalid}, phones {@code +999<11
 * digits>}, national ids and external-id values {@code ERASED<16 hex>}; aliases are dropped, and so
 * are birth dates and addresses (a pseudonym of a date or a street means nothing). Contacts of an
 * organization get pseudonymous names, e-mails and phones. The same value always gets the same
 * pseudonym (so erased records still match each other), and without the key a pseudonym cannot
 * be traced back. Ids, customer codes, consents, orders, returns, case types, scores and times
 * stay, so purchases, cases and every aggregate are unchanged. The free text of cases, survey
 * answers, follow-ups, departures and win-back attempts, and the notes of the customer's
 * interactions in the facade's interaction store, are replaced by {@code [erased]}; converted
 * leads get a pseudonymous name, e-mail and phone and erased notes. So neither the export nor
 * {@code crm.interactions(id)}, the timeline, the histories or the leads show them again. A
 * {@link PrivacyEvent.CustomerErased} is published. Erasure is one transaction of the crm's
 * store, and reaches the events still waiting in its outbox (pending or parked): every text value
 * that erasure replaced in the customer's records is replaced there too.
 *
 * <pre>{@code
 * Crm crm = Crm.inMemory(clock);
 * Privacy privacy = Privacy.builder(crm).clock(clock).secret(key)
 *     .serviceDesk(desk).surveys(surveys).lostCustomers(lost).build();
 * String json = privacy.export(annaId);
 * privacy.erase(annaId);
 * }</pre>
 *
 * <p>Thread-safe: immutable once built (each pseudonym is made with its own {@code Mac}), and
 * every export and erasure runs on the crm's store; an erasure is one transaction of it. Its
 * {@link Builder} is not thread-safe.
 */
public final class Privacy {

  /** What replaces free text on erasure. */
  public static final String ERASED_TEXT = "[erased]";
  /** How an erased customer's name starts. */
  public static final String ERASED_NAME_PREFIX = "erased-";

  private static final String EMAIL_DOMAIN = "@erased.invalid";
  private static final String PHONE_PREFIX = "+999";
  private static final String ID_PREFIX = "ERASED";
  /** The SLA of the desk Privacy makes to reach the cases: never consulted. */
  private static final SlaPolicy RECORDS_ONLY_SLA = SlaPolicy.builder(BusinessCalendar.of(
      java.time.ZoneOffset.UTC, java.time.LocalTime.MIN, java.time.LocalTime.MAX,
      java.util.EnumSet.allOf(java.time.DayOfWeek.class), Set.of()))
      .all(SlaTarget.businessHours(1, 1)).build();

  private final Crm crm;
  private final CustomerRepository customers;
  private final Clock clock;
  private final AccessPolicy policy;
  private final byte[] secret;
  private final ServiceDesk desk;
  private final Surveys surveys;
  private final LostCustomers lost;
  private final Sales sales;
  private final ObjectMapper json = CrmJson.mapper();

  private Privacy(Builder b) {
    this.crm = b.crm;
    this.customers = b.customers;
    this.clock = b.clock;
    this.policy = b.policy;
    this.secret = b.secret;
    this.desk = b.desk;
    this.surveys = b.surveys;
    this.lost = b.lost;
    this.sales = b.sales;
  }

  /**
   * @param customers the repository {@code crm} was built with: erasure writes the new versions
   *     there (the facade has no call that rewrites a merged record)
   */
  public static Builder builder(Crm crm, CustomerRepository customers) {
    return new Builder(notNull("crm", crm), notNull("customers", customers));
  }

  /** Privacy over the customers of {@code crm}'s store. */
  public static Builder builder(Crm crm) {
    notNull("crm", crm);
    return new Builder(crm, crm.store().customers());
  }

  /** Configures {@link Privacy}; the clock and a secret of at least 16 bytes are required. */
  public static final class Builder {
    private final Crm crm;
    private final CustomerRepository customers;
    private Clock clock;
    private EventBus events;
    private AccessPolicy policy = AccessPolicy.defaults();
    private byte[] secret;
    private ServiceDesk desk;
    private Surveys surveys;
    private LostCustomers lost;
    private Sales sales;

    private Builder(Crm crm, CustomerRepository customers) {
      this.crm = crm;
      this.customers = customers;
      this.clock = crm.clock();
    }

    public Builder clock(Clock value) {
      clock = notNull("clock", value);
      return this;
    }

    /**
     * The facade's bus, the only one allowed: events leave through the facade's outbox.
     *
     * @throws IllegalArgumentException for any other bus
     */
    public Builder events(EventBus value) {
      events = notNull("events", value);
      if (events != crm.events()) {
        throw invalid("events", "another EventBus", "crm.events(): Privacy publishes through"
            + " the crm's outbox; subscribe your listeners to crm.events()");
      }
      return this;
    }

    public Builder policy(AccessPolicy value) {
      policy = notNull("policy", value);
      return this;
    }

    /** The HMAC key pseudonyms are made with: keep it secret and keep it (same value, same pseudonym). */
    public Builder secret(byte[] value) {
      notNull("secret", value);
      if (value.length < 16) {
        throw invalid("secret", value.length + " bytes", "a key of at least 16 bytes");
      }
      secret = value.clone();
      return this;
    }

    public Builder serviceDesk(ServiceDesk value) {
      desk = notNull("serviceDesk", value);
      return this;
    }

    public Builder surveys(Surveys value) {
      surveys = notNull("surveys", value);
      return this;
    }

    public Builder lostCustomers(LostCustomers value) {
      lost = notNull("lostCustomers", value);
      return this;
    }

    /** Adds the customer's leads, opportunities and activities to exports, and leads to erasure. */
    public Builder sales(Sales value) {
      sales = notNull("sales", value);
      return this;
    }

    /**
     * Export and erasure reach every kind of record the crm's store keeps (cases, answers,
     * follow-ups, departures, win-backs, leads, opportunities, activities), also of the entry
     * classes not passed here: erasure must not depend on the host remembering them. Privacy
     * only reads and redacts those records, so the SLA, lapse rule and pipeline of the ones it
     * makes for itself play no part.
     *
     * @throws IllegalStateException when the secret is missing
     */
    public Privacy build() {
      requiredClock(clock);
      if (secret == null) {
        throw new IllegalStateException("secret: is required (at least 16 random bytes)");
      }
      if (desk == null) {
        desk = ServiceDesk.create(crm, RECORDS_ONLY_SLA, EscalationPolicy.standard());
      }
      if (surveys == null) {
        surveys = Surveys.create(crm);
      }
      if (lost == null) {
        lost = LostCustomers.create(crm, LapseRule.after(java.time.Duration.ofDays(365)),
            Set.of("not recorded"));
      }
      if (sales == null) {
        sales = Sales.builder(crm).build();
      }
      return new Privacy(this);
    }
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** The customer {@code id} resolves to, as {@code level} may see it. */
  public CustomerView view(CustomerId id, AccessLevel level) {
    return policy.view(crm.get(id), level);
  }

  /**
   * Everything held about the customer {@code id} resolves to, as one JSON object: {@code
   * exportedAt}, {@code customer} (profile, identities, consents, ownership), {@code
   * mergedRecords} (the last version of each record merged into it), {@code orders}, {@code
   * returns}, {@code interactions}, and, where configured, {@code cases}, {@code surveys},
   * {@code followUps}, {@code departures}, {@code winBacks}, {@code leads}, {@code
   * opportunities} and {@code activities}; each in the core's JSON form.
   */
  public String export(CustomerId id) {
    CustomerHistory h = crm.history(id);
    Customer c = h.customer();
    ObjectNode root = json.createObjectNode();
    root.put("exportedAt", clock.instant().toString());
    root.set("customer", json.valueToTree(c));
    ArrayNode merged = root.putArray("mergedRecords");
    for (CustomerId m : c.mergedIds()) {
      crm.findMergedRecord(m).ifPresent(r -> merged.add(json.valueToTree(r)));
    }
    root.set("orders", json.valueToTree(h.orders()));
    root.set("returns", json.valueToTree(h.returns()));
    root.set("interactions", json.valueToTree(h.interactions()));
    if (desk != null) {
      root.set("cases", json.valueToTree(desk.cases(c.id())));
    }
    if (surveys != null) {
      root.set("surveys", json.valueToTree(surveys.responses(c.id())));
      root.set("followUps", json.valueToTree(surveys.followUps(c.id())));
    }
    if (lost != null) {
      root.set("departures", json.valueToTree(lost.departures(c.id())));
      root.set("winBacks", json.valueToTree(lost.winBacks(c.id())));
    }
    if (sales != null) {
      root.set("leads", json.valueToTree(sales.leadsOf(c.id())));
      root.set("opportunities", json.valueToTree(sales.opportunitiesOf(c.id())));
      root.set("activities", json.valueToTree(sales.activitiesOf(c.id())));
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("export of " + c.id() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * True when the customer's name has the pseudonym form {@code erased-...}, as after erasure. It
   * reads the name only: a customer registered under such a name answers true too, so use it for
   * display, not to decide whether erasure is still needed ({@link #erase} is idempotent).
   */
  public static boolean isErased(Customer c) {
    return c.name().startsWith(ERASED_NAME_PREFIX);
  }

  /**
   * Erases the personal data of the customer {@code id} resolves to and of every record merged
   * into it (see the class comment). Erasing again changes nothing more.
   *
   * @throws dev.crmkit.core.base.UnknownCustomerException when the id is unknown
   */
  public ErasureReport erase(CustomerId id) {
    notNull("id", id);
    return crm.inTransaction(() -> eraseInTransaction(id));
  }

  private ErasureReport eraseInTransaction(CustomerId id) {
    Customer live = customers.resolve(id).flatMap(customers::findByIdForUpdate)
        .orElseGet(() -> crm.get(id));
    Set<CustomerId> all = live.allIds();
    Set<CustomerId> records = new LinkedHashSet<>();
    // every text value erasure replaces, to find it again in the events the outbox still holds
    java.util.Map<String, String> replaced = new java.util.HashMap<>();
    // leads never converted that are about the same person or company (the rules a conversion
    // matches by), found before the customer's e-mails, phones and numbers are pseudonymised
    Set<String> matchingLeads = new java.util.TreeSet<>();
    if (sales != null) {
      sales.unconvertedLeadsMatching(live).forEach(l -> matchingLeads.add(l.id()));
      for (CustomerId m : live.mergedIds()) {
        customers.findRetired(m).ifPresent(r ->
            sales.unconvertedLeadsMatching(r).forEach(l -> matchingLeads.add(l.id())));
      }
    }
    Customer erasedLive = erased(live);
    changedTexts(json.valueToTree(live), json.valueToTree(erasedLive), replaced);
    customers.replace(erasedLive);
    records.add(live.id());
    for (CustomerId m : live.mergedIds()) {
      Optional<Customer> retired = customers.findRetired(m);
      if (retired.isPresent()) {
        Customer erasedRetired = erased(retired.get());
        changedTexts(json.valueToTree(retired.get()), json.valueToTree(erasedRetired), replaced);
        customers.replaceRetired(erasedRetired);
        records.add(m);
      }
    }
    if (sales != null) {
      // a converted lead's values may wait in the outbox (LeadConverted)
      sales.leadsOf(live.id()).forEach(l ->
          changedTexts(json.valueToTree(l), json.valueToTree(erased(l)), replaced));
    }
    crm.interactions(live.id()).forEach(i -> {
      if (!i.notes().isEmpty()) {
        replaced.put(i.notes(), ERASED_TEXT);
      }
    });
    if (desk != null) {
      desk.cases(live.id()).forEach(c -> {
        replaced.put(c.subject(), ERASED_TEXT);
        if (!c.description().isEmpty()) {
          replaced.put(c.description(), ERASED_TEXT);
        }
        c.resolution().ifPresent(r -> replaced.put(r, ERASED_TEXT));
      });
    }
    replaced.remove(ERASED_TEXT);
    replaced.remove("");
    // a value that is also a non-personal text of the record (a code, an id) is not a key
    crm.eraseInteractionNotes(live.id(), ERASED_TEXT);
    if (sales != null) {
      sales.redactLeads(all, this::erased);
      sales.redactLeadsById(matchingLeads, this::erased);
    }
    int cases = desk == null ? 0 : desk.redactText(all, ERASED_TEXT);
    int answers = surveys == null ? 0 : surveys.redactText(all, ERASED_TEXT);
    int departures = lost == null ? 0 : lost.redactText(all, ERASED_TEXT);
    Instant at = clock.instant();
    ErasureReport report = new ErasureReport(live.id(), records, at, cases, answers, departures);
    crm.store().outbox().redact(all, replaced);
    crm.publish(new PrivacyEvent.CustomerErased(live.id(), report.records(), at));
    return report;
  }

  /**
   * Maps every text value of {@code before} that differs in {@code after} to its new value
   * (null where erasure dropped it).
   */
  private static void changedTexts(com.fasterxml.jackson.databind.JsonNode before,
      com.fasterxml.jackson.databind.JsonNode after, java.util.Map<String, String> out) {
    if (before == null) {
      return;
    }
    if (before.isTextual()) {
      if (after == null || !before.equals(after)) {
        out.putIfAbsent(before.asText(), after != null && after.isTextual() ? after.asText() : null);
      }
      return;
    }
    if (before.isObject()) {
      before.fields().forEachRemaining(f ->
          changedTexts(f.getValue(), after == null ? null : after.get(f.getKey()), out));
    } else if (before.isArray()) {
      for (int i = 0; i < before.size(); i++) {
        changedTexts(before.get(i), after == null ? null : after.get(i), out);
      }
    }
  }

  private Customer erased(Customer c) {
    IdentityKeys keys = erased(c.keys());
    // always from the id, never "keep a name that looks erased": a real name may start with the
    // prefix, and the same id gives the same pseudonym, so erasing again changes nothing
    String name = ERASED_NAME_PREFIX + token(c.id().value(), 12);
    if (c instanceof Individual i) {
      PersonProfile p = i.profile();
      PersonProfile profile =
          new PersonProfile(Optional.empty(), p.occupation(), p.incomeBand(), p.region());
      return new Individual(i.id(), i.code(), name, Set.of(), keys, profile, i.ownership(),
          i.consents(), i.mergedIds(), i.registeredAt());
    }
    Organization o = (Organization) c;
    OrganizationProfile p = o.profile();
    OrganizationProfile profile = new OrganizationProfile(p.industry(), p.sector(),
        p.employeeCount(), p.annualRevenue(), p.annualBuyingPower(), p.parent(),
        Optional.<Address>empty());
    List<Contact> contacts = new ArrayList<>();
    for (Contact k : o.contacts()) {
      String contactName = ERASED_NAME_PREFIX + token(o.id().value() + "/" + k.id(), 12);
      contacts.add(new Contact(k.id(), contactName, k.role(), k.title(),
          k.emails().stream().map(this::erased).collect(Collectors.toSet()),
          k.phones().stream().map(this::erased).collect(Collectors.toSet())));
    }
    return new Organization(o.id(), o.code(), name, Set.of(), keys, profile, contacts,
        o.ownership(), o.consents(), o.mergedIds(), o.registeredAt());
  }

  /**
   * Erases the leads never converted into a customer (NEW, QUALIFIED or DISQUALIFIED) whose
   * e-mail, phone or company number is {@code key}: for a person who asks to be forgotten but was
   * never a customer, or whose lead was captured with other data than the customer record.
   * Pseudonymised as with {@link #erase}; one transaction. Publishes no event (there is no
   * customer to name).
   *
   * @return how many leads changed
   * @throws IllegalStateException when this Privacy was built without sales
   */
  public int eraseLeadsMatching(IdentityKey key) {
    notNull("key", key);
    if (sales == null) {
      throw new IllegalStateException("sales: eraseLeadsMatching needs the leads; build Privacy"
          + " with .sales(sales), or leave it unset: Privacy.builder(crm) builds one on the crm");
    }
    return crm.inTransaction(() -> {
      Set<String> ids = new java.util.TreeSet<>();
      for (Lead l : sales.leads()) {
        boolean matches = l.email().map(IdentityKey::of).filter(key::equals).isPresent()
            || l.phone().map(IdentityKey::of).filter(key::equals).isPresent()
            || l.companyNationalId().map(IdentityKey::of).filter(key::equals).isPresent();
        if (matches && l.customerId().isEmpty()) {
          ids.add(l.id());
        }
      }
      return sales.redactLeadsById(ids, this::erased);
    });
  }

  private Lead erased(Lead l) {
    // the company name and number go too: for a converted lead they are the erased
    // organization's (issue 14), and a company number alone identifies a sole trader
    return new Lead(l.id(), ERASED_NAME_PREFIX + token("lead:" + l.id(), 12),
        l.company().map(c -> c.startsWith(ERASED_NAME_PREFIX) ? c
            : ERASED_NAME_PREFIX + token("lead-company:" + l.id(), 12)),
        l.role(), l.companyNationalId().map(this::erased), l.email().map(this::erased),
        l.phone().map(this::erased),
        l.source(), l.campaignId(), l.notes().isEmpty() ? "" : ERASED_TEXT, l.capturedAt(),
        l.status(), l.statusReason(), l.customerId(), l.contactId(), l.opportunityId(),
        l.convertedAt());
  }

  private NationalId erased(NationalId n) {
    return n.value().startsWith(ID_PREFIX) ? n
        : NationalId.of(ID_PREFIX + token("national-id:" + n.value(), 16));
  }

  private IdentityKeys erased(IdentityKeys k) {
    return new IdentityKeys(
        k.nationalIds().stream().map(this::erased).collect(Collectors.toSet()),
        k.phones().stream().map(this::erased).collect(Collectors.toSet()),
        k.emails().stream().map(this::erased).collect(Collectors.toSet()),
        k.externalIds().stream().map(x -> x.value().startsWith(ID_PREFIX) ? x
            : ExternalId.of(x.scheme(), ID_PREFIX + token(x.key(), 16)))
            .collect(Collectors.toSet()));
  }

  private EmailAddress erased(EmailAddress e) {
    return e.value().endsWith(EMAIL_DOMAIN) ? e
        : EmailAddress.of("e" + token("email:" + e.value(), 16) + EMAIL_DOMAIN);
  }

  private PhoneNumber erased(PhoneNumber p) {
    if (p.value().startsWith(PHONE_PREFIX)) {
      return p;
    }
    byte[] mac = hmac("phone:" + p.value());
    StringBuilder digits = new StringBuilder(PHONE_PREFIX);
    for (int i = 0; i < 11; i++) {
      digits.append(Math.floorMod(mac[i], 10));
    }
    return PhoneNumber.of(digits.toString());
  }

  private String token(String value, int hexChars) {
    return HexFormat.of().withUpperCase().formatHex(hmac(value)).substring(0, hexChars);
  }

  private byte[] hmac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // every Java runtime must provide HmacSHA256
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
