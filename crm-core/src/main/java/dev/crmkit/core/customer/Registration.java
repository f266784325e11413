package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * What a host knows about a new customer, handed to {@code Crm.register}. Each setter checks
 * and normalises its value at once, so a malformed e-mail fails on the line that set it.
 *
 * <pre>{@code
 * crm.register(Registration.individual("Anna Schmidt").email("anna@example.com").phone("+49 30 1234567"));
 * crm.register(Registration.organization("Acme GmbH").code("K-1001").sector(Sector.ENTERPRISE));
 * }</pre>
 *
 * @param <B> the concrete registration, so that setters chain
 */
public abstract sealed class Registration<B extends Registration<B>>
    permits IndividualRegistration, OrganizationRegistration {

  final String name;
  Optional<CustomerId> id = Optional.empty();
  Optional<String> code = Optional.empty();
  IdentityKeys keys = IdentityKeys.EMPTY;
  AccountOwnership ownership = AccountOwnership.NONE;

  Registration(String name) {
    this.name = text("name", name);
  }

  public static IndividualRegistration individual(String name) {
    return new IndividualRegistration(name);
  }

  public static OrganizationRegistration organization(String name) {
    return new OrganizationRegistration(name);
  }

  abstract B self();

  /** The id to use; without it the facade makes one. */
  public B id(CustomerId value) {
    id = Optional.of(notNull("id", value));
    return self();
  }

  /** The business's customer code; without it the id's value is used. */
  public B code(String value) {
    code = Optional.of(CustomerFields.code(value));
    return self();
  }

  public B email(String value) {
    keys = keys.withEmail(EmailAddress.of(value));
    return self();
  }

  public B phone(String value) {
    keys = keys.withPhone(PhoneNumber.of(value));
    return self();
  }

  /** A phone written nationally, completed with the country calling code (e.g. "49"). */
  public B phone(String value, String defaultCallingCode) {
    keys = keys.withPhone(PhoneNumber.of(value, defaultCallingCode));
    return self();
  }

  public B nationalId(String value) {
    keys = keys.withNationalId(NationalId.of(value));
    return self();
  }

  public B externalId(String scheme, String value) {
    keys = keys.withExternalId(ExternalId.of(scheme, value));
    return self();
  }

  public B ownership(AccountOwnership value) {
    ownership = notNull("ownership", value);
    return self();
  }

  public Optional<CustomerId> requestedId() {
    return id;
  }

  /**
   * The customer record this registration describes, with the given id and time.
   *
   * <p>For the facade, which lives in another package: hosts record through {@code Crm}, which
   * supplies ids and times, resolves merged ids, checks under its lock and publishes the event.
   */
  public abstract Customer toCustomer(CustomerId assignedId, Instant registeredAt);

  String codeOr(CustomerId assignedId) {
    return code.orElse(assignedId.value());
  }
}
