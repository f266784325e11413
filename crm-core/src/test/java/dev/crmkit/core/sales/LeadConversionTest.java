package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeadConversionTest {

  private final SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
  private final SalesFixtures.Opened opened = SalesFixtures.open(store(), clock);
  private final Crm crm = opened.crm();

  /** The store this run uses; a subclass runs every test on another. */
  SalesFixtures.Store store() {
    return SalesFixtures.Store.MEMORY;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }
  private final Sales sales = Sales.builder(crm).clock(clock).sequentialIds().build();
  private final List<DomainEvent> events = new ArrayList<>();

  {
    crm.events().subscribe(events::add);
  }

  @Test
  void a_lead_redaction_may_not_change_its_id_status_or_customer() {
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB).email("ben@example.org"));
    sales.qualify(lead.id());
    Conversion c = sales.convert(lead.id());
    Lead converted = sales.lead(lead.id()).orElseThrow();

    assertThatThrownBy(() -> sales.redactLeads(Set.of(c.customer().id()),
        l -> new Lead(l.id(), l.name(), l.company(), l.role(), l.companyNationalId(), l.email(),
            l.phone(), l.source(), l.campaignId(), l.notes(), l.capturedAt(), LeadStatus.NEW,
            l.statusReason(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("redaction: '");
    assertThat(sales.lead(lead.id())).contains(converted);
    assertThat(sales.redactLeads(Set.of(c.customer().id()), l -> l)).isZero();
  }

  @Test
  void a_lead_nobody_knows_becomes_a_new_customer_with_its_history() {
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB)
        .email("Ben@Example.org").phone("+44 20 7946 0000").campaign("spring-2026")
        .notes("asked for a quote"));
    assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
    assertThat(lead.capturedAt()).isEqualTo(T0);
    clock.advance(Duration.ofDays(2));
    sales.qualify(lead.id());
    clock.advance(Duration.ofDays(1));

    Conversion c = sales.convert(lead.id());

    assertThat(c.matchedExisting()).isFalse();
    assertThat(c.customer()).isInstanceOf(Individual.class);
    assertThat(c.customer().name()).isEqualTo("Ben Okafor");
    assertThat(c.customer().registeredAt()).isEqualTo(T0.plus(Duration.ofDays(3)));
    assertThat(crm.findByKey(dev.crmkit.core.customer.IdentityKey.email("ben@example.org")))
        .extracting(x -> x.id()).containsExactly(c.customer().id());
    assertThat(c.lead().status()).isEqualTo(LeadStatus.CONVERTED);
    assertThat(c.lead().customerId()).contains(c.customer().id());
    assertThat(c.lead().convertedAt()).contains(T0.plus(Duration.ofDays(3)));
    assertThat(c.opportunity()).isEmpty();
    // the lead's capture is part of the customer's history, at its own time, with its campaign
    List<Interaction> history = crm.interactions(c.customer().id());
    assertThat(history).hasSize(1);
    assertThat(history.get(0).occurredAt()).isEqualTo(T0);
    assertThat(history.get(0).type()).isEqualTo(InteractionType.SALES_ACTIVITY);
    assertThat(history.get(0).channel()).isEqualTo(Channel.WEB);
    assertThat(history.get(0).campaignId()).contains("spring-2026");
    assertThat(history.get(0).notes()).contains(lead.id()).contains("asked for a quote");
    assertThat(events).filteredOn(SalesEvent.LeadConverted.class::isInstance).hasSize(1);
  }

  @Test
  void a_lead_matching_a_customer_is_converted_into_that_customer() {
    Individual anna = crm.register(Registration.individual("Anna Schmidt")
        .email("anna@example.com"));
    clock.advance(Duration.ofDays(1));
    Lead lead = sales.capture(LeadRequest.of("Anna Schmidt-Meyer", Channel.EVENT)
        .email("ANNA@example.com"));
    sales.qualify(lead.id());

    Conversion c = sales.convert(lead.id(), Deal.of("Second car", "agent-3",
        Money.of("28000", "EUR"), LocalDate.of(2026, 3, 31)));

    assertThat(c.matchedExisting()).isTrue();
    assertThat(c.customer().id()).isEqualTo(anna.id());
    assertThat(crm.customers().count()).isEqualTo(1);
    assertThat(c.opportunity()).isPresent();
    Opportunity o = c.opportunity().get();
    assertThat(o.customerId()).isEqualTo(anna.id());
    assertThat(o.leadId()).contains(lead.id());
    assertThat(o.stage()).isEqualTo("qualification");
    assertThat(c.lead().opportunityId()).contains(o.id());
    assertThat(sales.leadsOf(anna.id())).extracting(Lead::id).containsExactly(lead.id());
  }

  @Test
  void a_phone_alone_does_not_match_a_person_but_name_and_phone_do() {
    Individual anna = crm.register(Registration.individual("Anna Schmidt")
        .phone("+49 30 1234567"));
    Lead other = sales.capture(LeadRequest.of("Max Schmidt", Channel.PHONE)
        .phone("+49 30 1234567"));
    Lead same = sales.capture(LeadRequest.of("Schmidt, Anna", Channel.PHONE)
        .phone("0049 30 1234567"));
    sales.qualify(other.id());
    sales.qualify(same.id());

    assertThat(sales.convert(other.id()).matchedExisting()).isFalse();
    Conversion c = sales.convert(same.id());
    assertThat(c.matchedExisting()).isTrue();
    assertThat(c.customer().id()).isEqualTo(anna.id());
  }

  @Test
  void a_company_lead_matches_the_organization_by_its_number_and_adds_the_person_as_contact() {
    Organization acme = crm.register(Registration.organization("Acme GmbH")
        .nationalId("DE 123 456 789")
        .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)
            .withEmail(EmailAddress.of("grace@acme.example"))));
    Lead alan = sales.capture(LeadRequest.of("Alan Turing", Channel.EVENT)
        .company("ACME GmbH", BuyingRole.TECHNICAL_EVALUATOR).companyNationalId("DE123456789")
        .email("alan@acme.example"));
    Lead grace = sales.capture(LeadRequest.of("Grace Hopper", Channel.WEB)
        .company("Acme", BuyingRole.DECISION_MAKER).companyNationalId("DE-123-456-789")
        .email("grace@acme.example"));
    sales.qualify(alan.id());
    sales.qualify(grace.id());

    Conversion a = sales.convert(alan.id(), Deal.of("Fleet", "agent-7",
        Money.of("90000", "EUR"), LocalDate.of(2026, 6, 30)));
    Conversion g = sales.convert(grace.id());

    assertThat(a.customer().id()).isEqualTo(acme.id());
    assertThat(a.contactId()).contains("c-2");
    Organization now = (Organization) crm.get(acme.id());
    assertThat(now.contact("c-2")).hasValueSatisfying(c -> {
      assertThat(c.name()).isEqualTo("Alan Turing");
      assertThat(c.role()).isEqualTo(BuyingRole.TECHNICAL_EVALUATOR);
      assertThat(c.emails()).containsExactly(EmailAddress.of("alan@acme.example"));
    });
    assertThat(a.opportunity().get().contactId()).contains("c-2");
    // the same e-mail finds the existing contact: no second Grace
    assertThat(g.contactId()).contains("c-1");
    assertThat(((Organization) crm.get(acme.id())).contacts()).hasSize(2);
    assertThat(crm.interactions(acme.id())).extracting(i -> i.contactId().orElseThrow())
        .containsExactly("c-2", "c-1");
  }

  @Test
  void a_company_lead_without_a_known_number_becomes_a_new_organization() {
    Lead lead = sales.capture(LeadRequest.of("Joan Clarke", Channel.LETTER)
        .company("Bletchley Ltd", BuyingRole.BUYER));
    sales.qualify(lead.id());
    Conversion c = sales.convert(lead.id());
    assertThat(c.customer()).isInstanceOf(Organization.class);
    assertThat(((Organization) c.customer()).contacts()).extracting(Contact::name)
        .containsExactly("Joan Clarke");
  }

  @Test
  void the_leads_follow_the_customer_through_a_merge() {
    Individual earlier = crm.register(Registration.individual("Ben Okafor")
        .phone("+44 20 7946 0000"));
    clock.advance(Duration.ofDays(1));
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB).email("ben@example.org"));
    sales.qualify(lead.id());
    Conversion c = sales.convert(lead.id());
    assertThat(c.matchedExisting()).isFalse();
    // the earlier registration survives: the converted record is retired into it
    crm.merge(c.customer().id(), earlier.id());
    assertThat(crm.get(c.customer().id()).id()).isEqualTo(earlier.id());
    assertThat(sales.leadsOf(earlier.id())).extracting(Lead::id).containsExactly(lead.id());
    assertThat(crm.timeline(earlier.id()).entries()).hasSize(1);
  }

  @Test
  void only_a_qualified_lead_converts_and_only_once() {
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB));
    assertThatThrownBy(() -> sales.convert(lead.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("leadId: '" + lead.id() + "'")
        .hasMessageContaining("it is NEW; qualify it first");
    sales.disqualify(lead.id(), "student, no budget");
    assertThat(sales.lead(lead.id()).get().statusReason()).contains("student, no budget");
    assertThatThrownBy(() -> sales.convert(lead.id()))
        .hasMessageContaining("it is DISQUALIFIED");
    sales.qualify(lead.id());
    sales.convert(lead.id());
    assertThatThrownBy(() -> sales.convert(lead.id())).hasMessageContaining("it is CONVERTED");
    assertThatThrownBy(() -> sales.qualify(lead.id())).hasMessageContaining("not yet converted");
    assertThatThrownBy(() -> sales.convert("L-999999"))
        .hasMessage("leadId: 'L-999999' is not valid; expected the id of a captured lead");
  }

  @Test
  void a_deal_the_pipeline_refuses_leaves_the_lead_and_the_customers_as_they_were() {
    Lead lead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB).email("ben@example.org"));
    sales.qualify(lead.id());
    assertThatThrownBy(() -> sales.convert(lead.id(), Deal.of("Car", "agent-3",
        Money.of("1", "EUR"), LocalDate.of(2026, 3, 31)).inStage("proposal")))
        .hasMessageContaining("without skipping 'qualification'");
    assertThat(crm.customers().count()).isZero();
    assertThat(sales.lead(lead.id()).get().status()).isEqualTo(LeadStatus.QUALIFIED);
  }

  @Test
  void the_conversion_event_survives_json() throws Exception {
    Lead lead = sales.capture(LeadRequest.of("Alan Turing", Channel.EVENT)
        .company("Acme GmbH", BuyingRole.TECHNICAL_EVALUATOR).companyNationalId("DE123456789")
        .email("alan@acme.example").phone("+44 20 7946 0001").campaign("fair"));
    sales.qualify(lead.id());
    sales.convert(lead.id(), Deal.of("Fleet", "agent-7", Money.of("90000", "EUR"),
        LocalDate.of(2026, 6, 30)));
    var mapper = dev.crmkit.core.json.CrmJson.mapper();
    for (DomainEvent e : events) {
      String json = mapper.writeValueAsString(e);
      assertThat(mapper.readValue(json, DomainEvent.class)).as(json).isEqualTo(e);
    }
    assertThat(mapper.writeValueAsString(events.get(events.size() - 2)))
        .startsWith("{\"type\":\"lead-converted\",\"lead\":{\"id\":\"L-000001\"");
  }

  @Test
  void a_lead_is_checked_as_it_is_described() {
    assertThatThrownBy(() -> LeadRequest.of("Ben", Channel.WEB).email("ben-at-example"))
        .hasMessageStartingWith("email: 'ben-at-example'");
    assertThatThrownBy(() -> LeadRequest.of(" ", Channel.WEB))
        .hasMessageStartingWith("name: ' '");
    assertThatThrownBy(() -> LeadRequest.of("Ben", Channel.WEB).company("Acme", null))
        .hasMessageStartingWith("role: is required");
  }
}
