package dev.crmkit.core.marketing;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A profile field by which target-group analysis and segment returns group customers. A person
 * has no industry and an organization no occupation or age: they fall in {@value #PERSON} or
 * {@value #ORGANIZATION}; a missing value falls in {@value #UNKNOWN}. No customer is left out.
 *
 * <pre>{@code
 * marketing.targetGroups(Dimension.AGE_BAND, "EUR");
 * }</pre>
 */
public enum Dimension {
  INDUSTRY,
  OCCUPATION,
  /** The {@link AgeBand#STANDARD} band of the age on the analysis day. */
  AGE_BAND,
  /** A person's region, an organization's address region. */
  REGION;

  public static final String UNKNOWN = "(unknown)";
  public static final String PERSON = "(person)";
  public static final String ORGANIZATION = "(organization)";

  /** The group of a customer on {@code today}. */
  public String groupOf(Customer c, LocalDate today) {
    return switch (this) {
      case INDUSTRY -> c instanceof Organization o
          ? o.profile().industry().orElse(UNKNOWN) : PERSON;
      case OCCUPATION -> c instanceof Individual i
          ? i.profile().occupation().orElse(UNKNOWN) : ORGANIZATION;
      case AGE_BAND -> c instanceof Individual i
          ? i.profile().birthDate().map(b -> AgeBand.standardOf(AgeBand.age(b, today)).label())
              .orElse(UNKNOWN)
          : ORGANIZATION;
      case REGION -> regionOf(c).orElse(UNKNOWN);
    };
  }

  static Optional<String> regionOf(Customer c) {
    if (c instanceof Individual i) {
      return i.profile().region();
    }
    return ((Organization) c).profile().address().flatMap(a -> a.region());
  }
}
