package dev.crmkit.core.store;

import java.sql.SQLException;

/**
 * The store failed (the database is unreachable, a statement failed, a stored record cannot be
 * read back). The message says what crmkit was doing; the cause is the driver's exception.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
  }

  static StoreException of(SQLException e) {
    return new StoreException("a database statement failed (SQL state " + e.getSQLState() + ")", e);
  }
}
