package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;

import dev.crmkit.core.internal.Masks;
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

  /** Street and postal code masked whatever the level the view was made for. */
  @Override
  public String toString() {
    return "AddressView[street=" + Masks.address(street) + ", city=" + city + ", postalCode="
        + postalCode.map(Masks::address) + ", region=" + region + ", country=" + country + "]";
  }
}
