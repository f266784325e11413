package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.CustomerId;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox in {@code crm_outbox}. The relay locks the single row of {@code crm_outbox_relay}
 * (one relay at a time across processes), reads a batch in sequence order, delivers it,
 * deletes it and parks what a listener failed on, then commits: an event whose delivery a crash
 * interrupted is still there for the next relay.
 */
final class JdbcOutbox implements Outbox {

  private static final int BATCH = 1000;

  private final JdbcTransactions tx;
  private final ObjectMapper json;
  private final ThreadLocal<Boolean> relaying = new ThreadLocal<>();

  JdbcOutbox(JdbcTransactions tx, ObjectMapper json) {
    this.tx = tx;
    this.json = json;
  }

  @Override
  public void append(DomainEvent event) {
    notNull("event", event);
    String payload = write(event);
    tx.inCurrent("append", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_outbox (customer_id, type,"
          + " created_at, payload) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, event.customerId().value());
        ps.setString(2, event.getClass().getSimpleName());
        ps.setObject(3, JdbcRecords.time(event.occurredAt()));
        ps.setString(4, payload);
        ps.executeUpdate();
      }
      return null;
    });
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
    tx.inCurrent("appendAll", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_outbox (customer_id, type,"
          + " created_at, payload) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < events.size(); i++) {
          DomainEvent event = events.get(i);
          ps.setString(1, event.customerId().value());
          ps.setString(2, event.getClass().getSimpleName());
          ps.setObject(3, JdbcRecords.time(event.occurredAt()));
          ps.setString(4, payloads.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private record Stored(long seq, String customer, String payload) {}

  @Override
  public int relay(EventBus bus, int attempts, Instant now) {
    if (relaying.get() != null) {
      return 0;
    }
    relaying.set(Boolean.TRUE);
    try {
      int delivered = 0;
      while (true) {
        int batch = relayBatch(bus, attempts, now);
        delivered += batch;
        // a listener that writes through the facade appends events this relay must pick up, so
        // with listeners it reads until nothing is left; without, a short batch was the last
        if (batch == 0 || (batch < BATCH && !bus.hasListeners())) {
          return delivered;
        }
      }
    } finally {
      relaying.remove();
    }
  }

  private int relayBatch(EventBus bus, int attempts, Instant now) {
    // the relay's connection is its own, not the thread's transaction: a listener that writes
    // through the facade commits in a transaction of its own
    // (with host transactions, from the plain pool: the relay only sees committed events, and
    // its deletes never join a host's transaction)
    try (Connection c = tx.ownConnections().getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT delivered FROM crm_outbox_relay WHERE id = 1 FOR UPDATE")) {
          ps.executeQuery().close();
        }
        if (!bus.hasListeners()) {
          // nobody to deliver to: the first batch of events goes without being read
          int removed;
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_outbox WHERE seq IN"
              + " (SELECT seq FROM crm_outbox ORDER BY seq LIMIT " + BATCH + ")")) {
            removed = ps.executeUpdate();
          }
          if (removed > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE crm_outbox_relay SET delivered = delivered + ? WHERE id = 1")) {
              ps.setLong(1, removed);
              ps.executeUpdate();
            }
          }
          c.commit();
          return removed;
        }
        List<Stored> batch = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, customer_id, payload FROM"
            + " crm_outbox ORDER BY seq")) {
          ps.setMaxRows(BATCH);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              batch.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
          }
        }
        List<Object[]> parked = new ArrayList<>();
        for (Stored s : batch) {
          try {
            DomainEvent event = json.readValue(s.payload, DomainEvent.class);
            for (ListenerFailure f : bus.publish(event, attempts)) {
              parked.add(new Object[] {s, f.listener(), InMemoryOutbox.describe(f.error())});
            }
          } catch (JsonProcessingException e) {
            parked.add(new Object[] {s, "(relay: the stored event cannot be read)",
                InMemoryOutbox.describe(e)});
          }
        }
        // parkings, deletes and the counter as three batched statements per batch of events
        if (!parked.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_outbox_parked (seq,"
              + " listener, customer_id, payload, error, parked_at) VALUES (?,?,?,?,?,?)")) {
            for (Object[] p : parked) {
              Stored s = (Stored) p[0];
              ps.setLong(1, s.seq);
              ps.setString(2, cut((String) p[1], 500));
              ps.setString(3, s.customer);
              ps.setString(4, s.payload);
              ps.setString(5, cut((String) p[2], 4000));
              ps.setObject(6, JdbcRecords.time(now));
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        if (!batch.isEmpty()) {
          // one statement for the batch (no other relay runs: this one holds the relay row)
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_outbox WHERE seq IN ("
              + "?,".repeat(batch.size() - 1) + "?)")) {
            int i = 1;
            for (Stored s : batch) {
              ps.setLong(i++, s.seq);
            }
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE crm_outbox_relay SET delivered = delivered + ? WHERE id = 1")) {
            ps.setLong(1, batch.size());
            ps.executeUpdate();
          }
        }
        c.commit();
        return batch.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreException("relaying stored events failed", e);
    }
  }

  @Override
  public long pending() {
    return tx.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM crm_outbox");
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
    // one transaction: a replacement that does not fit leaves every stored event as it was
    return tx.inCurrent("redact", c -> {
      int changed = 0;
      for (CustomerId id : customerIds) {
        changed += redactIn(c, "crm_outbox", "seq", id, replacements);
        changed += redactIn(c, "crm_outbox_parked", "id", id, replacements);
      }
      return changed;
    });
  }

  private int redactIn(Connection c, String table, String key, CustomerId id,
      Map<String, String> replacements) throws SQLException {
    List<Object[]> updates = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + key + ", payload FROM " + table
        + " WHERE customer_id = ? FOR UPDATE")) {
      ps.setString(1, id.value());
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
    for (Object[] u : updates) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET payload = ?"
          + " WHERE " + key + " = ?")) {
        ps.setString(1, (String) u[1]);
        ps.setLong(2, (Long) u[0]);
        ps.executeUpdate();
      }
    }
    return updates.size();
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
