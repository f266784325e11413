package dev.crmkit.core.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Two processes on one PostgreSQL schema (skipped with a message without CRMKIT_PG_URL, ...). */
class PostgresMultiProcessTest extends MultiProcessContract {

  private PgSchema schema;

  @BeforeEach
  void createSchema() {
    schema = PgSchema.create();
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      schema.close();
    }
  }

  @Override
  String target() {
    return "pg:" + schema.name;
  }

  @Override
  CrmStore open() {
    return StoreWorker.open(target());
  }
}
