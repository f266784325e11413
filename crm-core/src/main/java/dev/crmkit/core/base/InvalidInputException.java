package dev.crmkit.core.base;

import org.jspecify.annotations.Nullable;

/** A value the caller passed is not valid; the message names the field and what was expected. */
public class InvalidInputException extends IllegalArgumentException implements CrmException {

  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * {@code field: 'value' is not valid; expected ...}: names the field and quotes the value, cut
   * to its first 40 characters (with its length) when longer, so that a host that echoes or logs
   * the message never repeats a huge input whole.
   */
  public InvalidInputException(String field, @Nullable Object value, String expected) {
    super(Quoted.message(field, value, expected));
  }
}
