package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationProfile;
import dev.crmkit.core.customer.PersonProfile;
import dev.crmkit.core.internal.Masks;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link SensitiveField}s each {@link AccessLevel} sees in clear, and the one place where
 * everything else is masked: {@link #mask} is the only function that turns a sensitive value
 * into what a reader sees, and the {@code view} methods build every view through it.
 *
 * <p>Masks: a phone keeps its first three and last four digits when it has ten or more
 * ({@code 13812345678 -> 138****5678}), otherwise only its last two; an e-mail keeps the first
 * character of its local part and its domain ({@code zoe@example.com -> z***@example.com}); a
 * national id keeps its last four characters when it has eight or more, otherwise none; a
 * birth date keeps its year ({@code 1985-**-**}); an address hides its street and postal code;
 * an external id keeps its scheme and, like a national id, the last four characters of its
 * value ({@code VIN:*****3456}). The masks themselves are shared with the model's
 * {@code toString()} methods, which always apply them.
 * {@code PUBLIC} never sees a sensitive field in clear.
 *
 * <pre>{@code
 * AccessPolicy policy = AccessPolicy.defaults();
 * CustomerView v = policy.view(anna, AccessLevel.INTERNAL); // e-mail and address in clear
 * }</pre>
 */
public final class AccessPolicy {

  private final Map<AccessLevel, Set<SensitiveField>> clear;

  private AccessPolicy(Map<AccessLevel, Set<SensitiveField>> clear) {
    this.clear = clear;
  }

  /**
   * {@code RESTRICTED} sees everything; {@code INTERNAL} sees e-mail addresses and postal
   * addresses (what staff need to write to a customer) and external ids (the VIN or card
   * number staff look a customer up by) but not national ids, phones or birth dates;
   * {@code PUBLIC} sees none.
   */
  public static AccessPolicy defaults() {
    return of(Map.of(
        AccessLevel.INTERNAL, EnumSet.of(SensitiveField.EMAIL, SensitiveField.ADDRESS,
            SensitiveField.EXTERNAL_ID),
        AccessLevel.RESTRICTED, EnumSet.allOf(SensitiveField.class)));
  }

  /**
   * A policy with these fields in clear per level (a level not in the map sees none).
   *
   * @throws IllegalArgumentException when {@code PUBLIC} would see a sensitive field
   */
  public static AccessPolicy of(Map<AccessLevel, Set<SensitiveField>> clearFields) {
    notNull("clearFields", clearFields);
    Map<AccessLevel, Set<SensitiveField>> copy = new EnumMap<>(AccessLevel.class);
    for (AccessLevel level : AccessLevel.values()) {
      Set<SensitiveField> fields = clearFields.getOrDefault(level, Set.of());
      notNull("clearFields[" + level + "]", fields);
      copy.put(level, fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields)));
    }
    if (!copy.get(AccessLevel.PUBLIC).isEmpty()) {
      throw invalid("clearFields[PUBLIC]", copy.get(AccessLevel.PUBLIC),
          "no field: a public view shows no sensitive field in clear");
    }
    return new AccessPolicy(Map.copyOf(copy));
  }

  public boolean reveals(AccessLevel level, SensitiveField field) {
    return clear.get(notNull("level", level)).contains(notNull("field", field));
  }

  /** The value as {@code level} may see it: in clear, or masked. */
  public String mask(AccessLevel level, SensitiveField field, String value) {
    notNull("value", value);
    if (reveals(level, field)) {
      return value;
    }
    return switch (field) {
      case PHONE -> Masks.phone(value);
      case EMAIL -> Masks.email(value);
      case NATIONAL_ID -> Masks.nationalId(value);
      case BIRTH_DATE -> Masks.birthDate(value);
      case ADDRESS -> Masks.address(value);
      case EXTERNAL_ID -> Masks.externalId(value);
    };
  }

  /** A customer as {@code level} may see it. */
  public CustomerView view(Customer c, AccessLevel level) {
    notNull("customer", c);
    notNull("level", level);
    List<String> nationalIds = c.keys().nationalIds().stream()
        .map(n -> mask(level, SensitiveField.NATIONAL_ID, n.value())).toList();
    List<String> phones = c.keys().phones().stream()
        .map(p -> mask(level, SensitiveField.PHONE, p.value())).toList();
    List<String> emails = c.keys().emails().stream()
        .map(e -> mask(level, SensitiveField.EMAIL, e.value())).toList();
    List<String> external = c.keys().externalIds().stream()
        .map(x -> mask(level, SensitiveField.EXTERNAL_ID, x.key())).toList();
    List<String> aliases = List.copyOf(c.aliases());
    if (c instanceof Individual i) {
      PersonProfile p = i.profile();
      return new CustomerView(level, c.id(), c.code(), "individual", c.name(), aliases,
          nationalIds, phones, emails, external,
          p.birthDate().map(d -> mask(level, SensitiveField.BIRTH_DATE, d.toString())),
          p.occupation(), p.incomeBand(), p.region(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), List.of(), c.ownership(), c.registeredAt());
    }
    Organization o = (Organization) c;
    OrganizationProfile p = o.profile();
    return new CustomerView(level, c.id(), c.code(), "organization", c.name(), aliases,
        nationalIds, phones, emails, external, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), p.industry(), p.sector(), p.employeeCount(),
        p.address().map(a -> view(a, level)),
        o.contacts().stream().map(x -> view(x, level)).toList(), c.ownership(),
        c.registeredAt());
  }

  /** A contact person as {@code level} may see it. */
  public ContactView view(Contact c, AccessLevel level) {
    notNull("contact", c);
    return new ContactView(c.id(), c.name(), c.role(), c.title(),
        c.emails().stream().map(e -> mask(level, SensitiveField.EMAIL, e.value())).toList(),
        c.phones().stream().map(p -> mask(level, SensitiveField.PHONE, p.value())).toList());
  }

  /** An address as {@code level} may see it. */
  public AddressView view(Address a, AccessLevel level) {
    notNull("address", a);
    return new AddressView(mask(level, SensitiveField.ADDRESS, a.street()), a.city(),
        a.postalCode().map(pc -> mask(level, SensitiveField.ADDRESS, pc)), a.region(),
        a.country());
  }
}
