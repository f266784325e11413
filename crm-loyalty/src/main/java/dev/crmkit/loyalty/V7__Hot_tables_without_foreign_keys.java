package dev.crmkit.loyalty;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema V7 of crm-loyalty, on PostgreSQL (on H2 it does nothing): drops the foreign keys of the
 * three tables every write inserts into
 * ({@code loyalty_entry}, {@code loyalty_lot}, {@code loyalty_operation}). Each foreign key cost
 * a look-up (and on PostgreSQL a row lock) of its parent for every row written: on PostgreSQL an
 * entry insert with its three foreign keys took about twice as long as without them, the largest
 * single cost of a bulk replay. The writer inserts the parents in the same transaction as their
 * children (member row, then operation, entries, lots) and {@link LedgerStore#audit()} finds what
 * the keys refused (an entry whose operation is missing, a draw on an unknown lot); the primary
 * keys and the indexes stay. The holds and voucher tables keep theirs (written rarely).
 *
 * <p>A Java migration because the foreign keys were created without names, and H2 and PostgreSQL
 * name them differently: it reads their names from the database's metadata. {@link
 * JdbcLedgerStore#migrate} passes it to Flyway; a host that runs the loyalty scripts in its own
 * Flyway adds it with {@code javaMigrations}.
 */
final class V7__Hot_tables_without_foreign_keys extends BaseJavaMigration {

  static final List<String> TABLES = List.of("loyalty_entry", "loyalty_lot", "loyalty_operation");

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
      // H2 keeps them: there they were a small part of an insert, and without them a stress test
      // of concurrent transfers on H2 once wrote a seq twice; not understood yet, so not risked
      return;
    }
    for (String table : TABLES) {
      for (String name : foreignKeys(c, table)) {
        try (Statement s = c.createStatement()) {
          s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + quote(c, name));
        }
      }
    }
  }

  /** The names of the foreign keys {@code table} (in the connection's schema) holds. */
  static Set<String> foreignKeys(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(java.util.Locale.ROOT) : table;
    Set<String> out = new LinkedHashSet<>();
    try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), name)) {
      while (rs.next()) {
        String fk = rs.getString("FK_NAME");
        if (fk == null) {
          throw new SQLException("loyalty migration V7: a foreign key of " + table + " has no name");
        }
        out.add(fk);
      }
    }
    return out;
  }

  private static String quote(Connection c, String name) throws SQLException {
    String q = c.getMetaData().getIdentifierQuoteString();
    return q + name.replace(q, q + q) + q;
  }
}
