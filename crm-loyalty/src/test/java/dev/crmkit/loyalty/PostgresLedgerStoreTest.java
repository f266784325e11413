package dev.crmkit.loyalty;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The contract on PostgreSQL. The server comes from the environment variables {@code
 * CRMKIT_PG_URL}, {@code CRMKIT_PG_USER}, {@code CRMKIT_PG_PASSWORD} (or the system properties
 * {@code crmkit.pg.url}, {@code crmkit.pg.user}, {@code crmkit.pg.password}); without them the
 * tests are skipped. Each test runs in a schema of its own, dropped afterwards.
 */
class PostgresLedgerStoreTest extends JdbcLedgerStoreContract {

  static String setting(String name) {
    String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
    return property != null ? property : System.getenv(name);
  }

  private String url;
  private String user;
  private String password;
  private String schema;
  private JdbcConnectionPool pool;

  @Override
  LedgerStore openStore() throws Exception {
    url = setting("CRMKIT_PG_URL");
    user = setting("CRMKIT_PG_USER");
    password = setting("CRMKIT_PG_PASSWORD");
    assumeTrue(url != null && user != null && password != null,
        "PostgreSQL tests skipped: set CRMKIT_PG_URL, CRMKIT_PG_USER and CRMKIT_PG_PASSWORD"
            + " (or -Dcrmkit.pg.url=... etc.), e.g. by running .ci/postgres.sh");
    schema = "loyalty_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setUrl(url);
    pg.setUser(user);
    pg.setPassword(password);
    pg.setCurrentSchema(schema);
    pool = JdbcConnectionPool.create(pg);
    pool.setMaxConnections(12);
    return LedgerStore.jdbc(pool);
  }

  @Override
  List<String> childStoreArgs() {
    return List.of("pg", url, user, schema);
  }

  @Override
  Map<String, String> childEnvironment() {
    return Map.of("CRMKIT_PG_PASSWORD", password);
  }

  @Override
  LedgerStore reopenStore() {
    return LedgerStore.jdbc(pool);
  }


  private final List<String> emptySchemas = new java.util.ArrayList<>();
  private final List<JdbcConnectionPool> emptyPools = new java.util.ArrayList<>();

  @Override
  javax.sql.DataSource emptyDatabase() throws Exception {
    String empty = "loyalty_empty_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + empty);
    }
    emptySchemas.add(empty);
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setUrl(url);
    pg.setUser(user);
    pg.setPassword(password);
    pg.setCurrentSchema(empty);
    JdbcConnectionPool p = JdbcConnectionPool.create(pg);
    p.setMaxConnections(8);
    emptyPools.add(p);
    return p;
  }

  @Override
  List<String> childArgsOfLastEmptyDatabase() {
    return List.of("pg", url, user, emptySchemas.get(emptySchemas.size() - 1));
  }

  @AfterEach
  void dropEmpties() throws Exception {
    emptyPools.forEach(JdbcConnectionPool::dispose);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      for (String empty : emptySchemas) {
        s.execute("DROP SCHEMA " + empty + " CASCADE");
      }
    }
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (pool != null) {
      pool.dispose();
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
