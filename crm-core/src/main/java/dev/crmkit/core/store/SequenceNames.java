package dev.crmkit.core.store;

import dev.crmkit.core.internal.Checks;
import java.util.regex.Pattern;

final class SequenceNames {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private SequenceNames() {}

  static String check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Checks.invalid("name", name,
          "a counter name of lower-case letters, digits and '_', starting with a letter");
    }
    return name;
  }
}
