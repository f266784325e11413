package dev.crmkit.core.store.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.timeline.TimelineEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema V2 of crm-core (a Java migration, because neither SQL dialect can read the JSON bodies
 * portably on H2 and PostgreSQL): plain columns beside the JSON body of orders, returns and
 * interactions, so that scoring from the store and the timeline read no JSON; back-fills them
 * from the stored bodies (in id order, a few hundred rows per statement), then makes them NOT
 * NULL. Also the outbox's {@code events} column: a row now holds all events of one transaction.
 *
 * <p>Flyway finds this class in {@code classpath:dev/crmkit/core/store/migration}; a host that
 * runs crm-core's migrations in its own Flyway adds that location beside
 * {@code classpath:db/crmkit-core}. Not for other use.
 */
public class V2__Read_columns extends BaseJavaMigration {

  private static final int CHUNK = 500;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    ObjectMapper json = CrmJson.mapper();
    // every body is read once before the schema changes: on H2 each ALTER TABLE commits, so a
    // row that cannot be read must stop the migration before it
    check(c, "crm_order", body -> json.readValue(body, Order.class));
    check(c, "crm_return", body -> json.readValue(body, Return.class));
    check(c, "crm_interaction", body -> json.readValue(body, Interaction.class));
    try (Statement s = c.createStatement()) {
      for (String table : List.of("crm_order", "crm_return")) {
        s.execute("ALTER TABLE " + table + " ADD COLUMN amount NUMERIC(30, 8)");
        s.execute("ALTER TABLE " + table + " ADD COLUMN currency VARCHAR(3)");
      }
      s.execute("ALTER TABLE crm_order ADD COLUMN list_amount NUMERIC(30, 8)");
      s.execute("ALTER TABLE crm_order ADD COLUMN category VARCHAR(1000)");
      s.execute("ALTER TABLE crm_interaction ADD COLUMN interaction_type VARCHAR(40)");
      for (String table : List.of("crm_order", "crm_return", "crm_interaction")) {
        s.execute("ALTER TABLE " + table + " ADD COLUMN channel VARCHAR(40)");
        s.execute("ALTER TABLE " + table + " ADD COLUMN summary VARCHAR");
      }
      s.execute("ALTER TABLE crm_outbox ADD COLUMN events INT DEFAULT 1 NOT NULL");
    }
    backFill(c, "crm_order", "amount = ?, list_amount = ?, currency = ?, category = ?,"
        + " channel = ?, summary = ?", (ps, body) -> {
          Order o = json.readValue(body, Order.class);
          ps.setBigDecimal(1, o.amountPaid().amount());
          ps.setBigDecimal(2, o.listAmount().amount());
          ps.setString(3, o.currency().getCurrencyCode());
          ps.setString(4, category(o));
          ps.setString(5, o.channel().name());
          ps.setString(6, new TimelineEntry.PurchaseEntry(o).summary());
          return 7;
        });
    backFill(c, "crm_return", "amount = ?, currency = ?, channel = ?, summary = ?",
        (ps, body) -> {
          Return r = json.readValue(body, Return.class);
          ps.setBigDecimal(1, r.refund().amount());
          ps.setString(2, r.currency().getCurrencyCode());
          ps.setString(3, r.channel().name());
          ps.setString(4, new TimelineEntry.ReturnEntry(r).summary());
          return 5;
        });
    backFill(c, "crm_interaction", "channel = ?, interaction_type = ?, summary = ?",
        (ps, body) -> {
          Interaction i = json.readValue(body, Interaction.class);
          ps.setString(1, i.channel().name());
          ps.setString(2, i.type().name());
          ps.setString(3, new TimelineEntry.InteractionEntry(i).summary());
          return 4;
        });
    try (Statement s = c.createStatement()) {
      for (String column : List.of("amount", "list_amount", "currency", "category", "channel",
          "summary")) {
        s.execute("ALTER TABLE crm_order ALTER COLUMN " + column + " SET NOT NULL");
      }
      for (String column : List.of("amount", "currency", "channel", "summary")) {
        s.execute("ALTER TABLE crm_return ALTER COLUMN " + column + " SET NOT NULL");
      }
      for (String column : List.of("channel", "interaction_type", "summary")) {
        s.execute("ALTER TABLE crm_interaction ALTER COLUMN " + column + " SET NOT NULL");
      }
    }
  }

  /**
   * The category of the order's line with the largest amount paid, the first on a tie (the same
   * rule as the store's writes; {@code ReadColumnsMigrationTest} compares the two).
   */
  private static String category(Order o) {
    String category = null;
    BigDecimal largest = null;
    for (LineItem line : o.lines()) {
      BigDecimal paid = line.amountPaid().amount();
      if (largest == null || paid.compareTo(largest) > 0) {
        largest = paid;
        category = line.category();
      }
    }
    return category;
  }

  @FunctionalInterface
  private interface Binder {
    /** Binds the columns of one row from its body; returns the index of the id parameter. */
    int bind(PreparedStatement ps, String body) throws SQLException, JsonProcessingException;
  }

  @FunctionalInterface
  private interface Reader {
    Object read(String body) throws JsonProcessingException;
  }

  private static void check(Connection c, String table, Reader reader) throws SQLException {
    forEachChunk(c, table, rows -> {
      for (String[] row : rows) {
        try {
          reader.read(row[1]);
        } catch (JsonProcessingException | RuntimeException e) {
          throw unreadable(table, row[0], e);
        }
      }
    });
  }

  private static StoreException unreadable(String table, String id, Exception e) {
    return new StoreException("migrating " + table + ": the stored row with id '" + id
        + "' cannot be read back (" + e.getMessage() + "); correct or remove it, then open the"
        + " store again (on H2, first run Flyway's repair on the history table "
        + "crm_schema_history)", e);
  }

  @FunctionalInterface
  private interface Chunk {
    void accept(List<String[]> rows) throws SQLException;
  }

  /** The rows of {@code table} as (id, body), in id order, a few hundred at a time. */
  private static void forEachChunk(Connection c, String table, Chunk action)
      throws SQLException {
    String after = "";
    while (true) {
      List<String[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM " + table
          + " WHERE id > ? ORDER BY id")) {
        ps.setMaxRows(CHUNK);
        ps.setString(1, after);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new String[] {rs.getString(1), rs.getString(2)});
          }
        }
      }
      if (rows.isEmpty()) {
        return;
      }
      action.accept(rows);
      after = rows.get(rows.size() - 1)[0];
    }
  }

  private static void backFill(Connection c, String table, String set, Binder binder)
      throws SQLException {
    forEachChunk(c, table, rows -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + set
          + " WHERE id = ?")) {
        for (String[] row : rows) {
          try {
            ps.setString(binder.bind(ps, row[1]), row[0]);
          } catch (JsonProcessingException | RuntimeException e) {
            throw unreadable(table, row[0], e);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }
}
