package dev.crmkit.core.store;

import javax.sql.DataSource;

/**
 * Options of the JDBC store.
 *
 * @param hostTransactions when true, the store's data source hands out connections that take
 *     part in the host's own transaction (Spring's {@code TransactionAwareDataSourceProxy}): a
 *     crmkit call made while such a transaction is open (its connection has auto-commit off)
 *     joins it, and crmkit neither commits nor rolls back; a call made outside one runs in a
 *     transaction of crmkit's own. The stored events are relayed when the host calls
 *     {@code crm.relayEvents()} after its commit
 * @param ownConnections with host transactions, the plain pool (not the transaction-aware
 *     proxy): the event relay and the id counters take their connections there, in short
 *     transactions of their own, so that they never become part of the host's; null without
 *     host transactions (the store's data source serves)
 */
public record JdbcOptions(boolean hostTransactions, DataSource ownConnections) {

  /** crmkit runs its own transactions (the default). */
  public static final JdbcOptions DEFAULTS = new JdbcOptions(false, null);

  public JdbcOptions {
    if (hostTransactions && ownConnections == null) {
      throw new IllegalArgumentException("ownConnections: is required with host transactions;"
          + " pass the plain pool, e.g. JdbcOptions.hostManaged(pool)");
    }
  }

  /**
   * Connections of the store's data source join the host's transactions; {@code pool} (the
   * plain pool behind it) serves the event relay and the id counters.
   *
   * <pre>{@code
   * CrmStore.jdbc(new TransactionAwareDataSourceProxy(pool), JdbcOptions.hostManaged(pool));
   * }</pre>
   */
  public static JdbcOptions hostManaged(DataSource pool) {
    if (pool == null) {
      throw new IllegalArgumentException("pool: is required (the plain DataSource behind the"
          + " transaction-aware one)");
    }
    return new JdbcOptions(true, pool);
  }
}
