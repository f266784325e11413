package dev.crmkit.core.base;

import org.jspecify.annotations.Nullable;

/** An id or code the caller asked for is already taken by another record. */
public class ConflictException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  /** Like {@link InvalidInputException#InvalidInputException(String, Object, String)}. */
  public ConflictException(String field, @Nullable Object value, String expected) {
    super(Quoted.message(field, value, expected));
  }
}
