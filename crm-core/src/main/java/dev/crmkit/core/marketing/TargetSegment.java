package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * Whom a campaign targets: a class of a score table ({@link ScoreClass}, resolved through
 * {@link ScoreClasses}), or a {@link ProfileFilter} on industry, occupation, age band and region
 * (every criterion set must hold; texts compare ignoring case).
 *
 * <pre>{@code
 * TargetSegment a = TargetSegment.scoreClass("abc", "A");
 * TargetSegment young = TargetSegment.profile().ageBand(AgeBand.of(25, 34)).region("Berlin");
 * }</pre>
 *
 * <p>JSON form: {@code "kind": "score-class" | "profile"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TargetSegment.ScoreClass.class, name = "score-class"),
  @JsonSubTypes.Type(value = TargetSegment.ProfileFilter.class, name = "profile")
})
@dev.crmkit.core.base.CheckReturnValue
public sealed interface TargetSegment {

  static ScoreClass scoreClass(String strategyId, String classLabel) {
    return new ScoreClass(strategyId, classLabel);
  }

  /** A filter with no criterion yet (it matches everyone). */
  static ProfileFilter profile() {
    return new ProfileFilter(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** The customers of one class of a strategy's score table. */
  record ScoreClass(String strategyId, String classLabel) implements TargetSegment {
    public ScoreClass {
      strategyId = text("strategyId", strategyId);
      classLabel = text("classLabel", classLabel);
    }
  }

  /** Customers whose profile fits every criterion that is set. */
  @dev.crmkit.core.base.CheckReturnValue
  record ProfileFilter(Optional<String> industry, Optional<String> occupation,
      Optional<AgeBand> ageBand, Optional<String> region) implements TargetSegment {
    public ProfileFilter {
      industry = optionalText("industry", industry);
      occupation = optionalText("occupation", occupation);
      ageBand = optional(ageBand);
      region = optionalText("region", region);
      if (industry.isPresent() && (occupation.isPresent() || ageBand.isPresent())) {
        throw invalid("industry", industry.get(), "no industry together with a person's"
            + " occupation or age band: no customer has both");
      }
    }

    public ProfileFilter industry(String value) {
      return new ProfileFilter(Optional.of(value), occupation, ageBand, region);
    }

    public ProfileFilter occupation(String value) {
      return new ProfileFilter(industry, Optional.of(value), ageBand, region);
    }

    public ProfileFilter ageBand(AgeBand value) {
      return new ProfileFilter(industry, occupation, Optional.of(value), region);
    }

    public ProfileFilter region(String value) {
      return new ProfileFilter(industry, occupation, ageBand, Optional.of(value));
    }

    /** Whether the customer fits, ages counted on {@code today}. */
    public boolean matches(Customer c, LocalDate today) {
      if (industry.isPresent() && !(c instanceof Organization o
          && same(industry, o.profile().industry()))) {
        return false;
      }
      if (occupation.isPresent() && !(c instanceof Individual i
          && same(occupation, i.profile().occupation()))) {
        return false;
      }
      if (ageBand.isPresent() && !(c instanceof Individual i && i.profile().birthDate()
          .map(b -> ageBand.get().contains(b, today)).orElse(false))) {
        return false;
      }
      return region.isEmpty() || same(region, Dimension.regionOf(c));
    }

    private static boolean same(Optional<String> wanted, Optional<String> actual) {
      return actual.map(a -> a.toLowerCase(Locale.ROOT))
          .equals(wanted.map(w -> w.toLowerCase(Locale.ROOT)));
    }
  }
}
