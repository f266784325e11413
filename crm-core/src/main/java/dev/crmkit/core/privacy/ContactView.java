package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;

import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.internal.Masks;
import java.util.List;
import java.util.Optional;

/**
 * An organization's contact person as a reader may see it: e-mails and phones masked by the
 * {@link AccessPolicy}.
 *
 * <pre>{@code
 * ContactView v = policy.view(contact, AccessLevel.PUBLIC); // emails like g***@acme.example
 * }</pre>
 */
public record ContactView(String id, String name, BuyingRole role, Optional<String> title,
    List<String> emails, List<String> phones) {

  public ContactView {
    notNull("id", id);
    notNull("name", name);
    notNull("role", role);
    title = optional(title);
    emails = list("emails", emails);
    phones = list("phones", phones);
  }

  /** E-mails and phones masked whatever the level the view was made for. */
  @Override
  public String toString() {
    return "ContactView[id=" + id + ", name=" + name + ", role=" + role + ", title=" + title
        + ", emails=" + emails.stream().map(Masks::email).toList()
        + ", phones=" + phones.stream().map(Masks::phone).toList() + "]";
  }
}
