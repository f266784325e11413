package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The registration of a person; see {@link Registration}.
 *
 * <pre>{@code
 * Registration.individual("Anna Schmidt").birthDate(LocalDate.of(1985, 3, 14)).region("Berlin");
 * }</pre>
 */
public final class IndividualRegistration extends Registration<IndividualRegistration> {

  private PersonProfile profile = PersonProfile.EMPTY;

  IndividualRegistration(String name) {
    super(name);
  }

  @Override
  IndividualRegistration self() {
    return this;
  }

  public IndividualRegistration birthDate(LocalDate value) {
    profile = profile.withBirthDate(notNull("birthDate", value));
    return this;
  }

  public IndividualRegistration occupation(String value) {
    profile = profile.withOccupation(value);
    return this;
  }

  public IndividualRegistration incomeBand(IncomeBand value) {
    profile = profile.withIncomeBand(notNull("incomeBand", value));
    return this;
  }

  public IndividualRegistration region(String value) {
    profile = profile.withRegion(value);
    return this;
  }

  @Override
  public Individual toCustomer(CustomerId assignedId, Instant registeredAt) {
    return new Individual(assignedId, codeOr(assignedId), name, Set.of(), keys, profile,
        ownership, Map.of(), Set.of(), registeredAt);
  }
}
