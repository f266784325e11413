package dev.crmkit.loyalty;

/** Argument checks whose messages name the field and quote the value. */
final class Checks {
  private Checks() {}

  static String text(String field, String value) {
    return text(field, value, 200);
  }

  /** Text of 1 to {@code max} characters (what its column holds) without outer spaces. */
  static String text(String field, String value, int max) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    if (value.isBlank() || !value.strip().equals(value) || value.length() > max) {
      throw new IllegalArgumentException(
          field + ": '" + cut(value) + "' (" + value.length() + " characters) must be 1 to " + max
              + " characters without leading or trailing spaces");
    }
    return value;
  }

  /** A value cut to a length fit for a message. */
  static String cut(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }

  static long positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + ": " + value + " must be positive");
    }
    return value;
  }
}
