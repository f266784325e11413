package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.crmkit.core.internal.Masks;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A national identification number (for an organization: its registration or tax number) in
 * its normalised form: upper-case letters and digits, without spaces, dashes, dots or slashes.
 *
 * <p>National ids are sensitive: {@link #toString()} masks all but the last four characters
 * (all of them when it has fewer than eight) so that they do not leak into logs; {@link #value()} gives the full number. In JSON a
 * national id is a plain string (the full number).
 *
 * <pre>{@code
 * NationalId.of("123-45-6789").value(); // "123456789"
 * }</pre>
 */
public record NationalId(String value) implements Comparable<NationalId> {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-./]");
  private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{4,32}");

  @JsonCreator
  public NationalId {
    notNull("nationalId", value);
    String normalised = SEPARATORS.matcher(value.strip()).replaceAll("").toUpperCase(Locale.ROOT);
    if (!SHAPE.matcher(normalised).matches()) {
      // the value is quoted masked: the message may end up in a log
      throw invalid("nationalId", Masks.nationalId(value.strip()), "4 to 32 letters or digits");
    }
    value = normalised;
  }

  public static NationalId of(String value) {
    return new NationalId(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(NationalId other) {
    return value.compareTo(other.value);
  }

  /**
   * The number masked: its last four characters when it has eight or more, else none, e.g.
   * {@code *****6789}.
   */
  @Override
  public String toString() {
    return Masks.nationalId(value);
  }
}
