package dev.crmkit.core.base;

/**
 * The record's current state refuses the operation (a case moved against its lifecycle, a
 * rating before the resolution, a follow-up completed twice); nothing was changed.
 */
public class InvalidStateException extends IllegalStateException implements CrmException {

  private static final long serialVersionUID = 1L;

  public InvalidStateException(String message) {
    super(message);
  }
}
