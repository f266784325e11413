package dev.crmkit.core.base;

import org.jspecify.annotations.Nullable;

/** How error messages quote a rejected value: cut, so that a huge input is never repeated whole. */
final class Quoted {

  /** How much of a rejected value a message quotes. */
  static final int MAX = 40;

  private Quoted() {}

  /** {@code field: 'value' is not valid; expected ...}, the value cut by {@link #text}. */
  static String message(String field, @Nullable Object value, String expected) {
    return field + ": '" + text(value) + "' is not valid; expected " + expected;
  }

  /**
   * A value's text, cut to its first {@value #MAX} characters followed by
   * {@code "... (N characters)"} when longer; a surrogate pair is never split.
   */
  static String text(@Nullable Object value) {
    String text = String.valueOf(value);
    if (text.length() <= MAX) {
      return text;
    }
    int cut = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
    return text.substring(0, cut) + "... (" + text.length() + " characters)";
  }
}
