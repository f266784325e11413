package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import java.util.regex.Pattern;

/** The shape of order and return ids. */
final class Ids {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/#-]{0,127}");

  private Ids() {}

  static String check(String field, String value) {
    notNull(field, value);
    if (!ID.matcher(value).matches()) {
      throw invalid(field, value, "1 to 128 letters, digits or _ . : / # -");
    }
    return value;
  }
}
