package dev.crmkit.core.base;

/** An id names no record (no case, lead, opportunity, order, campaign... with that id). */
public class NotFoundException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
