package dev.crmkit.core.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the PostgreSQL server named by {@code CRMKIT_PG_URL},
 * {@code CRMKIT_PG_USER} and {@code CRMKIT_PG_PASSWORD} (or {@code -Dcrmkit.pg.url=...}); the
 * tests that use one are skipped, with a message, when those are not set (CI always sets them).
 * Closing it drops the schema.
 */
final class PgSchema implements AutoCloseable {

  final String url;
  final String user;
  final String password;
  final String name;
  private JdbcConnectionPool pool;

  private PgSchema(String url, String user, String password, String name) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.name = name;
  }

  static String setting(String name) {
    String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
    return property != null ? property : System.getenv(name);
  }

  static boolean configured() {
    return setting("CRMKIT_PG_URL") != null && setting("CRMKIT_PG_USER") != null
        && setting("CRMKIT_PG_PASSWORD") != null;
  }

  /** Skips the calling test when PostgreSQL is not configured. */
  static void assumeConfigured() {
    assumeTrue(configured(), "PostgreSQL tests skipped: set CRMKIT_PG_URL, CRMKIT_PG_USER and"
        + " CRMKIT_PG_PASSWORD (e.g. source target/ci-postgres.env after .ci/postgres.sh)");
  }

  /** A new, empty schema. */
  static PgSchema create() {
    assumeConfigured();
    String name = "core_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    PgSchema s = new PgSchema(setting("CRMKIT_PG_URL"), setting("CRMKIT_PG_USER"),
        setting("CRMKIT_PG_PASSWORD"), name);
    s.execute("CREATE SCHEMA " + name);
    return s;
  }

  /** An existing schema (in a child process). */
  static PgSchema existing(String name) {
    return new PgSchema(setting("CRMKIT_PG_URL"), setting("CRMKIT_PG_USER"),
        setting("CRMKIT_PG_PASSWORD"), name);
  }

  /** Connections whose search path is this schema, one new connection each time. */
  DataSource simple() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(user);
    ds.setPassword(password);
    ds.setCurrentSchema(name);
    return ds;
  }

  /** A pool on this schema (closed with the schema), for tests that run many transactions. */
  synchronized DataSource pooled() {
    if (pool == null) {
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      pg.setUrl(url);
      pg.setUser(user);
      pg.setPassword(password);
      pg.setCurrentSchema(name);
      pool = JdbcConnectionPool.create(pg);
      pool.setMaxConnections(20);
    }
    return pool;
  }

  /** A new pool (each store that is closed and reopened gets one of its own). */
  JdbcConnectionPool newPool() {
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setUrl(url);
    pg.setUser(user);
    pg.setPassword(password);
    pg.setCurrentSchema(name);
    JdbcConnectionPool p = JdbcConnectionPool.create(pg);
    p.setMaxConnections(20);
    return p;
  }

  long queryLong(String sql) {
    try (Connection c = simple().getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.dispose();
      pool = null;
    }
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }
}
