package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.Consent;
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
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.identity.FieldConflict;
import dev.crmkit.core.identity.Match;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.MergeResult;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnLine;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.core.timeline.TimelineFilter;
import java.util.Currency;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every public model type survives a trip through {@code CrmJson.mapper()} unchanged. */
class JsonRoundTripTest {

  private static final ObjectMapper MAPPER = CrmJson.mapper();

  static <T> void roundTrips(T value, Class<? super T> type) throws Exception {
    String json = MAPPER.writeValueAsString(value);
    JavaType javaType = MAPPER.constructType(type);
    Object back = MAPPER.readValue(json, javaType);
    assertThat(back).as(json).isEqualTo(value);
    // and the text is stable: writing it again gives the same JSON
    assertThat(MAPPER.writeValueAsString(back)).isEqualTo(json);
  }

  @Property(tries = 200)
  void money(@ForAll("money") Money v) throws Exception {
    roundTrips(v, Money.class);
  }

  @Property(tries = 200)
  void customer_ids(@ForAll("customerIds") CustomerId v) throws Exception {
    roundTrips(v, CustomerId.class);
  }

  @Property(tries = 200)
  void identity_values(@ForAll("emails") EmailAddress e, @ForAll("phones") PhoneNumber p,
      @ForAll("nationalIds") NationalId n, @ForAll("externalIds") ExternalId x,
      @ForAll("identityKey") IdentityKey k) throws Exception {
    roundTrips(e, EmailAddress.class);
    roundTrips(p, PhoneNumber.class);
    roundTrips(n, NationalId.class);
    roundTrips(x, ExternalId.class);
    roundTrips(k, IdentityKey.class);
  }

  @Property(tries = 200)
  void identity_keys(@ForAll("identityKeys") IdentityKeys v) throws Exception {
    roundTrips(v, IdentityKeys.class);
  }

  @Property(tries = 200)
  void profiles_addresses_contacts(@ForAll("personProfiles") PersonProfile p,
      @ForAll("organizationProfiles") OrganizationProfile o, @ForAll("addresses") Address a,
      @ForAll("contacts") Contact c, @ForAll("ownerships") AccountOwnership w,
      @ForAll("consents") Consent k) throws Exception {
    roundTrips(p, PersonProfile.class);
    roundTrips(o, OrganizationProfile.class);
    roundTrips(a, Address.class);
    roundTrips(c, Contact.class);
    roundTrips(w, AccountOwnership.class);
    roundTrips(k, Consent.class);
  }

  @Property(tries = 200)
  void individuals(@ForAll("individuals") Individual v) throws Exception {
    roundTrips(v, Individual.class);
    roundTrips(v, Customer.class);
  }

  @Property(tries = 200)
  void organizations(@ForAll("organizations") Organization v) throws Exception {
    roundTrips(v, Organization.class);
    roundTrips(v, Customer.class);
  }

  @Property(tries = 100)
  void matches_conflicts_and_merge_reports(@ForAll("matches") Match m,
      @ForAll("fieldConflicts") FieldConflict f, @ForAll("mergeReports") MergeReport r,
      @ForAll("mergeResults") MergeResult result) throws Exception {
    roundTrips(result, MergeResult.class);
    roundTrips(m, Match.class);
    roundTrips(f, FieldConflict.class);
    roundTrips(r, MergeReport.class);
  }

  @Property(tries = 200)
  void orders_and_line_items(@ForAll("orders") Order v) throws Exception {
    roundTrips(v, Order.class);
    for (LineItem line : v.lines()) {
      roundTrips(line, LineItem.class);
    }
  }

  @Property(tries = 200)
  void returns_and_return_lines(@ForAll("returns") Return v) throws Exception {
    roundTrips(v, Return.class);
    for (ReturnLine line : v.lines()) {
      roundTrips(line, ReturnLine.class);
    }
  }

  @Property(tries = 100)
  void purchase_histories(@ForAll("purchaseHistories") PurchaseHistory v) throws Exception {
    roundTrips(v, PurchaseHistory.class);
    for (PurchaseHistory.Breakdown b : v.byProduct()) {
      roundTrips(b, PurchaseHistory.Breakdown.class);
    }
  }

  @Property(tries = 200)
  void interactions(@ForAll("interactions") Interaction v) throws Exception {
    roundTrips(v, Interaction.class);
  }

  @Property(tries = 100)
  void timelines_entries_and_filters(@ForAll("timelines") Timeline t,
      @ForAll("timelineEntries") TimelineEntry e, @ForAll("timelineFilters") TimelineFilter f)
      throws Exception {
    roundTrips(t, Timeline.class);
    roundTrips(e, TimelineEntry.class);
    roundTrips(f, TimelineFilter.class);
  }

  @Property(tries = 100)
  void customer_histories(@ForAll("customerHistories") CustomerHistory v) throws Exception {
    roundTrips(v, CustomerHistory.class);
  }

  @Property(tries = 200)
  void domain_events(@ForAll("events") DomainEvent v) throws Exception {
    roundTrips(v, DomainEvent.class);
  }

  @Provide Arbitrary<Money> money() {
    return CrmArbitraries.money();
  }

  @Provide Arbitrary<CustomerId> customerIds() {
    return CrmArbitraries.customerIds();
  }

  @Provide Arbitrary<EmailAddress> emails() {
    return CrmArbitraries.emails();
  }

  @Provide Arbitrary<PhoneNumber> phones() {
    return CrmArbitraries.phones();
  }

  @Provide Arbitrary<NationalId> nationalIds() {
    return CrmArbitraries.nationalIds();
  }

  @Provide Arbitrary<ExternalId> externalIds() {
    return CrmArbitraries.externalIds();
  }

  @Provide Arbitrary<IdentityKey> identityKey() {
    return CrmArbitraries.identityKeySingles();
  }

  @Provide Arbitrary<IdentityKeys> identityKeys() {
    return CrmArbitraries.identityKeys();
  }

  @Provide Arbitrary<PersonProfile> personProfiles() {
    return CrmArbitraries.personProfiles();
  }

  @Provide Arbitrary<OrganizationProfile> organizationProfiles() {
    return CrmArbitraries.organizationProfiles();
  }

  @Provide Arbitrary<Address> addresses() {
    return CrmArbitraries.addresses();
  }

  @Provide Arbitrary<Contact> contacts() {
    return CrmArbitraries.contacts();
  }

  @Provide Arbitrary<AccountOwnership> ownerships() {
    return CrmArbitraries.ownerships();
  }

  @Provide Arbitrary<Consent> consents() {
    return CrmArbitraries.consents();
  }

  @Provide Arbitrary<Individual> individuals() {
    return CrmArbitraries.individuals();
  }

  @Provide Arbitrary<Organization> organizations() {
    return CrmArbitraries.organizations();
  }

  @Provide Arbitrary<Match> matches() {
    return CrmArbitraries.matches();
  }

  @Provide Arbitrary<FieldConflict> fieldConflicts() {
    return CrmArbitraries.fieldConflicts();
  }

  @Provide Arbitrary<MergeReport> mergeReports() {
    return CrmArbitraries.mergeReports();
  }

  @Provide Arbitrary<MergeResult> mergeResults() {
    return CrmArbitraries.mergeResults();
  }

  @Provide Arbitrary<Order> orders() {
    return CrmArbitraries.orders();
  }

  @Provide Arbitrary<Return> returns() {
    return CrmArbitraries.returns();
  }

  @Provide Arbitrary<PurchaseHistory> purchaseHistories() {
    return CrmArbitraries.purchaseHistories();
  }

  @Provide Arbitrary<Interaction> interactions() {
    return CrmArbitraries.interactions();
  }

  @Provide Arbitrary<Timeline> timelines() {
    return CrmArbitraries.timelines();
  }

  @Provide Arbitrary<TimelineEntry> timelineEntries() {
    return CrmArbitraries.timelineEntries();
  }

  @Provide Arbitrary<TimelineFilter> timelineFilters() {
    return CrmArbitraries.timelineFilters();
  }

  @Provide Arbitrary<CustomerHistory> customerHistories() {
    return CrmArbitraries.customerHistories();
  }

  @Provide Arbitrary<DomainEvent> events() {
    return CrmArbitraries.events();
  }

  @Provide Arbitrary<Currency> currencies() {
    return CrmArbitraries.currencies();
  }
}
