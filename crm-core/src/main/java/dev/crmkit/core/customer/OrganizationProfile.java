package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import java.util.Optional;

/**
 * What is known about an organization as a customer, each optional: industry, sector, employee
 * count, annual revenue, annual buying power (its estimated yearly budget for what we sell),
 * parent organization and address.
 *
 * <pre>{@code
 * OrganizationProfile p = OrganizationProfile.EMPTY
 *     .withSector(Sector.ENTERPRISE).withEmployeeCount(1200)
 *     .withAnnualBuyingPower(Money.of("2500000", "USD"));
 * }</pre>
 */
public record OrganizationProfile(
    Optional<String> industry,
    Optional<Sector> sector,
    Optional<Integer> employeeCount,
    Optional<Money> annualRevenue,
    Optional<Money> annualBuyingPower,
    Optional<CustomerId> parent,
    Optional<Address> address) {

  public static final OrganizationProfile EMPTY =
      new OrganizationProfile(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty());

  public OrganizationProfile {
    industry = optionalText("industry", industry);
    sector = optional(sector);
    employeeCount = optional(employeeCount);
    employeeCount.filter(n -> n < 0).ifPresent(n -> {
      throw invalid("employeeCount", n, "zero or more");
    });
    annualRevenue = optional(annualRevenue);
    annualRevenue.filter(Money::isNegative).ifPresent(m -> {
      throw invalid("annualRevenue", m, "an amount of zero or more");
    });
    annualBuyingPower = optional(annualBuyingPower);
    annualBuyingPower.filter(Money::isNegative).ifPresent(m -> {
      throw invalid("annualBuyingPower", m, "an amount of zero or more");
    });
    parent = optional(parent);
    address = optional(address);
  }

  public OrganizationProfile withIndustry(String value) {
    return new OrganizationProfile(Optional.of(value), sector, employeeCount, annualRevenue,
        annualBuyingPower, parent, address);
  }

  public OrganizationProfile withSector(Sector value) {
    return new OrganizationProfile(industry, Optional.of(value), employeeCount, annualRevenue,
        annualBuyingPower, parent, address);
  }

  public OrganizationProfile withEmployeeCount(int value) {
    return new OrganizationProfile(industry, sector, Optional.of(value), annualRevenue,
        annualBuyingPower, parent, address);
  }

  public OrganizationProfile withAnnualRevenue(Money value) {
    return new OrganizationProfile(industry, sector, employeeCount, Optional.of(value),
        annualBuyingPower, parent, address);
  }

  public OrganizationProfile withAnnualBuyingPower(Money value) {
    return new OrganizationProfile(industry, sector, employeeCount, annualRevenue,
        Optional.of(value), parent, address);
  }

  public OrganizationProfile withParent(CustomerId value) {
    return new OrganizationProfile(industry, sector, employeeCount, annualRevenue,
        annualBuyingPower, Optional.of(value), address);
  }

  public OrganizationProfile withAddress(Address value) {
    return new OrganizationProfile(industry, sector, employeeCount, annualRevenue,
        annualBuyingPower, parent, Optional.of(value));
  }
}
