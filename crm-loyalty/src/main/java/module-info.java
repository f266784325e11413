/**
 * crmkit's loyalty programs on an append-only points ledger, with in-memory, H2 and PostgreSQL
 * stores. One package, exported.
 */
module dev.crmkit.loyalty {
  // nullness is stated with JSpecify (@NullMarked packages, @Nullable where null is allowed)
  requires transitive org.jspecify;
  // in the API: crm-core's Money and CustomerId, and java.sql's DataSource (LedgerStore.jdbc)
  requires transitive dev.crmkit.core;
  requires transitive java.sql;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;
  // Flyway has no module name of its own: the name derived from flyway-core-<version>.jar
  requires flyway.core;
  // LedgerStore.h2(Path), the embedded store: only when the host puts H2 on its path
  requires static com.h2database;
  requires java.naming;

  exports dev.crmkit.loyalty;

  // Jackson reads programs and replay events, and writes receipts, by reflection
  opens dev.crmkit.loyalty to com.fasterxml.jackson.databind;
}
