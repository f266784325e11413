package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.notNull;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The comparison form of a name, used by matching: accents removed, lower case, punctuation
 * dropped, and the words sorted, so that "Schmidt, Anna" and "anna  SCHMIDT" compare equal
 * (family-name-first orders are common in the data the library serves).
 *
 * <pre>{@code
 * Names.matchKey("Schmidt, Änna"); // "anna schmidt"
 * }</pre>
 */
public final class Names {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Names() {}

  public static String matchKey(String name) {
    notNull("name", name);
    String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
    return Arrays.stream(NOT_WORD.split(plain.toLowerCase(Locale.ROOT)))
        .filter(w -> !w.isEmpty())
        .sorted()
        .collect(Collectors.joining(" "));
  }
}
