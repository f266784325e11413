package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records as JSON rows: in a table of their own (orders, returns, interactions) or in the shared
 * {@code crm_record} table under their type name.
 */
final class JdbcRecords<T> implements Records<T> {

  private static final int IN_CHUNK = 500;

  private final RecordType<T> type;
  private final JdbcTransactions tx;
  private final ObjectMapper json;
  private final String table;
  private final String typeName; // null for a table of its own
  private final String typeCondition;
  private final ReadColumns<T> columns;
  private final String insertSql;
  /** This store's key for {@link #lockedVersions} in a transaction. */
  private final Object lockedKey = new Object();

  JdbcRecords(RecordType<T> type, JdbcTransactions tx, ObjectMapper json, String table,
      boolean shared) {
    this(type, tx, json, table, shared, ReadColumns.none());
  }

  JdbcRecords(RecordType<T> type, JdbcTransactions tx, ObjectMapper json, String table,
      boolean shared, ReadColumns<T> columns) {
    this.type = type;
    this.tx = tx;
    this.json = json;
    this.table = table;
    this.typeName = shared ? type.name() : null;
    this.typeCondition = shared ? " AND type = ?" : "";
    this.columns = columns;
    StringBuilder names = new StringBuilder("id, customer_id, at, ref, version, body");
    StringBuilder values = new StringBuilder("?,?,?,?,1,?");
    if (shared) {
      names.append(", type");
      values.append(",?");
    }
    for (String name : columns.names()) {
      names.append(", ").append(name);
      values.append(",?");
    }
    this.insertSql = "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
  }

  /** Binds one row of {@link #insertSql}. */
  private void bindInsert(PreparedStatement ps, String id, T record, String body)
      throws SQLException {
    ps.setString(1, id);
    ps.setString(2, type.customerOf(record).value());
    ps.setObject(3, time(type.instantOf(record)));
    ps.setString(4, type.refOf(record));
    ps.setString(5, body);
    int next = 6;
    if (typeName != null) {
      ps.setString(next++, typeName);
    }
    columns.set(ps, next, record);
  }

  @Override
  public RecordType<T> type() {
    return type;
  }

  @Override
  public void add(T record) {
    notNull("record", record);
    String id = type.idOf(record);
    String body = write(record);
    tx.inCurrent("add", c -> {
      if (exists(c, id)) {
        throw invalid("id", id, "an id no other " + type.name() + " has");
      }
      try (PreparedStatement ps = c.prepareStatement(insertSql)) {
        bindInsert(ps, id, record, body);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (JdbcCrmStore.uniqueViolation(e)) {
          throw invalid("id", id, "an id no other " + type.name() + " has");
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public void addAll(List<? extends T> records) {
    notNull("records", records);
    if (records.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(records.size());
    List<String> bodies = new ArrayList<>(records.size());
    Set<String> seen = new HashSet<>();
    for (T record : records) {
      String id = type.idOf(notNull("record", record));
      if (!seen.add(id)) {
        throw invalid("id", id, "an id no other " + type.name() + " has (twice in one batch)");
      }
      ids.add(id);
      bodies.add(write(record));
    }
    // no look-up first: the primary key refuses a used id, and the error names it
    tx.inCurrent("addAll", c -> {
      try (PreparedStatement ps = c.prepareStatement(insertSql)) {
        for (int i = 0; i < ids.size(); i++) {
          bindInsert(ps, ids.get(i), records.get(i), bodies.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        if (JdbcCrmStore.uniqueViolation(e)) {
          Object named = JdbcCrmStore.namedIn(e, ids);
          throw invalid("id", named, (named instanceof String ? "an id" : "ids")
              + " no other " + type.name() + " has");
        }
        throw e;
      }
      return null;
    });
  }

  @Override
  public Map<String, T> findAll(Collection<String> ids) {
    notNull("ids", ids);
    List<String> distinct = ids.stream().distinct().toList();
    Map<String, T> found = new HashMap<>();
    for (int from = 0; from < distinct.size(); from += IN_CHUNK) {
      List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_CHUNK));
      // the ids first (the primary key's index alone), the bodies only of those found: an
      // import's look-up mostly finds nothing
      List<String> there = tx.withConnection(c -> existing(c, chunk));
      if (!there.isEmpty()) {
        for (T r : tx.withConnection(c -> list(c, "id IN (" + "?,".repeat(there.size() - 1)
            + "?)", there))) {
          found.put(type.idOf(r), r);
        }
      }
    }
    return found;
  }

  /** Which of these ids (at most {@value #IN_CHUNK}) a stored record of this type has. */
  private List<String> existing(Connection c, List<String> ids) throws SQLException {
    List<String> found = new ArrayList<>();
    try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "SELECT id FROM " + table + " WHERE id IN ("
        + "?,".repeat(ids.size() - 1) + "?)" + typeCondition)) {
      int i = 1;
      for (String id : ids) {
        ps.setString(i++, id);
      }
      if (typeName != null) {
        ps.setString(i, typeName);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    return found;
  }

  @Override
  public void update(T record) {
    notNull("record", record);
    String id = type.idOf(record);
    String body = write(record);
    tx.inCurrent("update", c -> {
      StringBuilder set = new StringBuilder();
      for (String name : columns.names()) {
        set.append(", ").append(name).append(" = ?");
      }
      Map<String, Long> locked = lockedVersions();
      Long version = locked.get(id);
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
          + " SET customer_id = ?, at = ?, ref = ?, version = version + 1, body = ?" + set
          + " WHERE id = ?" + typeCondition + (version == null ? "" : " AND version = ?"))) {
        ps.setString(1, type.customerOf(record).value());
        ps.setObject(2, time(type.instantOf(record)));
        ps.setString(3, type.refOf(record));
        ps.setString(4, body);
        columns.set(ps, 5, record);
        int next = 5 + columns.names().size();
        ps.setString(next, id);
        int after = next + 1;
        if (typeName != null) {
          ps.setString(after++, typeName);
        }
        if (version != null) {
          ps.setLong(after, version);
        }
        if (ps.executeUpdate() != 1) {
          if (version != null && one(c, id, "").isPresent()) {
            // the row changed after this transaction locked and read it: never write over that
            // change; the transaction runs again from the start (SQLState 40001, as a
            // serialization failure), reading the row anew
            throw JdbcTransactions.staleLockedRead(type.name(), id, version);
          }
          throw invalid("id", id, "the id of a stored " + type.name());
        }
        if (version != null) {
          locked.put(id, version + 1);
        }
      }
      return null;
    });
  }

  /** The versions this transaction read with {@link #findForUpdate}, by id. */
  private Map<String, Long> lockedVersions() {
    return tx.lockedVersions(lockedKey);
  }

  @Override
  public Optional<T> find(String id) {
    notNull("id", id);
    return tx.withConnection(c -> one(c, id, ""));
  }

  @Override
  public Optional<T> findForUpdate(String id) {
    notNull("id", id);
    return tx.inCurrent("lock", c -> {
      Optional<Versioned<T>> row = versioned(c, id, " FOR UPDATE");
      row.ifPresent(r -> lockedVersions().put(id, r.version()));
      return row.map(Versioned::record);
    });
  }

  @Override
  public List<T> findByCustomers(Collection<CustomerId> customerIds) {
    notNull("customerIds", customerIds);
    List<String> ids = customerIds.stream().map(CustomerId::value).distinct().toList();
    List<T> found = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      found.addAll(tx.withConnection(c -> list(c, "customer_id IN ("
          + "?,".repeat(chunk.size() - 1) + "?)", chunk)));
    }
    found.sort(type.order());
    return List.copyOf(found);
  }

  @Override
  public List<T> findByRef(String ref) {
    notNull("ref", ref);
    return tx.withConnection(c -> list(c, "ref = ?", List.of(ref)));
  }

  @Override
  public void forEach(Consumer<? super T> action) {
    notNull("action", action);
    tx.withConnection(c -> {
      boolean auto = c.getAutoCommit();
      // PostgreSQL streams with a cursor only inside a transaction
      if (auto) {
        c.setAutoCommit(false);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT body FROM " + table
          + " WHERE 1 = 1" + typeCondition + " ORDER BY at, id")) {
        ps.setFetchSize(1000);
        if (typeName != null) {
          ps.setString(1, typeName);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            action.accept(read(rs.getString(1)));
          }
        }
      } finally {
        if (auto) {
          c.commit();
          c.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  @Override
  public List<T> all() {
    List<T> all = new ArrayList<>();
    forEach(all::add);
    return all;
  }

  @Override
  public long count() {
    return tx.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table
          + " WHERE 1 = 1" + typeCondition)) {
        if (typeName != null) {
          ps.setString(1, typeName);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private boolean exists(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?"
        + typeCondition)) {
      ps.setString(1, id);
      if (typeName != null) {
        ps.setString(2, typeName);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private Optional<T> one(Connection c, String id, String suffix) throws SQLException {
    return versioned(c, id, suffix).map(Versioned::record);
  }

  /** A stored record with the version of its row. */
  private record Versioned<T>(T record, long version) {}

  private Optional<Versioned<T>> versioned(Connection c, String id, String suffix)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT body, version FROM " + table
        + " WHERE id = ?" + typeCondition + suffix)) {
      ps.setString(1, id);
      if (typeName != null) {
        ps.setString(2, typeName);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Versioned<>(read(rs.getString(1)), rs.getLong(2)))
            : Optional.empty();
      }
    }
  }

  private List<T> list(Connection c, String condition, List<String> params) throws SQLException {
    try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "SELECT body FROM " + table + " WHERE "
        + condition + typeCondition + " ORDER BY at, id")) {
      int i = 1;
      for (String p : params) {
        ps.setString(i++, p);
      }
      if (typeName != null) {
        ps.setString(i, typeName);
      }
      List<T> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(read(rs.getString(1)));
        }
      }
      return found;
    }
  }

  private String write(T record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write a " + type.name() + " as JSON", e);
    }
  }

  private T read(String body) {
    try {
      return json.readValue(body, type.javaType());
    } catch (JsonProcessingException e) {
      throw new StoreException("a stored " + type.name() + " cannot be read back", e);
    }
  }

  static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
