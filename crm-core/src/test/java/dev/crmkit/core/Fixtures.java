package dev.crmkit.core;

import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.customer.Sector;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Shared test set-up: a clock the test moves by hand, and a few registrations. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private Fixtures() {}

  static Crm crm(Clock clock) {
    return Crm.builder().clock(clock).ids(IdGenerator.sequential()).build();
  }

  static dev.crmkit.core.customer.IndividualRegistration anna() {
    return Registration.individual("Anna Schmidt")
        .nationalId("123-45-6789")
        .phone("+49 30 1234567")
        .email("anna@example.com")
        .birthDate(LocalDate.of(1985, 3, 14))
        .region("Berlin");
  }

  static dev.crmkit.core.customer.OrganizationRegistration acme() {
    return Registration.organization("Acme GmbH")
        .code("K-1001")
        .nationalId("DE 123 456 789")
        .sector(Sector.ENTERPRISE)
        .employeeCount(1200)
        .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)
            .withEmail(EmailAddress.of("grace@acme.example")))
        .contact(Contact.of("c-2", "Alan Turing", BuyingRole.TECHNICAL_EVALUATOR));
  }
}
