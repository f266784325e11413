package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;

import dev.crmkit.core.internal.Masks;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Demographics of an individual customer, each optional.
 *
 * <pre>{@code
 * PersonProfile p = PersonProfile.EMPTY.withBirthDate(LocalDate.of(1985, 3, 14)).withRegion("Berlin");
 * }</pre>
 */
public record PersonProfile(
    Optional<LocalDate> birthDate,
    Optional<String> occupation,
    Optional<IncomeBand> incomeBand,
    Optional<String> region) {

  public static final PersonProfile EMPTY =
      new PersonProfile(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public PersonProfile {
    birthDate = optional(birthDate);
    occupation = optionalText("occupation", occupation);
    incomeBand = optional(incomeBand);
    region = optionalText("region", region);
  }

  /** The birth date masked to its year ({@code 1985-**-**}): it is personal data. */
  @Override
  public String toString() {
    return "PersonProfile[birthDate=" + birthDate.map(d -> Masks.birthDate(d.toString()))
        + ", occupation=" + occupation + ", incomeBand=" + incomeBand + ", region=" + region + "]";
  }

  public PersonProfile withBirthDate(LocalDate value) {
    return new PersonProfile(Optional.of(value), occupation, incomeBand, region);
  }

  public PersonProfile withOccupation(String value) {
    return new PersonProfile(birthDate, Optional.of(value), incomeBand, region);
  }

  public PersonProfile withIncomeBand(IncomeBand value) {
    return new PersonProfile(birthDate, occupation, Optional.of(value), region);
  }

  public PersonProfile withRegion(String value) {
    return new PersonProfile(birthDate, occupation, incomeBand, Optional.of(value));
  }
}
