package dev.crmkit.testkit;

import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.ExternalId;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.IdentityKeys;
import dev.crmkit.core.customer.IncomeBand;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationProfile;
import dev.crmkit.core.customer.PersonProfile;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.customer.Sector;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.identity.FieldConflict;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.identity.Match;
import dev.crmkit.core.identity.MatchRule;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.MergeResult;
import dev.crmkit.core.identity.Resolution;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionEvent;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnLine;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.core.timeline.TimelineFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for every crm-core type, with sensible relationships where they are cheap:
 * an order's lines share its currency, a return takes back at most what its order's lines hold,
 * a merge report comes from merging two generated records, an interaction with an organization
 * names one of its contacts.
 *
 * <pre>{@code
 * // in a jqwik test class: a property over customers, and the provider it names
 * void survives_json(@ForAll("customers") Customer c) { ... }   // annotated @Property
 * Arbitrary<Customer> customers() { return CrmArbitraries.customers(); }   // annotated @Provide
 * }</pre>
 */
public final class CrmArbitraries {

  private static final long FROM = Instant.parse("2015-01-01T00:00:00Z").toEpochMilli();
  private static final long UNTIL = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
  private static final List<String> FIRST_NAMES = List.of("Anna", "Ben", "Chen", "Dana", "Emil",
      "Fatima", "Goran", "Hana", "Ivan", "José", "Kenji", "Lena", "Mei", "Noah", "Olga", "Priya");
  private static final List<String> LAST_NAMES = List.of("Schmidt", "Müller", "Wang", "Li",
      "García", "Novak", "Sato", "Kowalski", "Okafor", "Dubois", "Rossi", "Smith", "Nguyen");
  private static final List<String> ORG_WORDS = List.of("Acme", "Globex", "Initech", "Umbrella",
      "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Vandelay", "Wonka");
  private static final List<String> ORG_SUFFIXES = List.of("GmbH", "Inc.", "Ltd", "AG", "Co.",
      "University", "Ministry of Transport", "Hospital");
  private static final List<String> CATEGORIES = List.of("laptops", "phones", "accessories",
      "cars", "service", "insurance", "software");
  private static final List<String> CURRENCIES = List.of("USD", "EUR", "CNY", "JPY", "GBP");

  private CrmArbitraries() {}

  // ------------------------------------------------------------------ basics

  public static Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(FROM, UNTIL).map(Instant::ofEpochMilli);
  }

  public static Arbitrary<Currency> currencies() {
    return Arbitraries.of(CURRENCIES).map(Currency::getInstance);
  }

  /** Non-negative amounts with up to four decimals, in any of a few currencies. */
  public static Arbitrary<Money> money() {
    return currencies().flatMap(CrmArbitraries::money);
  }

  public static Arbitrary<Money> money(Currency currency) {
    return Combinators.combine(
            Arbitraries.longs().between(0, 5_000_000), Arbitraries.integers().between(0, 4))
        .as((unscaled, scale) -> Money.of(BigDecimal.valueOf(unscaled, scale), currency));
  }

  public static Arbitrary<CustomerId> customerIds() {
    return Arbitraries.strings().withChars("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-").ofMinLength(1)
        .ofMaxLength(12).filter(s -> Character.isLetterOrDigit(s.charAt(0)))
        .map(s -> CustomerId.of("C" + s));
  }

  public static Arbitrary<String> codes() {
    return Arbitraries.integers().between(1, 999_999).map(n -> String.format("K-%06d", n));
  }

  public static Arbitrary<String> personNames() {
    return Combinators.combine(Arbitraries.of(FIRST_NAMES), Arbitraries.of(LAST_NAMES))
        .as((first, last) -> first + " " + last);
  }

  public static Arbitrary<String> organizationNames() {
    return Combinators.combine(Arbitraries.of(ORG_WORDS), Arbitraries.of(ORG_SUFFIXES))
        .as((word, suffix) -> word + " " + suffix);
  }

  private static Arbitrary<String> words() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
  }

  // ------------------------------------------------------------------ identity

  public static Arbitrary<EmailAddress> emails() {
    return Combinators.combine(
            Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._+")
                .ofMinLength(1).ofMaxLength(16),
            Arbitraries.of("example.com", "mail.example.org", "acme.example", "qq.example.cn"))
        .as((local, domain) -> EmailAddress.of(local + "@" + domain));
  }

  public static Arbitrary<PhoneNumber> phones() {
    return Combinators.combine(Arbitraries.of("1", "44", "49", "86", "81"),
            Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(11))
        .as((code, digits) -> PhoneNumber.of("+" + code + digits));
  }

  public static Arbitrary<NationalId> nationalIds() {
    return Arbitraries.strings().withChars("ABCDEFGHJKLMNPRSTUVWXYZ0123456789").ofMinLength(6)
        .ofMaxLength(18).map(NationalId::of);
  }

  public static Arbitrary<ExternalId> externalIds() {
    return Combinators.combine(Arbitraries.of(ExternalId.VIN, ExternalId.LOYALTY_CARD, "CONTRACT"),
            Arbitraries.strings().withChars("ABCDEFGHJKLMNPRSTUVWXYZ0123456789").ofMinLength(4)
                .ofMaxLength(17))
        .as(ExternalId::of);
  }

  public static Arbitrary<IdentityKeys> identityKeys() {
    return Combinators.combine(
            nationalIds().set().ofMaxSize(1),
            phones().set().ofMaxSize(2),
            emails().set().ofMaxSize(2),
            externalIds().set().ofMaxSize(2))
        .as(IdentityKeys::new);
  }

  public static Arbitrary<IdentityKey> identityKeySingles() {
    return Arbitraries.oneOf(
        nationalIds().map(IdentityKey::of),
        phones().map(IdentityKey::of),
        emails().map(IdentityKey::of),
        externalIds().map(IdentityKey::of));
  }

  // ------------------------------------------------------------------ customers

  public static Arbitrary<PersonProfile> personProfiles() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 30_000)
                .map(d -> LocalDate.of(1940, 1, 1).plusDays(d)).optional(),
            Arbitraries.of("engineer", "teacher", "nurse", "driver", "student", "farmer")
                .optional(),
            Arbitraries.of(IncomeBand.class).optional(),
            Arbitraries.of("Berlin", "Bavaria", "Guangdong", "Texas", "Kanto").optional())
        .as(PersonProfile::new);
  }

  public static Arbitrary<Address> addresses() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999).map(n -> n + " Main Street"),
            Arbitraries.of("Berlin", "Austin", "Shenzhen", "Osaka", "London"),
            Arbitraries.strings().numeric().ofLength(5).optional(),
            Arbitraries.of("BE", "TX", "GD", "OS").optional(),
            Arbitraries.of("DE", "US", "CN", "JP", "GB"))
        .as(Address::new);
  }

  public static Arbitrary<OrganizationProfile> organizationProfiles() {
    return currencies().flatMap(currency -> Combinators.combine(
            Arbitraries.of("automotive", "retail", "telecom", "insurance", "public").optional(),
            Arbitraries.of(Sector.class).optional(),
            Arbitraries.integers().between(0, 500_000).optional(),
            money(currency).optional(),
            money(currency).optional(),
            customerIds().optional(),
            addresses().optional())
        .as(OrganizationProfile::new));
  }

  public static Arbitrary<Contact> contacts() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 999).map(n -> "c-" + n),
            personNames(),
            Arbitraries.of(BuyingRole.class),
            Arbitraries.of("CIO", "CFO", "Buyer", "IT Manager").optional(),
            emails().set().ofMaxSize(2),
            phones().set().ofMaxSize(2))
        .as(Contact::new);
  }

  /** Up to four contacts with distinct ids. */
  public static Arbitrary<List<Contact>> contactLists() {
    return contacts().list().ofMaxSize(4).uniqueElements(Contact::id);
  }

  public static Arbitrary<AccountOwnership> ownerships() {
    return Combinators.combine(
            Arbitraries.of("agent-1", "agent-2", "agent-7").optional(),
            Arbitraries.of("support-1", "support-2").optional())
        .as(AccountOwnership::new);
  }

  public static Arbitrary<Consent> consents() {
    return Combinators.combine(Arbitraries.of(Channel.class), Arbitraries.of(true, false),
            instants())
        .as(Consent::new);
  }

  public static Arbitrary<Map<Channel, Consent>> consentMaps() {
    return consents().list().ofMaxSize(4).map(list -> {
      Map<Channel, Consent> map = new EnumMap<>(Channel.class);
      list.forEach(c -> map.put(c.channel(), c));
      return map;
    });
  }

  private static Arbitrary<Set<String>> aliases(Arbitrary<String> names) {
    return names.set().ofMaxSize(2);
  }

  private static Arbitrary<Set<CustomerId>> mergedIds() {
    return customerIds().set().ofMaxSize(3);
  }

  public static Arbitrary<Individual> individuals() {
    return Combinators.combine(
            Combinators.combine(customerIds(), codes(), personNames(), aliases(personNames()))
                .as(Tuple::of),
            Combinators.combine(identityKeys(), personProfiles(), ownerships(), consentMaps())
                .as(Tuple::of),
            mergedIds(),
            instants())
        .as((a, b, merged, at) -> {
          Set<CustomerId> others = merged.stream().filter(id -> !id.equals(a.get1()))
              .collect(Collectors.toSet());
          return new Individual(a.get1(), a.get2(), a.get3(), a.get4(), b.get1(), b.get2(),
              b.get3(), b.get4(), others, at);
        });
  }

  public static Arbitrary<Organization> organizations() {
    return Combinators.combine(
            Combinators.combine(customerIds(), codes(), organizationNames(),
                aliases(organizationNames())).as(Tuple::of),
            Combinators.combine(identityKeys(), organizationProfiles(), contactLists(),
                ownerships(), consentMaps()).as(Tuple::of),
            mergedIds(),
            instants())
        .as((a, b, merged, at) -> {
          CustomerId id = a.get1();
          OrganizationProfile p = b.get2();
          if (p.parent().filter(id::equals).isPresent()) {
            p = new OrganizationProfile(p.industry(), p.sector(), p.employeeCount(),
                p.annualRevenue(), p.annualBuyingPower(), Optional.empty(), p.address());
          }
          Set<CustomerId> others = merged.stream().filter(m -> !m.equals(id))
              .collect(Collectors.toSet());
          return new Organization(id, a.get2(), a.get3(), a.get4(), b.get1(), p, b.get3(),
              b.get4(), b.get5(), others, at);
        });
  }

  public static Arbitrary<Customer> customers() {
    return Arbitraries.oneOf(individuals(), organizations());
  }

  /**
   * Two individuals that are the same person by {@code rule}: they share the key the rule
   * needs, and otherwise differ as generated.
   */
  public static Arbitrary<Tuple.Tuple2<Individual, Individual>> duplicateIndividuals() {
    return Combinators.combine(individuals(), individuals(), emails())
        .as((a, b, shared) -> Tuple.of(
            withKeys(a, a.keys().withEmail(shared)), withKeys(b, b.keys().withEmail(shared))))
        .filter(t -> !t.get1().id().equals(t.get2().id())
            && !t.get1().mergedIds().contains(t.get2().id())
            && !t.get2().mergedIds().contains(t.get1().id()));
  }

  private static Individual withKeys(Individual i, IdentityKeys keys) {
    return new Individual(i.id(), i.code(), i.name(), i.aliases(), keys, i.profile(),
        i.ownership(), i.consents(), i.mergedIds(), i.registeredAt());
  }

  public static Arbitrary<Match> matches() {
    return Combinators.combine(customerIds(), customerIds(),
            Arbitraries.of(MatchRule.class).set().ofMinSize(1))
        .as(Tuple::of)
        .filter(t -> !t.get1().equals(t.get2()))
        .map(t -> Match.of(t.get1(), t.get2(), t.get3()));
  }

  public static Arbitrary<FieldConflict> fieldConflicts() {
    return Combinators.combine(Arbitraries.of("name", "profile.region", "keys.emails"),
            words().optional(), words().optional(), Arbitraries.of(Resolution.class),
            words().optional())
        .as(FieldConflict::new);
  }

  /** Reports of merging generated duplicates: real conflicts, real resolutions. */
  public static Arbitrary<MergeReport> mergeReports() {
    return Combinators.combine(duplicateIndividuals(), instants(), Arbitraries.of(true, false))
        .as((pair, at, already) -> {
          MergeReport r = IdentityResolution.merge(pair.get1(), pair.get2(), at).report();
          return already
              ? new MergeReport(r.survivorId(), r.mergedId(), Set.of(), List.of(), at, true)
              : r;
        });
  }

  /** Results of merging generated duplicates. */
  public static Arbitrary<MergeResult> mergeResults() {
    return Combinators.combine(duplicateIndividuals(), instants())
        .as((pair, at) -> IdentityResolution.merge(pair.get1(), pair.get2(), at));
  }

  // ------------------------------------------------------------------ purchases

  public static Arbitrary<LineItem> lineItems(Currency currency, int lineNumber) {
    return Combinators.combine(
            Arbitraries.strings().withChars("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-").ofMinLength(3)
                .ofMaxLength(10).filter(s -> !s.isBlank()),
            Arbitraries.of(CATEGORIES),
            Arbitraries.integers().between(1, 5),
            money(currency),
            Arbitraries.integers().between(0, 40))
        .as((sku, category, qty, list, discountPercent) -> new LineItem(lineNumber, sku,
            category, qty, list, list.times(BigDecimal.valueOf(100 - discountPercent, 2))));
  }

  public static Arbitrary<Order> orders() {
    return customerIds().flatMap(CrmArbitraries::orders);
  }

  /** Orders of one customer: 1 to 4 lines in one currency, numbered from 1. */
  public static Arbitrary<Order> orders(CustomerId customerId) {
    return currencies().flatMap(currency -> Arbitraries.integers().between(1, 4)
        .flatMap(n -> Combinators.combine(
                IntStream.rangeClosed(1, n).mapToObj(i -> lineItems(currency, i)).toList())
            .as(lines -> lines))
        .flatMap(lines -> Combinators.combine(
                Arbitraries.integers().between(1, 9_999_999).map(i -> "O-" + i),
                instants(),
                Arbitraries.of(Channel.class),
                Arbitraries.of("spring-sale", "newsletter-7", "dealer-event").optional())
            .as((id, at, channel, campaign) ->
                new Order(id, customerId, at, channel, currency, lines, campaign))));
  }

  /** A return of part of {@code order}: never more than a line holds, never before the order. */
  public static Arbitrary<Return> returnsOf(Order order) {
    List<Arbitrary<Optional<ReturnLine>>> perLine = new ArrayList<>();
    for (LineItem line : order.lines()) {
      perLine.add(Arbitraries.integers().between(1, line.quantity())
          .map(q -> new ReturnLine(line.lineNumber(), line.sku(), line.category(), q,
              line.unitPricePaid().times(q)))
          .optional());
    }
    return Combinators.combine(perLine)
        .as(lines -> lines.stream().flatMap(Optional::stream).toList())
        .filter(lines -> !lines.isEmpty())
        .flatMap(lines -> Combinators.combine(
                Arbitraries.integers().between(1, 9_999_999).map(i -> "R-" + i),
                Arbitraries.longs().between(0, 90L * 24 * 3600),
                Arbitraries.of(Channel.class),
                Arbitraries.of("damaged", "wrong size", "changed mind").optional())
            .as((id, seconds, channel, reason) -> new Return(id, order.id(), order.customerId(),
                order.orderedAt().plusSeconds(seconds), channel, order.currency(), lines,
                reason)));
  }

  public static Arbitrary<Return> returns() {
    return orders().flatMap(CrmArbitraries::returnsOf);
  }

  public static Arbitrary<PurchaseHistory> purchaseHistories() {
    return customerIds().flatMap(id -> orders(id).list().ofMaxSize(4)
        .uniqueElements(Order::id)
        .flatMap(orders -> Combinators.combine(orders.stream()
                .map(o -> returnsOf(o).optional()).toList())
            .as(rs -> PurchaseHistory.of(id, orders,
                rs.stream().flatMap(Optional::stream).toList()))));
  }

  // ------------------------------------------------------------------ interactions

  public static Arbitrary<Interaction> interactions() {
    return customerIds().flatMap(id -> interactions(id, List.of()));
  }

  /** Interactions with {@code customer}; with an organization, the contact is one of its own. */
  public static Arbitrary<Interaction> interactions(Customer customer) {
    List<String> contactIds = customer instanceof Organization org
        ? org.contacts().stream().map(Contact::id).toList() : List.of();
    return interactions(customer.id(), contactIds);
  }

  private static Arbitrary<Interaction> interactions(CustomerId id, List<String> contactIds) {
    Arbitrary<Optional<String>> contact = contactIds.isEmpty()
        ? Arbitraries.just(Optional.empty())
        : Arbitraries.of(contactIds).optional();
    return Combinators.combine(
            Combinators.combine(Arbitraries.integers().between(1, 9_999_999).map(i -> "I-" + i),
                instants(), Arbitraries.of(Channel.class), Arbitraries.of(InteractionType.class),
                Arbitraries.of(Direction.class)).as(Tuple::of),
            Combinators.combine(contact, Arbitraries.of("agent-1", "agent-2").optional(),
                Arbitraries.of("spring-sale", "newsletter-7").optional(),
                Arbitraries.of("", "asked about delivery", "screen flickers\nsince Monday"),
                Arbitraries.of("resolved", "repair booked", "call back").optional())
                .as(Tuple::of))
        .as((a, b) -> new Interaction(a.get1(), id, a.get2(), a.get3(), a.get4(), a.get5(),
            b.get1(), b.get2(), b.get3(), b.get4(), b.get5()));
  }

  // ------------------------------------------------------------------ history and timeline

  /** A customer with orders, returns of those orders and interactions, all its own. */
  public static Arbitrary<CustomerHistory> customerHistories() {
    return customers().flatMap(c -> orders(c.id()).list().ofMaxSize(4).uniqueElements(Order::id)
        .flatMap(orders -> Combinators.combine(
                Combinators.combine(orders.stream().map(o -> returnsOf(o).optional()).toList())
                    .as(rs -> rs.stream().flatMap(Optional::stream).toList()),
                interactions(c).list().ofMaxSize(4).uniqueElements(Interaction::id))
            .as((returns, interactions) -> new CustomerHistory(c, orders,
                uniqueById(returns), interactions))));
  }

  private static List<Return> uniqueById(List<Return> returns) {
    return new ArrayList<>(returns.stream()
        .collect(Collectors.toMap(Return::id, r -> r, (x, y) -> x, java.util.LinkedHashMap::new))
        .values());
  }

  public static Arbitrary<Timeline> timelines() {
    return customerHistories().map(CustomerHistory::timeline);
  }

  public static Arbitrary<TimelineEntry> timelineEntries() {
    return Arbitraries.oneOf(
        orders().map(TimelineEntry.PurchaseEntry::new),
        returns().map(TimelineEntry.ReturnEntry::new),
        interactions().map(TimelineEntry.InteractionEntry::new));
  }

  public static Arbitrary<TimelineFilter> timelineFilters() {
    return Combinators.combine(
            Arbitraries.of(TimelineEntry.Kind.class).set().ofMaxSize(2),
            Arbitraries.of(Channel.class).set().ofMaxSize(3),
            Arbitraries.of(InteractionType.class).set().ofMaxSize(2),
            instants().optional(),
            Arbitraries.longs().between(1, 400L * 24 * 3600).optional())
        .as((kinds, channels, types, from, length) -> new TimelineFilter(kinds, channels, types,
            from, from.flatMap(f -> length.map(f::plusSeconds))));
  }

  // ------------------------------------------------------------------ events

  public static Arbitrary<DomainEvent> events() {
    return Arbitraries.oneOf(
        Combinators.combine(customers(), instants()).as(CustomerEvent.CustomerRegistered::new),
        Combinators.combine(duplicateIndividuals(), instants()).as((pair, at) -> {
          var result = IdentityResolution.merge(pair.get1(), pair.get2(), at);
          return new IdentityEvent.CustomersMerged(result.survivor(), result.report(), at);
        }),
        Combinators.combine(customerIds(), consents(), instants())
            .as(CustomerEvent.ConsentRecorded::new),
        Combinators.combine(customers(), instants()).as(CustomerEvent.OwnershipChanged::new),
        Combinators.combine(customerIds(), contacts(), instants())
            .as(CustomerEvent.ContactSaved::new),
        Combinators.combine(orders(), instants()).as(PurchaseEvent.PurchaseRecorded::new),
        Combinators.combine(returns(), instants()).as(PurchaseEvent.ReturnRecorded::new),
        Combinators.combine(interactions(), instants()).as(InteractionEvent.InteractionLogged::new));
  }
}
