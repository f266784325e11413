package dev.crmkit.bench.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Issue 19's figures side by side in one run (docs/benchmarks-loyalty.md): earns per second on
 * one PostgreSQL member at 1k, 10k and 50k ledger entries, and {@code expireDue()} with nothing
 * due over growing member counts, in memory and on PostgreSQL. Plain timing (no JMH): each figure
 * is the best of three rounds.
 *
 * <pre>java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.loyalty.LedgerScaleFigures</pre>
 */
public final class LedgerScaleFigures {

  private LedgerScaleFigures() {}

  public static void main(String[] args) throws Exception {
    LoyaltyProgram program = LoyaltyProgram.fromJson(LoyaltyBenchmark.PROGRAM);
    String url = System.getenv("CRMKIT_PG_URL");
    String user = System.getenv("CRMKIT_PG_USER");
    String password = System.getenv("CRMKIT_PG_PASSWORD");

    // one member, deep ledger (each purchase writes 2 entries)
    try (Pg pg = new Pg(url, user, password)) {
      LedgerStore store = LedgerStore.jdbc(pg.pool);
      SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
      Loyalty loyalty = Loyalty.of(program, store, clock);
      int written = 0;
      for (int depth : new int[] {1_000, 10_000, 50_000}) {
        while (written * 2 < depth) {
          loyalty.purchase(purchase("deep", "fill-" + written), "fill-" + written);
          written++;
          clock.advance(Duration.ofSeconds(1));
        }
        double best = 0;
        for (int round = 0; round < 3; round++) {
          int n = 300;
          long t0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            loyalty.purchase(purchase("deep", "m-" + depth + "-" + round + "-" + i), "m-" + depth + "-" + round + "-" + i);
            clock.advance(Duration.ofSeconds(1));
          }
          best = Math.max(best, n / ((System.nanoTime() - t0) / 1e9));
          written += 0;
        }
        System.out.printf("postgres earn, one member at %,d entries: %,.0f ops/s%n", store.entries(CustomerId.of("deep")).size(), best);
      }
      System.out.printf("postgres verify of that member: %s%n", store.verify(CustomerId.of("deep")).isEmpty() ? "clean" : "DIFFERENCES");
    }

    // expireDue with nothing due
    for (int members : new int[] {10_000, 100_000}) {
      LedgerStore memory = LedgerStore.inMemory();
      fill(program, memory, members);
      System.out.printf("memory expireDue, nothing due, %,d members: %.3f ms%n", members, expireDue(program, memory) / 1e6);
    }
    for (int members : new int[] {2_000, 20_000}) {
      try (Pg pg = new Pg(url, user, password)) {
        LedgerStore store = LedgerStore.jdbc(pg.pool);
        fill(program, store, members);
        System.out.printf("postgres expireDue, nothing due, %,d members: %.3f ms; liability: %.1f ms%n", members,
            expireDue(program, store) / 1e6, liability(program, store) / 1e6);
      }
    }
  }

  private static void fill(LoyaltyProgram program, LedgerStore store, int members) {
    SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    Loyalty loyalty = Loyalty.of(program, store, clock);
    for (int m = 0; m < members; m++) {
      loyalty.purchase(purchase("m" + m, "o" + m), "k" + m);
    }
  }

  private static long expireDue(LoyaltyProgram program, LedgerStore store) {
    SettableClock clock = SettableClock.of(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    Loyalty loyalty = Loyalty.of(program, store, clock);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      if (loyalty.expireDue() != 0) {
        throw new IllegalStateException("something was due");
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  private static long liability(LoyaltyProgram program, LedgerStore store) {
    Loyalty loyalty = Loyalty.of(program, store, SettableClock.of(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      loyalty.liability();
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }

  private static Purchase purchase(String member, String order) {
    return new Purchase(CustomerId.of(member), order, List.of(
        new Purchase.Line("latte", "coffee", 1, Money.of("3.50", "EUR")),
        new Purchase.Line("bagel", "food", 1, Money.of("2.80", "EUR"))));
  }

  /** A fresh schema (named with the prefix and a random suffix), dropped at the end. */
  static final class Pg implements AutoCloseable {
    final JdbcConnectionPool pool;
    final String url;
    final String user;
    final String password;
    final String schema;

    Pg(String url, String user, String password) throws Exception {
      this("loyalty_figures_", url, user, password);
    }

    Pg(String prefix, String url, String user, String password) throws Exception {
      this.schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      this.url = url;
      this.user = user;
      this.password = password;
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      pg.setUrl(url);
      pg.setUser(user);
      pg.setPassword(password);
      pg.setCurrentSchema(schema);
      pool = JdbcConnectionPool.create(pg);
    }

    @Override
    public void close() throws Exception {
      pool.dispose();
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
