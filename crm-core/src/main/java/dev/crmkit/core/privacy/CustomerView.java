package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.IncomeBand;
import dev.crmkit.core.customer.Sector;
import dev.crmkit.core.internal.Masks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A customer as read through an {@link AccessLevel}: the sensitive fields are masked by the
 * {@link AccessPolicy} where the level may not see them; everything else is as stored.
 * {@code kind} is {@code "individual"} or {@code "organization"}; person-only and
 * organization-only fields are empty for the other kind.
 *
 * <pre>{@code
 * CustomerView v = privacy.view(annaId, AccessLevel.PUBLIC);
 * v.phones();  // ["+493****4567"]
 * v.emails();  // ["a***@example.com"]
 * }</pre>
 */
public record CustomerView(
    AccessLevel accessLevel,
    CustomerId id,
    String code,
    String kind,
    String name,
    List<String> aliases,
    List<String> nationalIds,
    List<String> phones,
    List<String> emails,
    List<String> externalIds,
    Optional<String> birthDate,
    Optional<String> occupation,
    Optional<IncomeBand> incomeBand,
    Optional<String> region,
    Optional<String> industry,
    Optional<Sector> sector,
    Optional<Integer> employeeCount,
    Optional<AddressView> address,
    List<ContactView> contacts,
    AccountOwnership ownership,
    Instant registeredAt) {

  public CustomerView {
    notNull("accessLevel", accessLevel);
    notNull("id", id);
    notNull("code", code);
    notNull("kind", kind);
    notNull("name", name);
    aliases = list("aliases", aliases);
    nationalIds = list("nationalIds", nationalIds);
    phones = list("phones", phones);
    emails = list("emails", emails);
    externalIds = list("externalIds", externalIds);
    birthDate = optional(birthDate);
    occupation = optional(occupation);
    incomeBand = optional(incomeBand);
    region = optional(region);
    industry = optional(industry);
    sector = optional(sector);
    employeeCount = optional(employeeCount);
    address = optional(address);
    contacts = list("contacts", contacts);
    notNull("ownership", ownership);
    notNull("registeredAt", registeredAt);
  }

  /**
   * The view with every sensitive field masked whatever the level: a RESTRICTED view holds
   * values in clear, and a view that ends up in a log must not.
   */
  @Override
  public String toString() {
    return "CustomerView[accessLevel=" + accessLevel + ", id=" + id + ", code=" + code
        + ", kind=" + kind + ", name=" + name + ", aliases=" + aliases
        + ", nationalIds=" + nationalIds.stream().map(Masks::nationalId).toList()
        + ", phones=" + phones.stream().map(Masks::phone).toList()
        + ", emails=" + emails.stream().map(Masks::email).toList()
        + ", externalIds=" + externalIds.stream().map(Masks::externalId).toList()
        + ", birthDate=" + birthDate.map(Masks::birthDate) + ", occupation=" + occupation
        + ", incomeBand=" + incomeBand + ", region=" + region + ", industry=" + industry
        + ", sector=" + sector + ", employeeCount=" + employeeCount + ", address=" + address
        + ", contacts=" + contacts + ", ownership=" + ownership + ", registeredAt="
        + registeredAt + "]";
  }
}
