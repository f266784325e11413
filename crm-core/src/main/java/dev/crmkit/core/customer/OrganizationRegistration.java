package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registration of an organization; see {@link Registration}.
 *
 * <pre>{@code
 * Registration.organization("Acme GmbH").sector(Sector.ENTERPRISE).employeeCount(1200)
 *     .annualBuyingPower(Money.of("2500000", "EUR"))
 *     .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER));
 * }</pre>
 */
public final class OrganizationRegistration extends Registration<OrganizationRegistration> {

  private OrganizationProfile profile = OrganizationProfile.EMPTY;
  private final List<Contact> contacts = new ArrayList<>();

  OrganizationRegistration(String name) {
    super(name);
  }

  @Override
  OrganizationRegistration self() {
    return this;
  }

  public OrganizationRegistration industry(String value) {
    profile = profile.withIndustry(value);
    return this;
  }

  public OrganizationRegistration sector(Sector value) {
    profile = profile.withSector(notNull("sector", value));
    return this;
  }

  public OrganizationRegistration employeeCount(int value) {
    profile = profile.withEmployeeCount(value);
    return this;
  }

  public OrganizationRegistration annualRevenue(Money value) {
    profile = profile.withAnnualRevenue(notNull("annualRevenue", value));
    return this;
  }

  public OrganizationRegistration annualBuyingPower(Money value) {
    profile = profile.withAnnualBuyingPower(notNull("annualBuyingPower", value));
    return this;
  }

  public OrganizationRegistration parent(CustomerId value) {
    profile = profile.withParent(notNull("parent", value));
    return this;
  }

  public OrganizationRegistration address(Address value) {
    profile = profile.withAddress(notNull("address", value));
    return this;
  }

  public OrganizationRegistration contact(Contact value) {
    notNull("contact", value);
    if (contacts.stream().anyMatch(c -> c.id().equals(value.id()))) {
      throw Checks.invalid(
          "contact.id", value.id(), "an id not used by another contact of this organization");
    }
    contacts.add(value);
    return this;
  }

  @Override
  public Organization toCustomer(CustomerId assignedId, Instant registeredAt) {
    return new Organization(assignedId, codeOr(assignedId), name, Set.of(), keys, profile,
        contacts, ownership, Map.of(), Set.of(), registeredAt);
  }
}
