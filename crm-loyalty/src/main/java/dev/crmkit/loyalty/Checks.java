package dev.crmkit.loyalty;

/** Argument checks whose messages name the field and quote the value. */
final class Checks {
  private Checks() {}

  static String text(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    if (value.isBlank() || !value.strip().equals(value) || value.length() > 200) {
      throw new IllegalArgumentException(
          field + ": '" + value + "' must be 1 to 200 characters without leading or trailing spaces");
    }
    return value;
  }

  static long positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + ": " + value + " must be positive");
    }
    return value;
  }
}
