package dev.crmkit.core.internal;

import dev.crmkit.core.base.ConflictException;
import dev.crmkit.core.base.InvalidInputException;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.NotFoundException;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Argument checks shared by the model's constructors. Every message names the field and quotes
 * the bad value (cut to its first 40 characters), so that a host can show it to whoever
 * typed it.
 *
 * <p>Not part of the API: it may change without notice.
 */
public final class Checks {

  private static final int MAX_TEXT = 500;
  private static final int MAX_NOTES = 20_000;

  private Checks() {}

  /** The error for a bad value: names the field and quotes the value, cut when long. */
  public static InvalidInputException invalid(String field, Object value, String expected) {
    return new InvalidInputException(field, value, expected);
  }

  /** Like {@link #invalid}, for an id that names no record. */
  public static NotFoundException notFound(String field, Object value, String expected) {
    return new NotFoundException(field, value, expected);
  }

  /** Like {@link #invalid}, for an id or code already taken. */
  public static ConflictException conflict(String field, Object value, String expected) {
    return new ConflictException(field, value, expected);
  }

  /**
   * The clock a builder was given.
   *
   * @throws IllegalStateException when none was: every builder of the library requires one
   */
  public static Clock requiredClock(Clock clock) {
    if (clock == null) {
      throw new IllegalStateException("clock: is required; call clock(Clock.systemUTC())"
          + " or pass a fixed clock in tests");
    }
    return clock;
  }

  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new NullPointerException(field + ": is required but was null");
    }
    return value;
  }

  /** A required single-line text: stripped, not blank, at most 500 characters. */
  public static String text(String field, String value) {
    notNull(field, value);
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw invalid(field, value, "a non-blank text");
    }
    if (stripped.length() > MAX_TEXT) {
      throw invalid(field, value, "at most " + MAX_TEXT + " characters");
    }
    if (stripped.chars().anyMatch(c -> c == '\n' || c == '\r')) {
      throw invalid(field, value, "a single line of text");
    }
    return stripped;
  }

  /** Free text such as notes: may span lines and be empty, never null. */
  public static String freeText(String field, String value) {
    if (value == null) {
      return "";
    }
    if (value.length() > MAX_NOTES) {
      throw invalid(field, value, "at most " + MAX_NOTES + " characters");
    }
    return value.strip();
  }

  public static Optional<String> optionalText(String field, Optional<String> value) {
    return value == null ? Optional.empty() : value.map(v -> text(field, v));
  }

  public static <T> Optional<T> optional(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  public static int positive(String field, int value) {
    if (value <= 0) {
      throw invalid(field, value, "a positive number");
    }
    return value;
  }

  public static Money nonNegative(String field, Money value) {
    notNull(field, value);
    if (value.isNegative()) {
      throw invalid(field, value, "an amount of zero or more");
    }
    return value;
  }

  public static <T> List<T> list(String field, Collection<? extends T> values) {
    if (values == null) {
      return List.of();
    }
    int i = 0;
    for (T v : values) {
      notNull(field + "[" + i++ + "]", v);
    }
    return List.copyOf(values);
  }

  public static <T extends Comparable<? super T>> Set<T> sortedSet(
      String field, Collection<? extends T> values) {
    if (values == null) {
      return Set.of();
    }
    for (T v : values) {
      notNull(field + " element", v);
    }
    return SortedArraySet.copyOf(values);
  }

  public static <K extends Comparable<? super K>, V> Map<K, V> sortedMap(
      String field, Map<K, ? extends V> values) {
    if (values == null) {
      return Map.of();
    }
    values.forEach(
        (k, v) -> {
          notNull(field + " key", k);
          notNull(field + "[" + k + "]", v);
        });
    // in key order; get and containsKey answer null and false for null or a key of another type
    return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(values)));
  }
}
