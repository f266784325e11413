package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.google.common.collect.ImmutableSortedSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Working hours (one span a day, the same on every working day), the working days of the week,
 * days off (holidays) and the time zone they are read in. Adds business time to an instant:
 * only time inside working hours on a working day that is not a day off counts.
 *
 * <pre>{@code
 * BusinessCalendar cal = BusinessCalendar.of(ZoneId.of("Europe/Berlin"),
 *     LocalTime.of(9, 0), LocalTime.of(17, 0), BusinessCalendar.MONDAY_TO_FRIDAY,
 *     Set.of(LocalDate.of(2026, 12, 25)));
 * Instant due = cal.plusBusinessTime(openedAt, Duration.ofHours(8)); // one working day later
 * }</pre>
 */
public record BusinessCalendar(
    ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays,
    Set<LocalDate> daysOff) {

  public static final Set<DayOfWeek> MONDAY_TO_FRIDAY =
      Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

  public BusinessCalendar {
    notNull("zone", zone);
    notNull("opens", opens);
    notNull("closes", closes);
    if (!opens.isBefore(closes)) {
      throw invalid("closes", closes, "a time after opens (" + opens + ")");
    }
    notNull("workingDays", workingDays);
    if (workingDays.isEmpty()) {
      throw invalid("workingDays", workingDays, "at least one working day");
    }
    workingDays = Set.copyOf(EnumSet.copyOf(workingDays));
    daysOff = ImmutableSortedSet.copyOf(notNull("daysOff", (Collection<LocalDate>) daysOff));
  }

  public static BusinessCalendar of(ZoneId zone, LocalTime opens, LocalTime closes,
      Set<DayOfWeek> workingDays, Set<LocalDate> daysOff) {
    return new BusinessCalendar(zone, opens, closes, workingDays, daysOff);
  }

  /** True when {@code date} is a working day and not a day off. */
  public boolean isWorkingDay(LocalDate date) {
    return workingDays.contains(date.getDayOfWeek()) && !daysOff.contains(date);
  }

  /**
   * The instant at which {@code amount} of business time has passed since {@code start}. A start
   * outside working hours counts from the next opening.
   */
  public Instant plusBusinessTime(Instant start, Duration amount) {
    notNull("start", start);
    notNull("amount", amount);
    if (amount.isNegative()) {
      throw invalid("amount", amount, "a duration of zero or more");
    }
    ZonedDateTime at = start.atZone(zone);
    Duration left = amount;
    // at most one year of searching for a working day: a calendar of only days off is a bug
    for (int guard = 0; guard < 366 * 50; guard++) {
      LocalDate day = at.toLocalDate();
      if (isWorkingDay(day)) {
        ZonedDateTime open = day.atTime(opens).atZone(zone);
        ZonedDateTime close = day.atTime(closes).atZone(zone);
        ZonedDateTime from = at.isBefore(open) ? open : at;
        if (from.isBefore(close)) {
          Duration available = Duration.between(from, close);
          if (available.compareTo(left) >= 0) {
            return from.plus(left).toInstant();
          }
          left = left.minus(available);
        }
      }
      at = day.plusDays(1).atStartOfDay(zone);
    }
    throw new IllegalStateException("daysOff: the calendar has no working day within 50 years of "
        + start);
  }

  /** Business time between two instants ({@code from <= until}). */
  public Duration businessTimeBetween(Instant from, Instant until) {
    notNull("from", from);
    notNull("until", until);
    if (until.isBefore(from)) {
      throw invalid("until", until, "an instant not before from (" + from + ")");
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = until.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      Instant open = day.atTime(opens).atZone(zone).toInstant();
      Instant close = day.atTime(closes).atZone(zone).toInstant();
      Instant a = open.isAfter(from) ? open : from;
      Instant b = close.isBefore(until) ? close : until;
      if (a.isBefore(b)) {
        total = total.plus(Duration.between(a, b));
      }
    }
    return total;
  }
}
