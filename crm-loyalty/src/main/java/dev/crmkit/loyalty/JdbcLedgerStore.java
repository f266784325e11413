package dev.crmkit.loyalty;

import dev.crmkit.core.CustomerId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
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

  /** Migrations in order; each file's version is its V number. Never edit an applied one. */
  static final List<String> MIGRATIONS = List.of("V1__ledger.sql");

  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final Runnable onClose;

  /** A store on {@code dataSource}; {@code onClose} (may be null) releases what the store owns. */
  JdbcLedgerStore(DataSource dataSource, Runnable onClose) {
    this.dataSource = dataSource;
    this.onClose = onClose;
    migrate();
  }

  @Override
  public void close() {
    if (onClose != null) {
      onClose.run();
    }
  }

  // --- schema ---------------------------------------------------------------------------------

  private void migrate() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      requireDurableCommits(c);
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS loyalty_schema_version (version INT PRIMARY KEY,"
                + " script VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      }
      Set<Integer> applied = new HashSet<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM loyalty_schema_version")) {
        while (rs.next()) {
          applied.add(rs.getInt(1));
        }
      }
      for (String script : MIGRATIONS) {
        int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
        if (applied.contains(version)) {
          continue;
        }
        LOG.info("applying loyalty schema migration {}", script);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          for (String sql : statements(script)) {
            s.execute(sql);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO loyalty_schema_version (version, script, applied_at)"
                      + " VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            // the database's time: when the schema changed there, not a business time
            ps.setInt(1, version);
            ps.setString(2, script);
            ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException e) {
          if (rollback(c, e)) {
            c.setAutoCommit(true);
          }
          throw new IllegalStateException("loyalty schema migration " + script + " failed: " + e.getMessage(), e);
        }
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot open or migrate the database: " + e.getMessage(), e);
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

  private static long h2WriteDelay(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      return rs.next() ? Long.parseLong(rs.getString(1).strip()) : 0;
    }
  }

  private static List<String> statements(String script) {
    String path = "/db/loyalty/" + script;
    try (InputStream in = JdbcLedgerStore.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration " + path + " is missing from the jar");
      }
      StringBuilder text = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int comment = line.indexOf("--");
        text.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
      }
      List<String> out = new ArrayList<>();
      for (String sql : text.toString().split(";")) {
        if (!sql.isBlank()) {
          out.add(sql.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- writes ---------------------------------------------------------------------------------

  @Override
  Applied apply(Write write) {
    // at most two rounds: a unique violation on the key means another member's write took it
    for (int round = 0; ; round++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        boolean finished = false;
        try {
          Applied result = applyIn(c, write);
          c.commit();
          finished = true;
          return result;
        } catch (SQLException e) {
          finished = rollback(c, e);
          if (UNIQUE_VIOLATION.equals(e.getSQLState()) && write.key() != null && round == 0 && finished) {
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
            "loyalty store: write for member " + write.member() + " failed: " + e.getMessage(), e);
      }
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

  private Applied applyIn(Connection c, Write write) throws SQLException {
    ensureRow(c, "loyalty_member", "member_id", write.member().value());
    lockRow(c, "loyalty_member", "member_id", write.member().value());
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
    View view =
        new View(
            entries(c, write.member()),
            holdsWhere(c, "member_id", write.member().value()),
            write.series() == null ? List.of() : holdsWhere(c, "series_id", write.series()));
    Changes changes = write.decide().apply(view);
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
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO loyalty_entry (member_id, seq, kind, points, lot, occurred_at, available_at,"
                + " expires_at, reason, ref, spend, op_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Entry e : changes.entries()) {
        failPoint.reached("entry");
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
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO loyalty_hold (hold_id, hold_state, member_id, series_id, code, occurred_at,"
                + " points, ref, op_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Hold h : changes.holds()) {
        failPoint.reached("hold");
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
    List<Entry> keyed =
        write.key() == null
            ? List.of()
            : changes.entries().stream().filter(e -> write.key().equals(e.key())).toList();
    return new Applied(write.member(), keyed, changes.holds(), false);
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

  private static final String ENTRY_SELECT =
      "SELECT member_id, seq, kind, points, lot, occurred_at, available_at, expires_at, reason, ref,"
          + " spend, op_key FROM loyalty_entry";
  private static final String HOLD_SELECT =
      "SELECT hold_id, member_id, series_id, code, hold_state, occurred_at, points, ref, op_key"
          + " FROM loyalty_hold";

  @Override
  public List<Entry> entries(CustomerId member) {
    try (Connection c = dataSource.getConnection()) {
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

  private static void readEntries(PreparedStatement ps, List<Entry> out) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long lot = rs.getLong(5);
        Long lotOrNull = rs.wasNull() ? null : lot;
        BigDecimal spend = rs.getBigDecimal(11);
        out.add(
            new Entry(
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
                spend,
                rs.getString(12)));
      }
    }
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

  @Override
  public List<CustomerId> members() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT m.member_id FROM loyalty_member m WHERE EXISTS (SELECT 1 FROM loyalty_operation o"
                    + " WHERE o.member_id = m.member_id) OR EXISTS (SELECT 1 FROM loyalty_entry e"
                    + " WHERE e.member_id = m.member_id) ORDER BY m.member_id")) {
      List<CustomerId> out = new ArrayList<>();
      while (rs.next()) {
        out.add(CustomerId.of(rs.getString(1)));
      }
      // the database may collate differently from Java; callers get Java's order
      out.sort(null);
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot list members: " + e.getMessage(), e);
    }
  }

  @Override
  Optional<String> recordedFingerprint(String key) {
    try (Connection c = dataSource.getConnection();
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
  Set<String> operationKeys(CustomerId member) {
    try (Connection c = dataSource.getConnection();
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      boolean done = false;
      try {
        lockRow(c, "loyalty_member", "member_id", member.value());
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
  List<Hold> holds(CustomerId member) {
    try (Connection c = dataSource.getConnection()) {
      return holdsWhere(c, "member_id", member.value());
    } catch (SQLException e) {
      throw new IllegalStateException("loyalty store: cannot read holds of " + member + ": " + e.getMessage(), e);
    }
  }

  @Override
  Optional<String> codeSeries(String code) {
    try (Connection c = dataSource.getConnection();
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
  int addCodes(String series, List<String> codes, Instant at) {
    try (Connection c = dataSource.getConnection()) {
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
              throw new LoyaltyException(
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
  int codeCount(String series) {
    try (Connection c = dataSource.getConnection();
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

  private static void setTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, time(instant));
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
