package dev.crmkit.core.store;

import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.base.StoreUnavailableException;
import java.sql.SQLException;

/** How the JDBC adapters turn a driver's exception into a {@link StoreException}. */
final class SqlFailures {

  private SqlFailures() {}

  static StoreException of(SQLException e) {
    String message = "a database statement failed (SQL state " + e.getSQLState() + ")";
    return transientFailure(e) ? new StoreUnavailableException(message, e)
        : new StoreException(message, e);
  }

  /**
   * Whether the failure is transient: the connection is gone (SQL state class 08), or the
   * database aborted the transaction (serialization failure 40001, deadlock 40P01, H2's lock
   * time-out HYT00), or the driver says so ({@code SQLTransientException}).
   */
  static boolean transientFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientException
          || t instanceof java.sql.SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
            || state.equals("HYT00")) {
          return true;
        }
      }
    }
    return false;
  }
}
