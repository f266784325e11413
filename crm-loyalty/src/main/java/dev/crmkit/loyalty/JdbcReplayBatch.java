package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.loyalty.LedgerStore.Applied;
import dev.crmkit.loyalty.LedgerStore.BatchHints;
import dev.crmkit.loyalty.LedgerStore.Changes;
import dev.crmkit.loyalty.LedgerStore.MemberView;
import dev.crmkit.loyalty.LedgerStore.Write;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A replay batch on a JDBC store, written at once: it locks and reads the batch's members up
 * front (member rows, open lots, the entries of the batch's orders, the earns of limited rules,
 * the keys already used) in a few queries, decides every write against that in memory, exactly
 * as the store would one at a time, and writes the rows with multi-row inserts before the batch
 * commits. A write it cannot decide from what it read (a voucher series, a reservation, a tier
 * program reading the whole ledger, a campaign budget, a key already used) goes through the store's one-at-a-time
 * path, after the rows so far are written. If the rows meet a conflict when written (a member or
 * key another process created meanwhile), the batch is undone and run again event by event.
 */
final class JdbcReplayBatch {

  /** A write needs what the batch did not read: it goes through the one-at-a-time path. */
  private static final class NotRead extends RuntimeException {
    NotRead() {
      super("not read up front", null, false, false);
    }
  }

  /** The batch's rows met a conflict: undo the batch and write it event by event. */
  static final class Conflict extends RuntimeException {
    Conflict(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private static final int CHUNK = 500;
  /** (member, reference) pairs looked up per statement. */
  private static final int PAIRS = 100;
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private static final class Member {
    final CustomerId id;
    MemberState state;
    /** Whether its row is in the database (locked by this batch). */
    boolean stored;
    /** Whether its row must be written at the next flush. */
    boolean dirty;
    /** The last seq of its row in the database as this batch read or wrote it: the version its update writes over. */
    long storedSeq;
    final Map<Long, Lot> lots = new HashMap<>();
    final TreeSet<Lot> spendOrder = new TreeSet<>(Lot.SPEND_ORDER);
    final Set<Long> storedLots = new HashSet<>();
    final Map<String, List<Entry>> byReference = new HashMap<>();
    final Map<String, List<Entry>> earnsByRule = new HashMap<>();
    final Map<Long, Entry> known = new HashMap<>();

    Member(CustomerId id) {
      this.id = id;
      this.state = MemberState.empty(id);
    }

    void put(Lot lot) {
      Lot old = lots.remove(lot.seq());
      if (old != null) {
        spendOrder.remove(old);
      }
      if (lot.remaining() > 0) {
        lots.put(lot.seq(), lot);
        spendOrder.add(lot);
      }
    }

    void know(Entry e, BatchHints hints) {
      known.put(e.seq(), e);
      if (e.reference() != null && hints.reads(id, e.reference())) {
        byReference.computeIfAbsent(e.reference(), r -> new ArrayList<>()).add(e);
      }
      if (e.kind() == EntryKind.EARN && hints.limitedRules().contains(e.reason())) {
        earnsByRule.computeIfAbsent(e.reason(), r -> new ArrayList<>()).add(e);
      }
    }
  }

  /** A key used in this batch (written or pending). */
  private record Op(CustomerId member, String fingerprint, List<Entry> entries, List<Hold> holds) {}

  private final JdbcLedgerStore store;
  private final Connection c;
  private final BatchHints hints;
  private final Map<CustomerId, Member> members = new LinkedHashMap<>();
  /** Keys of the batch's lines already in the database before it: their writes go one at a time. */
  private final Set<String> usedBefore = new HashSet<>();
  private final Map<String, Op> ops = new HashMap<>();

  // rows not yet written
  private final List<String> pendingKeys = new ArrayList<>();
  private final List<Entry> pendingEntries = new ArrayList<>();
  private final Map<Member, Map<Long, Lot>> pendingLots = new LinkedHashMap<>();

  private final boolean h2;

  private JdbcReplayBatch(JdbcLedgerStore store, Connection c, BatchHints hints, boolean h2) {
    this.store = store;
    this.c = c;
    this.hints = hints;
    this.h2 = h2;
  }

  /** Locks and reads what the batch's writes will need, on the batch's connection. */
  static JdbcReplayBatch read(JdbcLedgerStore store, Connection c, BatchHints hints, boolean h2) throws SQLException {
    JdbcReplayBatch b = new JdbcReplayBatch(store, c, hints, h2);
    List<String> ids = new ArrayList<>();
    for (CustomerId id : hints.members()) {
      ids.add(id.value());
    }
    ids.sort(null); // rows locked in one order, as far as the database sorts alike
    for (List<String> chunk : chunks(ids)) {
      b.load(chunk);
    }
    for (List<String> keys : chunks(new ArrayList<>(hints.keys()))) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT op_key FROM loyalty_operation WHERE op_key IN (" + marks(keys.size()) + ")")) {
        bind(ps, 1, keys);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            b.usedBefore.add(rs.getString(1));
          }
        }
      }
    }
    return b;
  }

  /** Locks and reads these members afresh: row, open lots, the entries of the batch's orders, the earns of limited rules. */
  private void load(List<String> chunk) throws SQLException {
    for (String id : chunk) {
      CustomerId member = CustomerId.of(id);
      members.put(member, new Member(member));
    }
    String in = marks(chunk.size());
    // the member rows, locked until the batch commits (H2 returns the locked row as its
    // statement began: read it again once locked)
    readMembers("SELECT member_id, " + JdbcLedgerStore.MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id IN ("
        + in + ") FOR UPDATE", chunk);
    if (h2) {
      readMembers("SELECT member_id, " + JdbcLedgerStore.MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id IN ("
          + in + ")", chunk);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT member_id, lot_seq, kind, ref, available_at, expires_at, remaining FROM loyalty_lot WHERE member_id IN ("
            + in + ")")) {
      bind(ps, 1, chunk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Member m = members.get(CustomerId.of(rs.getString(1)));
          Lot lot = new Lot(rs.getLong(2), EntryKind.valueOf(rs.getString(3)), rs.getString(4),
              JdbcLedgerStore.instant(rs, 5), JdbcLedgerStore.instant(rs, 6), rs.getLong(7));
          m.put(lot);
          m.storedLots.add(lot.seq());
        }
      }
    }
    List<Entry> entries = new ArrayList<>();
    // the entries of each member's own orders: one index probe per (member, order) pair (a
    // member IN (...) AND ref IN (...) probed every combination, or scanned the table)
    List<String> pairs = new ArrayList<>();
    for (String id : chunk) {
      for (String reference : hints.references().getOrDefault(CustomerId.of(id), Set.of())) {
        pairs.add(id);
        pairs.add(reference);
      }
    }
    if (!h2 && !pairs.isEmpty()) {
      // PostgreSQL: the pairs as two arrays, joined through the index (one statement, planned once)
      String[] ids = new String[pairs.size() / 2];
      String[] refs = new String[pairs.size() / 2];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = pairs.get(2 * i);
        refs[i] = pairs.get(2 * i + 1);
      }
      try (PreparedStatement ps = c.prepareStatement(JdbcLedgerStore.ENTRY_SELECT
          + " JOIN unnest(?::text[], ?::text[]) AS u(m, r) ON member_id = u.m AND ref = u.r")) {
        ps.setArray(1, c.createArrayOf("text", ids));
        ps.setArray(2, c.createArrayOf("text", refs));
        JdbcLedgerStore.readEntries(ps, entries);
      }
      pairs.clear();
    }
    for (int from = 0; from < pairs.size(); from += 2 * PAIRS) {
      List<String> part = pairs.subList(from, Math.min(pairs.size(), from + 2 * PAIRS));
      String one = JdbcLedgerStore.ENTRY_SELECT + " WHERE member_id = ? AND ref = ?";
      try (PreparedStatement ps = c.prepareStatement(
          String.join(" UNION ALL ", java.util.Collections.nCopies(part.size() / 2, one)))) {
        bind(ps, 1, part);
        JdbcLedgerStore.readEntries(ps, entries);
      }
    }
    if (!hints.limitedRules().isEmpty()) {
      List<String> rules = new ArrayList<>(hints.limitedRules());
      try (PreparedStatement ps = c.prepareStatement(JdbcLedgerStore.ENTRY_SELECT + " WHERE member_id IN (" + in
          + ") AND kind = 'EARN' AND reason IN (" + marks(rules.size()) + ")")) {
        bind(ps, bind(ps, 1, chunk), rules);
        JdbcLedgerStore.readEntries(ps, entries);
      }
    }
    // by member and seq, so that every list of a member is in ledger order
    entries.sort(java.util.Comparator.comparing((Entry e) -> e.member().value()).thenComparingLong(Entry::seq));
    for (Entry e : entries) {
      Member m = members.get(e.member());
      if (!m.known.containsKey(e.seq())) {
        m.know(e, hints);
      }
    }
  }

  private void readMembers(String sql, List<String> chunk) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, 1, chunk);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          CustomerId id = CustomerId.of(rs.getString(1));
          Member m = members.get(id);
          m.state = new MemberState(id, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
              rs.getLong(7), rs.getLong(8), rs.getLong(9));
          m.stored = true;
          m.storedSeq = m.state.lastSeq();
        }
      }
    }
  }

  /**
   * Whether {@code key} is known not to be recorded: a key of the batch's lines that was not in
   * the database when the batch began and that no write of the batch has used yet.
   */
  boolean unused(String key) {
    return hints.keys().contains(key) && !usedBefore.contains(key) && !ops.containsKey(key);
  }

  /** The fingerprint a key was used with in this batch, if it was. */
  Optional<String> fingerprint(String key) {
    Op op = ops.get(key);
    return op == null ? Optional.empty() : Optional.of(op.fingerprint());
  }

  /** One write: decided here from what the batch read, or through the store's one-at-a-time path. */
  Applied apply(Write write) {
    Member m = members.get(write.member());
    if (write.series() != null || write.budget() != null || m == null
        || (write.key() != null && (usedBefore.contains(write.key()) || !hints.keys().contains(write.key())))) {
      return direct(write);
    }
    if (write.key() != null) {
      Op op = ops.get(write.key());
      if (op != null) {
        // used earlier in this batch: as the store would, replay it or refuse the conflict
        if (!op.fingerprint().equals(write.fingerprint())) {
          throw new IdempotencyConflictException(write.key());
        }
        return new Applied(op.member(), op.entries(), op.holds(), true);
      }
    }
    Changes changes;
    try {
      changes = write.decide().apply(new View(m));
    } catch (NotRead e) {
      return direct(write);
    }
    if (!changes.holds().isEmpty()) {
      return direct(write);
    }
    LedgerStore.checkChanges(write, m.state, changes);
    for (int i = 0; i < changes.entries().size(); i++) {
      store.reached("entry");
    }
    List<Entry> keyed = write.key() == null ? List.of()
        : changes.entries().stream().filter(e -> write.key().equals(e.key())).toList();
    if (write.key() != null) {
      ops.put(write.key(), new Op(m.id, write.fingerprint(), keyed, List.of()));
      pendingKeys.add(write.key());
      createdAt.put(write.key(), write.at());
      m.dirty = true; // the operation row needs the member row
    }
    for (Entry e : changes.entries()) {
      pendingEntries.add(e);
      m.know(e, hints);
    }
    if (changes.state() != null) {
      m.state = changes.state();
      m.dirty = true;
    }
    for (Lot lot : changes.lots()) {
      m.put(lot);
      pendingLots.computeIfAbsent(m, x -> new LinkedHashMap<>()).put(lot.seq(), lot);
    }
    store.atOnceInBatch.increment();
    return new Applied(m.id, keyed, List.of(), false);
  }

  /**
   * Writes the rows so far, then the write through the store's one-at-a-time path, then reads
   * its member again (so that its later writes in the batch are decided here again).
   */
  private Applied direct(Write write) {
    flush();
    store.oneAtATimeInBatch.increment();
    try {
      Applied applied = store.applyOneAtATime(write);
      if (write.key() != null) {
        ops.put(write.key(), new Op(applied.member(), write.fingerprint(), applied.entries(), applied.holds()));
      }
      return applied;
    } finally {
      if (members.containsKey(write.member())) {
        try {
          load(List.of(write.member().value()));
        } catch (SQLException e) {
          throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
        }
      }
    }
  }

  /** The columns of the tables a batch writes, with their SQL types (for PostgreSQL's arrays). */
  private static final String[][] MEMBER = {{"member_id", "text"}, {"last_seq", "bigint"}, {"debt", "bigint"},
      {"total", "bigint"}, {"earned", "bigint"}, {"spent", "bigint"}, {"expired", "bigint"}, {"reversed", "bigint"},
      {"purchases", "bigint"}};
  private static final String[][] OPERATION = {{"op_key", "text"}, {"member_id", "text"}, {"fingerprint", "text"},
      {"created_at", "timestamptz"}};
  private static final String[][] ENTRY = {{"member_id", "text"}, {"seq", "bigint"}, {"kind", "text"},
      {"points", "bigint"}, {"lot", "bigint"}, {"occurred_at", "timestamptz"}, {"available_at", "timestamptz"},
      {"expires_at", "timestamptz"}, {"reason", "text"}, {"ref", "text"}, {"spend", "numeric"}, {"op_key", "text"}};
  private static final String[][] LOT = {{"member_id", "text"}, {"lot_seq", "bigint"}, {"kind", "text"},
      {"ref", "text"}, {"available_at", "timestamptz"}, {"expires_at", "timestamptz"}, {"expiry_key", "timestamptz"},
      {"remaining", "bigint"}};
  private static final String[][] LOT_KEY = {{"member_id", "text"}, {"lot_seq", "bigint"}};
  private static final String[][] LOT_REMAINING = {{"member_id", "text"}, {"lot_seq", "bigint"}, {"remaining", "bigint"}};

  private static Object[] memberRow(Member m) {
    MemberState s = m.state;
    return new Object[] {m.id.value(), s.lastSeq(), s.debt(), s.total(), s.earned(), s.spent(), s.expired(),
        s.reversed(), s.purchases()};
  }

  /**
   * Writes the pending rows: on PostgreSQL one statement per table and kind of change, whatever
   * the number of rows (the rows go as one array per column, {@code unnest}ed, so the statement
   * is planned once per connection); on H2 multi-row inserts and JDBC batches. A conflict (a row
   * created meanwhile) is a {@link Conflict}.
   */
  void flush() {
    if (pendingKeys.isEmpty() && pendingEntries.isEmpty() && pendingLots.isEmpty()) {
      return;
    }
    try {
      List<Object[]> fresh = new ArrayList<>();
      List<Object[]> changed = new ArrayList<>();
      for (Member m : members.values()) {
        if (m.dirty) {
          if (m.stored) {
            Object[] row = Arrays.copyOf(memberRow(m), MEMBER.length + 1);
            row[MEMBER.length] = m.storedSeq;
            changed.add(row);
          } else {
            fresh.add(memberRow(m));
          }
        }
      }
      insert("loyalty_member", MEMBER, fresh);
      List<Object[]> operations = new ArrayList<>(pendingKeys.size());
      for (String key : pendingKeys) {
        operations.add(new Object[] {key, ops.get(key).member().value(), ops.get(key).fingerprint(), createdAt.get(key)});
      }
      insert("loyalty_operation", OPERATION, operations);
      List<Object[]> entries = new ArrayList<>(pendingEntries.size());
      for (Entry e : pendingEntries) {
        entries.add(new Object[] {e.member().value(), e.seq(), e.kind().name(), e.points(), e.lot(), e.at(),
            e.availableAt(), e.expiresAt(), e.reason(), e.reference(), e.spend(), e.key()});
      }
      insert("loyalty_entry", ENTRY, entries);
      List<Object[]> newLots = new ArrayList<>();
      List<Object[]> updates = new ArrayList<>();
      List<Object[]> deletes = new ArrayList<>();
      for (Map.Entry<Member, Map<Long, Lot>> e : pendingLots.entrySet()) {
        Member m = e.getKey();
        for (Lot lot : e.getValue().values()) {
          boolean stored = m.storedLots.contains(lot.seq());
          if (lot.remaining() == 0) {
            if (stored) {
              deletes.add(new Object[] {m.id.value(), lot.seq()});
              m.storedLots.remove(lot.seq());
            }
          } else if (stored) {
            updates.add(new Object[] {m.id.value(), lot.seq(), lot.remaining()});
          } else {
            newLots.add(new Object[] {m.id.value(), lot.seq(), lot.kind().name(), lot.reference(), lot.availableAt(),
                lot.expiresAt(), lot.expiryKey(), lot.remaining()});
            m.storedLots.add(lot.seq());
          }
        }
      }
      update("loyalty_lot", LOT_REMAINING, 2, updates);
      delete("loyalty_lot", LOT_KEY, deletes);
      insert("loyalty_lot", LOT, newLots);
      // the member rows read under the lock last, over the last seq read (as the one-at-a-time path)
      updateMembers(changed);
      for (Member m : members.values()) {
        if (m.dirty) {
          m.stored = true;
          m.dirty = false;
          m.storedSeq = m.state.lastSeq();
        }
      }
      pendingKeys.clear();
      pendingEntries.clear();
      pendingLots.clear();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState()) || FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
        throw new Conflict("a replay batch met rows written meanwhile: " + e.getMessage(), e);
      }
      throw new IllegalStateException("loyalty store: replay batch failed: " + e.getMessage(), e);
    }
  }

  /** When each pending key's write happened (the operation row's created_at). */
  private final Map<String, Instant> createdAt = new HashMap<>();

  /** {@code unnest(?::text[], ...) AS u(c0, c1, ...)}: the rows as one text array per column (PostgreSQL). */
  private static String unnest(int columns) {
    List<String> arrays = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      arrays.add("?::text[]");
      names.add("c" + i);
    }
    return "unnest(" + String.join(", ", arrays) + ") AS u(" + String.join(", ", names) + ")";
  }

  /** Column {@code i} of the unnested rows, cast to its type. */
  private static String cast(String[][] columns, int i) {
    return "text".equals(columns[i][1]) ? "u.c" + i : "u.c" + i + "::" + columns[i][1];
  }

  /** Binds the rows as one text array per column, from parameter 1 on (PostgreSQL). */
  private void bindArrays(PreparedStatement ps, String[][] columns, List<Object[]> rows) throws SQLException {
    for (int col = 0; col < columns.length; col++) {
      String[] values = new String[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        Object v = rows.get(r)[col];
        values[r] = v == null ? null : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
      }
      ps.setArray(col + 1, c.createArrayOf("text", values));
    }
  }

  /** Binds one row's values from parameter {@code first} on (H2). */
  private static void bindRow(PreparedStatement ps, int first, String[][] columns, Object[] row) throws SQLException {
    for (int col = 0; col < columns.length; col++) {
      Object v = row[col];
      int i = first + col;
      switch (columns[col][1]) {
        case "bigint" -> {
          if (v == null) {
            ps.setNull(i, Types.BIGINT);
          } else {
            ps.setLong(i, (Long) v);
          }
        }
        case "timestamptz" -> JdbcLedgerStore.setTime(ps, i, (Instant) v);
        case "numeric" -> {
          if (v == null) {
            ps.setNull(i, Types.NUMERIC);
          } else {
            ps.setBigDecimal(i, (java.math.BigDecimal) v);
          }
        }
        default -> ps.setString(i, (String) v);
      }
    }
  }

  private static String names(String[][] columns) {
    List<String> out = new ArrayList<>();
    for (String[] column : columns) {
      out.add(column[0]);
    }
    return String.join(", ", out);
  }

  /** Inserts the rows: PostgreSQL one {@code INSERT ... SELECT FROM unnest(...)}; H2 up to 100 rows a statement. */
  private void insert(String table, String[][] columns, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (!h2) {
      List<String> casts = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        casts.add(cast(columns, i));
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + names(columns) + ") SELECT "
          + String.join(", ", casts) + " FROM " + unnest(columns.length))) {
        bindArrays(ps, columns, rows);
        ps.executeUpdate();
      }
      return;
    }
    int per = 100;
    for (int from = 0; from < rows.size(); from += per) {
      List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + per));
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(names(columns))
          .append(") VALUES ");
      String row = "(" + marks(columns.length) + ")";
      for (int i = 0; i < part.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int index = 1;
        for (Object[] r : part) {
          bindRow(ps, index, columns, r);
          index += columns.length;
        }
        ps.executeUpdate();
      }
    }
  }

  /** Sets the columns after the first {@code keys} of the rows found by those keys. */
  private void update(String table, String[][] columns, int keys, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    List<String> set = new ArrayList<>();
    List<String> where = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      (i < keys ? where : set).add(columns[i][0] + " = " + (h2 ? "?" : cast(columns, i)));
    }
    if (!h2) {
      List<String> match = new ArrayList<>();
      for (String w : where) {
        match.add("t." + w);
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " t SET " + String.join(", ", set) + " FROM "
          + unnest(columns.length) + " WHERE " + String.join(" AND ", match))) {
        bindArrays(ps, columns, rows);
        ps.executeUpdate();
      }
      return;
    }
    String[][] order = new String[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      order[i] = columns[(i + keys) % columns.length]; // the set columns, then the keys
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + String.join(", ", set) + " WHERE "
        + String.join(" AND ", where))) {
      for (Object[] row : rows) {
        Object[] reordered = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
          reordered[i] = row[(i + keys) % row.length];
        }
        bindRow(ps, 1, order, reordered);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Writes the member rows over the last seq this batch read under its lock (the last value of
   * each row): a row that moved on meanwhile (a stale locked read, see {@link
   * JdbcLedgerStore#staleLockedRead}) is a {@link Conflict}, and the batch is written again event
   * by event.
   */
  private void updateMembers(List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    String[][] columns = Arrays.copyOf(MEMBER, MEMBER.length + 1);
    columns[MEMBER.length] = new String[] {"last_seq", "bigint"};
    List<String> set = new ArrayList<>();
    for (int i = 1; i < MEMBER.length; i++) {
      set.add(MEMBER[i][0] + " = " + (h2 ? "?" : cast(columns, i)));
    }
    int written = 0;
    if (!h2) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_member t SET " + String.join(", ", set) + " FROM "
          + unnest(columns.length) + " WHERE t.member_id = u.c0 AND t.last_seq = " + cast(columns, MEMBER.length))) {
        bindArrays(ps, columns, rows);
        written = ps.executeUpdate();
      }
    } else {
      // the set columns, the key, the version read
      String[][] order = new String[columns.length][];
      System.arraycopy(columns, 1, order, 0, MEMBER.length - 1);
      order[MEMBER.length - 1] = columns[0];
      order[MEMBER.length] = columns[MEMBER.length];
      try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_member SET " + String.join(", ", set)
          + " WHERE member_id = ? AND last_seq = ?")) {
        for (Object[] row : rows) {
          Object[] reordered = new Object[row.length];
          System.arraycopy(row, 1, reordered, 0, MEMBER.length - 1);
          reordered[MEMBER.length - 1] = row[0];
          reordered[MEMBER.length] = row[MEMBER.length];
          bindRow(ps, 1, order, reordered);
          ps.addBatch();
        }
        for (int count : ps.executeBatch()) {
          written += count;
        }
      }
    }
    if (written != rows.size()) {
      throw new Conflict("a replay batch found " + (rows.size() - written) + " of its " + rows.size()
          + " member rows changed after it locked and read them", null);
    }
  }

  /** Deletes the rows with these keys (all of {@code columns}). */
  private void delete(String table, String[][] columns, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    List<String> where = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      where.add((h2 ? "" : "t.") + columns[i][0] + " = " + (h2 ? "?" : cast(columns, i)));
    }
    if (!h2) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " t USING " + unnest(columns.length)
          + " WHERE " + String.join(" AND ", where))) {
        bindArrays(ps, columns, rows);
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + String.join(" AND ", where))) {
      for (Object[] row : rows) {
        bindRow(ps, 1, columns, row);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static int bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
    int i = first;
    for (String v : values) {
      ps.setString(i++, v);
    }
    return i;
  }

  private static List<List<String>> chunks(List<String> all) {
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return out;
  }

  /** What a write reads: the member as the batch read it plus the batch's own writes. */
  private final class View implements MemberView {
    private final Member m;

    View(Member m) {
      this.m = m;
    }

    @Override
    public MemberState state() {
      return m.state;
    }

    @Override
    public Optional<Lot> openLot(long seq) {
      return Optional.ofNullable(m.lots.get(seq));
    }

    @Override
    public Optional<Entry> entry(long seq) {
      Entry e = m.known.get(seq);
      if (e == null) {
        throw new NotRead();
      }
      return Optional.of(e);
    }

    @Override
    public Iterator<Lot> openLots() {
      return Collections.unmodifiableSet(m.spendOrder).iterator();
    }

    @Override
    public List<Lot> lotsExpiringBy(Instant t) {
      List<Lot> out = new ArrayList<>();
      for (Lot lot : m.spendOrder) {
        if (lot.expiryKey().isAfter(t)) {
          break;
        }
        if (lot.expiredAt(t)) {
          out.add(lot);
        }
      }
      return out;
    }

    @Override
    public List<Entry> entriesWithReference(String reference) {
      if (!hints.reads(m.id, reference)) {
        throw new NotRead();
      }
      return List.copyOf(m.byReference.getOrDefault(reference, List.of()));
    }

    @Override
    public List<Entry> entriesFrom(long seq) {
      throw new NotRead();
    }

    @Override
    public List<Entry> earns(String rule, Instant from) {
      if (!hints.limitedRules().contains(rule)) {
        throw new NotRead();
      }
      List<Entry> out = new ArrayList<>();
      for (Entry e : m.earnsByRule.getOrDefault(rule, List.of())) {
        if (from == null || !e.at().isBefore(from)) {
          out.add(e);
        }
      }
      return out;
    }

    @Override
    public List<Entry> entries() {
      throw new NotRead();
    }

    @Override
    public List<Hold> holdEvents(String holdId) {
      throw new NotRead();
    }

    @Override
    public List<Hold> seriesHolds() {
      return List.of();
    }

    @Override
    public long budgetUsed() {
      return 0; // a write that locks a budget goes through the one-at-a-time path
    }
  }
}
