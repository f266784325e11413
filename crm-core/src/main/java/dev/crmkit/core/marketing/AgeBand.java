package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.invalid;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * An age range in whole years, both ends included; {@code 65+} is {@code AgeBand.of(65, 150)}.
 * {@link #STANDARD} are the bands target-group analysis uses.
 *
 * <pre>{@code
 * AgeBand.of(25, 34).contains(LocalDate.of(1995, 6, 1), LocalDate.of(2026, 1, 5)); // true (30)
 * }</pre>
 */
public record AgeBand(int from, int to) {

  static final int OPEN_END = 150;

  /** 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65+. */
  public static final List<AgeBand> STANDARD = List.of(of(0, 17), of(18, 24), of(25, 34),
      of(35, 44), of(45, 54), of(55, 64), of(65, OPEN_END));

  public AgeBand {
    if (from < 0) {
      throw invalid("ageBand.from", from, "an age of 0 or more");
    }
    if (to < from || to > OPEN_END) {
      throw invalid("ageBand.to", to, "an age from " + from + " to " + OPEN_END);
    }
  }

  public static AgeBand of(int from, int to) {
    return new AgeBand(from, to);
  }

  /** Age in whole years on {@code today}. */
  public static int age(LocalDate birthDate, LocalDate today) {
    return Period.between(birthDate, today).getYears();
  }

  public boolean contains(LocalDate birthDate, LocalDate today) {
    int age = age(birthDate, today);
    return age >= from && age <= to;
  }

  public String label() {
    return to >= OPEN_END ? from + "+" : from + "-" + to;
  }

  /** The standard band of an age. */
  static AgeBand standardOf(int age) {
    return STANDARD.stream().filter(b -> age >= b.from && age <= b.to).findFirst()
        .orElseThrow(() -> invalid("age", age, "an age from 0 to " + OPEN_END));
  }
}
