package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC adapter (H2 and PostgreSQL). Each write is one transaction: lock the member row
 * ({@code SELECT ... FOR UPDATE}), then the series row, check the key, read the member's ledger,
 * decide, insert. Read committed is enough: the row lock serialises writers of one member, and
 * every statement after the lock sees what the previous holder committed. The operation's
 * primary key catches the same key racing on two members.
 */
final class JdbcLedgerStore extends LedgerStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcLedgerStore.class);

  /** Where the migration scripts are, for a host that runs them in its own Flyway. */
  static final String MIGRATIONS = "classpath:db/crmkit-loyalty";
  /** Flyway's history table of the loyalty schema. */
  static final String HISTORY_TABLE = "loyalty_schema_history";

  private static final String UNIQUE_VIOLATION = "23505";
  /** Deadlock or serialization failure (PostgreSQL 40001 / 40P01, H2 40001) and H2's lock time-out. */
  private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "HYT00");
  /** How many times a start tries the migrations before it reports their failure (about 8 s in all). */
  static final int MIGRATION_ATTEMPTS = 20;
  /** How many times a write the database aborted runs again. */
  static final int TRANSIENT_ROUNDS = 10;

  private final DataSource dataSource;
  private final Runnable onClose;
  /** Whether the database is H2 (see {@link #lockMember}). */
  private final boolean h2;

  /** A store on {@code dataSource}; {@code onClose} (may be null) releases what the store owns. */
  JdbcLedgerStore(DataSource dataSource, @Nullable Runnable onClose) {
    this.dataSource = dataSource;
    this.onClose = onClose;
    this.h2 = migrate();
  }

  @Override
  public void close() {
    if (onClose != null) {
      onClose.run();
    }
  }

  // --- schema ---------------------------------------------------------------------------------

  /** Migrates; returns whether the database is H2. */
  private boolean migrate() {
    boolean isH2;
    String database;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      requireDurableCommits(c);
      isH2 = "H2".equals(c.getMetaData().getDatabaseProductName());
      if (isH2) {
        freshLockedReads(c);
      }
      database = c.getMetaData().getURL() + " as " + c.getMetaData().getUserName();
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot open the database: " + e.getMessage(), e);
    }
    // stores of one JVM migrate one database one at a time: H2 has no transactional DDL, and
    // several starts racing through V1 could fail one of them (a start in another process is
    // still met by Flyway's lock and the retries of migrate(DataSource))
    synchronized (MIGRATING.computeIfAbsent(database, d -> new Object())) {
      migrate(dataSource);
    }
    return isH2;
  }

  /** One monitor per database (URL and user) that stores of this JVM migrate. */
  private static final java.util.concurrent.ConcurrentMap<String, Object> MIGRATING =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Runs the loyalty migrations with Flyway (history in {@code loyalty_schema_history}). Several
   * stores may start at once on an empty database: Flyway serialises them with a database lock,
   * and a start that lost the race to create the history table tries again. A database created by
   * the mechanism before Flyway (table {@code loyalty_schema_version}) is taken over: baselined at
   * the last version that mechanism applied, so only later scripts run. In a schema shared with
   * other tables (crm-core's), the baseline is version 0: every loyalty script runs.
   */
  static void migrate(DataSource dataSource) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= MIGRATION_ATTEMPTS; attempt++) {
      Flyway flyway = null;
      try {
        flyway = Flyway.configure(JdbcLedgerStore.class.getClassLoader())
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .table(HISTORY_TABLE)
            .baselineOnMigrate(true)
            .baselineVersion(String.valueOf(legacyVersion(dataSource)))
            .baselineDescription("taken over from loyalty_schema_version")
            .load();
        flyway.migrate();
        return;
      } catch (FlywayException e) {
        last = e;
        LOG.debug("loyalty migration attempt {} failed; trying again", attempt, e);
        if (flyway != null && e instanceof org.flywaydb.core.api.exception.FlywayValidateException) {
          // H2 (no transactional DDL) records the loser of two starts that both ran V1 on an empty
          // schema as a failed migration, which fails every later validation: the winner's V1 is
          // whole (the first CREATE TABLE decides it), so the failed row is removed and the start
          // tries again; a script that really fails fails again, MIGRATION_ATTEMPTS times, and is reported
          try {
            flyway.repair();
          } catch (FlywayException repairFailed) {
            e.addSuppressed(repairFailed);
          }
        }
        try {
          Thread.sleep(Math.min(50L * attempt, 500L) + (long) (Math.random() * 50));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new IllegalStateException("loyalty store: migrating the loyalty schema failed: " + last.getMessage(), last);
  }

  /** The last version the pre-Flyway mechanism applied, or 0 if it never ran here. */
  private static int legacyVersion(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(version) FROM loyalty_schema_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      } catch (SQLException missing) {
        return 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot open the database: " + e.getMessage(), e);
    }
  }

  /**
   * A receipt means durable: on an H2 file database every commit must reach the file before it
   * returns. H2 buffers commits for {@code WRITE_DELAY} ms (500 by default), and a process killed
   * in that time loses writes it had acknowledged. The store sets {@code WRITE_DELAY} to 0 (a
   * setting of the whole database, kept in it); if the connection may not (no admin rights), it
   * refuses to open, naming the setting the host's URL must carry.
   */
  private static void requireDurableCommits(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    String url = c.getMetaData().getURL();
    if (!"H2".equals(product) || url == null || url.startsWith("jdbc:h2:mem:")) {
      return;
    }
    if (h2WriteDelay(c) == 0) {
      return;
    }
    try (Statement s = c.createStatement()) {
      s.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "loyalty store: the H2 database at " + url + " buffers commits (WRITE_DELAY " + h2WriteDelay(c)
              + " ms), so a crash would lose acknowledged writes, and this connection may not change it ("
              + e.getMessage() + "); open it with ;WRITE_DELAY=0 on the URL", e);
    }
    LOG.info("loyalty store: set WRITE_DELAY 0 on the H2 database at {} so that every commit is on disk when it returns", url);
  }

  /**
   * H2 2.3 reuses a query's last result while it believes no table changed, and under concurrency
   * it can believe that wrongly and answer a locked read with an older row (H2 issue 4208), the
   * same older row on every retry of the transaction. The store turns that reuse off for the
   * database ({@code OPTIMIZE_REUSE_RESULTS}); a connection that may not (no admin rights) leaves
   * it on with a warning: writes stay correct (see {@link #staleLockedRead}) but may fail after
   * their retries.
   */
  private static void freshLockedReads(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("SET OPTIMIZE_REUSE_RESULTS 0");
    } catch (SQLException e) {
      LOG.warn("loyalty store: cannot turn off H2's reuse of query results ({}); open the database with"
          + " ;OPTIMIZE_REUSE_RESULTS=FALSE on the URL, or concurrent writes of one member may fail", e.getMessage());
    }
  }

  private static long h2WriteDelay(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      return rs.next() ? Long.parseLong(rs.getString(1).strip()) : 0;
    }
  }

  // --- replay batches -------------------------------------------------------------------------

  /** The connection of the calling thread's replay batch, as {@link #connection()} hands it out. */
  private final ThreadLocal<Connection> batch = new ThreadLocal<>();

  /**
   * A connection for one method: the calling thread's replay batch connection if a batch is
   * running, otherwise one from the data source. Inside a batch the method's own transaction
   * becomes a savepoint: {@code setAutoCommit(false)} sets it, {@code commit} releases it,
   * {@code rollback} rolls back to it (the batch goes on), and {@code close} leaves the batch
   * connection open.
   */
  private Connection connection() throws SQLException {
    Connection bound = batch.get();
    return bound != null ? bound : dataSource.getConnection();
  }

  private static Connection inBatch(Connection real) {
    Savepoint[] active = new Savepoint[1];
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close", "setTransactionIsolation":
              return null;
            case "getAutoCommit":
              return active[0] == null;
            case "setAutoCommit":
              if (!(Boolean) args[0] && active[0] == null) {
                active[0] = real.setSavepoint();
              }
              return null;
            case "commit":
              if (active[0] != null) {
                real.releaseSavepoint(active[0]);
                active[0] = null;
              }
              return null;
            case "rollback":
              if (args == null || args.length == 0) {
                if (active[0] != null) {
                  real.rollback(active[0]);
                  active[0] = null;
                }
                return null;
              }
              break;
            default:
              break;
          }
          try {
            return method.invoke(real, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public boolean keepsReplayProgress() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A batch the database aborts (a deadlock or serialization failure, SQLState 40001 / 40P01,
   * H2's lock time-out HYT00, or a row read stale under its lock) is rolled back whole and runs
   * again, up to {@value #TRANSIENT_ROUNDS} times, as a single write does: {@code work} must start
   * from the same place each time.
   */
  @Override
  public ReplayCheckpoint replayBatch(java.util.function.Supplier<ReplayCheckpoint> work) {
    if (batch.get() != null) {
      throw new IllegalStateException("loyalty store: a replay batch is already running on this thread");
    }
    for (int round = 0; ; round++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        boolean finished = false;
        batch.set(inBatch(c));
        try {
          ReplayCheckpoint checkpoint = work.get();
          writeProgress(c, checkpoint);
          c.commit();
          finished = true;
          return checkpoint;
        } catch (SQLException e) {
          finished = rollback(c, e);
          if (finished && round < TRANSIENT_ROUNDS && transientFailure(e)) {
            batchesRetried.increment();
            pause(round);
            continue;
          }
          throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
          finished = rollback(c, e);
          if (finished && round < TRANSIENT_ROUNDS && transientFailure(e)) {
            LOG.debug("loyalty store: a replay batch was aborted by the database ({}); running it again",
                e.getMessage());
            batchesRetried.increment();
            pause(round);
            continue;
          }
          throw e;
        } catch (Error e) {
          finished = rollback(c, e);
          throw e;
        } finally {
          batch.remove();
          if (finished) {
            c.setAutoCommit(true);
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
      }
    }
  }

  /** Whether {@code failure} or one of its causes is a transaction the database aborted (see {@link #TRANSIENT}). */
  private static boolean transientFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && TRANSIENT.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Writes of replay batches decided at once, and sent one at a time: tests check the first is the common path. */
  final java.util.concurrent.atomic.LongAdder atOnceInBatch = new java.util.concurrent.atomic.LongAdder();
  final java.util.concurrent.atomic.LongAdder oneAtATimeInBatch = new java.util.concurrent.atomic.LongAdder();
  /** Replay batches undone after a conflict and written again event by event. */
  final java.util.concurrent.atomic.LongAdder batchesRewritten = new java.util.concurrent.atomic.LongAdder();
  /** Replay batches written event by event that the database aborted and that ran again. */
  final java.util.concurrent.atomic.LongAdder batchesRetried = new java.util.concurrent.atomic.LongAdder();

  /** The calling thread's replay batch written at once, if one is running (see {@link JdbcReplayBatch}). */
  private final ThreadLocal<JdbcReplayBatch> fastBatch = new ThreadLocal<>();

  /**
   * A replay batch written at once ({@link JdbcReplayBatch}): its members read up front, its
   * writes decided in memory and inserted with multi-row statements, with the progress, in one
   * transaction. A batch that meets a conflict is undone and written event by event.
   */
  @Override
  ReplayCheckpoint replayBatch(BatchHints hints, java.util.function.Supplier<ReplayCheckpoint> work) {
    if (batch.get() != null) {
      throw new IllegalStateException("loyalty store: a replay batch is already running on this thread");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      boolean finished = false;
      batch.set(inBatch(c));
      try {
        JdbcReplayBatch writes = JdbcReplayBatch.read(this, c, hints, h2);
        fastBatch.set(writes);
        ReplayCheckpoint checkpoint = work.get();
        writes.flush();
        writeProgress(c, checkpoint);
        c.commit();
        finished = true;
        return checkpoint;
      } catch (JdbcReplayBatch.Conflict e) {
        finished = rollback(c, e);
        if (!finished) {
          throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
        }
        LOG.debug("loyalty store: {}; writing the batch event by event", e.getMessage());
        batchesRewritten.increment();
      } catch (SQLException e) {
        finished = rollback(c, e);
        throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        finished = rollback(c, e);
        if (!finished || !transientFailure(e)) {
          throw e;
        }
        // aborted by the database (a write sent one at a time met a stale row, a deadlock):
        // nothing of the batch was written; event by event, it runs again if aborted again
        LOG.debug("loyalty store: a replay batch was aborted by the database ({}); writing it event by event",
            e.getMessage());
        batchesRetried.increment();
      } catch (Error e) {
        finished = rollback(c, e);
        throw e;
      } finally {
        fastBatch.remove();
        batch.remove();
        if (finished) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
    }
    return replayBatch(work);
  }

  private static void writeProgress(Connection c, ReplayCheckpoint checkpoint) throws SQLException {
    ReplayProgress p = checkpoint.progress();
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE loyalty_replay SET line = ?, digest = ?, done = ?, after_as_of = ?, last_time = ? WHERE replay_id = ?")) {
      update.setLong(1, p.line());
      update.setString(2, p.digest());
      update.setLong(3, p.done());
      update.setLong(4, p.afterAsOf());
      setTime(update, 5, p.lastTime());
      update.setString(6, p.replay());
      if (update.executeUpdate() == 0) {
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO loyalty_replay (line, digest, done, after_as_of, last_time, replay_id) VALUES (?, ?, ?, ?, ?, ?)")) {
          insert.setLong(1, p.line());
          insert.setString(2, p.digest());
          insert.setLong(3, p.done());
          insert.setLong(4, p.afterAsOf());
          setTime(insert, 5, p.lastTime());
          insert.setString(6, p.replay());
          insert.executeUpdate();
        }
      }
    }
    if (!checkpoint.skipped().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO loyalty_replay_skipped (replay_id, line, reason) VALUES (?, ?, ?)")) {
        for (LoyaltyReplay.SkippedRow row : checkpoint.skipped()) {
          ps.setString(1, p.replay());
          ps.setLong(2, row.line());
          // reasons cut their values already; this only guards the column
          ps.setString(3, row.reason().length() > 4000 ? row.reason().substring(0, 3997) + "..." : row.reason());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  @Override
  public Optional<ReplayProgress> replayProgress(String replay) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT line, digest, done, after_as_of, last_time FROM loyalty_replay WHERE replay_id = ?")) {
      ps.setString(1, replay);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new ReplayProgress(replay, rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), instant(rs, 5)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read replay progress: " + e.getMessage(), e);
    }
  }

  @Override
  public List<LoyaltyReplay.SkippedRow> replaySkipped(String replay) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT line, reason FROM loyalty_replay_skipped WHERE replay_id = ? ORDER BY line")) {
      ps.setString(1, replay);
      List<LoyaltyReplay.SkippedRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LoyaltyReplay.SkippedRow(rs.getLong(1), rs.getString(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read replay progress: " + e.getMessage(), e);
    }
  }

  @Override
  public void forgetReplay(String replay) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      boolean finished = false;
      try {
        for (String table : List.of("loyalty_replay_skipped", "loyalty_replay")) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE replay_id = ?")) {
            ps.setString(1, replay);
            ps.executeUpdate();
          }
        }
        c.commit();
        finished = true;
      } catch (SQLException | RuntimeException e) {
        finished = rollback(c, e);
        throw e;
      } finally {
        if (finished) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot forget replay progress: " + e.getMessage(), e);
    }
  }

  // --- writes ---------------------------------------------------------------------------------

  @Override
  public Applied apply(Write write) {
    JdbcReplayBatch replaying = fastBatch.get();
    return replaying != null ? replaying.apply(write) : applyOneAtATime(write);
  }

  /** One write in its own transaction (inside a replay batch: a savepoint of the batch's). */
  Applied applyOneAtATime(Write write) {
    return inWriteTransaction(c -> applyIn(c, write), write.key() != null,
        () -> "write for member " + write.member());
  }

  @Override
  public List<Applied> applyAll(List<Write> writes) {
    checkApplyAll(writes);
    return inWriteTransaction(c -> applyAllIn(c, writes), true, () -> "write for members "
        + writes.stream().map(w -> w.member().value()).toList());
  }

  private static void pause(int round) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * (round + 1) + 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Work on one connection inside its transaction. */
  private interface TransactionWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own, committed when it returns, rolled back when
   * it throws. When {@code retryOnUniqueViolation}, a unique violation (an idempotency key another
   * member's write took at the same time) runs it once more, and that round sees the key. A
   * transaction the database aborted and rolled back (a deadlock or serialization failure,
   * SQLState 40001 / 40P01, or H2's lock time-out HYT00) runs again, up to
   * {@value #TRANSIENT_ROUNDS} times, after a short random pause: nothing of it was written.
   */
  private <T> T inWriteTransaction(TransactionWork<T> work, boolean retryOnUniqueViolation,
      java.util.function.Supplier<String> what) {
    boolean uniqueRetried = false;
    for (int round = 0; ; round++) {
      try (Connection c = connection()) {
        c.setAutoCommit(false);
        boolean finished = false;
        try {
          T result = work.run(c);
          c.commit();
          finished = true;
          return result;
        } catch (SQLException e) {
          finished = rollback(c, e);
          if (UNIQUE_VIOLATION.equals(e.getSQLState()) && retryOnUniqueViolation && !uniqueRetried
              && finished) {
            uniqueRetried = true;
            continue;
          }
          if (TRANSIENT.contains(e.getSQLState()) && round < TRANSIENT_ROUNDS && finished
              && batch.get() == null) {
            LOG.debug("loyalty store: {} aborted by the database ({}); running it again", what.get(),
                e.getMessage());
            pause(round);
            continue;
          }
          throw e;
        } catch (RuntimeException | Error e) {
          finished = rollback(c, e);
          throw e;
        } finally {
          // Only a finished transaction goes back to autocommit: switching a connection with an
          // open transaction to autocommit commits it, half a write included. A connection whose
          // rollback failed is closed as it is (closing rolls an open transaction back).
          if (finished) {
            c.setAutoCommit(true);
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            "loyalty store: " + what.get() + " failed: " + e.getMessage(), e);
      }
    }
  }

  private List<Applied> applyAllIn(Connection c, List<Write> writes) throws SQLException {
    // lock order: member id, whatever the order of the writes, so two transfers cannot deadlock
    Map<CustomerId, MemberState> before = new java.util.TreeMap<>();
    for (Write w : writes) {
      before.put(w.member(), null);
    }
    for (CustomerId member : new ArrayList<>(before.keySet())) {
      before.put(member, lockMember(c, member));
    }
    List<Applied> replayed = new ArrayList<>();
    for (Write w : writes) {
      Applied earlier = replay(c, w);
      if (earlier != null) {
        replayed.add(earlier);
      }
    }
    if (!replayed.isEmpty()) {
      if (replayed.size() < writes.size()) {
        // some keys belong to other operations
        throw new IdempotencyConflictException(
            writes.stream().filter(w -> keyUsed(c, w.key())).findFirst().orElseThrow().key());
      }
      return replayed;
    }
    List<Applied> out = new ArrayList<>();
    for (Write w : writes) {
      out.add(persist(c, w, before.get(w.member())));
    }
    return out;
  }

  private static boolean keyUsed(Connection c, String key) {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM loyalty_operation WHERE op_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot look up key " + key + ": " + e.getMessage(), e);
    }
  }

  /** Rolls back; returns whether that worked (a failure is added to {@code cause}). */
  private static boolean rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
      return true;
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
      return false;
    }
  }

  static final String MEMBER_COLUMNS =
      "last_seq, debt, total, earned, spent, expired, reversed, purchases";

  private Applied applyIn(Connection c, Write write) throws SQLException {
    MemberState before = lockMember(c, write.member());
    if (write.series() != null) {
      ensureRow(c, "loyalty_voucher_series", "series_id", write.series());
      lockRow(c, "loyalty_voucher_series", "series_id", write.series());
    }
    if (write.key() != null) {
      Applied earlier = replay(c, write);
      if (earlier != null) {
        return earlier;
      }
    }
    return persist(c, write, before);
  }

  /** Decides a write on its locked member and inserts what it decided, in the open transaction. */
  private Applied persist(Connection c, Write write, MemberState before) throws SQLException {
    long budgetUsed = 0;
    if (write.budget() != null) {
      // lock order: member, series, budget
      ensureRow(c, "loyalty_budget", "budget_id", write.budget());
      lockRow(c, "loyalty_budget", "budget_id", write.budget());
      budgetUsed = budgetUsed(c, write.budget());
    }
    Changes changes = write.decide().apply(new View(c, write.member(), before, write.series(), budgetUsed));
    checkChanges(write, before, changes);
    // the rows read under a lock are written only over what was read (see staleLockedRead). The
    // entries go in before the member row: a stale read's seqs are taken, and the insert fails
    // before the member row is touched (with the member row first, H2 2.3's stress runs left a
    // member row behind its ledger: see docs/benchmarks-loyalty.md, databases, round 3)
    if (changes.budgetDrawn() > 0) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_budget SET used = ? WHERE budget_id = ? AND used = ?")) {
        ps.setLong(1, Math.addExact(budgetUsed, changes.budgetDrawn()));
        ps.setString(2, write.budget());
        ps.setLong(3, budgetUsed);
        if (ps.executeUpdate() == 0) {
          throw staleLockedRead("campaign budget " + write.budget(), "used " + budgetUsed);
        }
      }
    }
    if (write.key() != null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO loyalty_operation (op_key, member_id, fingerprint, created_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, write.key());
        ps.setString(2, write.member().value());
        ps.setString(3, write.fingerprint());
        ps.setObject(4, time(write.at()));
        ps.executeUpdate();
      }
    }
    if (!changes.entries().isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO loyalty_entry (member_id, seq, kind, points, lot, occurred_at, available_at,"
                  + " expires_at, reason, ref, spend, op_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Entry e : changes.entries()) {
          reached("entry");
          ps.setString(1, e.member().value());
          ps.setLong(2, e.seq());
          ps.setString(3, e.kind().name());
          ps.setLong(4, e.points());
          if (e.lot() == null) {
            ps.setNull(5, Types.BIGINT);
          } else {
            ps.setLong(5, e.lot());
          }
          setTime(ps, 6, e.at());
          setTime(ps, 7, e.availableAt());
          setTime(ps, 8, e.expiresAt());
          ps.setString(9, e.reason());
          ps.setString(10, e.reference());
          ps.setBigDecimal(11, e.spend());
          ps.setString(12, e.key());
          ps.addBatch();
        }
        try {
          ps.executeBatch();
        } catch (SQLException e) {
          if (isUniqueViolation(e)) {
            // the seqs follow the last seq read under the member's lock and written over it: one
            // taken means that read was not what the lock promised (the second guard, whatever the
            // database does with the member row's update): run the write again
            SQLException stale = staleLockedRead("ledger of " + write.member(), "last seq " + before.lastSeq());
            stale.initCause(e);
            throw stale;
          }
          throw e;
        }
      }
    }
    if (!changes.holds().isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO loyalty_hold (hold_id, hold_state, member_id, series_id, code, occurred_at,"
                  + " points, ref, op_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Hold h : changes.holds()) {
          reached("hold");
          ps.setString(1, h.holdId());
          ps.setString(2, h.state().name());
          ps.setString(3, h.member().value());
          ps.setString(4, h.series());
          ps.setString(5, h.code());
          ps.setObject(6, time(h.at()));
          ps.setLong(7, h.points());
          ps.setString(8, h.reference());
          ps.setString(9, h.key());
          ps.executeUpdate();
        }
      }
      try (PreparedStatement open = c.prepareStatement(
              "INSERT INTO loyalty_open_hold (hold_id, member_id, reserved_at) VALUES (?, ?, ?)");
          PreparedStatement settled = c.prepareStatement("DELETE FROM loyalty_open_hold WHERE hold_id = ?")) {
        for (Hold h : changes.holds()) {
          if (h.state() == Hold.State.RESERVED) {
            open.setString(1, h.holdId());
            open.setString(2, h.member().value());
            open.setObject(3, time(h.at()));
            open.executeUpdate();
          } else {
            settled.setString(1, h.holdId());
            settled.executeUpdate();
          }
        }
      }
    }
    if (changes.state() != null) {
      writeState(c, changes.state(), before.lastSeq());
    } else if (!changes.holds().isEmpty() || !changes.lots().isEmpty()) {
      // decided on the member's state without changing it (a hold, a lot made available): the
      // state read under the lock must still be the row's, so it is written over itself
      writeState(c, before, before.lastSeq());
    }
    writeLots(c, write.member(), changes.lots());
    List<Entry> keyed =
        write.key() == null
            ? List.of()
            : changes.entries().stream().filter(e -> write.key().equals(e.key())).toList();
    return new Applied(write.member(), keyed, changes.holds(), false);
  }

  /**
   * Locks the member row (creating it if missing) and reads the member's state from it.
   * PostgreSQL's {@code SELECT ... FOR UPDATE} returns the row as the previous lock holder
   * committed it; H2's returns the version its statement started with, so on H2 the row is read
   * again once locked.
   */
  private MemberState lockMember(Connection c, CustomerId member) throws SQLException {
    for (int round = 0; round < 2; round++) {
      MemberState locked = readMember(c, member, " FOR UPDATE");
      if (locked != null) {
        return h2 ? readMember(c, member, "") : locked;
      }
      ensureRow(c, "loyalty_member", "member_id", member.value());
    }
    throw new SQLException("row " + member + " of loyalty_member vanished");
  }

  private static MemberState readMember(Connection c, CustomerId member, String suffix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id = ?" + suffix)) {
      ps.setString(1, member.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new MemberState(member, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8))
            : null;
      }
    }
  }

  /**
   * The failure of a write whose locked row moved on after this transaction read it: a row lock
   * trusts the database to hand back the newest row once the lock is granted, and H2 2.3 can hand
   * back an older one from its query result cache under concurrency (its issue 4208; crm-core's
   * store guards its rows alike). SQLState 40001: the write runs again from a fresh read, as after
   * a serialization failure; nothing is written over.
   */
  static SQLException staleLockedRead(String what, String version) {
    return new SQLException("the " + what + " changed after this transaction locked and read it (" + version
        + ")", "40001");
  }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Writes the member row over the version read under the lock ({@code lastSeq}), or fails with 40001. */
  private static void writeState(Connection c, MemberState s, long lastSeq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE loyalty_member SET last_seq = ?, debt = ?, total = ?, earned = ?, spent = ?, expired = ?,"
            + " reversed = ?, purchases = ? WHERE member_id = ? AND last_seq = ?")) {
      bindState(ps, s);
      ps.setLong(10, lastSeq);
      if (ps.executeUpdate() != 1) {
        throw staleLockedRead("member " + s.member(), "last seq " + lastSeq);
      }
    }
  }

  private static void writeState(Connection c, MemberState s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE loyalty_member SET last_seq = ?, debt = ?, total = ?, earned = ?, spent = ?, expired = ?,"
            + " reversed = ?, purchases = ? WHERE member_id = ?")) {
      bindState(ps, s);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("member row of " + s.member() + " is missing");
      }
    }
  }

  private static void bindState(PreparedStatement ps, MemberState s) throws SQLException {
    ps.setLong(1, s.lastSeq());
    ps.setLong(2, s.debt());
    ps.setLong(3, s.total());
    ps.setLong(4, s.earned());
    ps.setLong(5, s.spent());
    ps.setLong(6, s.expired());
    ps.setLong(7, s.reversed());
    ps.setLong(8, s.purchases());
    ps.setString(9, s.member().value());
  }

  /** Updates changed lots, inserts new ones, drops spent-out ones (remaining 0). */
  private static void writeLots(Connection c, CustomerId member, List<Lot> lots) throws SQLException {
    if (lots.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(
            "UPDATE loyalty_lot SET remaining = ? WHERE member_id = ? AND lot_seq = ?");
        PreparedStatement delete = c.prepareStatement("DELETE FROM loyalty_lot WHERE member_id = ? AND lot_seq = ?");
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO loyalty_lot (member_id, lot_seq, kind, ref, available_at, expires_at, expiry_key, remaining)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Lot lot : lots) {
        if (lot.remaining() == 0) {
          delete.setString(1, member.value());
          delete.setLong(2, lot.seq());
          delete.executeUpdate();
          continue;
        }
        update.setLong(1, lot.remaining());
        update.setString(2, member.value());
        update.setLong(3, lot.seq());
        if (update.executeUpdate() == 0) {
          insert.setString(1, member.value());
          insert.setLong(2, lot.seq());
          insert.setString(3, lot.kind().name());
          insert.setString(4, lot.reference());
          setTime(insert, 5, lot.availableAt());
          setTime(insert, 6, lot.expiresAt());
          setTime(insert, 7, lot.expiryKey());
          insert.setLong(8, lot.remaining());
          insert.executeUpdate();
        }
      }
    }
  }

  private static final String LOT_SELECT =
      "SELECT lot_seq, kind, ref, available_at, expires_at, remaining FROM loyalty_lot";

  private static List<Lot> readLots(PreparedStatement ps) throws SQLException {
    List<Lot> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Lot(rs.getLong(1), EntryKind.valueOf(rs.getString(2)), rs.getString(3), instant(rs, 4),
            instant(rs, 5), rs.getLong(6)));
      }
    }
    return out;
  }

  /** What a write reads, on its connection, inside its transaction. */
  private static final class View implements MemberView {
    private static final int PAGE = 64;
    private final Connection c;
    private final CustomerId member;
    private final MemberState state;
    private final String series;

    private final long budgetUsed;

    View(Connection c, CustomerId member, MemberState state, String series, long budgetUsed) {
      this.c = c;
      this.member = member;
      this.state = state;
      this.series = series;
      this.budgetUsed = budgetUsed;
    }

    @Override
    public long budgetUsed() {
      return budgetUsed;
    }

    private interface Query<T> {
      T run() throws SQLException;
    }

    private <T> T sql(String what, Query<T> q) {
      try {
        return q.run();
      } catch (SQLException e) {
        throw new IllegalStateException("loyalty store: cannot read " + what + " of " + member + ": " + e.getMessage(), e);
      }
    }

    @Override
    public MemberState state() {
      return state;
    }

    @Override
    public Optional<Lot> openLot(long seq) {
      return sql("lot " + seq, () -> {
        try (PreparedStatement ps = c.prepareStatement(LOT_SELECT + " WHERE member_id = ? AND lot_seq = ?")) {
          ps.setString(1, member.value());
          ps.setLong(2, seq);
          return readLots(ps).stream().findFirst();
        }
      });
    }

    @Override
    public Optional<Entry> entry(long seq) {
      return sql("entry " + seq, () -> {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE member_id = ? AND seq = ?")) {
          ps.setString(1, member.value());
          ps.setLong(2, seq);
          readEntries(ps, out);
        }
        return out.stream().findFirst();
      });
    }

    @Override
    public Iterator<Lot> openLots() {
      // pages in spending order, by key: a write that has enough points stops reading
      return new Iterator<>() {
        private List<Lot> page = next(null);
        private int i;

        private List<Lot> next(Lot after) {
          return sql("open lots", () -> {
            String where = after == null ? "" : " AND (expiry_key > ? OR (expiry_key = ? AND lot_seq > ?))";
            try (PreparedStatement ps = c.prepareStatement(
                LOT_SELECT + " WHERE member_id = ?" + where + " ORDER BY expiry_key, lot_seq LIMIT " + PAGE)) {
              ps.setString(1, member.value());
              if (after != null) {
                setTime(ps, 2, after.expiryKey());
                setTime(ps, 3, after.expiryKey());
                ps.setLong(4, after.seq());
              }
              return readLots(ps);
            }
          });
        }

        @Override
        public boolean hasNext() {
          if (i == page.size() && page.size() == PAGE) {
            page = next(page.get(PAGE - 1));
            i = 0;
          }
          return i < page.size();
        }

        @Override
        public Lot next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return page.get(i++);
        }
      };
    }

    @Override
    public List<Lot> lotsExpiringBy(Instant t) {
      return sql("lots due", () -> {
        try (PreparedStatement ps = c.prepareStatement(
            LOT_SELECT + " WHERE member_id = ? AND expiry_key <= ? ORDER BY expiry_key, lot_seq")) {
          ps.setString(1, member.value());
          setTime(ps, 2, t);
          return readLots(ps).stream().filter(l -> l.expiredAt(t)).toList();
        }
      });
    }

    @Override
    public List<Entry> entriesWithReference(String reference) {
      return entriesWhere("entries of " + reference, " AND ref = ?", ps -> ps.setString(2, reference));
    }

    @Override
    public List<Entry> entriesFrom(long seq) {
      return entriesWhere("entries from " + seq, " AND seq >= ?", ps -> ps.setLong(2, seq));
    }

    @Override
    public List<Entry> earns(String rule, Instant from) {
      return entriesWhere("earns of rule " + rule, " AND reason = ? AND kind = 'EARN'" + (from == null ? "" : " AND occurred_at >= ?"),
          ps -> {
            ps.setString(2, rule);
            if (from != null) {
              setTime(ps, 3, from);
            }
          });
    }

    private interface Binder {
      void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Entry> entriesWhere(String what, String where, Binder binder) {
      return sql(what, () -> {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE member_id = ?" + where + " ORDER BY seq")) {
          ps.setString(1, member.value());
          binder.bind(ps);
          readEntries(ps, out);
        }
        return List.copyOf(out);
      });
    }

    @Override
    public List<Entry> entries() {
      return sql("the ledger", () -> JdbcLedgerStore.entries(c, member));
    }

    @Override
    public List<Hold> holdEvents(String holdId) {
      return sql("reservation " + holdId, () -> {
        List<Hold> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
            HOLD_SELECT + " WHERE hold_id = ? AND member_id = ? ORDER BY occurred_at, hold_state")) {
          ps.setString(1, holdId);
          ps.setString(2, member.value());
          readHolds(ps, out);
        }
        return out;
      });
    }

    @Override
    public List<Hold> seriesHolds() {
      return series == null ? List.of() : sql("the holds of series " + series, () -> holdsWhere(c, "series_id", series));
    }
  }

  /**
   * Runs {@code work} in one snapshot (repeatable read) on a connection of its own, then rolls
   * back (nothing is written); {@code what} names what was read in the error.
   */
  private <T> T inSnapshot(TransactionWork<T> work, java.util.function.Supplier<String> what) {
    try (Connection c = connection()) {
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } finally {
        try {
          c.rollback();
        } finally {
          c.setTransactionIsolation(isolation);
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read " + what.get() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Current current(CustomerId member) {
    return inSnapshot(c -> {
      MemberState state = MemberState.empty(member);
      try (PreparedStatement ps = c.prepareStatement("SELECT " + MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id = ?")) {
        ps.setString(1, member.value());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            state = new MemberState(member, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(LOT_SELECT + " WHERE member_id = ? ORDER BY expiry_key, lot_seq")) {
        ps.setString(1, member.value());
        return new Current(state, readLots(ps));
      }
    }, () -> "the state of " + member);
  }


  /**
   * The opening balance is the member row's total less the points from {@code from} on, so only
   * the entries from {@code from} on are read (index {@code loyalty_entry_time}), in one snapshot.
   */
  @Override
  public Period period(CustomerId member, Instant from, Instant until) {
    long[] total = new long[1];
    List<Entry> since = inSnapshot(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT total FROM loyalty_member WHERE member_id = ?")) {
        ps.setString(1, member.value());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            total[0] = rs.getLong(1);
          }
        }
      }
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          ENTRY_SELECT + " WHERE member_id = ? AND occurred_at >= ? ORDER BY occurred_at, seq")) {
        ps.setString(1, member.value());
        setTime(ps, 2, from);
        readEntries(ps, out);
      }
      return out;
    }, () -> "the ledger of " + member + " for a period");
    long opening = total[0];
    List<Entry> inside = new ArrayList<>();
    for (Entry e : since) {
      opening = Math.subtractExact(opening, e.points());
      if (e.at().isBefore(until)) {
        inside.add(e);
      }
    }
    return new Period(opening, inside);
  }


  @Override
  public List<CustomerId> membersWithLotsExpiringBy(Instant t) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT DISTINCT member_id FROM loyalty_lot WHERE expiry_key <= ?")) {
      setTime(ps, 1, t);
      try (ResultSet rs = ps.executeQuery()) {
        return memberIds(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot find lots due: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Hold> openHoldsReservedBy(Instant t) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT h.hold_id, h.member_id, h.series_id, h.code, h.hold_state, h.occurred_at, h.points, h.ref, h.op_key"
                + " FROM loyalty_open_hold o JOIN loyalty_hold h ON h.hold_id = o.hold_id AND h.hold_state = 'RESERVED'"
                + " WHERE o.reserved_at <= ?")) {
      setTime(ps, 1, t);
      List<Hold> out = new ArrayList<>();
      readHolds(ps, out);
      out.sort(OPEN_HOLD_ORDER);
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot find open holds: " + e.getMessage(), e);
    }
  }

  @Override
  public java.util.SortedMap<Instant, Long> openPointsByExpiry(Instant now) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT expiry_key, SUM(remaining) FROM loyalty_lot WHERE expiry_key > ? GROUP BY expiry_key")) {
      setTime(ps, 1, now);
      java.util.SortedMap<Instant, Long> out = new java.util.TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(instant(rs, 1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot sum the open lots: " + e.getMessage(), e);
    }
  }

  /** Read after the row is locked: on H2 a locking read returns the version its statement began with. */
  private static long budgetUsed(Connection c, String budget) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT used FROM loyalty_budget WHERE budget_id = ?")) {
      ps.setString(1, budget);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  @Override
  public long budgetUsed(String budget) {
    try (Connection c = connection()) {
      return budgetUsed(c, budget);
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read budget " + budget + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Totals totals() {
    try (Connection c = connection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(earned), 0), COALESCE(SUM(spent), 0),"
            + " COALESCE(SUM(expired), 0), COALESCE(SUM(reversed), 0) FROM loyalty_member")) {
      rs.next();
      return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot sum the member rows: " + e.getMessage(), e);
    }
  }

  @Override
  public long totalDebt() {
    try (Connection c = connection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(debt), 0) FROM loyalty_member")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot sum the debts: " + e.getMessage(), e);
    }
  }

  private Applied replay(Connection c, Write write) throws SQLException {
    String member;
    String fingerprint;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT member_id, fingerprint FROM loyalty_operation WHERE op_key = ?")) {
      ps.setString(1, write.key());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        member = rs.getString(1);
        fingerprint = rs.getString(2);
      }
    }
    if (!fingerprint.equals(write.fingerprint())) {
      throw new IdempotencyConflictException(write.key());
    }
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE op_key = ? ORDER BY seq")) {
      ps.setString(1, write.key());
      readEntries(ps, entries);
    }
    List<Hold> holds = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(HOLD_SELECT + " WHERE op_key = ?")) {
      ps.setString(1, write.key());
      readHolds(ps, holds);
    }
    return new Applied(CustomerId.of(member), entries, holds, true);
  }

  /** Inserts the row if it is missing; a concurrent insert of the same row is not an error. */
  private static void ensureRow(Connection c, String table, String column, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + column + " = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    // a savepoint, because a failed statement aborts the whole transaction on PostgreSQL
    Savepoint savepoint = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + column + ") VALUES (?)")) {
      ps.setString(1, id);
      ps.executeUpdate();
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(savepoint);
    }
  }

  private static void lockRow(Connection c, String table, String column, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + column + " = ? FOR UPDATE")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("row " + id + " of " + table + " vanished");
        }
      }
    }
  }

  // --- reads ----------------------------------------------------------------------------------

  static final String ENTRY_SELECT =
      "SELECT member_id, seq, kind, points, lot, occurred_at, available_at, expires_at, reason, ref,"
          + " spend, op_key FROM loyalty_entry";
  private static final String HOLD_SELECT =
      "SELECT hold_id, member_id, series_id, code, hold_state, occurred_at, points, ref, op_key"
          + " FROM loyalty_hold";

  @Override
  public List<Entry> entries(CustomerId member) {
    try (Connection c = connection()) {
      return entries(c, member);
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read the ledger of " + member + ": " + e.getMessage(), e);
    }
  }

  private static List<Entry> entries(Connection c, CustomerId member) throws SQLException {
    List<Entry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + " WHERE member_id = ? ORDER BY seq")) {
      ps.setString(1, member.value());
      readEntries(ps, out);
    }
    return List.copyOf(out);
  }

  static void readEntries(PreparedStatement ps, List<Entry> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(entry(rs));
      }
    }
  }

  /** The entry at the result's row (columns of {@link #ENTRY_SELECT}). */
  private static Entry entry(ResultSet rs) throws SQLException {
    long lot = rs.getLong(5);
    Long lotOrNull = rs.wasNull() ? null : lot;
    return new Entry(
        CustomerId.of(rs.getString(1)),
        rs.getLong(2),
        EntryKind.valueOf(rs.getString(3)),
        rs.getLong(4),
        lotOrNull,
        instant(rs, 6),
        instant(rs, 7),
        instant(rs, 8),
        rs.getString(9),
        rs.getString(10),
        rs.getBigDecimal(11),
        rs.getString(12));
  }

  private static List<Hold> holdsWhere(Connection c, String column, String value) throws SQLException {
    List<Hold> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(HOLD_SELECT + " WHERE " + column + " = ? ORDER BY occurred_at, hold_id, hold_state")) {
      ps.setString(1, value);
      readHolds(ps, out);
    }
    return List.copyOf(out);
  }

  private static void readHolds(PreparedStatement ps, List<Hold> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Hold(
                rs.getString(1),
                CustomerId.of(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                Hold.State.valueOf(rs.getString(5)),
                instant(rs, 6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9)));
      }
    }
  }

  /**
   * The members with an entry or a recorded key: those with an entry by the entries' primary key,
   * the others by one pass over the operations. (An {@code EXISTS} on the operations by member
   * had no index to use: PostgreSQL scanned every operation for every member, minutes at 1M.)
   */
  private static final String MEMBERS_WRITTEN =
      "SELECT m.member_id FROM loyalty_member m WHERE EXISTS (SELECT 1 FROM loyalty_entry e"
          + " WHERE e.member_id = m.member_id) UNION SELECT o.member_id FROM loyalty_operation o";

  @Override
  public List<CustomerId> members() {
    try (Connection c = connection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                MEMBERS_WRITTEN)) {
      return memberIds(rs);
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot list members: " + e.getMessage(), e);
    }
  }

  /**
   * Every member in three ordered queries on one snapshot (members with their rows, open lots,
   * entries), merged as they stream, instead of four queries per member. On PostgreSQL the rows
   * come through a cursor ({@code setFetchSize}) and the order is by code point ({@code COLLATE
   * "C"}), as {@link #members()} sorts; H2 compares strings that way already.
   */
  @Override
  void forEachMember(java.util.function.Consumer<MemberSnapshot> action) {
    String order = h2 ? "member_id" : "member_id COLLATE \"C\"";
    inSnapshot(c -> {
      Set<String> written = new HashSet<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(MEMBERS_WRITTEN)) {
        while (rs.next()) {
          written.add(rs.getString(1));
        }
      }
      try (PreparedStatement members = c.prepareStatement(
              "SELECT member_id, " + MEMBER_COLUMNS + " FROM loyalty_member ORDER BY " + order);
          PreparedStatement lots = c.prepareStatement("SELECT member_id, lot_seq, kind, ref, available_at, expires_at,"
              + " remaining FROM loyalty_lot ORDER BY " + order + ", expiry_key, lot_seq");
          PreparedStatement entries = c.prepareStatement(ENTRY_SELECT + " ORDER BY " + order + ", seq")) {
        for (PreparedStatement ps : List.of(members, lots, entries)) {
          ps.setFetchSize(1_000);
        }
        try (ResultSet m = members.executeQuery(); ResultSet l = lots.executeQuery(); ResultSet e = entries.executeQuery()) {
          boolean lot = l.next();
          boolean entry = e.next();
          while (m.next()) {
            String id = m.getString(1);
            if (!written.contains(id)) {
              continue; // a member row with nothing written (all of it repaired away): not a member
            }
            CustomerId member = CustomerId.of(id);
            MemberState state = new MemberState(member, m.getLong(2), m.getLong(3), m.getLong(4), m.getLong(5),
                m.getLong(6), m.getLong(7), m.getLong(8), m.getLong(9));
            List<Lot> open = new ArrayList<>();
            while (lot && l.getString(1).equals(id)) {
              open.add(new Lot(l.getLong(2), EntryKind.valueOf(l.getString(3)), l.getString(4), instant(l, 5),
                  instant(l, 6), l.getLong(7)));
              lot = l.next();
            }
            List<Entry> ledger = new ArrayList<>();
            while (entry && e.getString(1).equals(id)) {
              ledger.add(entry(e));
              entry = e.next();
            }
            action.accept(new MemberSnapshot(member, new Current(state, open), List.copyOf(ledger)));
          }
          if (lot || entry) {
            throw new IllegalStateException("loyalty store: the open lots or entries of " + (lot ? l : e).getString(1)
                + " belong to no member row in the order read; the database orders member ids unlike the store");
          }
        }
      }
      return null;
    }, () -> "the members");
  }

  @Override
  public Optional<String> recordedFingerprint(String key) {
    JdbcReplayBatch replaying = fastBatch.get();
    if (replaying != null) {
      Optional<String> inBatch = replaying.fingerprint(key);
      if (inBatch.isPresent() || replaying.unused(key)) {
        return inBatch;
      }
    }
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT fingerprint FROM loyalty_operation WHERE op_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot look up key " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> operationKeys(CustomerId member) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT op_key FROM loyalty_operation WHERE member_id = ?")) {
      ps.setString(1, member.value());
      Set<String> keys = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read the operations of " + member + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> repair(CustomerId member) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      boolean done = false;
      try {
        lockMember(c, member);
        List<Entry> entries = entries(c, member);
        Set<String> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT op_key FROM loyalty_operation WHERE member_id = ?")) {
          ps.setString(1, member.value());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              keys.add(rs.getString(1));
            }
          }
        }
        long from = damagedFrom(entries, keys);
        if (from < 0) {
          c.rollback();
          done = true;
          return List.of();
        }
        // an operation with an entry at or after the damage goes as a whole
        Set<String> removed = new java.util.TreeSet<>();
        boolean grew = true;
        while (grew) {
          grew = false;
          for (Entry e : entries) {
            if (e.seq() >= from && e.key() != null) {
              removed.add(e.key());
            }
          }
          for (Entry e : entries) {
            if (e.seq() < from && e.key() != null && removed.contains(e.key())) {
              from = e.seq();
              grew = true;
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM loyalty_lot WHERE member_id = ?")) {
          ps.setString(1, member.value());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM loyalty_entry WHERE member_id = ? AND seq >= ?")) {
          ps.setString(1, member.value());
          ps.setLong(2, from);
          ps.executeUpdate();
        }
        for (String key : removed) {
          for (String sql : List.of("DELETE FROM loyalty_hold WHERE op_key = ?", "DELETE FROM loyalty_operation WHERE op_key = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setString(1, key);
              ps.executeUpdate();
            }
          }
        }
        // the state of what is left, from the ledger
        LedgerReplay.Rebuilt rebuilt = LedgerReplay.of(member, entries(c, member));
        writeState(c, rebuilt.state());
        writeLots(c, member, rebuilt.open());
        c.commit();
        done = true;
        LOG.warn("loyalty store: repaired member {}: removed entries from seq {} on, of the cut-off operations {}",
            member, from, removed);
        return List.copyOf(removed);
      } catch (SQLException | RuntimeException e) {
        done = rollback(c, e);
        throw e;
      } finally {
        if (done) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot repair member " + member + ": " + e.getMessage(), e);
    }
  }

  /** The seq from which a member's ledger is damaged, or -1. */
  private static long damagedFrom(List<Entry> entries, Set<String> keys) {
    long expected = 1;
    for (Entry e : entries) {
      if (e.seq() != expected) {
        return expected;
      }
      if (e.key() != null && !keys.contains(e.key())) {
        return e.seq();
      }
      expected++;
    }
    return -1;
  }

  @Override
  public List<Hold> holds(CustomerId member) {
    try (Connection c = connection()) {
      return holdsWhere(c, "member_id", member.value());
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read holds of " + member + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> codeSeries(String code) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT series_id FROM loyalty_voucher_code WHERE code = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot look up voucher code: " + e.getMessage(), e);
    }
  }

  @Override
  public int addCodes(String series, List<String> codes, Instant at) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      boolean finished = false;
      try {
        ensureRow(c, "loyalty_voucher_series", "series_id", series);
        lockRow(c, "loyalty_voucher_series", "series_id", series);
        int added = 0;
        try (PreparedStatement find = c.prepareStatement("SELECT series_id FROM loyalty_voucher_code WHERE code = ?");
            PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO loyalty_voucher_code (code, series_id, created_at) VALUES (?, ?, ?)")) {
          for (String code : codes) {
            find.setString(1, code);
            String owner = null;
            try (ResultSet rs = find.executeQuery()) {
              if (rs.next()) {
                owner = rs.getString(1);
              }
            }
            if (owner != null && !owner.equals(series)) {
              throw new AlreadyRecordedException(
                  "voucher code '" + code + "' already belongs to series '" + owner + "'");
            }
            if (owner == null) {
              insert.setString(1, code);
              insert.setString(2, series);
              insert.setObject(3, time(at));
              insert.executeUpdate();
              added++;
            }
          }
        }
        c.commit();
        finished = true;
        return added;
      } catch (SQLException | RuntimeException e) {
        finished = rollback(c, e);
        throw e;
      } finally {
        if (finished) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot add voucher codes to " + series + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int codeCount(String series) {
    try (Connection c = connection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM loyalty_voucher_code WHERE series_id = ?")) {
      ps.setString(1, series);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot count voucher codes: " + e.getMessage(), e);
    }
  }

  static void setTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, time(instant));
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /**
   * The member ids in the first column, in Java's order (the database may collate
   * differently).
   */
  private static List<CustomerId> memberIds(ResultSet rs) throws SQLException {
    List<CustomerId> out = new ArrayList<>();
    while (rs.next()) {
      out.add(CustomerId.of(rs.getString(1)));
    }
    out.sort(null);
    return out;
  }
}
