package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import dev.crmkit.core.internal.Masks;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone number in its normalised form: digits only, with a leading {@code +} when the
 * country calling code is known (E.164, at most 15 digits).
 *
 * <p>Spaces, dashes, dots, slashes and parentheses are dropped and an international
 * {@code 00} prefix becomes {@code +}. An international number is then put in E.164 form by
 * libphonenumber, which drops a national (trunk) prefix written after the country code, so
 * {@code "+49 (0) 30 1234567"} and {@code "+49 30 1234567"} are the same key (where the
 * country's plan keeps the leading zero, as in Italy, it stays); a country code libphonenumber
 * does not know is kept as written. A national number (no {@code +}) is kept as its digits and
 * only equals another national number: there is no default region. Pass the default calling
 * code to {@link #of(String, String)} so that {@code "030 1234567"} and {@code "+49 30 1234567"}
 * become the same key. In JSON a phone number is a plain string; {@link #toString()} masks it
 * so that it does not leak into logs.
 *
 * <pre>{@code
 * PhoneNumber.of("(030) 123-4567", "49").value(); // "+49301234567"
 * PhoneNumber.of("0049 30 1234567").value();      // "+49301234567"
 * PhoneNumber.of("+49 (0) 30 1234567").value();   // "+49301234567"
 * }</pre>
 */
public record PhoneNumber(String value) implements Comparable<PhoneNumber> {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-./()]");
  private static final Pattern SHAPE = Pattern.compile("\\+?[0-9]{4,15}");
  private static final Pattern CALLING_CODE = Pattern.compile("[1-9][0-9]{0,2}");
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final String UNKNOWN_REGION = "ZZ";

  /** Normalises; rejects anything that is not 4 to 15 digits after normalisation. */
  @JsonCreator
  public PhoneNumber {
    value = normalise(value, value);
  }

  public static PhoneNumber of(String value) {
    return new PhoneNumber(value);
  }

  /**
   * Normalises a number that may be written nationally: without a {@code +} or {@code 00}
   * prefix, it is read in the numbering plan of the country of that calling code (the main
   * one where several share it, e.g. the US for 1), which drops the trunk prefix ({@code 0}
   * in Germany, {@code 1} in the US) where the plan has one; for a calling code libphonenumber
   * does not know, one leading {@code 0} is dropped and the code put in front.
   *
   * @param defaultCallingCode the country calling code without {@code +}, e.g. {@code "49"}
   */
  public static PhoneNumber of(String value, String defaultCallingCode) {
    notNull("callingCode", defaultCallingCode);
    if (!CALLING_CODE.matcher(defaultCallingCode).matches()) {
      throw invalid("callingCode", defaultCallingCode, "1 to 3 digits without +, e.g. 49");
    }
    String compact = normalise(value, value);
    if (compact.startsWith("+")) {
      return new PhoneNumber(compact);
    }
    String region = UTIL.getRegionCodeForCountryCode(Integer.parseInt(defaultCallingCode));
    String national = compact.startsWith("0") ? compact.substring(1) : compact;
    String international = e164(compact, region)
        .filter(e -> e.startsWith("+" + defaultCallingCode))
        .orElse("+" + defaultCallingCode + national);
    return new PhoneNumber(normalise(international, value));
  }

  /** True when the country calling code is part of the number. */
  public boolean isInternational() {
    return value.startsWith("+");
  }

  private static String normalise(String value, String original) {
    notNull("phone", value);
    String compact = SEPARATORS.matcher(value.strip()).replaceAll("");
    if (compact.startsWith("00")) {
      compact = "+" + compact.substring(2);
    }
    if (!SHAPE.matcher(compact).matches()) {
      throw invalid("phone", original, "a phone number of 4 to 15 digits, e.g. +49 30 1234567");
    }
    if (compact.startsWith("+")) {
      // only a form libphonenumber keeps as it is: a number such as +49000000 would otherwise
      // lose one more "trunk" zero each time it is read again (JSON, identity keys)
      return e164(compact, UNKNOWN_REGION)
          .filter(e -> e164(e, UNKNOWN_REGION).filter(e::equals).isPresent())
          .orElse(compact);
    }
    return compact;
  }

  /**
   * The number in E.164 form as libphonenumber reads it in {@code region}'s plan (or from its
   * own country code); empty when it cannot (an unknown country code, say), or when the result
   * would not be a number of 4 to 15 digits.
   */
  private static Optional<String> e164(String digits, String region) {
    try {
      String e164 = UTIL.format(UTIL.parse(digits, region), PhoneNumberFormat.E164);
      return SHAPE.matcher(e164).matches() ? Optional.of(e164) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(PhoneNumber other) {
    return value.compareTo(other.value);
  }

  /** The number masked ({@code +493****4567}): it is personal data; see {@link #value()}. */
  @Override
  public String toString() {
    return Masks.phone(value);
  }
}
