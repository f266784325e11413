package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.internal.Masks;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A postal address; {@code country} is an ISO 3166 alpha-2 code.
 *
 * <pre>{@code
 * Address a = Address.of("1 Dell Way", "Round Rock", "78682", "TX", "US");
 * }</pre>
 */
public record Address(
    String street, String city, Optional<String> postalCode, Optional<String> region, String country) {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  public Address {
    street = text("address.street", street);
    city = text("address.city", city);
    postalCode = optionalText("address.postalCode", postalCode);
    region = optionalText("address.region", region);
    String code = text("address.country", country).toUpperCase(Locale.ROOT);
    if (!COUNTRIES.contains(code)) {
      throw invalid("address.country", country, "an ISO 3166 alpha-2 country code such as DE");
    }
    country = code;
  }

  /** Street and postal code masked: they are personal data; city, region, country stay. */
  @Override
  public String toString() {
    return "Address[street=" + Masks.address(street) + ", city=" + city + ", postalCode="
        + postalCode.map(Masks::address) + ", region=" + region + ", country=" + country + "]";
  }

  public static Address of(
      String street, String city, String postalCode, String region, String country) {
    return new Address(
        street, city, Optional.ofNullable(postalCode), Optional.ofNullable(region), country);
  }
}
