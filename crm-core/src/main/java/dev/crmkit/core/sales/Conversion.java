package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import java.util.List;
import java.util.Optional;

/**
 * What a lead became: the converted lead, the customer (new, or the existing one identity
 * resolution matched, with {@code matchedExisting}), the contact person at an organization, the
 * opportunity when one was opened, and any other live customers that matched too (candidates
 * for a merge; the earliest registered one was taken).
 *
 * <pre>{@code
 * Conversion c = sales.convert(lead.id(), Deal.of("Fleet", "agent-7", amount, close));
 * if (c.matchedExisting()) { ... }
 * }</pre>
 */
public record Conversion(
    Lead lead,
    Customer customer,
    boolean matchedExisting,
    Optional<String> contactId,
    Optional<Opportunity> opportunity,
    List<CustomerId> otherMatches) {

  public Conversion {
    notNull("lead", lead);
    notNull("customer", customer);
    contactId = optionalText("contactId", contactId);
    opportunity = optional(opportunity);
    otherMatches = list("otherMatches", otherMatches);
  }
}
