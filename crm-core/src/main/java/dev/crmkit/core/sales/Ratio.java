package dev.crmkit.core.sales;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.internal.Checks;
import java.util.Locale;

/**
 * A rate kept as the two counts it was computed from, so that it is exact and explains itself
 * ({@code 2/4} is not the same evidence as {@code 50/100}).
 *
 * <pre>{@code
 * Ratio winRate = Ratio.of(2, 3);
 * winRate.value(); // 0.666...
 * winRate.toString(); // "2/3 (66.7%)"
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

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d/%d (%.1f%%)", numerator, denominator, 100 * value());
  }
}
