package dev.crmkit.core.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.internal.Checks;
import java.util.Locale;

/**
 * A rate kept as the two counts it was computed from, so that it is exact and explains itself
 * ({@code 2/4} is not the same evidence as {@code 50/100}: read {@link #numerator()} and
 * {@link #denominator()} for the counts, {@link #toString()} shows them).
 *
 * <p>A value type: two ratios are {@linkplain #equals equal} when their values are, so
 * {@code Ratio.of(4, 6).equals(Ratio.of(2, 3))} and {@code Ratio.of(0, 5).equals(Ratio.of(0, 1))};
 * {@link #hashCode()} agrees. Compare the counts to tell the evidence apart.
 *
 * <pre>{@code
 * Ratio winRate = Ratio.of(2, 3);
 * winRate.value(); // 0.666...
 * winRate.toString(); // "2/3 (66.7%)"
 * winRate.equals(Ratio.of(4, 6)); // true
 * }</pre>
 */
public record Ratio(long numerator, long denominator) {

  public Ratio {
    if (denominator <= 0) {
      throw Checks.invalid("denominator", denominator, "a positive count");
    }
    if (numerator < 0) {
      throw Checks.invalid("numerator", numerator, "zero or more");
    }
  }

  public static Ratio of(long numerator, long denominator) {
    return new Ratio(numerator, denominator);
  }

  @JsonIgnore
  public double value() {
    return (double) numerator / denominator;
  }

  /** True when {@code other} is a ratio of the same value, whatever its counts. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Ratio r)) {
      return false;
    }
    long g = gcd(numerator, denominator);
    long h = gcd(r.numerator, r.denominator);
    return numerator / g == r.numerator / h && denominator / g == r.denominator / h;
  }

  /** The hash of the value in lowest terms, so equal ratios hash alike. */
  @Override
  public int hashCode() {
    long g = gcd(numerator, denominator);
    return Long.hashCode(numerator / g) * 31 + Long.hashCode(denominator / g);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d/%d (%.1f%%)", numerator, denominator, 100 * value());
  }
}
