package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.UnknownCustomerException;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.privacy.AccessLevel;
import dev.crmkit.core.privacy.AccessPolicy;
import dev.crmkit.core.privacy.CustomerView;
import dev.crmkit.core.privacy.ErasureReport;
import dev.crmkit.core.privacy.Privacy;
import dev.crmkit.core.privacy.PrivacyEvent;
import dev.crmkit.core.privacy.SensitiveField;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.repository.InMemoryCustomerRepository;
import dev.crmkit.core.sales.Conversion;
import dev.crmkit.core.sales.Deal;
import dev.crmkit.core.sales.Lead;
import dev.crmkit.core.sales.LeadRequest;
import dev.crmkit.core.sales.LeadStatus;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.ComplaintSummary;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.survey.SatisfactionReport;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivacyTest {

  private static final byte[] SECRET = "a test key of 32 bytes, not used".getBytes(
      StandardCharsets.UTF_8);

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
  private final Crm crm = Crm.builder().clock(clock).customers(customers)
      .ids(IdGenerator.sequential()).build();
  private final ServiceDesk desk = ServiceFixtures.desk(crm, clock);
  private final Surveys surveys = Surveys.create(crm, desk, clock, crm.events());
  private final LostCustomers lost = LostCustomers.create(crm, clock, crm.events(),
      LapseRule.after(Duration.ofDays(365)), Set.of("price", "service"));
  private final Privacy privacy = Privacy.builder(crm, customers).clock(clock).secret(SECRET)
      .serviceDesk(desk).surveys(surveys).lostCustomers(lost).build();
  private final AccessPolicy policy = AccessPolicy.defaults();

  // ------------------------------------------------------------------ masking

  @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
  @CsvSource({
      // every level x every sensitive field, with the default policy
      "PUBLIC,     PHONE,       13812345678,      138****5678",
      "INTERNAL,   PHONE,       13812345678,      138****5678",
      "RESTRICTED, PHONE,       13812345678,      13812345678",
      "PUBLIC,     PHONE,       +49301234567,     +493****4567",
      "PUBLIC,     PHONE,       1234567,          *****67",
      "PUBLIC,     EMAIL,       zoe@example.com,  z***@example.com",
      "INTERNAL,   EMAIL,       zoe@example.com,  zoe@example.com",
      "RESTRICTED, EMAIL,       zoe@example.com,  zoe@example.com",
      "PUBLIC,     NATIONAL_ID, 123456789,        *****6789",
      "INTERNAL,   NATIONAL_ID, 123456789,        *****6789",
      "RESTRICTED, NATIONAL_ID, 123456789,        123456789",
      "PUBLIC,     NATIONAL_ID, AB1234,           ******",
      "PUBLIC,     BIRTH_DATE,  1985-03-14,       1985-**-**",
      "INTERNAL,   BIRTH_DATE,  1985-03-14,       1985-**-**",
      "RESTRICTED, BIRTH_DATE,  1985-03-14,       1985-03-14",
      "PUBLIC,     ADDRESS,     1 Dell Way,       ***",
      "INTERNAL,   ADDRESS,     1 Dell Way,       1 Dell Way",
      "RESTRICTED, ADDRESS,     1 Dell Way,       1 Dell Way",
  })
  void each_level_sees_each_field_masked_or_in_clear(AccessLevel level, SensitiveField field,
      String value, String seen) {
    assertThat(policy.mask(level, field, value)).isEqualTo(seen);
    assertThat(policy.reveals(level, field)).isEqualTo(seen.equals(value));
  }

  @Test
  void a_customer_view_masks_what_the_level_may_not_see() {
    Individual anna = crm.register(Fixtures.anna());
    CustomerView pub = privacy.view(anna.id(), AccessLevel.PUBLIC);
    assertThat(pub.nationalIds()).containsExactly("*****6789");
    assertThat(pub.phones()).containsExactly("+493****4567");
    assertThat(pub.emails()).containsExactly("a***@example.com");
    assertThat(pub.birthDate()).contains("1985-**-**");
    assertThat(pub.name()).isEqualTo("Anna Schmidt");
    CustomerView internal = privacy.view(anna.id(), AccessLevel.INTERNAL);
    assertThat(internal.emails()).containsExactly("anna@example.com");
    assertThat(internal.phones()).containsExactly("+493****4567");
    CustomerView all = privacy.view(anna.id(), AccessLevel.RESTRICTED);
    assertThat(all.phones()).containsExactly("+49301234567");
    assertThat(all.birthDate()).contains("1985-03-14");

    Organization acme = crm.register(Fixtures.acme().address(
        Address.of("1 Dell Way", "Round Rock", "78682", "TX", "US")));
    CustomerView org = privacy.view(acme.id(), AccessLevel.PUBLIC);
    assertThat(org.address().get().street()).isEqualTo("***");
    assertThat(org.address().get().postalCode()).contains("***");
    assertThat(org.address().get().city()).isEqualTo("Round Rock");
    assertThat(org.contacts().get(0).emails()).containsExactly("g***@acme.example");
  }

  @Test
  void public_may_see_nothing_in_clear() {
    assertThatThrownBy(() -> AccessPolicy.of(Map.of(AccessLevel.PUBLIC,
        Set.of(SensitiveField.EMAIL))))
        .hasMessageStartingWith("clearFields[PUBLIC]: '[EMAIL]' is not valid");
  }

  // ------------------------------------------------------------------ export and erasure

  @Test
  void export_holds_everything_and_after_erasure_no_personal_data() throws Exception {
    Individual anna = crm.register(Fixtures.anna().externalId("VIN", "WDB1234567"));
    clock.advance(Duration.ofHours(1));
    Individual dup = crm.register(Registration.individual("SCHMIDT, Anna")
        .email("anna@example.com").phone("+86 138 1234 5678")
        .birthDate(LocalDate.of(1985, 3, 14)));
    crm.recordConsent(anna.id(), Channel.EMAIL, true);
    Order car = crm.recordPurchase(OrderRequest.of(dup.id(), Channel.STORE, "EUR")
        .line("A-CLASS-180", "cars", 1, Money.of("35000", "EUR"), Money.of("33500", "EUR"))
        .line("MATS", "accessories", 2, Money.of("50", "EUR"), Money.of("45", "EUR")));
    crm.recordReturn(ReturnRequest.of(car.id()).line(2, 1));
    crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
        InteractionType.COMPLAINT, Direction.INBOUND)
        .notes("Anna Schmidt, call back on +49 30 1234567"));
    ServiceCase complaint = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT,
        Priority.HIGH, Channel.HOTLINE).owner("agent-3").subject("Anna Schmidt: scratched rims")
        .description("lives at Hauptstr. 1").product("MATS").category("delivery"));
    desk.start(complaint.id());
    desk.resolve(complaint.id(), "replaced for Anna Schmidt", "warehouse handling");
    desk.recordSatisfaction(complaint.id(), 4);
    surveys.record(SurveyRequest.of(anna.id()).csat(4).nps(9).text("Anna here, all good")
        .aboutCase(complaint.id()));
    surveys.followUpAfterCase(complaint.id(), Duration.ofDays(7), "ask Anna Schmidt");
    lost.recordDeparture(anna.id(), "price", "Anna moved to a cheaper dealer");
    crm.merge(anna.id(), dup.id());

    String before = privacy.export(anna.id());
    JsonNode doc = CrmJson.mapper().readTree(before);
    assertThat(doc.get("customer").get("id").asText()).isEqualTo(anna.id().value());
    assertThat(doc.get("customer").get("consents").get("EMAIL").get("granted").asBoolean())
        .isTrue();
    assertThat(doc.get("mergedRecords")).hasSize(1);
    assertThat(doc.get("orders")).hasSize(1);
    assertThat(doc.get("returns")).hasSize(1);
    assertThat(doc.get("interactions")).hasSize(1);
    assertThat(doc.get("cases")).hasSize(1);
    assertThat(doc.get("surveys")).hasSize(1);
    assertThat(doc.get("followUps")).hasSize(1);
    assertThat(doc.get("departures")).hasSize(1);
    assertThat(before).contains("Anna Schmidt", "anna@example.com", "+49301234567",
        "+8613812345678", "123456789", "1985-03-14", "WDB1234567", "SCHMIDT, Anna");

    ComplaintSummary complaintsBefore = desk.complaintSummary(Fixtures.T0,
        Fixtures.T0.plus(Duration.ofDays(1)));
    SatisfactionReport satisfactionBefore = surveys.report(Fixtures.T0,
        Fixtures.T0.plus(Duration.ofDays(1)));
    List<DomainEvent> events = new ArrayList<>();
    crm.events().subscribe(events::add);

    ErasureReport report = privacy.erase(dup.id()); // an old id resolves to the survivor

    assertThat(report.customerId()).isEqualTo(anna.id());
    assertThat(report.records()).containsExactlyInAnyOrder(anna.id(), dup.id());
    assertThat(report.casesRedacted()).isEqualTo(1);
    assertThat(report.surveyItemsRedacted()).isEqualTo(2);
    assertThat(report.departureItemsRedacted()).isEqualTo(1);
    assertThat(events).singleElement().isInstanceOfSatisfying(PrivacyEvent.CustomerErased.class,
        e -> {
          assertThat(e.customerId()).isEqualTo(anna.id());
          assertThat(e.records()).containsExactly(anna.id(), dup.id());
        });

    String after = privacy.export(anna.id());
    for (String personal : List.of("Anna", "Schmidt", "SCHMIDT", "anna@example.com",
        "+49301234567", "+8613812345678", "123456789", "1985-03-14", "WDB1234567",
        "Hauptstr")) {
      assertThat(after).as(personal).doesNotContainIgnoringCase(personal);
    }
    // purchases, cases and aggregates are as they were
    JsonNode erased = CrmJson.mapper().readTree(after);
    assertThat(erased.get("orders")).isEqualTo(doc.get("orders"));
    assertThat(erased.get("returns")).isEqualTo(doc.get("returns"));
    assertThat(erased.get("customer").get("consents")).isEqualTo(doc.get("customer")
        .get("consents"));
    assertThat(crm.purchaseHistory(anna.id())).isEqualTo(crm.purchaseHistory(dup.id()));
    assertThat(crm.purchaseHistory(anna.id()).byCategory()).hasSize(2);
    assertThat(desk.complaintSummary(Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(1))))
        .isEqualTo(complaintsBefore);
    assertThat(surveys.report(Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(1))))
        .isEqualTo(satisfactionBefore);
    ServiceCase c = desk.get(complaint.id());
    assertThat(c.satisfaction()).contains(4);
    assertThat(c.subject()).isEqualTo(Privacy.ERASED_TEXT);
    // the old keys find nobody; the code still finds the customer
    assertThat(crm.findByKey(IdentityKey.email("anna@example.com"))).isEmpty();
    assertThat(crm.findByCode(anna.code())).map(Customer::id).contains(anna.id());
    assertThat(Privacy.isErased(crm.get(anna.id()))).isTrue();
    assertThat(Privacy.isErased(crm.findMergedRecord(dup.id()).orElseThrow())).isTrue();
  }

  @Test
  void converted_leads_are_exported_and_erased_with_the_customer() throws Exception {
    Sales sales = Sales.builder(crm).clock(clock).sequentialIds().build();
    Privacy withSales = Privacy.builder(crm, customers).clock(clock).secret(SECRET)
        .sales(sales).build();
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB)
        .email("ben@example.org").phone("+44 20 7946 0000").notes("Ben wants a van"));
    sales.qualify(lead.id());
    Conversion conversion = sales.convert(lead.id(), Deal.of("van", "rep-1",
        Money.of("30000", "EUR"), LocalDate.of(2026, 6, 30)));
    CustomerId ben = conversion.customer().id();
    Lead unrelated = sales.capture(LeadRequest.of("Chen Li", Channel.EVENT)
        .email("chen@example.org"));

    JsonNode before = CrmJson.mapper().readTree(withSales.export(ben));
    assertThat(before.get("leads")).hasSize(1);
    assertThat(before.get("opportunities")).hasSize(1);
    assertThat(before.get("activities")).isEmpty();
    assertThat(before.get("leads").toString()).contains("Ben Okafor", "ben@example.org");

    withSales.erase(ben);

    String after = withSales.export(ben);
    for (String personal : List.of("Ben", "Okafor", "ben@example.org", "+442079460000")) {
      assertThat(after).as(personal).doesNotContainIgnoringCase(personal);
      assertThat(sales.leads().toString()).as(personal).doesNotContainIgnoringCase(personal);
    }
    Lead erasedLead = sales.lead(lead.id()).orElseThrow();
    assertThat(erasedLead.status()).isEqualTo(LeadStatus.CONVERTED);
    assertThat(erasedLead.customerId()).contains(ben);
    assertThat(erasedLead.notes()).isEqualTo(Privacy.ERASED_TEXT);
    assertThat(erasedLead.email()).isEqualTo(crm.get(ben).keys().emails().stream().findFirst());
    assertThat(sales.lead(unrelated.id())).contains(unrelated);
    withSales.erase(ben);
    assertThat(sales.lead(lead.id())).as("erasing again changes nothing").contains(erasedLead);
  }

  @Test
  void a_converted_company_lead_loses_its_company_number_and_name() throws Exception {
    Sales sales = Sales.builder(crm).clock(clock).build();
    Privacy withSales = Privacy.builder(crm, customers).clock(clock).secret(SECRET)
        .sales(sales).build();
    Lead lead = sales.capture(LeadRequest.of("Dora Diaz", Channel.WEB)
        .company("Diaz Transport", BuyingRole.DECISION_MAKER).companyNationalId("HRB 77123")
        .email("dora@diaz.example").phone("+49 30 555000"));
    sales.qualify(lead.id());
    CustomerId org = sales.convert(lead.id()).customer().id();
    assertThat(withSales.export(org)).contains("HRB77123");

    withSales.erase(org);

    String export = withSales.export(org);
    String leads = sales.leadsOf(org).toString() + CrmJson.mapper()
        .writeValueAsString(sales.leadsOf(org));
    for (String personal : List.of("HRB 77123", "HRB77123", "Diaz", "Dora",
        "dora@diaz.example", "+4930555000")) {
      assertThat(export).as(personal).doesNotContainIgnoringCase(personal);
      assertThat(leads).as(personal).doesNotContainIgnoringCase(personal);
    }
    Lead erased = sales.lead(lead.id()).orElseThrow();
    assertThat(erased.companyNationalId()).isPresent();
    assertThat(erased.company()).get().asString().startsWith(Privacy.ERASED_NAME_PREFIX);
  }

  @Test
  void leads_never_converted_that_match_the_erased_person_are_erased_too() {
    Sales sales = Sales.builder(crm).clock(clock).build();
    Privacy withSales = Privacy.builder(crm, customers).clock(clock).secret(SECRET)
        .sales(sales).build();
    Individual erin = crm.register(Registration.individual("Erin Park")
        .email("erin@example.org").phone("+44 20 7946 0101"));
    Lead byEmail = sales.capture(LeadRequest.of("E. Park", Channel.WEB)
        .email("ERIN@example.org").notes("wants a quote"));
    Lead byNameAndPhone = sales.disqualify(sales.capture(LeadRequest.of("Erin Park",
        Channel.EVENT).phone("+44 20 7946 0101")).id(), "no budget");
    Lead phoneOnly = sales.capture(LeadRequest.of("Frank Park", Channel.EVENT)
        .phone("+44 20 7946 0101"));
    Lead other = sales.capture(LeadRequest.of("Gil Stone", Channel.WEB)
        .email("gil@example.org"));

    withSales.erase(erin.id());

    for (Lead l : List.of(byEmail, byNameAndPhone)) {
      Lead after = sales.lead(l.id()).orElseThrow();
      assertThat(after.toString() + after.email() + after.phone() + after.notes())
          .as(l.id()).doesNotContain("Erin", "Park", "erin@example.org", "+442079460101",
              "quote");
      assertThat(after.status()).isEqualTo(l.status());
    }
    // the same phone under another name is not the same person by the match rules
    assertThat(sales.lead(phoneOnly.id())).contains(phoneOnly);
    assertThat(sales.lead(other.id())).contains(other);

    // a person who was never a customer
    assertThat(withSales.eraseLeadsMatching(IdentityKey.email("gil@example.org"))).isEqualTo(1);
    assertThat(sales.lead(other.id()).orElseThrow().email()).get().asString()
        .doesNotContain("gil");
    assertThat(withSales.eraseLeadsMatching(IdentityKey.email("gil@example.org")))
        .as("again: nothing left to erase").isZero();
  }

  @Test
  void a_real_name_that_starts_like_a_pseudonym_is_erased_too() {
    Individual bob = crm.register(
        Registration.individual(Privacy.ERASED_NAME_PREFIX + "Bob Example").email("bob@example.com"));
    Organization shop = crm.register(Registration.organization("Example Shop")
        .contact(Contact.of("c-1", Privacy.ERASED_NAME_PREFIX + "Carla Example",
            BuyingRole.BUYER)));

    privacy.erase(bob.id());
    privacy.erase(shop.id());

    Customer erasedBob = crm.get(bob.id());
    assertThat(erasedBob.name()).doesNotContain("Bob").startsWith(Privacy.ERASED_NAME_PREFIX);
    Organization erasedShop = (Organization) crm.get(shop.id());
    assertThat(erasedShop.contacts()).singleElement()
        .satisfies(k -> assertThat(k.name()).doesNotContain("Carla"));
    privacy.erase(bob.id());
    assertThat(crm.get(bob.id())).as("erasing again changes nothing").isEqualTo(erasedBob);
  }

  @Test
  void after_erasure_no_read_of_the_facade_returns_the_old_interaction_notes() {
    Individual anna = crm.register(Fixtures.anna());
    clock.advance(Duration.ofHours(1));
    Individual dup = crm.register(Registration.individual("SCHMIDT, Anna")
        .email("anna@example.com"));
    crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
        InteractionType.COMPLAINT, Direction.INBOUND)
        .notes("Anna Schmidt, call back on +49 30 1234567").outcome("call back"));
    crm.logInteraction(InteractionRequest.of(dup.id(), Channel.EMAIL,
        InteractionType.INQUIRY, Direction.INBOUND).notes("anna@example.com asks for a quote"));
    crm.logInteraction(InteractionRequest.of(dup.id(), Channel.WEB,
        InteractionType.INQUIRY, Direction.INBOUND)); // no notes: nothing to erase
    crm.merge(anna.id(), dup.id());

    privacy.erase(anna.id());

    assertThat(crm.interactions(anna.id())).extracting(Interaction::notes)
        .containsExactly(Privacy.ERASED_TEXT, Privacy.ERASED_TEXT, "");
    assertThat(crm.interactions(anna.id())).extracting(Interaction::outcome)
        .contains(Optional.of("call back"));
    assertThat(crm.timeline(anna.id()).entries().toString())
        .doesNotContain("Anna", "anna@example.com", "+49");
    assertThat(crm.histories().flatMap(h -> h.interactions().stream()).map(Interaction::notes))
        .containsOnly(Privacy.ERASED_TEXT, "");
    assertThat(crm.eraseInteractionNotes(anna.id(), Privacy.ERASED_TEXT))
        .as("erasing again changes nothing").isZero();
  }

  @Test
  void pseudonyms_are_keyed_stable_and_erasing_twice_changes_nothing() {
    Individual anna = crm.register(Fixtures.anna());
    privacy.erase(anna.id());
    Customer once = crm.get(anna.id());
    privacy.erase(anna.id());
    assertThat(crm.get(anna.id())).isEqualTo(once);
    assertThat(once.name()).startsWith(Privacy.ERASED_NAME_PREFIX);
    assertThat(once.keys().emails()).singleElement()
        .satisfies(e -> assertThat(e.value()).endsWith("@erased.invalid"));
    assertThat(once.keys().phones()).singleElement()
        .satisfies(p -> assertThat(p.value()).startsWith("+999").hasSize(15));

    // another key gives other pseudonyms: they come from the secret, not from the value alone
    InMemoryCustomerRepository otherRepo = new InMemoryCustomerRepository();
    Crm other = Crm.builder().clock(clock).customers(otherRepo).ids(IdGenerator.sequential())
        .build();
    Individual anna2 = other.register(Fixtures.anna());
    Privacy.builder(other, otherRepo).clock(clock)
        .secret("another key of 32 bytes, unused!".getBytes(StandardCharsets.UTF_8)).build()
        .erase(anna2.id());
    assertThat(other.get(anna2.id()).keys().emails()).doesNotContainAnyElementsOf(
        once.keys().emails());
  }

  @Test
  void organizations_lose_their_contacts_personal_data_and_address() {
    Organization acme = crm.register(Fixtures.acme()
        .address(Address.of("1 Dell Way", "Round Rock", "78682", "TX", "US")));
    crm.saveContact(acme.id(), Contact.of("c-3", "Joan Clarke", BuyingRole.BUYER)
        .withPhone(PhoneNumber.of("+44 20 7946 0000"))
        .withEmail(EmailAddress.of("joan@acme.example")));
    privacy.erase(acme.id());
    String after = privacy.export(acme.id());
    for (String personal : List.of("Grace", "Hopper", "Turing", "Joan", "grace@acme.example",
        "joan@acme.example", "+442079460000", "1 Dell Way", "DE123456789")) {
      assertThat(after).as(personal).doesNotContain(personal);
    }
    Organization erased = (Organization) crm.get(acme.id());
    assertThat(erased.contacts()).extracting(Contact::id).containsExactly("c-1", "c-2", "c-3");
    assertThat(erased.contacts()).extracting(Contact::role).containsExactly(
        BuyingRole.DECISION_MAKER, BuyingRole.TECHNICAL_EVALUATOR, BuyingRole.BUYER);
  }

  @Test
  void the_builder_requires_a_real_secret() {
    assertThatThrownBy(() -> Privacy.builder(crm, customers).secret(new byte[8]))
        .hasMessage("secret: '8 bytes' is not valid; expected a key of at least 16 bytes");
    assertThatThrownBy(() -> Privacy.builder(crm, customers).clock(clock).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("secret:");
    assertThatThrownBy(() -> privacy.erase(CustomerId.of("C-404")))
        .isInstanceOf(UnknownCustomerException.class);
  }
}
