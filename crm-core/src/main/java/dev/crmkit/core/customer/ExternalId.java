package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An identifier another system gave the customer or something the customer owns: a vehicle
 * identification number, a loyalty card number, a contract number. The scheme says which.
 *
 * <p>Both parts are upper-cased; spaces and dashes are dropped from the value, so that
 * {@code "1234-5678"} and {@code "1234 5678"} are the same card.
 *
 * <pre>{@code
 * ExternalId.of("VIN", "wdb 123 456")  // VIN:WDB123456
 * }</pre>
 */
public record ExternalId(String scheme, String value) implements Comparable<ExternalId> {

  /** Scheme for vehicle identification numbers. */
  public static final String VIN = "VIN";
  /** Scheme for loyalty card numbers. */
  public static final String LOYALTY_CARD = "LOYALTY_CARD";

  private static final Pattern SCHEME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
  private static final Pattern VALUE = Pattern.compile("[A-Z0-9_:/.#]{1,64}");
  private static final Comparator<ExternalId> ORDER =
      Comparator.comparing(ExternalId::scheme).thenComparing(ExternalId::value);

  public ExternalId {
    notNull("externalId.scheme", scheme);
    notNull("externalId.value", value);
    String s = scheme.strip().toUpperCase(Locale.ROOT);
    if (!SCHEME.matcher(s).matches()) {
      throw invalid("externalId.scheme", scheme, "a name such as VIN or LOYALTY_CARD");
    }
    String v = value.strip().replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
    if (!VALUE.matcher(v).matches()) {
      throw invalid("externalId.value", value, "1 to 64 letters or digits");
    }
    scheme = s;
    value = v;
  }

  public static ExternalId of(String scheme, String value) {
    return new ExternalId(scheme, value);
  }

  @Override
  public int compareTo(ExternalId other) {
    return ORDER.compare(this, other);
  }

  /** {@code SCHEME:VALUE} in clear: the form an {@link IdentityKey} of this id has. */
  public String key() {
    return scheme + ":" + value;
  }

  /**
   * The scheme and the value masked but for its last characters ({@code VIN:***3456}): an
   * external id may identify a person, and hosts log domain objects. {@link #key()} gives it in
   * clear.
   */
  @Override
  public String toString() {
    return dev.crmkit.core.internal.Masks.externalId(key());
  }
}
