package dev.crmkit.core.store;

import java.util.function.Supplier;

/**
 * Port: runs a use case as one transaction of the store. Everything the work reads and writes
 * through the store's ports on this thread belongs to the transaction; it commits when the work
 * returns and rolls back when it throws. A call inside a running transaction joins it.
 *
 * <p>In memory, transactions are serialised by one lock and have no rollback (the use cases
 * check before they write). On JDBC, each transaction holds one connection; a use case locks
 * the rows it changes ({@code SELECT ... FOR UPDATE}) so that several processes sharing one
 * database cannot lose an update; a transaction that the database aborts for a deadlock or a
 * serialization failure is run again, up to a few times.
 *
 * <pre>{@code
 * Order order = store.transactions().inTransaction(() -> crm.recordPurchase(request));
 * }</pre>
 */
public interface Transactions {

  /** Runs {@code work} in a transaction (joining the one this thread is in) and returns its result. */
  <T> T inTransaction(Supplier<T> work);

  /** Like {@link #inTransaction(Supplier)} for work without a result. */
  default void inTransaction(Runnable work) {
    inTransaction(() -> {
      work.run();
      return null;
    });
  }

  /**
   * Runs {@code action} once the outermost transaction of this thread has committed (at once
   * when there is none); not at all when it rolls back. Used to relay events after commit.
   */
  void afterCommit(Runnable action);

  /** Whether this thread is inside a transaction of this store. */
  boolean inTransaction();
}
