package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import java.time.Duration;

/**
 * How soon a case must get its first response and its resolution, counted either in business
 * time (working hours of the policy's {@link BusinessCalendar}) or in calendar time.
 *
 * <pre>{@code
 * SlaTarget.businessHours(4, 16);            // first response within 4, resolution within 16 working hours
 * SlaTarget.calendar(Duration.ofHours(1), Duration.ofHours(24));
 * }</pre>
 */
public record SlaTarget(Duration firstResponse, Duration resolution, Basis basis) {

  /** What the durations count. */
  public enum Basis {
    BUSINESS_HOURS,
    CALENDAR
  }

  public SlaTarget {
    notNull("firstResponse", firstResponse);
    notNull("resolution", resolution);
    notNull("basis", basis);
    if (firstResponse.isNegative() || firstResponse.isZero()) {
      throw invalid("firstResponse", firstResponse, "a positive duration");
    }
    if (resolution.compareTo(firstResponse) < 0) {
      throw invalid("resolution", resolution,
          "a duration not shorter than firstResponse (" + firstResponse + ")");
    }
  }

  public static SlaTarget businessHours(long firstResponseHours, long resolutionHours) {
    return new SlaTarget(Duration.ofHours(firstResponseHours), Duration.ofHours(resolutionHours),
        Basis.BUSINESS_HOURS);
  }

  public static SlaTarget calendar(Duration firstResponse, Duration resolution) {
    return new SlaTarget(firstResponse, resolution, Basis.CALENDAR);
  }
}
