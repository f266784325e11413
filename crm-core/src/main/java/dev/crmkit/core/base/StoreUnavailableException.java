package dev.crmkit.core.base;

/**
 * A transient store failure that outlasted crmkit's own retries: the connection was lost, or the
 * database aborted the transaction (deadlock, serialization failure, lock time-out). Nothing of
 * the use case was stored; running it again later may succeed ({@link #retryable()} is true).
 */
public final class StoreUnavailableException extends StoreException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
