package dev.crmkit.scoring.clv;

import java.util.Locale;

/**
 * The unit of recency, T and durations in a summary: days, weeks (7 days) or months (the mean
 * Gregorian month, 365.2425 / 12 = 30.436875 days). Times are exact fractions of days, never
 * rounded to whole units, as in the customer-base analysis literature (weeks = days / 7).
 *
 * <pre>{@code
 * TimeUnit.parse("weeks").days();  // 7.0
 * }</pre>
 */
public enum TimeUnit {
  DAYS(1),
  WEEKS(7),
  MONTHS(365.2425 / 12);

  private final double days;

  TimeUnit(double days) {
    this.days = days;
  }

  /** The length of the unit in days. */
  public double days() {
    return days;
  }

  /** How many units one calendar month (the mean Gregorian month) holds. */
  public double perMonth() {
    return MONTHS.days / days;
  }

  /** The lower-case name used on the command line and in JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code days}, {@code weeks} or {@code months}.
   *
   * @throws IllegalArgumentException for anything else, quoting it
   */
  public static TimeUnit parse(String text) {
    for (TimeUnit unit : values()) {
      if (unit.label().equals(text)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("time unit must be days, weeks or months, got '" + text + "'");
  }
}
