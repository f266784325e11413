package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.customer.Customer;
import java.util.Optional;

/**
 * A customer in a campaign's target segment and whether the campaign may contact them: empty
 * {@code refusal} when it may, otherwise why not ({@code consent withdrawn at ...},
 * {@code no consent recorded for EMAIL (an opt-in channel)}).
 */
public record Target(Customer customer, Optional<String> refusal) {
  public Target {
    notNull("customer", customer);
    notNull("refusal", refusal);
  }

  public boolean contactable() {
    return refusal.isEmpty();
  }
}
