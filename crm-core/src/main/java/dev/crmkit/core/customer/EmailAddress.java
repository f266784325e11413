package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.crmkit.core.internal.Masks;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address in its normalised form: trimmed and lower-cased, so that
 * {@code " Anna.Schmidt@Example.COM "} and {@code "anna.schmidt@example.com"} are the same key.
 *
 * <p>The local part is lower-cased too: strictly it is case-sensitive, but no mail provider in
 * use treats it so, and treating it so would split one customer into several. Provider-specific
 * rules (dots or "+tags" ignored by some providers) are not applied, since they differ between
 * providers. In JSON an e-mail address is a plain string; {@link #toString()} masks it
 * ({@code a***@example.com}) so that it does not leak into logs.
 *
 * <pre>{@code
 * EmailAddress.of(" Anna@Example.com ").value(); // "anna@example.com"
 * }</pre>
 */
public record EmailAddress(String value) implements Comparable<EmailAddress> {

  // deliberately simple: one @, no spaces, a dot in the domain, no empty labels
  private static final Pattern SHAPE =
      Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

  /** Normalises; rejects anything that is not shaped like an address. */
  @JsonCreator
  public EmailAddress {
    notNull("email", value);
    String normalised = value.strip().toLowerCase(Locale.ROOT);
    if (normalised.length() > 254 || !SHAPE.matcher(normalised).matches()) {
      throw invalid("email", value, "an e-mail address such as name@example.com");
    }
    value = normalised;
  }

  public static EmailAddress of(String value) {
    return new EmailAddress(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(EmailAddress other) {
    return value.compareTo(other.value);
  }

  /** The address masked ({@code a***@example.com}): it is personal data; see {@link #value()}. */
  @Override
  public String toString() {
    return Masks.email(value);
  }
}
