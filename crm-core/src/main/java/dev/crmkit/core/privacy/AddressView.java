package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;

import java.util.Optional;

/**
 * An address as a reader may see it: street and postal code masked unless the level may see
 * addresses; city, region and country always shown (too coarse to find a person).
 *
 * <pre>{@code
 * policy.view(org, AccessLevel.PUBLIC).address().map(AddressView::street); // Optional["***"]
 * }</pre>
 */
public record AddressView(String street, String city, Optional<String> postalCode,
    Optional<String> region, String country) {

  public AddressView {
    notNull("street", street);
    notNull("city", city);
    postalCode = optional(postalCode);
    region = optional(region);
    notNull("country", country);
  }
}
