package dev.crmkit.core.base;

/** An id or code the caller asked for is already taken by another record. */
public class ConflictException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
