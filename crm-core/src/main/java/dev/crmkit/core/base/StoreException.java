package dev.crmkit.core.base;

/**
 * The store failed (the database is unreachable, a statement failed, a stored record cannot be
 * read back). The message says what crmkit was doing; the cause is the driver's exception.
 */
public class StoreException extends RuntimeException implements CrmException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }
}
