package dev.crmkit.loyalty;

import dev.crmkit.core.base.Money;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the program owes members: {@code points} is the sum of what members hold (active and
 * pending), not net of debts, with its money {@code value} when the program sets {@code
 * pointValue} (null otherwise). {@code byExpiryMonth} splits those points by the month (in the
 * program's zone) their lots expire in, {@code neverExpiring} the points of lots without expiry;
 * together they add up to {@code points}. {@code debt} is what members owe back (unlimited
 * returns), kept apart: one member's debt does not pay another member's points.
 *
 * <pre>{@code
 * Liability l = loyalty.liability();
 * long dueInMarch = l.byExpiryMonth().getOrDefault(YearMonth.of(2027, 3), 0L);
 * }</pre>
 */
public record Liability(
    Instant asOf, long points, Money value, long debt, SortedMap<YearMonth, Long> byExpiryMonth, long neverExpiring) {

  public Liability {
    byExpiryMonth = Collections.unmodifiableSortedMap(new TreeMap<>(byExpiryMonth));
    long sum = neverExpiring;
    for (long p : byExpiryMonth.values()) {
      sum += p;
    }
    if (sum != points) {
      throw new IllegalStateException("liability does not add up: " + sum + " by expiry, " + points + " in total");
    }
  }
}
