package dev.crmkit.core.store;

/**
 * Options of the JDBC store.
 *
 * @param hostTransactions when true, the data source hands out connections that take part in
 *     the host's own transaction (for example Spring's {@code TransactionAwareDataSourceProxy}
 *     inside a {@code @Transactional} method): crmkit then never commits, rolls back or changes
 *     auto-commit on them, the host's transaction decides, and the stored events are relayed
 *     when the host calls {@code crm.relayEvents()} after its commit
 */
public record JdbcOptions(boolean hostTransactions) {

  /** crmkit runs its own transactions (the default). */
  public static final JdbcOptions DEFAULTS = new JdbcOptions(false);

  /** Connections join the host's transactions. */
  public static JdbcOptions hostManaged() {
    return new JdbcOptions(true);
  }
}
