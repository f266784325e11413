package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A company, public body or other organization as a customer, with its profile and the contact
 * persons we deal with there (each with a buying role). Its national ids are registration or
 * tax numbers.
 *
 * <pre>{@code
 * Organization acme = crm.register(Registration.organization("Acme GmbH")
 *     .sector(Sector.ENTERPRISE).employeeCount(1200)
 *     .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)));
 * }</pre>
 */
public record Organization(
    CustomerId id,
    String code,
    String name,
    Set<String> aliases,
    IdentityKeys keys,
    OrganizationProfile profile,
    List<Contact> contacts,
    AccountOwnership ownership,
    Map<Channel, Consent> consents,
    Set<CustomerId> mergedIds,
    Instant registeredAt)
    implements Customer {

  public Organization {
    notNull("id", id);
    code = CustomerFields.code(code);
    name = text("name", name);
    aliases = CustomerFields.aliases(aliases, name);
    keys = keys == null ? IdentityKeys.EMPTY : keys;
    profile = profile == null ? OrganizationProfile.EMPTY : profile;
    if (profile.parent().filter(id::equals).isPresent()) {
      throw invalid("profile.parent", id, "another organization than the record itself");
    }
    contacts = list("contacts", contacts);
    Set<String> seen = new HashSet<>();
    for (Contact c : contacts) {
      if (!seen.add(c.id())) {
        throw invalid("contacts", c.id(), "contact ids that are unique within the organization");
      }
    }
    ownership = ownership == null ? AccountOwnership.NONE : ownership;
    consents = CustomerFields.consents(consents);
    mergedIds = CustomerFields.mergedIds(mergedIds, id);
    notNull("registeredAt", registeredAt);
  }

  public Optional<Contact> contact(String contactId) {
    return contacts.stream().filter(c -> c.id().equals(contactId)).findFirst();
  }

  /** A copy with the contact added, or replacing the contact with the same id. */
  public Organization withContact(Contact contact) {
    notNull("contact", contact);
    List<Contact> copy = new ArrayList<>(contacts);
    copy.removeIf(c -> c.id().equals(contact.id()));
    copy.add(contact);
    return new Organization(id, code, name, aliases, keys, profile, copy, ownership, consents,
        mergedIds, registeredAt);
  }

  @Override
  public Organization withConsent(Consent consent) {
    return new Organization(id, code, name, aliases, keys, profile, contacts, ownership,
        CustomerFields.with(consents, consent), mergedIds, registeredAt);
  }

  @Override
  public Organization withOwnership(AccountOwnership value) {
    return new Organization(id, code, name, aliases, keys, profile, contacts, value, consents,
        mergedIds, registeredAt);
  }
}
