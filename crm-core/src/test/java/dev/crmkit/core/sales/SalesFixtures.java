package dev.crmkit.core.sales;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.store.CrmStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A clock the test sets by hand, and a facade with sequential ids on one of the stores. */
public final class SalesFixtures {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private SalesFixtures() {}

  /** The stores the behaviour tests run on. */
  public enum Store {
    /** {@code CrmStore.inMemory()}. */
    MEMORY,
    /** The JDBC adapter on a private in-memory H2 database (schema migrated by Flyway). */
    H2
  }

  /** A facade on a fresh store of that kind; {@link Opened#close()} drops the database. */
  public record Opened(Crm crm, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }

  static Crm crm(Clock clock) {
    return open(Store.MEMORY, clock).crm();
  }

  public static Opened open(Store kind, Clock clock) {
    if (kind == Store.MEMORY) {
      return new Opened(Crm.builder().clock(clock).ids(IdGenerator.sequential()).build(),
          () -> {});
    }
    org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sales-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    CrmStore store = CrmStore.jdbc(h2);
    Crm crm = Crm.builder().clock(clock).store(store).ids(IdGenerator.sequential()).build();
    return new Opened(crm, () -> {
      store.close();
      try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static Instant day(double days) {
    return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }
}
