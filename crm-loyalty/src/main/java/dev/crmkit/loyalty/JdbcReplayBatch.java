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
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private static final class Member {
    final CustomerId id;
    MemberState state;
    /** Whether its row is in the database (locked by this batch). */
    boolean stored;
    /** Whether its row must be written at the next flush. */
    boolean dirty;
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
      if (e.reference() != null && hints.references().contains(e.reference())) {
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
    for (List<String> refs : chunks(new ArrayList<>(hints.references()))) {
      try (PreparedStatement ps = c.prepareStatement(JdbcLedgerStore.ENTRY_SELECT + " WHERE member_id IN (" + in
          + ") AND ref IN (" + marks(refs.size()) + ")")) {
        bind(ps, bind(ps, 1, chunk), refs);
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
        }
      }
    }
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

  /** Writes the pending rows with multi-row inserts; a conflict (a row created meanwhile) is a {@link Conflict}. */
  void flush() {
    if (pendingKeys.isEmpty() && pendingEntries.isEmpty() && pendingLots.isEmpty()) {
      return;
    }
    try {
      List<Member> fresh = new ArrayList<>();
      List<Member> changed = new ArrayList<>();
      for (Member m : members.values()) {
        if (m.dirty) {
          (m.stored ? changed : fresh).add(m);
        }
      }
      insert("loyalty_member (member_id, " + JdbcLedgerStore.MEMBER_COLUMNS + ")", 9, fresh, (ps, i, m) -> {
        ps.setString(i, m.id.value());
        bindState(ps, i + 1, m.state);
      });
      if (!changed.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE loyalty_member SET last_seq = ?, debt = ?, total = ?,"
            + " earned = ?, spent = ?, expired = ?, reversed = ?, purchases = ? WHERE member_id = ?")) {
          for (Member m : changed) {
            bindState(ps, 1, m.state);
            ps.setString(9, m.id.value());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      insert("loyalty_operation (op_key, member_id, fingerprint, created_at)", 4, pendingKeys, (ps, i, key) -> {
        Op op = ops.get(key);
        ps.setString(i, key);
        ps.setString(i + 1, op.member().value());
        ps.setString(i + 2, op.fingerprint());
        JdbcLedgerStore.setTime(ps, i + 3, createdAt.get(key));
      });
      insert("loyalty_entry (member_id, seq, kind, points, lot, occurred_at, available_at, expires_at, reason, ref,"
          + " spend, op_key)", 12, pendingEntries, (ps, i, e) -> {
            ps.setString(i, e.member().value());
            ps.setLong(i + 1, e.seq());
            ps.setString(i + 2, e.kind().name());
            ps.setLong(i + 3, e.points());
            if (e.lot() == null) {
              ps.setNull(i + 4, Types.BIGINT);
            } else {
              ps.setLong(i + 4, e.lot());
            }
            JdbcLedgerStore.setTime(ps, i + 5, e.at());
            JdbcLedgerStore.setTime(ps, i + 6, e.availableAt());
            JdbcLedgerStore.setTime(ps, i + 7, e.expiresAt());
            ps.setString(i + 8, e.reason());
            ps.setString(i + 9, e.reference());
            if (e.spend() == null) {
              ps.setNull(i + 10, Types.NUMERIC);
            } else {
              ps.setBigDecimal(i + 10, e.spend());
            }
            ps.setString(i + 11, e.key());
          });
      List<Object[]> newLots = new ArrayList<>();
      try (PreparedStatement update = c.prepareStatement(
              "UPDATE loyalty_lot SET remaining = ? WHERE member_id = ? AND lot_seq = ?");
          PreparedStatement delete = c.prepareStatement("DELETE FROM loyalty_lot WHERE member_id = ? AND lot_seq = ?")) {
        boolean updates = false;
        boolean deletes = false;
        for (Map.Entry<Member, Map<Long, Lot>> e : pendingLots.entrySet()) {
          Member m = e.getKey();
          for (Lot lot : e.getValue().values()) {
            boolean stored = m.storedLots.contains(lot.seq());
            if (lot.remaining() == 0) {
              if (stored) {
                delete.setString(1, m.id.value());
                delete.setLong(2, lot.seq());
                delete.addBatch();
                deletes = true;
                m.storedLots.remove(lot.seq());
              }
            } else if (stored) {
              update.setLong(1, lot.remaining());
              update.setString(2, m.id.value());
              update.setLong(3, lot.seq());
              update.addBatch();
              updates = true;
            } else {
              newLots.add(new Object[] {m, lot});
              m.storedLots.add(lot.seq());
            }
          }
        }
        if (updates) {
          update.executeBatch();
        }
        if (deletes) {
          delete.executeBatch();
        }
      }
      insert("loyalty_lot (member_id, lot_seq, kind, ref, available_at, expires_at, expiry_key, remaining)", 8, newLots,
          (ps, i, row) -> {
            Member m = (Member) row[0];
            Lot lot = (Lot) row[1];
            ps.setString(i, m.id.value());
            ps.setLong(i + 1, lot.seq());
            ps.setString(i + 2, lot.kind().name());
            ps.setString(i + 3, lot.reference());
            JdbcLedgerStore.setTime(ps, i + 4, lot.availableAt());
            JdbcLedgerStore.setTime(ps, i + 5, lot.expiresAt());
            JdbcLedgerStore.setTime(ps, i + 6, lot.expiryKey());
            ps.setLong(i + 7, lot.remaining());
          });
      for (Member m : members.values()) {
        if (m.dirty) {
          m.stored = true;
          m.dirty = false;
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

  private static void bindState(PreparedStatement ps, int i, MemberState s) throws SQLException {
    ps.setLong(i, s.lastSeq());
    ps.setLong(i + 1, s.debt());
    ps.setLong(i + 2, s.total());
    ps.setLong(i + 3, s.earned());
    ps.setLong(i + 4, s.spent());
    ps.setLong(i + 5, s.expired());
    ps.setLong(i + 6, s.reversed());
    ps.setLong(i + 7, s.purchases());
  }

  private interface RowBinder<T> {
    void bind(PreparedStatement ps, int first, T row) throws SQLException;
  }

  /** INSERT INTO {@code table} VALUES (...), (...), ...: up to 100 rows a statement. */
  private <T> void insert(String table, int columns, List<T> rows, RowBinder<T> binder) throws SQLException {
    int per = 100;
    for (int from = 0; from < rows.size(); from += per) {
      List<T> part = rows.subList(from, Math.min(rows.size(), from + per));
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
      String row = "(" + marks(columns) + ")";
      for (int i = 0; i < part.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int index = 1;
        for (T r : part) {
          binder.bind(ps, index, r);
          index += columns;
        }
        ps.executeUpdate();
      }
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
      if (!hints.references().contains(reference)) {
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
