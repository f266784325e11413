package dev.crmkit.cli;

import dev.crmkit.core.store.CrmStore;
import dev.crmkit.scoring.table.CoreLogs;
import dev.crmkit.scoring.table.TransactionLog;
import java.nio.file.Path;
import java.time.ZoneOffset;
import javax.sql.ConnectionPoolDataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of the commands that work on a crm-core database ({@code --store}, {@code
 * --store-user}, {@code --store-password}); use it as a picocli {@code @Mixin}.
 *
 * <p>{@code --store} is a JDBC URL, {@code jdbc:h2:...} (an H2 database, e.g. {@code
 * jdbc:h2:file:/data/crm}) or {@code jdbc:postgresql://host/db}, or a folder, which holds the
 * embedded H2 store of {@code CrmStore.embedded}. User and password come from the options or the
 * environment variables {@code CRMKIT_STORE_USER} and {@code CRMKIT_STORE_PASSWORD}. Dates are
 * those of the orders' instants in UTC, as {@code crm import} stores them.
 *
 * <pre>{@code
 * @Mixin StoreOption store;
 * try (StoreOption.Opened db = store.open(spec.commandLine())) { ... db.store() ... }
 * }</pre>
 */
public final class StoreOption {

  @Option(names = "--store", paramLabel = "JDBC-URL",
      description = "A crm-core database: jdbc:h2:file:PATH, jdbc:postgresql://HOST/DB, or a folder"
          + " (an embedded H2 store).")
  String url;

  @Option(names = "--store-user", paramLabel = "USER",
      description = "Database user (default: $CRMKIT_STORE_USER).")
  String user;

  @Option(names = "--store-password", paramLabel = "PASSWORD",
      description = "Database password (default: $CRMKIT_STORE_PASSWORD).")
  String password;

  /** Whether {@code --store} was given. */
  boolean given() {
    return url != null;
  }

  /** A store and the connection pool opened for it; closing closes both. */
  record Opened(CrmStore store, JdbcConnectionPool pool) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
      if (pool != null) {
        pool.dispose();
      }
    }
  }

  /**
   * Opens the store (migrating its schema when it is new).
   *
   * @throws CommandLine.ParameterException when {@code --store} is missing or names an unknown
   *     kind of database
   */
  Opened open(CommandLine commandLine) {
    if (url == null) {
      throw new CommandLine.ParameterException(commandLine, "--store: a JDBC URL or folder is required");
    }
    String u = user != null ? user : System.getenv("CRMKIT_STORE_USER");
    String p = password != null ? password : System.getenv("CRMKIT_STORE_PASSWORD");
    ConnectionPoolDataSource source;
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      if (u != null) {
        h2.setUser(u);
      }
      if (p != null) {
        h2.setPassword(p);
      }
      source = h2;
    } else if (url.startsWith("jdbc:postgresql:")) {
      source = postgres(url, u, p);
    } else if (url.startsWith("jdbc:")) {
      throw new CommandLine.ParameterException(commandLine, "--store: " + url
          + " is not a database crm knows; use jdbc:h2:..., jdbc:postgresql://... or a folder");
    } else {
      return new Opened(CrmStore.embedded(Path.of(url)), null);
    }
    JdbcConnectionPool pool = JdbcConnectionPool.create(source);
    pool.setMaxConnections(8);
    try {
      return new Opened(CrmStore.jdbc(pool), pool);
    } catch (RuntimeException e) {
      pool.dispose();
      throw e;
    }
  }

  /**
   * PostgreSQL's pooled data source; the driver is a runtime dependency of the tool (as it is
   * for a host), so it is made by name.
   */
  private static ConnectionPoolDataSource postgres(String url, String user, String password) {
    try {
      Class<?> type = Class.forName("org.postgresql.ds.PGConnectionPoolDataSource");
      Object pg = type.getConstructor().newInstance();
      // batched inserts (crm import) go as multi-row INSERTs; a URL that says
      // reWriteBatchedInserts=false overrides it
      type.getMethod("setReWriteBatchedInserts", boolean.class).invoke(pg, true);
      type.getMethod("setURL", String.class).invoke(pg, url);
      if (user != null) {
        type.getMethod("setUser", String.class).invoke(pg, user);
      }
      if (password != null) {
        type.getMethod("setPassword", String.class).invoke(pg, password);
      }
      return (ConnectionPoolDataSource) pg;
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new IllegalArgumentException("--store: " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the PostgreSQL driver (org.postgresql:postgresql) is not on"
          + " the class path", e);
    }
  }

  /** The transaction log of every order in the store (returns netted), dates in UTC. */
  TransactionLog transactions(CommandLine commandLine) {
    try (Opened db = open(commandLine)) {
      return CoreLogs.transactions(db.store(), ZoneOffset.UTC);
    }
  }

  /**
   * Checks that exactly one of {@code --input} and {@code --store} is given.
   *
   * @throws CommandLine.ParameterException otherwise
   */
  void requireOneOf(CommandLine commandLine, Object input) {
    if ((input == null) == (url == null)) {
      throw new CommandLine.ParameterException(commandLine, input == null
          ? "one of --input TX.csv or --store JDBC-URL is required"
          : "--input and --store are alternatives: give one of them, not both");
    }
  }
}
