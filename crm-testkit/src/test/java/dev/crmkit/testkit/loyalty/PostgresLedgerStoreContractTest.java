package dev.crmkit.testkit.loyalty;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crmkit.loyalty.LedgerStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The published contract on crm-loyalty's JDBC store on PostgreSQL, each test in a fresh schema
 * dropped afterwards. Reads {@code CRMKIT_PG_URL}, {@code CRMKIT_PG_USER}, {@code
 * CRMKIT_PG_PASSWORD} (or the system properties {@code crmkit.pg.url}, ...), as crm-loyalty's
 * tests do; without them it is skipped with a message (CI sets them).
 */
class PostgresLedgerStoreContractTest extends LedgerStoreContract {

  private String url;
  private String user;
  private String password;
  private String schema;
  private final List<org.h2.jdbcx.JdbcConnectionPool> pools = new ArrayList<>();

  private static String setting(String env) {
    String property = System.getProperty(env.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
    return property != null ? property : System.getenv(env);
  }

  @Override
  protected LedgerStore openStore() throws Exception {
    url = setting("CRMKIT_PG_URL");
    user = setting("CRMKIT_PG_USER");
    password = setting("CRMKIT_PG_PASSWORD");
    assumeTrue(url != null && user != null && password != null,
        "PostgreSQL tests skipped: set CRMKIT_PG_URL, CRMKIT_PG_USER and CRMKIT_PG_PASSWORD"
            + " (or -Dcrmkit.pg.url=... etc.), e.g. by running .ci/postgres.sh");
    schema = "testkit_loyalty_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return openStoreOnTheSameDatabase();
  }

  /** Another data source on the same schema, as another process would have. */
  @Override
  protected LedgerStore openStoreOnTheSameDatabase() {
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setUrl(url);
    pg.setUser(user);
    pg.setPassword(password);
    pg.setCurrentSchema(schema);
    org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(pg);
    pool.setMaxConnections(12);
    pools.add(pool);
    return LedgerStore.jdbc(pool);
  }

  @Override
  protected int stressOpsPerThread() {
    return 120;
  }

  @AfterEach
  void dropSchema() throws Exception {
    pools.forEach(org.h2.jdbcx.JdbcConnectionPool::dispose);
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
