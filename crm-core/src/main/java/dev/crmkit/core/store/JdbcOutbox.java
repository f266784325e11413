package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.event.ListenerFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outbox in {@code crm_outbox}: one row per transaction, holding that transaction's events
 * in the order they were appended (a JSON array; {@code events} says how many; a row written
 * before schema V2 holds one event as a JSON object). The relay locks the single row of
 * {@code crm_outbox_relay} (one relay at a time across processes), reads rows in sequence
 * (commit) order, delivers the events of each row in array order, deletes the rows and parks
 * what a listener failed on (one parked row per event and listener), then commits: rows whose
 * delivery a crash interrupted are still there for the next relay, which delivers all their
 * events again (at least once, per row).
 */
final class JdbcOutbox implements Outbox {

  /** About how many events one relay transaction reads (whole rows: at least one row). */
  private static final int BATCH = 1000;

  private final JdbcTransactions tx;
  private final ObjectMapper json;
  private final ThreadLocal<Boolean> relaying = new ThreadLocal<>();
  private final Object gatheredKey = new Object();

  JdbcOutbox(JdbcTransactions tx, ObjectMapper json) {
    this.tx = tx;
    this.json = json;
  }

  /** The events a transaction appended, written as one row just before its commit. */
  private static final class Gathered {
    final List<String> payloads = new ArrayList<>();
    DomainEvent first;
  }

  @Override
  public void append(DomainEvent event) {
    appendAll(List.of(notNull("event", event)));
  }

  @Override
  public void appendAll(List<? extends DomainEvent> events) {
    notNull("events", events);
    if (events.isEmpty()) {
      return;
    }
    List<String> payloads = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      payloads.add(write(notNull("event", event)));
    }
    if (!tx.inTransaction()) {
      // no transaction: the events are a transaction of their own
      tx.inTransaction(() -> gather(events.get(0), payloads));
      return;
    }
    gather(events.get(0), payloads);
  }

  private void gather(DomainEvent first, List<String> payloads) {
    Gathered g = tx.gathered(gatheredKey, Gathered::new, this::insert);
    if (g.first == null) {
      g.first = first;
    }
    g.payloads.addAll(payloads);
  }

  private void insert(Connection c, Gathered g) throws SQLException {
    if (g.payloads.isEmpty()) {
      return;
    }
    StringBuilder array = new StringBuilder(g.payloads.stream().mapToInt(String::length).sum()
        + g.payloads.size() + 1).append('[');
    for (int i = 0; i < g.payloads.size(); i++) {
      array.append(i == 0 ? "" : ",").append(g.payloads.get(i));
    }
    array.append(']');
    String type = g.first.getClass().getSimpleName();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_outbox (customer_id, type,"
        + " created_at, payload, events) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, g.first.customerId().value());
      ps.setString(2, g.payloads.size() == 1 ? type : cut(type + " and "
          + (g.payloads.size() - 1) + " more", 100));
      ps.setObject(3, JdbcRecords.time(g.first.occurredAt()));
      ps.setString(4, array.toString());
      ps.setInt(5, g.payloads.size());
      ps.executeUpdate();
    }
  }

  private record Stored(long seq, int events, String payload) {}

  @Override
  public int relay(EventBus bus, int attempts, Instant now) {
    if (relaying.get() != null) {
      return 0;
    }
    relaying.set(Boolean.TRUE);
    try {
      int delivered = 0;
      while (true) {
        int[] batch = relayBatch(bus, attempts, now);
        delivered += batch[1];
        // a listener that writes through the facade appends events this relay must pick up, so
        // with listeners it reads until nothing is left; without, a short batch was the last
        if (batch[0] == 0 || (batch[1] < BATCH && !bus.hasListeners())) {
          return delivered;
        }
      }
    } finally {
      relaying.remove();
    }
  }

  /** Relays one batch of rows: returns {rows, events}. */
  private int[] relayBatch(EventBus bus, int attempts, Instant now) {
    // the relay's connection is its own, not the thread's transaction: a listener that writes
    // through the facade commits in a transaction of its own
    // (with host transactions, from the plain pool: the relay only sees committed events, and
    // its deletes never join a host's transaction)
    try (Connection c = tx.ownConnections().getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        if (postgres(c)) {
          // the relay's commit need not wait for its WAL to reach the disk: a server crash that
          // loses it leaves the rows in the outbox, and the next relay delivers them again (at
          // least once, as after a crash during delivery); the changes' own commits stay
          // durable. Sent with the lock of the relay row, in one round trip.
          try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LOCAL synchronous_commit TO OFF;"
                + " SELECT delivered FROM crm_outbox_relay WHERE id = 1 FOR UPDATE");
          }
        } else {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT delivered FROM crm_outbox_relay WHERE id = 1 FOR UPDATE")) {
            ps.executeQuery().close();
          }
        }
        boolean listeners = bus.hasListeners();
        // whole rows, in commit order, until about BATCH events (the payloads only when
        // there is someone to deliver them to)
        List<Stored> batch = new ArrayList<>();
        int events = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, events"
            + (listeners ? ", payload" : "") + " FROM crm_outbox ORDER BY seq")) {
          ps.setMaxRows(BATCH);
          ps.setFetchSize(listeners ? 16 : BATCH);
          try (ResultSet rs = ps.executeQuery()) {
            while (events < BATCH && rs.next()) {
              Stored s = new Stored(rs.getLong(1), rs.getInt(2),
                  listeners ? rs.getString(3) : null);
              batch.add(s);
              events += s.events;
            }
          }
        }
        if (batch.isEmpty()) {
          c.commit();
          return new int[] {0, 0};
        }
        List<Object[]> parked = new ArrayList<>();
        if (listeners) {
          for (Stored s : batch) {
            deliver(bus, attempts, s, parked);
          }
        }
        // parkings, deletes and the counter as three batched statements per batch of rows
        if (!parked.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_outbox_parked (seq,"
              + " listener, customer_id, payload, error, parked_at) VALUES (?,?,?,?,?,?)")) {
            for (Object[] p : parked) {
              ps.setLong(1, (Long) p[0]);
              ps.setString(2, cut((String) p[1], 500));
              ps.setString(3, (String) p[2]);
              ps.setString(4, (String) p[3]);
              ps.setString(5, cut((String) p[4], 4000));
              ps.setObject(6, JdbcRecords.time(now));
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        // one statement for the batch (no other relay runs: this one holds the relay row)
        try (PreparedStatement ps = JdbcCrmStore.prepareLookup(c, "DELETE FROM crm_outbox WHERE seq IN ("
            + "?,".repeat(batch.size() - 1) + "?)")) {
          int i = 1;
          for (Stored s : batch) {
            ps.setLong(i++, s.seq);
          }
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE crm_outbox_relay SET delivered = delivered + ? WHERE id = 1")) {
          ps.setLong(1, events);
          ps.executeUpdate();
        }
        c.commit();
        return new int[] {batch.size(), events};
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreException("relaying stored events failed", e);
    }
  }

  /** Whether the relay's connections go to PostgreSQL (asked once). */
  private volatile @Nullable Boolean postgres;

  private boolean postgres(Connection c) throws SQLException {
    Boolean pg = postgres;
    if (pg == null) {
      pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
          .contains("postgresql");
      postgres = pg;
    }
    return pg;
  }

  /**
   * Delivers the events of one row in their order; a listener that fails every attempt on one
   * of them is parked for that event (the other listeners and the next events go on).
   */
  private void deliver(EventBus bus, int attempts, Stored s, List<Object[]> parked) {
    List<JsonNode> elements;
    try {
      elements = elements(json.readTree(s.payload));
    } catch (JsonProcessingException e) {
      parked.add(new Object[] {s.seq, "(relay: the stored events cannot be read)", "?",
          s.payload, InMemoryOutbox.describe(e)});
      return;
    }
    for (JsonNode element : elements) {
      String text = element.toString();
      DomainEvent event;
      try {
        event = json.treeToValue(element, DomainEvent.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        parked.add(new Object[] {s.seq, "(relay: the stored event cannot be read)",
            element.path("customerId").asText("?"), text, InMemoryOutbox.describe(e)});
        continue;
      }
      for (ListenerFailure f : bus.publish(event, attempts)) {
        parked.add(new Object[] {s.seq, f.listener(), event.customerId().value(), text,
            InMemoryOutbox.describe(f.error())});
      }
    }
  }

  /** The events of a stored row: the elements of its array, or the one object of a V1 row. */
  private static List<JsonNode> elements(JsonNode payload) {
    List<JsonNode> elements = new ArrayList<>();
    if (payload.isArray()) {
      payload.forEach(elements::add);
    } else {
      elements.add(payload);
    }
    return elements;
  }

  @Override
  public long pending() {
    return tx.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COALESCE(SUM(events), 0) FROM crm_outbox");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public List<ParkedEvent> parked() {
    return tx.withConnection(c -> {
      List<ParkedEvent> found = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, listener, payload, error,"
          + " parked_at FROM crm_outbox_parked ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(new ParkedEvent(rs.getLong(1), rs.getString(2), read(rs.getString(3)),
              rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()));
        }
      }
      return found;
    });
  }

  @Override
  public int retryParked(EventBus bus, Instant now) {
    int delivered = 0;
    for (ParkedEvent p : parked()) {
      Optional<ListenerFailure> failure = bus.publishTo(p.listener(), p.event());
      tx.inTransaction(() -> tx.withConnection(c -> {
        if (failure.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(
              "DELETE FROM crm_outbox_parked WHERE id = ?")) {
            ps.setLong(1, p.id());
            ps.executeUpdate();
          }
        } else {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE crm_outbox_parked SET error = ?, parked_at = ? WHERE id = ?")) {
            ps.setString(1, cut(InMemoryOutbox.describe(failure.get().error()), 4000));
            ps.setObject(2, JdbcRecords.time(now));
            ps.setLong(3, p.id());
            ps.executeUpdate();
          }
        }
        return null;
      }));
      delivered += failure.isEmpty() ? 1 : 0;
    }
    return delivered;
  }

  @Override
  public int redact(Collection<CustomerId> customerIds, Map<String, String> replacements) {
    notNull("customerIds", customerIds);
    notNull("replacements", replacements);
    Set<String> ids = new HashSet<>();
    customerIds.forEach(id -> ids.add(notNull("customerIds[]", id).value()));
    // one transaction: a replacement that does not fit leaves every stored event as it was
    return tx.inCurrent("redact", c -> {
      int changed = redactPending(c, ids, replacements);
      for (String id : ids) {
        changed += redactParked(c, id, replacements);
      }
      return changed;
    });
  }

  /**
   * The pending rows: a row may hold the events of several customers (a merge, a bulk import),
   * so every row is read (the outbox holds only what waits for delivery) and the events of
   * these customers in it are redacted.
   */
  private int redactPending(Connection c, Set<String> ids, Map<String, String> replacements)
      throws SQLException {
    int changed = 0;
    List<Object[]> updates = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT seq, payload FROM crm_outbox ORDER BY seq FOR UPDATE")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonNode payload = json.readTree(rs.getString(2));
          boolean rowChanged = false;
          for (JsonNode element : elements(payload)) {
            DomainEvent event = json.treeToValue(element, DomainEvent.class);
            if (ids.contains(event.customerId().value())
                && JsonRedaction.redact(element, replacements)) {
              InMemoryOutbox.readRedacted(json, element, element.path("type").asText());
              rowChanged = true;
              changed++;
            }
          }
          if (rowChanged) {
            updates.add(new Object[] {rs.getLong(1), json.writeValueAsString(payload)});
          }
        }
      } catch (JsonProcessingException e) {
        throw new StoreException("a stored event cannot be read", e);
      }
    }
    update(c, "crm_outbox", "seq", updates);
    return changed;
  }

  private int redactParked(Connection c, String id, Map<String, String> replacements)
      throws SQLException {
    List<Object[]> updates = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, payload FROM crm_outbox_parked"
        + " WHERE customer_id = ? FOR UPDATE")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonNode tree = json.readTree(rs.getString(2));
          if (JsonRedaction.redact(tree, replacements)) {
            InMemoryOutbox.readRedacted(json, tree, tree.path("type").asText());
            updates.add(new Object[] {rs.getLong(1), json.writeValueAsString(tree)});
          }
        }
      } catch (JsonProcessingException e) {
        throw new StoreException("a stored event cannot be read", e);
      }
    }
    update(c, "crm_outbox_parked", "id", updates);
    return updates.size();
  }

  private static void update(Connection c, String table, String key, List<Object[]> updates)
      throws SQLException {
    if (updates.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET payload = ?"
        + " WHERE " + key + " = ?")) {
      for (Object[] u : updates) {
        ps.setString(1, (String) u[1]);
        ps.setLong(2, (Long) u[0]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private String write(DomainEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot write event " + event.getClass().getSimpleName(), e);
    }
  }

  private DomainEvent read(String payload) {
    try {
      return json.readValue(payload, DomainEvent.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("a parked event cannot be read back", e);
    }
  }
}
