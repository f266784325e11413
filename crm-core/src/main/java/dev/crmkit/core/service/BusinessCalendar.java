package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedSet;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Working hours (one span a day, the same on every working day), the working days of the week,
 * days off (holidays) and the time zone they are read in. Adds business time to an instant:
 * only time inside working hours on a working day that is not a day off counts. Business time
 * is elapsed (real) time during which the local clock shows a working time: across a DST change
 * inside working hours it is what really passes, not what the clock shows (on the New York
 * fall-back night of 1 Nov 2026, hours 01:30-02:30 hold 1 h 30 min of business time; on the
 * spring-forward night of 8 Mar 2026, 30 min).
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
    daysOff = sortedSet("daysOff", notNull("daysOff", daysOff));
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
   * outside working hours counts from the next opening. Business time is real (elapsed) time
   * during which the local clock shows a working time on a working day: see {@link #windows}.
   */
  public Instant plusBusinessTime(Instant start, Duration amount) {
    notNull("start", start);
    notNull("amount", amount);
    if (amount.isNegative()) {
      throw invalid("amount", amount, "a duration of zero or more");
    }
    Duration left = amount;
    // from the day before: a clock set back over midnight shows that day's hours again
    LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
    // at most fifty years of searching for a working day: a calendar of only days off is a bug
    for (int guard = 0; guard < 366 * 50; guard++, day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      for (Instant[] window : windows(day)) {
        Instant from = window[0].isBefore(start) ? start : window[0];
        if (from.isBefore(window[1])) {
          Duration available = Duration.between(from, window[1]);
          if (available.compareTo(left) >= 0) {
            return from.plus(left);
          }
          left = left.minus(available);
        }
      }
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
    LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = until.atZone(zone).toLocalDate().plusDays(1);
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      for (Instant[] window : windows(day)) {
        Instant a = window[0].isAfter(from) ? window[0] : from;
        Instant b = window[1].isBefore(until) ? window[1] : until;
        if (a.isBefore(b)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }

  /**
   * The spans of real time, in order, during which the local clock shows a time of
   * {@code [opens, closes)} on {@code day}. Usually one span of {@code closes - opens}; when the
   * zone's offset changes inside working hours, the real time the clock spends there: on a
   * fall-back night the repeated part of working hours is passed through twice (each time is
   * real time, counted once), and the time the clock shows before opening again does not
   * count; on a spring-forward night the skipped local time does not exist and does not count.
   */
  private List<Instant[]> windows(LocalDate day) {
    LocalDateTime open = day.atTime(opens);
    LocalDateTime close = day.atTime(closes);
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      ZoneOffset offset = rules.getOffset(Instant.EPOCH);
      return List.<Instant[]>of(new Instant[] {open.toInstant(offset), close.toInstant(offset)});
    }
    // every instant at which the clock can show a time of [open, close), cut where the offset
    // changes; in each piece the offset is fixed, so local time and instants map one to one
    Instant lo = open.toInstant(ZoneOffset.MAX);
    Instant hi = close.toInstant(ZoneOffset.MIN);
    List<Instant[]> spans = new ArrayList<>(2);
    Instant piece = lo;
    while (piece.isBefore(hi)) {
      ZoneOffsetTransition next = rules.nextTransition(piece);
      Instant pieceEnd = next == null || next.getInstant().isAfter(hi) ? hi : next.getInstant();
      ZoneOffset offset = rules.getOffset(piece);
      Instant a = max(piece, open.toInstant(offset));
      Instant b = min(pieceEnd, close.toInstant(offset));
      if (a.isBefore(b)) {
        Instant[] previous = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (previous != null && previous[1].equals(a)) {
          previous[1] = b; // working hours go on across the change
        } else {
          spans.add(new Instant[] {a, b});
        }
      }
      piece = pieceEnd;
    }
    return spans;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
