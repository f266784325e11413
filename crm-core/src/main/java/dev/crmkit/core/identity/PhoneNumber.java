package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A phone number in its normalised form: digits only, with a leading {@code +} when the
 * country calling code is known (E.164 style, at most 15 digits).
 *
 * <p>Spaces, dashes, dots, slashes and parentheses are dropped and an international
 * {@code 00} prefix becomes {@code +}. A national number (no {@code +}) only equals another
 * national number; pass the default calling code to {@link #of(String, String)} so that
 * {@code "030 1234567"} and {@code "+49 30 1234567"} become the same key. In JSON a phone
 * number is a plain string.
 *
 * <pre>{@code
 * PhoneNumber.of("(030) 123-4567", "49").value(); // "+49301234567"
 * PhoneNumber.of("0049 30 1234567").value();      // "+49301234567"
 * }</pre>
 */
public record PhoneNumber(String value) implements Comparable<PhoneNumber> {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-./()]");
  private static final Pattern SHAPE = Pattern.compile("\\+?[0-9]{4,15}");
  private static final Pattern CALLING_CODE = Pattern.compile("[1-9][0-9]{0,2}");

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
   * prefix, one leading trunk {@code 0} is dropped and the calling code put in front.
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
    String national = compact.startsWith("0") ? compact.substring(1) : compact;
    return new PhoneNumber(normalise("+" + defaultCallingCode + national, value));
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
    return compact;
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

  @Override
  public String toString() {
    return value;
  }
}
