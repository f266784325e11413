package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.ExternalId;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.identity.IdentityResolution;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.privacy.AccessLevel;
import dev.crmkit.core.privacy.AccessPolicy;
import dev.crmkit.core.privacy.CustomerView;
import dev.crmkit.core.privacy.SensitiveField;
import dev.crmkit.core.sales.Lead;
import dev.crmkit.core.sales.LeadRequest;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.time.SettableClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hosts log domain objects: no model type's {@code toString()} shows a {@link SensitiveField}
 * value in clear, and a PUBLIC view masks external ids too.
 */
class PersonalDataInToStringTest {

  // every sensitive value, as stored (normalised); none may appear in any toString()
  private static final List<String> CLEAR = List.of(
      "anna@example.com", "anna.s@example.org", "+49301234567", "301234567", "123456789",
      "1985-03-14", "WDB1234567890", "LC99887766", "grace@acme.example", "+442079460958",
      "Hauptstrasse 5", "10115", "DE123456789");

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);
  private final List<DomainEvent> events = new ArrayList<>();

  private Individual anna() {
    return crm.register(Registration.individual("Anna Schmidt")
        .nationalId("123-45-6789").phone("+49 30 1234567").email("anna@example.com")
        .birthDate(LocalDate.of(1985, 3, 14)).externalId("VIN", "WDB1234567890")
        .externalId("LOYALTY_CARD", "LC99887766"));
  }

  private Organization acme() {
    return crm.register(Registration.organization("Acme GmbH").nationalId("DE 123 456 789")
        .address(Address.of("Hauptstrasse 5", "Berlin", "10115", null, "DE"))
        .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)
            .withEmail(EmailAddress.of("grace@acme.example"))
            .withPhone(PhoneNumber.of("+44 20 7946 0958"))));
  }

  @Test
  void no_model_type_shows_a_sensitive_value_in_clear() {
    crm.events().subscribe(events::add);
    Individual anna = anna();
    Organization acme = acme();
    Individual dup = crm.register(Registration.individual("Anna Schmidt")
        .email("anna.s@example.org").birthDate(LocalDate.of(1985, 3, 15))
        .externalId("VIN", "WDB1234567890"));
    MergeReport report = IdentityResolution.merge(anna, dup, clock.instant()).report();
    crm.merge(anna.id(), dup.id());
    Sales sales = Sales.builder(crm).clock(clock).build();
    Lead lead = sales.capture(LeadRequest.of("Grace Hopper", Channel.EVENT)
        .company("Acme GmbH", BuyingRole.DECISION_MAKER).companyNationalId("DE123456789")
        .email("grace@acme.example").phone("+44 20 7946 0958"));
    AccessPolicy policy = AccessPolicy.defaults();

    List<Object> objects = new ArrayList<>(List.of(anna, acme, crm.get(anna.id()), report,
        lead, anna.keys(), anna.profile(), acme.profile(), acme.contacts().get(0),
        acme.profile().address().orElseThrow(), EmailAddress.of("anna@example.com"),
        PhoneNumber.of("+49 30 1234567"), NationalId.of("123456789"),
        IdentityKey.email("anna@example.com"), IdentityKey.phone("+49301234567"),
        IdentityKey.nationalId("123456789"), IdentityKey.externalId("VIN", "WDB1234567890")));
    for (AccessLevel level : AccessLevel.values()) {
      objects.add(policy.view(anna, level));
      objects.add(policy.view(acme, level));
    }
    objects.addAll(events);
    assertThat(events).isNotEmpty();

    for (Object o : objects) {
      String text = o.toString();
      for (String value : CLEAR) {
        assertThat(text).as(o.getClass().getSimpleName() + ": " + text).doesNotContain(value);
      }
    }
    assertThat(anna.toString()).contains("a***@example.com", "+493****4567", "*****6789",
        "1985-**-**", "VIN:*********7890", "LOYALTY_CARD:******7766");
    assertThat(acme.toString()).contains("street=***", "g***@acme.example", "city=Berlin");
    assertThat(report.conflict("profile.birthDate").orElseThrow().survivorValue())
        .contains("1985-**-**");
  }

  @Test
  void external_ids_are_masked_in_public_views_and_shown_to_staff() {
    Individual anna = anna();
    AccessPolicy policy = AccessPolicy.defaults();
    CustomerView pub = policy.view(anna, AccessLevel.PUBLIC);
    assertThat(pub.externalIds())
        .containsExactly("LOYALTY_CARD:******7766", "VIN:*********7890");
    assertThat(policy.view(anna, AccessLevel.INTERNAL).externalIds())
        .containsExactly("LOYALTY_CARD:LC99887766", "VIN:WDB1234567890");
    assertThat(policy.view(anna, AccessLevel.RESTRICTED).externalIds())
        .containsExactly("LOYALTY_CARD:LC99887766", "VIN:WDB1234567890");
    assertThat(policy.reveals(AccessLevel.PUBLIC, SensitiveField.EXTERNAL_ID)).isFalse();
    assertThat(policy.mask(AccessLevel.PUBLIC, SensitiveField.EXTERNAL_ID, "VIN:1234"))
        .isEqualTo("VIN:****");
    // the value itself is still there for whoever asks for it
    assertThat(anna.keys().externalIds()).contains(ExternalId.of("VIN", "WDB1234567890"));
    assertThat(EmailAddress.of("anna@example.com").value()).isEqualTo("anna@example.com");
  }
}
