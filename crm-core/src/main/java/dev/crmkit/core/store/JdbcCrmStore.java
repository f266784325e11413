package dev.crmkit.core.store;

import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.StoreException;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.repository.InteractionRepository;
import dev.crmkit.core.repository.OrderRepository;
import dev.crmkit.core.repository.ReturnRepository;
import dev.crmkit.core.store.migration.V2__Read_columns;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.core.timeline.TimelineItem;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC adapter of every port, on H2 or PostgreSQL. Opening it migrates the schema with
 * Flyway (scripts in {@code db/crmkit-core}, history in {@code crm_schema_history}).
 */
final class JdbcCrmStore implements CrmStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcCrmStore.class);

  /** Where the migration scripts are, for a host that runs them in its own Flyway. */
  static final String MIGRATIONS = "classpath:db/crmkit-core";
  /**
   * Where the Java migrations are (V2 back-fills columns from the JSON bodies), for a host's own
   * Flyway; crmkit's store hands them to Flyway as instances (no class scanning, which the module
   * path would need opened).
   */
  static final String JAVA_MIGRATIONS = "classpath:dev/crmkit/core/store/migration";
  static final String HISTORY_TABLE = "crm_schema_history";

  private final JdbcTransactions tx;
  private final AutoCloseable owned;
  private final CustomerRepository customers;
  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final InteractionRepository interactions;
  private final ConcurrentHashMap<String, Records<?>> records = new ConcurrentHashMap<>();
  private final Sequences sequences;
  private final Outbox outbox;
  private final ObjectMapper json = CrmJson.mapper();

  private JdbcCrmStore(DataSource dataSource, AutoCloseable owned, JdbcOptions options) {
    this.tx = new JdbcTransactions(dataSource, options.hostTransactions(),
        options.ownConnections());
    this.owned = owned;
    this.customers = new JdbcCustomerRepository(tx, json);
    this.orders = RecordsRepositories.orders(
        new JdbcRecords<>(RecordsRepositories.ORDERS, tx, json, "crm_order", false, ReadColumns.ORDER));
    this.returns = RecordsRepositories.returns(
        new JdbcRecords<>(RecordsRepositories.RETURNS, tx, json, "crm_return", false, ReadColumns.RETURN));
    this.interactions = RecordsRepositories.interactions(
        new JdbcRecords<>(RecordsRepositories.INTERACTIONS, tx, json, "crm_interaction", false,
            ReadColumns.INTERACTION));
    this.sequences = new JdbcSequences(tx);
    this.outbox = new JdbcOutbox(tx, json);
  }

  static CrmStore open(DataSource dataSource, AutoCloseable owned, JdbcOptions options) {
    notNull("dataSource", dataSource);
    notNull("options", options);
    migrate(dataSource);
    durableCommits(options.ownConnections() != null ? options.ownConnections() : dataSource);
    return new JdbcCrmStore(dataSource, owned, options);
  }

  /**
   * On H2, a commit must be on disk when it returns: H2 writes committed changes in the
   * background half a second later by default ({@code WRITE_DELAY}), so a process killed just
   * after a use case returned would lose it. PostgreSQL is durable as configured by its server.
   */
  private static void durableCommits(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
          .contains("h2")) {
        return;
      }
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET WRITE_DELAY 0");
      } catch (SQLException e) {
        throw new StoreException("the H2 database must write each commit before it returns, and"
            + " this connection may not set that; add ;WRITE_DELAY=0 to the H2 URL or connect as"
            + " the database's administrator", e);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the database", e);
    }
  }

  /**
   * Runs crm-core's migrations on {@code dataSource}. Several processes may start at once on an
   * empty database: Flyway serialises them with a database lock, and a start that lost the race
   * to create the history table tries again.
   */
  static void migrate(DataSource dataSource) {
    String text = textType(dataSource);
    FlywayException last = null;
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        Flyway.configure(JdbcCrmStore.class.getClassLoader())
            .dataSource(dataSource)
            .locations(MIGRATIONS)
            .javaMigrations(new V2__Read_columns())
            .table(HISTORY_TABLE)
            .placeholders(Map.of("text", text))
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
        return;
      } catch (FlywayException e) {
        // the first failure says what went wrong (a later attempt may only see its traces)
        if (last == null) {
          last = e;
        } else {
          last.addSuppressed(e);
        }
        LOG.debug("migration attempt {} failed; trying again", attempt, e);
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new StoreException("migrating the crm-core schema failed", last);
  }

  private static String textType(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      return product.toLowerCase(java.util.Locale.ROOT).contains("h2") ? "CLOB" : "TEXT";
    } catch (SQLException e) {
      throw new StoreException("cannot connect to the database", e);
    }
  }

  /** PostgreSQL's statement interface and its prepare threshold, once the driver is seen. */
  private static volatile @Nullable Method pgPrepareThreshold;
  private static volatile boolean pgLooked;

  /**
   * Prepares a look-up whose best plan depends on its values, such as an {@code IN} list of a
   * bulk import's ids. The PostgreSQL driver turns a statement it has run five times on one
   * connection into a server-side prepared statement, and the server may then keep a generic plan
   * made from the statistics of the moment: for a table that was empty when the import started,
   * a scan of the whole table, which grows with every batch (measured: {@code crm import} of
   * 10,000 customers and 100,000 orders took 63 s instead of 14 s). On PostgreSQL these
   * statements are therefore never server-prepared (prepare threshold 0; the host's other
   * statements keep its setting); other databases get a plain {@code prepareStatement}.
   */
  static PreparedStatement prepareLookup(Connection c, String sql) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    Method threshold = pgPrepareThreshold(ps);
    if (threshold != null) {
      try {
        Class<?> pg = threshold.getDeclaringClass();
        if (ps.isWrapperFor(pg)) {
          threshold.invoke(ps.unwrap(pg), 0);
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.debug("cannot set the prepare threshold of a PostgreSQL statement", e);
      }
    }
    return ps;
  }

  private static @Nullable Method pgPrepareThreshold(PreparedStatement ps) {
    if (!pgLooked) {
      try {
        ClassLoader loader = ps.getClass().getClassLoader();
        Class<?> pg = Class.forName("org.postgresql.PGStatement", false, loader);
        pgPrepareThreshold = pg.getMethod("setPrepareThreshold", int.class);
      } catch (ReflectiveOperationException | LinkageError e) {
        pgPrepareThreshold = null;
      }
      pgLooked = true;
    }
    return pgPrepareThreshold;
  }

  static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Which of {@code values} the database names in its unique-violation error (PostgreSQL:
   * {@code Key (id)=(O-1) already exists}; H2: {@code ... VALUES ( /* 1 *&#47; 'O-1' )}): the
   * value, when one is named; else all of them.
   */
  static Object namedIn(SQLException e, Collection<String> values) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
      if (t instanceof SQLException s && s.getNextException() != null) {
        text.append(s.getNextException().getMessage()).append('\n');
      }
    }
    for (String v : values) {
      if (text.indexOf("=(" + v + ")") >= 0 || text.indexOf("'" + v + "'") >= 0) {
        return v;
      }
    }
    return values;
  }

  @Override
  public CustomerRepository customers() {
    return customers;
  }

  @Override
  public OrderRepository orders() {
    return orders;
  }

  @Override
  public ReturnRepository returns() {
    return returns;
  }

  @Override
  public InteractionRepository interactions() {
    return interactions;
  }

  @Override
  public <T> Records<T> records(RecordType<T> type) {
    return RecordsByType.get(records, type, t -> new JdbcRecords<>(t, tx, json, "crm_record", true));
  }

  @Override
  public Sequences sequences() {
    return sequences;
  }

  @Override
  public Outbox outbox() {
    return outbox;
  }

  @Override
  public Transactions transactions() {
    return tx;
  }

  @Override
  public void forEachOrderFacts(Consumer<? super OrderFacts> action) {
    notNull("action", action);
    tx.withConnection(c -> {
      boolean auto = c.getAutoCommit();
      // PostgreSQL streams with a cursor only inside a transaction
      if (auto) {
        c.setAutoCommit(false);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT o.id, COALESCE(c.survivor_id,"
          + " o.customer_id), o.at, o.amount, o.list_amount, o.currency, o.category,"
          + " CASE WHEN EXISTS (SELECT 1 FROM crm_return r WHERE r.ref = o.id) THEN 1 ELSE 0 END"
          + " FROM crm_order o LEFT JOIN crm_customer c ON c.id = o.customer_id")) {
        ps.setFetchSize(5000);
        Map<String, Currency> currencies = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Currency currency = currencies.computeIfAbsent(rs.getString(6),
                Currency::getInstance);
            action.accept(new OrderFacts(rs.getString(1), CustomerId.of(rs.getString(2)),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                Money.of(rs.getBigDecimal(4), currency), Money.of(rs.getBigDecimal(5), currency),
                rs.getString(7), rs.getInt(8) == 1));
          }
        }
      } finally {
        if (auto) {
          c.commit();
          c.setAutoCommit(true);
        }
      }
      return null;
    });
  }

  @Override
  public List<TimelineItem> timelineItems(Collection<CustomerId> customerIds) {
    notNull("customerIds", customerIds);
    List<String> ids = customerIds.stream().map(CustomerId::value).distinct().toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = " WHERE customer_id IN (" + "?,".repeat(ids.size() - 1) + "?)";
    // a customer never merged has one id: every row is recorded under it, and its 10,000 copies
    // need not be sent and decoded (the client's largest cost is decoding the rows' texts)
    CustomerId only = ids.size() == 1 ? CustomerId.of(ids.get(0)) : null;
    String customer = only != null ? "NULL" : "customer_id";
    String sql = "SELECT 0, id, " + customer + ", at, channel, summary, amount, currency, NULL"
        + " FROM crm_order" + in
        + " UNION ALL SELECT 1, id, " + customer + ", at, channel, summary, amount, currency, NULL"
        + " FROM crm_return" + in
        + " UNION ALL SELECT 2, id, " + customer + ", at, channel, summary, NULL, NULL,"
        + " interaction_type FROM crm_interaction" + in;
    List<TimelineItem> items = tx.withConnection(c -> {
      // a plain prepareStatement, not prepareLookup: the plan (the (customer_id, at) indexes)
      // does not depend on the values, and on PostgreSQL a statement the driver has prepared on
      // the server (after five runs on a connection) receives its instants and amounts in
      // binary, which the client decodes several times faster than their text
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (int part = 0; part < 3; part++) {
          for (String id : ids) {
            ps.setString(p++, id);
          }
        }
        ps.setFetchSize(2000);
        List<TimelineItem> found = new ArrayList<>();
        Map<String, CustomerId> customers = new HashMap<>();
        Map<String, Currency> currencies = new HashMap<>();
        TimelineEntry.Kind[] kinds = TimelineEntry.Kind.values();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            TimelineEntry.Kind kind = kinds[rs.getInt(1)];
            String currency = rs.getString(8);
            String type = rs.getString(9);
            found.add(new TimelineItem(kind, rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getString(2), only != null ? only
                    : customers.computeIfAbsent(rs.getString(3), CustomerId::of),
                Channel.valueOf(rs.getString(5)), rs.getString(6),
                currency == null ? Optional.empty() : Optional.of(Money.of(rs.getBigDecimal(7),
                    currencies.computeIfAbsent(currency, Currency::getInstance))),
                type == null ? Optional.empty() : Optional.of(InteractionType.valueOf(type))));
          }
        }
        return found;
      }
    });
    items.sort(TimelineItem.ORDER);
    return List.copyOf(items);
  }

  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        LOG.warn("closing the store's connection pool failed", e);
      }
    }
  }
}
