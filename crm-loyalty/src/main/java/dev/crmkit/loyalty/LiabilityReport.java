package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The program's points liability valued for finance (the IFRS 15 view): the points members hold,
 * by the month their lots expire in, at {@code pointValue} each, split into the part expected to
 * expire unredeemed (breakage) and the part expected to be redeemed. The breakage rate comes from
 * the program's own history: of the points whose fate is settled, the share that expired instead
 * of being spent, {@code expiredPoints / (expiredPoints + spentPoints)} ({@code breakageRate},
 * rounded to 6 decimals for display; the money is computed from the exact fraction). Each row's
 * {@code expectedBreakage} is its value times that fraction, rounded half-even to the currency's
 * minor unit, and {@code expectedRedemption} the rest of its value; the totals are the rows' sums.
 * {@code debt} (points members owe back) is reported apart, as in {@link Liability}.
 *
 * <pre>{@code
 * LiabilityReport r = loyalty.liabilityReport(Money.of("0.01", "EUR"));
 * Money deferred = r.expectedRedemption();
 * }</pre>
 */
public record LiabilityReport(
    Instant asOf,
    Money pointValue,
    long spentPoints,
    long expiredPoints,
    BigDecimal breakageRate,
    List<Row> rows,
    long points,
    Money value,
    Money expectedBreakage,
    Money expectedRedemption,
    long debt) {

  /**
   * The points expiring in one month of the program's zone ({@code expiryMonth} null: the points
   * that never expire, always the last row), their value, and its expected breakage and redemption.
   */
  public record Row(YearMonth expiryMonth, long points, Money value, Money expectedBreakage, Money expectedRedemption) {
    public Row {
      requireNonNull(value, "value");
      if (!expectedBreakage.plus(expectedRedemption).equals(value)) {
        throw new IllegalStateException("row " + expiryMonth + ": breakage " + expectedBreakage + " + redemption "
            + expectedRedemption + " != value " + value);
      }
    }
  }

  public LiabilityReport {
    requireNonNull(asOf, "asOf");
    requireNonNull(pointValue, "pointValue");
    rows = List.copyOf(rows);
    long sum = 0;
    Money v = Money.zero(pointValue.currency());
    Money b = v;
    Money r = v;
    for (Row row : rows) {
      sum = Math.addExact(sum, row.points());
      v = v.plus(row.value());
      b = b.plus(row.expectedBreakage());
      r = r.plus(row.expectedRedemption());
    }
    if (sum != points || !v.equals(value) || !b.equals(expectedBreakage) || !r.equals(expectedRedemption)) {
      throw new IllegalStateException("liability report does not add up: rows " + sum + " points, " + v + ", " + b
          + ", " + r + "; totals " + points + " points, " + value + ", " + expectedBreakage + ", " + expectedRedemption);
    }
  }
}
