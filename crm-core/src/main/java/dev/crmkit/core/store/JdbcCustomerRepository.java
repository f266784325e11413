package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.repository.CustomerRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Customers in {@code crm_customer} (a live record has no survivor; a retired one names the
 * live record it was merged into, kept one hop away by re-pointing on every merge) and their
 * identity keys in {@code crm_customer_key} (live records only).
 */
final class JdbcCustomerRepository implements CustomerRepository {

  /** This repository's key for the versions of locked reads in a transaction. */
  private final Object lockedKey = new Object();

  private static final int MAX_KEY = 600;
  private static final int IN_CHUNK = 500;

  private final JdbcTransactions tx;
  private final ObjectMapper json;

  JdbcCustomerRepository(JdbcTransactions tx, ObjectMapper json) {
    this.tx = tx;
    this.json = json;
  }

  @Override
  public void add(Customer customer) {
    notNull("customer", customer);
    String body = write(customer);
    tx.inCurrent("add", c -> {
      if (row(c, customer.id().value(), "").isPresent()) {
        throw invalid("id", customer.id(), "an id no other customer record has");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_customer (id, survivor_id,"
          + " code, kind, registered_at, version, body) VALUES (?, NULL, ?, ?, ?, 1, ?)")) {
        ps.setString(1, customer.id().value());
        ps.setString(2, customer.code());
        ps.setString(3, customer instanceof Individual ? "individual" : "organization");
        ps.setObject(4, JdbcRecords.time(customer.registeredAt()));
        ps.setString(5, body);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (JdbcCrmStore.uniqueViolation(e)) {
          throw invalid("code", customer.code(), "a customer code no other record has");
        }
        throw e;
      }
      insertKeys(c, customer);
      return null;
    });
  }

  @Override
  public void addAll(List<? extends Customer> customers) {
    notNull("customers", customers);
    if (customers.isEmpty()) {
      return;
    }
    List<String> bodies = new ArrayList<>(customers.size());
    Set<CustomerId> seen = new HashSet<>();
    for (Customer customer : customers) {
      if (!seen.add(notNull("customer", customer).id())) {
        throw invalid("id", customer.id(), "an id no other customer record has (twice in one batch)");
      }
      bodies.add(write(customer));
    }
    // no look-up first: the primary key refuses a used id (a retired record's too) and the
    // unique index a used code; the error names which
    tx.inCurrent("addAll", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_customer (id, survivor_id,"
          + " code, kind, registered_at, version, body) VALUES (?, NULL, ?, ?, ?, 1, ?)")) {
        for (int i = 0; i < customers.size(); i++) {
          Customer customer = customers.get(i);
          ps.setString(1, customer.id().value());
          ps.setString(2, customer.code());
          ps.setString(3, customer instanceof Individual ? "individual" : "organization");
          ps.setObject(4, JdbcRecords.time(customer.registeredAt()));
          ps.setString(5, bodies.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (SQLException e) {
        if (JdbcCrmStore.uniqueViolation(e)) {
          String text = String.valueOf(e.getMessage()) + (e.getNextException() == null ? ""
              : e.getNextException().getMessage());
          boolean code = text.toLowerCase(java.util.Locale.ROOT).contains("crm_customer_code");
          List<String> values = customers.stream()
              .map(cu -> code ? cu.code() : cu.id().value()).toList();
          Object named = JdbcCrmStore.namedIn(e, values);
          if (code) {
            throw invalid("code", named, "a customer code no other record has");
          }
          throw invalid("id", named, "an id no other customer record has");
        }
        throw e;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO crm_customer_key (key_value, customer_id) VALUES (?, ?)")) {
        int n = 0;
        for (Customer customer : customers) {
          for (String k : customer.keys().stream().map(JdbcCustomerRepository::keyValue)
              .distinct().toList()) {
            ps.setString(1, k);
            ps.setString(2, customer.id().value());
            ps.addBatch();
            n++;
          }
        }
        if (n > 0) {
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  @Override
  public Map<CustomerId, CustomerId> resolveAll(Collection<CustomerId> ids) {
    notNull("ids", ids);
    return tx.withConnection(c -> resolveAll(c, ids));
  }

  private Map<CustomerId, CustomerId> resolveAll(Connection c, Collection<CustomerId> ids)
      throws SQLException {
    Map<CustomerId, CustomerId> found = new HashMap<>();
    for (List<String> chunk : chunks(ids.stream().map(CustomerId::value).distinct().toList())) {
      try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "SELECT id, survivor_id FROM crm_customer"
          + " WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String survivor = rs.getString(2);
            found.put(CustomerId.of(rs.getString(1)),
                CustomerId.of(survivor == null ? rs.getString(1) : survivor));
          }
        }
      }
    }
    return found;
  }

  @Override
  public Map<String, CustomerId> findCodes(Collection<String> codes) {
    notNull("codes", codes);
    return tx.withConnection(c -> {
      Map<String, CustomerId> found = new HashMap<>();
      for (List<String> chunk : chunks(codes.stream().distinct().toList())) {
        try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "SELECT code, COALESCE(survivor_id, id) FROM crm_customer"
            + " WHERE code IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              found.put(rs.getString(1), CustomerId.of(rs.getString(2)));
            }
          }
        }
      }
      return found;
    });
  }

  @Override
  public Set<CustomerId> lockLive(Collection<CustomerId> ids) {
    notNull("ids", ids);
    List<String> sorted = ids.stream().distinct().sorted().map(CustomerId::value).toList();
    return tx.inCurrent("lockLive", c -> {
      Set<CustomerId> live = new LinkedHashSet<>();
      for (List<String> chunk : chunks(sorted)) {
        // rows are locked in the order they are returned: by id
        try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "SELECT id, survivor_id FROM crm_customer"
            + " WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?) ORDER BY id FOR UPDATE")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              if (rs.getString(2) == null) {
                live.add(CustomerId.of(rs.getString(1)));
              }
            }
          }
        }
      }
      return live;
    });
  }

  /**
   * Locks the named records, by id, with one statement per few hundred that the primary key's
   * index answers; only when some of them are retired (merged), their survivors are locked by a
   * second statement. (One statement that also selected the survivors, {@code id IN (...) OR id
   * IN (SELECT survivor_id ...)}, was planned by PostgreSQL as a scan of the whole table, so an
   * import's batches cost more with every customer stored: measured in
   * docs/benchmarks-core.md.) The survivors are locked after the named records, not in one id
   * order with them: a merge that locks the same records the other way round can then deadlock
   * with this transaction; the database aborts one of the two, and that transaction runs again
   * ({@link JdbcTransactions}). Records with no retired id among them, an import's batches, take
   * their locks in id order.
   */
  @Override
  public Map<CustomerId, CustomerId> resolveAndLock(Collection<CustomerId> ids) {
    notNull("ids", ids);
    List<String> named = ids.stream().map(CustomerId::value).distinct().sorted().toList();
    return tx.inCurrent("resolveAndLock", c -> {
      Map<CustomerId, CustomerId> found = new HashMap<>();
      Set<String> lockedLive = new HashSet<>();
      for (List<String> chunk : chunks(named)) {
        List<String> pending = chunk;
        while (!pending.isEmpty()) {
          Map<String, String> rows = lockRows(c, pending);
          // the survivors of the retired ones, locked by a second statement
          List<String> survivors = new ArrayList<>();
          for (String survivor : rows.values()) {
            if (!survivor.isEmpty() && !rows.containsKey(survivor)
                && !lockedLive.contains(survivor)) {
              survivors.add(survivor);
            }
          }
          if (!survivors.isEmpty()) {
            rows.putAll(lockRows(c, survivors.stream().distinct().sorted().toList()));
          }
          List<String> raced = new ArrayList<>();
          for (String id : pending) {
            String survivor = rows.get(id);
            if (survivor == null) {
              continue; // unknown
            }
            if (survivor.isEmpty()) {
              found.put(CustomerId.of(id), CustomerId.of(id));
              lockedLive.add(id);
            } else if ("".equals(rows.get(survivor)) || lockedLive.contains(survivor)) {
              found.put(CustomerId.of(id), CustomerId.of(survivor));
              lockedLive.add(survivor);
            } else {
              raced.add(id); // its survivor was merged on before it was locked: again
            }
          }
          pending = raced;
        }
      }
      return found;
    });
  }

  /**
   * Locks the rows of these ids (sorted, at most {@value #IN_CHUNK}) in id order: id to its
   * survivor, "" for a live record; unknown ids are missing.
   */
  private static Map<String, String> lockRows(Connection c, List<String> ids)
      throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "SELECT id, survivor_id"
        + " FROM crm_customer WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?)"
        + " ORDER BY id FOR UPDATE")) {
      for (int i = 0; i < ids.size(); i++) {
        ps.setString(i + 1, ids.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
        }
      }
    }
    return rows;
  }

  private static List<List<String>> chunks(List<String> values) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < values.size(); from += IN_CHUNK) {
      chunks.add(values.subList(from, Math.min(values.size(), from + IN_CHUNK)));
    }
    return chunks;
  }

  @Override
  public void replace(Customer customer) {
    notNull("customer", customer);
    String body = write(customer);
    tx.inCurrent("replace", c -> {
      Long version = locked().get(customer.id().value());
      try (PreparedStatement ps = c.prepareStatement("UPDATE crm_customer SET code = ?, body = ?,"
          + " version = version + 1 WHERE id = ? AND survivor_id IS NULL"
          + (version == null ? "" : " AND version = ?"))) {
        ps.setString(1, customer.code());
        ps.setString(2, body);
        ps.setString(3, customer.id().value());
        if (version != null) {
          ps.setLong(4, version);
        }
        if (!updatedLive(c, ps, customer.id().value(), version)) {
          throw invalid("id", customer.id(), "the id of a live customer record");
        }
      } catch (SQLException e) {
        if (JdbcCrmStore.uniqueViolation(e)) {
          throw invalid("code", customer.code(), "a customer code no other record has");
        }
        throw e;
      }
      deleteKeys(c, customer.id());
      insertKeys(c, customer);
      return null;
    });
  }

  @Override
  public void retire(Customer merged, CustomerId survivor) {
    notNull("merged", merged);
    notNull("survivor", survivor);
    String body = write(merged);
    tx.inCurrent("retire", c -> {
      Optional<Row> s = row(c, survivor.value(), "");
      if (s.isEmpty() || s.get().survivor != null || survivor.equals(merged.id())) {
        throw invalid("survivor", survivor, "the id of a live customer record");
      }
      Long version = locked().get(merged.id().value());
      try (PreparedStatement ps = c.prepareStatement("UPDATE crm_customer SET survivor_id = ?,"
          + " code = ?, body = ?, version = version + 1 WHERE id = ? AND survivor_id IS NULL"
          + (version == null ? "" : " AND version = ?"))) {
        ps.setString(1, survivor.value());
        ps.setString(2, merged.code());
        ps.setString(3, body);
        ps.setString(4, merged.id().value());
        if (version != null) {
          ps.setLong(5, version);
        }
        if (!updatedLive(c, ps, merged.id().value(), version)) {
          throw invalid("merged", merged.id(), "the id of a live customer record");
        }
      }
      // records merged into the retired one now resolve to its survivor in one hop
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE crm_customer SET survivor_id = ? WHERE survivor_id = ?")) {
        ps.setString(1, survivor.value());
        ps.setString(2, merged.id().value());
        ps.executeUpdate();
      }
      deleteKeys(c, merged.id());
      return null;
    });
  }

  @Override
  public void replaceRetired(Customer customer) {
    notNull("customer", customer);
    String body = write(customer);
    tx.inCurrent("replaceRetired", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE crm_customer SET code = ?, body = ?,"
          + " version = version + 1 WHERE id = ? AND survivor_id IS NOT NULL")) {
        ps.setString(1, customer.code());
        ps.setString(2, body);
        ps.setString(3, customer.id().value());
        if (ps.executeUpdate() != 1) {
          throw invalid("id", customer.id(), "the id of a retired (merged) customer record");
        }
      }
      return null;
    });
  }

  @Override
  public Optional<Customer> findById(CustomerId id) {
    notNull("id", id);
    return tx.withConnection(c -> row(c, id.value(), "")
        .filter(r -> r.survivor == null).map(r -> read(r.body)));
  }

  @Override
  public Optional<Customer> findByIdForUpdate(CustomerId id) {
    notNull("id", id);
    return tx.inCurrent("lock", c -> {
      Optional<Row> row = row(c, id.value(), " FOR UPDATE").filter(r -> r.survivor == null);
      row.ifPresent(r -> locked().put(id.value(), r.version));
      return row.map(r -> read(r.body));
    });
  }

  @Override
  public Optional<CustomerId> resolve(CustomerId id) {
    notNull("id", id);
    return tx.withConnection(c -> row(c, id.value(), "")
        .map(r -> r.survivor == null ? id : CustomerId.of(r.survivor)));
  }

  @Override
  public Optional<Customer> findRetired(CustomerId id) {
    notNull("id", id);
    return tx.withConnection(c -> row(c, id.value(), "")
        .filter(r -> r.survivor != null).map(r -> read(r.body)));
  }

  @Override
  public List<Customer> findByKey(IdentityKey key) {
    notNull("key", key);
    return tx.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT c.body FROM crm_customer_key k"
          + " JOIN crm_customer c ON c.id = k.customer_id"
          + " WHERE k.key_value = ? AND c.survivor_id IS NULL")) {
        ps.setString(1, keyValue(key));
        List<Customer> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(read(rs.getString(1)));
          }
        }
        found.sort(Comparator.comparing(Customer::id));
        return List.copyOf(found);
      }
    });
  }

  @Override
  public Optional<Customer> findByCode(String code) {
    notNull("code", code);
    return tx.withConnection(c -> {
      String owner;
      String survivor;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, survivor_id FROM crm_customer WHERE code = ?")) {
        ps.setString(1, code);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          owner = rs.getString(1);
          survivor = rs.getString(2);
        }
      }
      return row(c, survivor == null ? owner : survivor, "")
          .filter(r -> r.survivor == null).map(r -> read(r.body));
    });
  }

  @Override
  public Stream<Customer> all() {
    List<Customer> all = tx.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT body FROM crm_customer WHERE survivor_id IS NULL")) {
        ps.setFetchSize(1000);
        List<Customer> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(read(rs.getString(1)));
          }
        }
        return found;
      }
    });
    all.sort(Comparator.comparing(Customer::id));
    return all.stream();
  }

  private record Row(String survivor, String body, long version) {}

  private Optional<Row> row(Connection c, String id, String suffix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT survivor_id, body, version FROM crm_customer WHERE id = ?" + suffix)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getLong(3)))
            : Optional.empty();
      }
    }
  }

  /**
   * Runs {@code ps}, the update of live record {@code id} (over {@code version} when this
   * transaction read the record with its lock): false when the record is not live; a retryable
   * failure when it is but moved on after the locked read.
   */
  private boolean updatedLive(Connection c, PreparedStatement ps, String id, Long version)
      throws SQLException {
    if (ps.executeUpdate() == 1) {
      if (version != null) {
        locked().put(id, version + 1);
      }
      return true;
    }
    if (version != null && row(c, id, "").filter(r -> r.survivor == null).isPresent()) {
      throw JdbcTransactions.staleLockedRead("customer", id, version);
    }
    return false;
  }

  /** The versions of the customer records this transaction read with their lock, by id. */
  private Map<String, Long> locked() {
    return tx.lockedVersions(lockedKey);
  }

  private void insertKeys(Connection c, Customer customer) throws SQLException {
    List<String> keys = customer.keys().stream().map(JdbcCustomerRepository::keyValue)
        .distinct().toList();
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO crm_customer_key (key_value, customer_id) VALUES (?, ?)")) {
      for (String k : keys) {
        ps.setString(1, k);
        ps.setString(2, customer.id().value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void deleteKeys(Connection c, CustomerId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM crm_customer_key WHERE customer_id = ?")) {
      ps.setString(1, id.value());
      ps.executeUpdate();
    }
  }

  /** The key as stored: kind and value; a value too long for the column by its SHA-256. */
  static String keyValue(IdentityKey key) {
    String text = key.kind().name() + ":" + key.value();
    if (text.length() <= MAX_KEY) {
      return text;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.value().getBytes(StandardCharsets.UTF_8));
      return key.kind().name() + ":sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String write(Customer customer) {
    try {
      return json.writeValueAsString(customer);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write customer " + customer.id() + " as JSON", e);
    }
  }

  private Customer read(String body) {
    try {
      return json.readValue(body, Customer.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("a stored customer cannot be read back", e);
    }
  }
}
