package dev.crmkit.core.base;

import org.jspecify.annotations.Nullable;

/** An id names no record (no case, lead, opportunity, order, campaign... with that id). */
public class NotFoundException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  /** Like {@link InvalidInputException#InvalidInputException(String, Object, String)}. */
  public NotFoundException(String field, @Nullable Object value, String expected) {
    super(Quoted.message(field, value, expected));
  }
}
