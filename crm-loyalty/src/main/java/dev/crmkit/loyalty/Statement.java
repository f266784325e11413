package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A member's points statement for one month (in the program's zone): the balance at the start of
 * the month ({@code opening}), every movement in it (the ledger entries with points whose time
 * falls in {@code [from, until)}, in time order), and the balance at its end ({@code closing},
 * or now for the current month). The balance is the ledger's total: active, pending and due to
 * expire, less any debt. {@code closing} is {@code opening} plus the movements, and the closing
 * balance of a month is the opening balance of the next.
 *
 * <pre>{@code
 * Statement march = loyalty.statement(member, YearMonth.of(2026, 3));
 * long earnedInMarch = march.movements().stream().filter(e -> e.points() > 0).mapToLong(Entry::points).sum();
 * }</pre>
 */
public record Statement(
    CustomerId member, YearMonth month, Instant from, Instant until, long opening, List<Entry> movements, long closing) {

  public Statement {
    requireNonNull(member, "member");
    requireNonNull(month, "month");
    requireNonNull(from, "from");
    requireNonNull(until, "until");
    movements = List.copyOf(movements);
    long sum = opening;
    for (Entry e : movements) {
      if (e.at().isBefore(from) || !e.at().isBefore(until)) {
        throw new IllegalArgumentException("movements: entry " + e.seq() + " at " + e.at() + " is not in " + month);
      }
      sum = Math.addExact(sum, e.points());
    }
    if (sum != closing) {
      throw new IllegalStateException("statement of " + member + " for " + month + " does not reconcile: opening "
          + opening + " + movements " + (sum - opening) + " != closing " + closing);
    }
  }
}
