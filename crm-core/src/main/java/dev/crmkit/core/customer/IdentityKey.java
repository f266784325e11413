package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.internal.Checks;
import dev.crmkit.core.internal.Masks;
import java.util.Comparator;

/**
 * One normalised identity key with its kind, as used to look a customer up.
 *
 * <pre>{@code
 * List<Customer> found = crm.findByKey(IdentityKey.email("Anna@Example.com"));
 * }</pre>
 */
public record IdentityKey(Kind kind, String value) implements Comparable<IdentityKey> {

  /** What kind of key it is. */
  public enum Kind {
    NATIONAL_ID,
    PHONE,
    EMAIL,
    EXTERNAL_ID
  }

  private static final Comparator<IdentityKey> ORDER =
      Comparator.comparing(IdentityKey::kind).thenComparing(IdentityKey::value);

  /** Re-normalises the value according to its kind, so a hand-made key is always valid. */
  public IdentityKey {
    notNull("kind", kind);
    notNull("value", value);
    value =
        switch (kind) {
          case NATIONAL_ID -> NationalId.of(value).value();
          case PHONE -> PhoneNumber.of(value).value();
          case EMAIL -> EmailAddress.of(value).value();
          case EXTERNAL_ID -> {
            int colon = value.indexOf(':');
            if (colon < 0) {
              throw Checks.invalid(
                  "externalId", value, "SCHEME:VALUE, e.g. VIN:WDB123456");
            }
            yield ExternalId.of(value.substring(0, colon), value.substring(colon + 1)).key();
          }
        };
  }

  public static IdentityKey of(NationalId id) {
    return new IdentityKey(Kind.NATIONAL_ID, id.value());
  }

  public static IdentityKey of(PhoneNumber phone) {
    return new IdentityKey(Kind.PHONE, phone.value());
  }

  public static IdentityKey of(EmailAddress email) {
    return new IdentityKey(Kind.EMAIL, email.value());
  }

  public static IdentityKey of(ExternalId id) {
    return new IdentityKey(Kind.EXTERNAL_ID, id.key());
  }

  public static IdentityKey email(String email) {
    return of(EmailAddress.of(email));
  }

  public static IdentityKey phone(String phone) {
    return of(PhoneNumber.of(phone));
  }

  public static IdentityKey nationalId(String id) {
    return of(NationalId.of(id));
  }

  public static IdentityKey externalId(String scheme, String value) {
    return of(ExternalId.of(scheme, value));
  }

  @Override
  public int compareTo(IdentityKey other) {
    return ORDER.compare(this, other);
  }

  /** The kind and the value masked, whatever the kind: {@code EMAIL:a***@example.com}. */
  @Override
  public String toString() {
    return kind + ":" + switch (kind) {
      case NATIONAL_ID -> Masks.nationalId(value);
      case PHONE -> Masks.phone(value);
      case EMAIL -> Masks.email(value);
      case EXTERNAL_ID -> Masks.externalId(value);
    };
  }
}
