package dev.crmkit.core.internal;

/**
 * The masks of personal data, in one place: {@code AccessPolicy.mask} applies them to what a
 * reader may not see, and the model's {@code toString()} methods apply them always (hosts log
 * domain objects). Applying a mask to a masked value leaves it masked.
 *
 * <p>Not part of the API: it may change without notice.
 */
public final class Masks {

  /** What a hidden value becomes when nothing of it is kept. */
  public static final String HIDDEN = "***";

  private Masks() {}

  /** First three and last four digits when ten or more, else the last two: 138****5678. */
  public static String phone(String value) {
    String prefix = value.startsWith("+") ? "+" : "";
    String digits = value.substring(prefix.length());
    if (digits.length() >= 10) {
      return prefix + digits.substring(0, 3) + "*".repeat(digits.length() - 7)
          + digits.substring(digits.length() - 4);
    }
    int keep = Math.min(2, digits.length() / 2);
    return prefix + "*".repeat(digits.length() - keep) + digits.substring(digits.length() - keep);
  }

  /** The first character of the local part and the domain: z***@example.com. */
  public static String email(String value) {
    int at = value.lastIndexOf('@');
    if (at <= 0) {
      return HIDDEN;
    }
    return value.charAt(0) + HIDDEN + value.substring(at);
  }

  /** The last four characters when eight or more, else none: *****6789. */
  public static String nationalId(String value) {
    return value.length() >= 8
        ? "*".repeat(value.length() - 4) + value.substring(value.length() - 4)
        : "*".repeat(value.length());
  }

  /** The year: 1985-**-**. */
  public static String birthDate(String value) {
    return value.length() >= 4 ? value.substring(0, 4) + "-**-**" : HIDDEN;
  }

  /** A street or postal code: nothing kept. */
  public static String address(String value) {
    return HIDDEN;
  }

  /**
   * An external id written {@code SCHEME:VALUE}: the scheme stays (it says what kind of id it
   * is), the value is masked like a national id: VIN:*************3456.
   */
  public static String externalId(String value) {
    int colon = value.indexOf(':');
    return colon < 0 ? nationalId(value)
        : value.substring(0, colon + 1) + nationalId(value.substring(colon + 1));
  }
}
