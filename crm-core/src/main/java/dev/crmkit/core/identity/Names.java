package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.notNull;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The comparison forms of a name, used by matching: lower case, punctuation dropped, and the
 * words sorted, so that "Schmidt, Anna" and "anna  SCHMIDT" compare equal (family-name-first
 * orders are common in the data the library serves). A name has up to two forms, and two names
 * match when they share one:
 *
 * <ul>
 *   <li>{@link #matchKey}: accents removed ({@code ü -> u}, {@code é -> e}, {@code ß -> ss}),
 *       so "Müller" matches "Muller";
 *   <li>{@link #transliteratedKey}: the German umlauts transliterated first ({@code ä -> ae},
 *       {@code ö -> oe}, {@code ü -> ue}), then accents removed, so "Müller" matches
 *       "Mueller".
 * </ul>
 *
 * <p>"Mueller" and "Muller" do not match each other: nothing in either says that one is the
 * other. Accents are removed with {@link Normalizer} (compatibility decomposition, marks
 * dropped).
 *
 * <pre>{@code
 * Names.matchKey("Schmidt, Änna");     // "anna schmidt"
 * Names.matchKeys("Müller, Jürgen");   // {"jurgen muller", "juergen mueller"}
 * }</pre>
 */
public final class Names {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Names() {}

  /** The name with accents removed, lower-cased, without punctuation, words sorted. */
  public static String matchKey(String name) {
    notNull("name", name);
    return words(fold(lower(name)));
  }

  /** Like {@link #matchKey}, with the German umlauts transliterated before accents go. */
  public static String transliteratedKey(String name) {
    notNull("name", name);
    String lower = lower(name)
        .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue");
    return words(fold(lower));
  }

  /** Both forms, in no particular order (one element when they are the same). */
  public static Set<String> matchKeys(String name) {
    String folded = matchKey(name);
    String transliterated = transliteratedKey(name);
    return folded.equals(transliterated) ? Set.of(folded) : Set.of(folded, transliterated);
  }

  /** Lower case, composed, so that a decomposed "u + diaeresis" is an "ü" too. */
  private static String lower(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private static String fold(String lower) {
    String plain = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
    return plain.replace("ß", "ss");
  }

  private static String words(String plain) {
    return Arrays.stream(NOT_WORD.split(plain))
        .filter(w -> !w.isEmpty())
        .sorted()
        .collect(Collectors.joining(" "));
  }
}
