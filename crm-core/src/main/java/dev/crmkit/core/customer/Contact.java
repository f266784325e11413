package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.sortedSet;
import static dev.crmkit.core.internal.Checks.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person at an organization we deal with, with their role in the buying process and their own
 * channels. {@code id} is unique within the organization and is what interactions refer to.
 *
 * <pre>{@code
 * Contact cio = Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)
 *     .withTitle("CIO").withEmail(EmailAddress.of("grace@acme.example"));
 * }</pre>
 */
@dev.crmkit.core.base.CheckReturnValue
public record Contact(
    String id,
    String name,
    BuyingRole role,
    Optional<String> title,
    Set<EmailAddress> emails,
    Set<PhoneNumber> phones) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

  public Contact {
    notNull("contact.id", id);
    if (!ID.matcher(id).matches()) {
      throw invalid("contact.id", id, "1 to 64 letters, digits, '_', '.', ':' or '-'");
    }
    name = text("contact.name", name);
    notNull("contact.role", role);
    title = optionalText("contact.title", title);
    emails = sortedSet("contact.emails", emails);
    phones = sortedSet("contact.phones", phones);
  }

  public static Contact of(String id, String name, BuyingRole role) {
    return new Contact(id, name, role, Optional.empty(), Set.of(), Set.of());
  }

  public Contact withTitle(String value) {
    return new Contact(id, name, role, Optional.of(value), emails, phones);
  }

  public Contact withEmail(EmailAddress value) {
    return new Contact(id, name, role, title, plus(emails, value), phones);
  }

  public Contact withPhone(PhoneNumber value) {
    return new Contact(id, name, role, title, emails, plus(phones, value));
  }

  private static <T> Set<T> plus(Set<T> set, T value) {
    List<T> copy = new ArrayList<>(set);
    copy.add(notNull("contact channel", value));
    return Set.copyOf(copy);
  }
}
