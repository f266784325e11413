package dev.crmkit.bench.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.loyalty.InsufficientPointsException;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Ledger writes per second: an earning purchase, or a redemption, each one atomic, idempotent
 * operation on one of 10,000 members (so ledgers stay short), in memory and on PostgreSQL
 * ({@code CRMKIT_PG_URL}, {@code CRMKIT_PG_USER}, {@code CRMKIT_PG_PASSWORD}; a fresh schema
 * per run, dropped afterwards). See docs/benchmarks-loyalty.md for the command and figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class LoyaltyBenchmark {

  static final String PROGRAM = """
      {"id": "bench", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": 0,
       "expiry": {"policy": "end-of-year", "years": 1}, "returnPolicy": "within-balance",
       "rules": [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down",
                  "categoryMultipliers": {"coffee": "2"}}]}""";
  static final int MEMBERS = 10_000;

  @Param({"memory", "postgres"})
  public String store;

  private LedgerStore ledger;
  private JdbcConnectionPool pool;
  private String schema;
  private Loyalty loyalty;
  private final AtomicLong sequence = new AtomicLong();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (store.equals("memory")) {
      ledger = LedgerStore.inMemory();
    } else {
      String url = required("CRMKIT_PG_URL");
      schema = "loyalty_bench_" + run;
      try (Connection c = DriverManager.getConnection(url, required("CRMKIT_PG_USER"), required("CRMKIT_PG_PASSWORD"));
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
      pg.setUrl(url);
      pg.setUser(required("CRMKIT_PG_USER"));
      pg.setPassword(required("CRMKIT_PG_PASSWORD"));
      pg.setCurrentSchema(schema);
      pool = JdbcConnectionPool.create(pg);
      pool.setMaxConnections(8);
      ledger = LedgerStore.jdbc(pool);
    }
    loyalty = Loyalty.of(LoyaltyProgram.fromJson(PROGRAM), ledger, Clock.systemUTC());
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    ledger.close();
    if (pool != null) {
      pool.dispose();
      try (Connection c = DriverManager.getConnection(required("CRMKIT_PG_URL"), required("CRMKIT_PG_USER"),
          required("CRMKIT_PG_PASSWORD")); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set; source target/ci-postgres.env first");
    }
    return value;
  }

  /** One purchase that earns points (a new order, a new key). */
  @Benchmark
  public long earn() {
    long n = sequence.incrementAndGet();
    CustomerId member = CustomerId.of("m" + (n % MEMBERS));
    Purchase p = new Purchase(member, "O-" + run + "-" + n,
        List.of(new Purchase.Line("ESP", "coffee", 1, Money.of("3.20", "EUR")),
            new Purchase.Line("CAKE", "food", 1, Money.of("4.90", "EUR"))));
    return loyalty.purchase(p, "k-" + run + "-" + n).points();
  }

  /** One purchase and one redemption of part of the points on the same member. */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(2)
  public long earnThenRedeem() {
    long n = sequence.incrementAndGet();
    CustomerId member = CustomerId.of("m" + (n % MEMBERS));
    Purchase p = new Purchase(member, "O-" + run + "-" + n,
        List.of(new Purchase.Line("ESP", "coffee", 1, Money.of("3.20", "EUR"))));
    loyalty.purchase(p, "k-" + run + "-" + n);
    try {
      return loyalty.redeem(member, 5, "pay-" + n, "r-" + run + "-" + n).points();
    } catch (InsufficientPointsException e) {
      return 0;
    }
  }
}
