package dev.crmkit.core.base;

/** A value the caller passed is not valid; the message names the field and what was expected. */
public class InvalidInputException extends IllegalArgumentException implements CrmException {

  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
