package dev.crmkit.core.store;

import static dev.crmkit.core.store.CrmStoreContract.T0;
import static dev.crmkit.core.store.CrmStoreContract.consentEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/**
 * Schema V2 on a database that V1 wrote: the read columns of orders, returns and interactions
 * are back-filled from the JSON bodies with exactly what the store writes for a new record, and
 * an outbox row of V1 (one event as an object) is still delivered. H2 and PostgreSQL.
 */
class ReadColumnsMigrationTest {

  private final ObjectMapper json = CrmJson.mapper();

  private final Order order = OrderRequest.of(CustomerId.of("C-1"), Channel.WEB, "EUR")
      .line("CASE", "accessories", 1, Money.of("20.00", "EUR"), Money.of("15.00", "EUR"))
      .line("PHONE", "phones", 2, Money.of("300.00", "EUR"), Money.of("280.00", "EUR"))
      .line("CABLE", "cables", 3, Money.of("5.00", "EUR"), Money.of("5.00", "EUR"))
      .toOrder("O-1", T0, CustomerId.of("C-1"));
  private final Return returned = ReturnRequest.of("O-1").line(2, 1).reason("broken")
      .toReturn(order, List.of(), "R-1", T0.plusSeconds(60));
  private final Interaction interaction = CrmStoreContract.interaction("I-1", "C-1", T0,
      "called about\nthe bill");

  @Test
  void h2_back_fills_what_the_store_writes() throws SQLException {
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:mem:v2-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    try {
      check(pool, "CLOB");
    } finally {
      pool.dispose();
    }
  }

  @Test
  void postgres_back_fills_what_the_store_writes() throws SQLException {
    try (PgSchema schema = PgSchema.create()) {
      JdbcConnectionPool pool = schema.newPool();
      try {
        check(pool, "TEXT");
      } finally {
        pool.dispose();
      }
    }
  }

  @Test
  void a_body_that_cannot_be_read_stops_the_migration_naming_the_table_and_row()
      throws SQLException {
    JdbcConnectionPool pool = JdbcConnectionPool.create(
        "jdbc:h2:mem:v2-bad-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    try {
      migrateToV1(pool, "CLOB");
      insert(pool, "crm_order", "O-9", "C-1", "{\"id\": \"O-9\"}");
      // the bodies are all read before the schema changes (H2 commits each ALTER TABLE)
      assertThatThrownBy(() -> CrmStore.jdbc(pool)).isInstanceOf(StoreException.class)
          .hasStackTraceContaining("migrating crm_order: the stored row with id 'O-9' cannot be"
              + " read back");
      try (Connection c = pool.getConnection(); ResultSet rs = c.getMetaData()
          .getColumns(null, null, "CRM_ORDER", "AMOUNT")) {
        assertThat(rs.next()).as("crm_order.amount after the failed migration").isFalse();
      }
    } finally {
      pool.dispose();
    }
  }

  private void check(DataSource ds, String text) throws SQLException {
    migrateToV1(ds, text);
    insert(ds, "crm_order", order.id(), "C-1", write(order));
    insert(ds, "crm_return", returned.id(), "C-1", write(returned));
    insert(ds, "crm_interaction", interaction.id(), "C-1", write(interaction));
    DomainEvent waiting = consentEvent("C-1", 1);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO crm_outbox (customer_id, type, created_at, payload) VALUES (?,?,?,?)")) {
      ps.setString(1, "C-1");
      ps.setString(2, "ConsentRecorded");
      ps.setObject(3, JdbcRecords.time(T0));
      ps.setString(4, write(waiting));
      ps.executeUpdate();
    }

    try (CrmStore store = CrmStore.jdbc(ds)) {
      // the same records written by the V2 store under other ids
      Order again = new Order("O-2", order.customerId(), order.orderedAt(), order.channel(),
          order.currency(), order.lines(), order.campaignId());
      store.orders().add(again);
      store.returns().add(new Return("R-2", "O-1", returned.customerId(), returned.returnedAt(),
          returned.channel(), returned.currency(), returned.lines(), returned.reason()));
      store.interactions().add(new Interaction("I-2", interaction.customerId(),
          interaction.occurredAt(), interaction.channel(), interaction.type(),
          interaction.direction(), interaction.contactId(), interaction.agent(),
          interaction.campaignId(), interaction.notes(), interaction.outcome()));

      List<Object> migrated = columns(ds, "crm_order", "O-1", ReadColumns.ORDER.names());
      assertThat(migrated).containsExactly(new BigDecimal("590.00"), new BigDecimal("635.00"),
          "EUR", "phones", "WEB", "6 items, paid 590.00 EUR (list 635.00 EUR)");
      assertThat(columns(ds, "crm_order", "O-2", ReadColumns.ORDER.names()))
          .isEqualTo(migrated);
      List<Object> migratedReturn = columns(ds, "crm_return", "R-1",
          ReadColumns.RETURN.names());
      assertThat(migratedReturn.get(0)).isEqualTo(new BigDecimal("280.00"));
      assertThat(migratedReturn.get(3)).isEqualTo("1 item of order O-1, refund 280.00 EUR (broken)");
      assertThat(columns(ds, "crm_return", "R-2", ReadColumns.RETURN.names()))
          .isEqualTo(migratedReturn);
      List<Object> migratedInteraction = columns(ds, "crm_interaction", "I-1",
          ReadColumns.INTERACTION.names());
      assertThat(migratedInteraction).containsExactly("PHONE", "INQUIRY",
          "inbound inquiry: called about the bill");
      assertThat(columns(ds, "crm_interaction", "I-2", ReadColumns.INTERACTION.names()))
          .isEqualTo(migratedInteraction);

      EventBus bus = EventBus.create();
      List<DomainEvent> seen = new ArrayList<>();
      bus.subscribe(seen::add);
      assertThat(store.outbox().pending()).isEqualTo(1);
      assertThat(store.outbox().relay(bus, 1, T0)).isEqualTo(1);
      assertThat(seen).containsExactly(waiting);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void migrateToV1(DataSource ds, String text) {
    Flyway.configure().dataSource(ds).locations(JdbcCrmStore.MIGRATIONS)
        .table(JdbcCrmStore.HISTORY_TABLE).placeholders(Map.of("text", text)).target("1")
        .load().migrate();
  }

  private static void insert(DataSource ds, String table, String id, String customer,
      String body) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + table + " (id, customer_id, at, ref, version, body)"
            + " VALUES (?, ?, ?, NULL, 1, ?)")) {
      ps.setString(1, id);
      ps.setString(2, customer);
      ps.setObject(3, JdbcRecords.time(T0));
      ps.setString(4, body);
      ps.executeUpdate();
    }
  }

  private static List<Object> columns(DataSource ds, String table, String id,
      List<String> names) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT " + String.join(", ", names) + " FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as(table + " " + id).isTrue();
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= names.size(); i++) {
          Object v = rs.getObject(i);
          values.add(v instanceof BigDecimal b ? b.setScale(2, java.math.RoundingMode.UNNECESSARY)
              : Objects.toString(v));
        }
        return values;
      }
    }
  }
}
