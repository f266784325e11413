package dev.crmkit.core.store;

import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract on PostgreSQL ({@code CRMKIT_PG_URL}, ...; skipped with a message without them),
 * each test in a schema of its own, dropped afterwards.
 */
class PostgresCrmStoreTest extends JdbcStoreContract {

  private PgSchema schema;
  private final List<JdbcConnectionPool> pools = new ArrayList<>();

  @Override
  CrmStore open() {
    schema = PgSchema.create();
    return reopen();
  }

  @Override
  CrmStore reopen() {
    JdbcConnectionPool pool = schema.newPool();
    pools.add(pool);
    return CrmStore.jdbc(pool);
  }

  @AfterEach
  void dropSchema() {
    pools.forEach(JdbcConnectionPool::dispose);
    if (schema != null) {
      schema.close();
    }
  }
}
