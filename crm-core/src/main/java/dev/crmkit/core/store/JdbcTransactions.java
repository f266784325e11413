package dev.crmkit.core.store;

import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.base.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions on a {@code DataSource}: one connection per outermost transaction, bound to the
 * thread; reads outside a transaction borrow a connection for the one statement. A transaction
 * the database aborts for a deadlock, a serialization failure or a lock time-out runs again.
 */
final class JdbcTransactions implements Transactions {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final boolean hostTransactions;
  private final DataSource ownConnections;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();

  private static final class Tx {
    final Connection connection;
    final List<Runnable> afterCommit = new ArrayList<>();
    /** Work that writes what the transaction gathered (the outbox row), run before the commit. */
    final java.util.LinkedHashMap<Object, Pending<?>> beforeCommit = new java.util.LinkedHashMap<>();

    Tx(Connection connection) {
      this.connection = connection;
    }
  }

  /** What a transaction gathers for a write just before its commit. */
  record Pending<R>(R gathered, Flush<R> flush) {
    void run(Connection c) throws SQLException {
      flush.run(c, gathered);
    }
  }

  /** Writes what a transaction gathered. */
  @FunctionalInterface
  interface Flush<R> {
    void run(Connection c, R gathered) throws SQLException;
  }

  /** A statement's work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  JdbcTransactions(DataSource dataSource, boolean hostTransactions, DataSource ownConnections) {
    this.dataSource = dataSource;
    this.hostTransactions = hostTransactions;
    this.ownConnections = ownConnections == null ? dataSource : ownConnections;
  }

  /**
   * Where the relay and the counters take connections for short transactions of their own:
   * never part of a host's transaction.
   */
  DataSource ownConnections() {
    return ownConnections;
  }

  DataSource dataSource() {
    return dataSource;
  }

  boolean hostTransactions() {
    return hostTransactions;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    for (int attempt = 1; ; attempt++) {
      Tx tx;
      try {
        tx = new Tx(dataSource.getConnection());
      } catch (SQLException e) {
        // a refused login or a wrong URL stays a StoreException: trying again will not help
        throw SqlFailures.transientFailure(e)
            ? new StoreUnavailableException("cannot get a connection from the data source", e)
            : new StoreException("cannot get a connection from the data source", e);
      }
      current.set(tx);
      boolean committed = false;
      boolean closed = false;
      // with host transactions, a connection that is already in a transaction (auto-commit
      // off) belongs to the host's: crmkit joins it and leaves commit and rollback to the host
      boolean joined = false;
      try {
        joined = hostTransactions && !tx.connection.getAutoCommit();
        boolean autoCommit = true;
        if (!joined) {
          autoCommit = tx.connection.getAutoCommit();
          tx.connection.setAutoCommit(false);
        }
        try {
          T result = work.get();
          flushBeforeCommit(tx);
          if (!joined) {
            tx.connection.commit();
          }
          committed = true;
          current.remove();
          closeQuietly(tx.connection, autoCommit, joined);
          if (!joined) {
            // joined: nothing is committed yet; the host relays after its own commit
            tx.afterCommit.forEach(Runnable::run);
          }
          return result;
        } catch (RuntimeException | Error e) {
          rollbackQuietly(tx.connection, joined);
          if (!joined && attempt < ATTEMPTS && retryable(e)) {
            LOG.debug("transaction aborted by the database ({}); running it again", e.toString());
            backOff(attempt);
            continue;
          }
          throw e;
        } finally {
          if (!committed) {
            current.remove();
            // a commit that threw may have left the work pending on the connection: restoring
            // auto-commit would commit it, so it is rolled back first
            rollbackQuietly(tx.connection, joined);
            closeQuietly(tx.connection, autoCommit, joined);
            closed = true;
          }
        }
      } catch (SQLException e) {
        current.remove();
        if (!closed) {
          rollbackQuietly(tx.connection, joined);
          closeQuietly(tx.connection, true, joined);
        }
        if (!joined && attempt < ATTEMPTS && retryable(e)) {
          backOff(attempt);
          continue;
        }
        throw SqlFailures.transientFailure(e)
            ? new StoreUnavailableException("the transaction failed", e)
            : new StoreException("the transaction failed", e);
      }
    }
  }

  /**
   * What this thread's transaction gathers under {@code key} (the outbox's events): made by
   * {@code make} on the first call in a transaction, and written by {@code flush} on the
   * transaction's connection when its work has returned, just before the commit (with a host
   * transaction: when crmkit's outermost call returns). A transaction that rolls back or runs
   * again drops it. Throws outside a transaction.
   */
  /**
   * The versions of the rows {@code owner} read with a row lock in this thread's transaction, by
   * id, so that an update writes only over the version it read (see
   * {@link #staleLockedRead}); a fresh, unshared map outside a transaction.
   */
  Map<String, Long> lockedVersions(Object owner) {
    if (current.get() == null) {
      return new HashMap<>();
    }
    return gathered(owner, HashMap::new, (c, versions) -> { });
  }

  /**
   * The failure of an update whose row moved on after this transaction locked and read it: a
   * row lock trusts the database to hand back the newest row once the lock is granted, and H2 2.3
   * can hand back an older one from its query result cache under concurrency (H2 issue 4208).
   * Never written over: the failure carries SQLState 40001, so the transaction runs again from a
   * fresh read, as after a serialization failure.
   */
  static StoreUnavailableException staleLockedRead(String what, String id, long version) {
    return new StoreUnavailableException("the " + what + " " + id + " changed after this"
        + " transaction locked it (version " + version + ")",
        new SQLException("stale locked read of " + what + " " + id, "40001"));
  }

  @SuppressWarnings("unchecked")
  <R> R gathered(Object key, Supplier<R> make, Flush<R> flush) {
    Tx tx = current.get();
    if (tx == null) {
      throw new IllegalStateException("gathered outside a transaction");
    }
    return (R) tx.beforeCommit.computeIfAbsent(key, k -> new Pending<>(make.get(), flush))
        .gathered();
  }

  private static void flushBeforeCommit(Tx tx) throws SQLException {
    for (Pending<?> p : List.copyOf(tx.beforeCommit.values())) {
      p.run(tx.connection);
    }
    tx.beforeCommit.clear();
  }

  @Override
  public void afterCommit(Runnable action) {
    Tx tx = current.get();
    if (tx == null) {
      action.run();
    } else {
      tx.afterCommit.add(action);
    }
  }

  @Override
  public boolean inTransaction() {
    return current.get() != null;
  }

  /** Runs {@code work} on this thread's transaction, or on a borrowed connection. */
  <T> T withConnection(Work<T> work) {
    Tx tx = current.get();
    try {
      if (tx != null) {
        return work.run(tx.connection);
      }
      try (Connection c = dataSource.getConnection()) {
        return work.run(c);
      }
    } catch (SQLException e) {
      throw SqlFailures.of(e);
    }
  }

  /** Like {@link #withConnection} but requires a transaction (for writes and locks). */
  <T> T inCurrent(String what, Work<T> work) {
    if (current.get() == null) {
      return inTransaction(() -> withConnection(work));
    }
    return withConnection(work);
  }

  private void rollbackQuietly(Connection c, boolean joined) {
    if (joined) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.warn("rollback failed", e);
    }
  }

  private void closeQuietly(Connection c, boolean autoCommit, boolean joined) {
    try {
      if (!joined && autoCommit) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOG.debug("could not restore auto-commit", e);
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.warn("closing a connection failed", e);
    }
  }

  /**
   * Waits a random few milliseconds, longer after each attempt, before a transaction the
   * database aborted runs again: transactions that deadlocked on each other and start again at
   * once tend to meet the same way.
   */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean retryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        // serialization failure, deadlock (PostgreSQL 40P01, H2 40001), lock time-out (H2 HYT00)
        if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
          return true;
        }
      }
    }
    return false;
  }
}
