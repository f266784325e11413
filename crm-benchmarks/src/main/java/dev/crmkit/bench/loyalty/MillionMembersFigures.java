package dev.crmkit.bench.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Liability;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Issue 19's periodic jobs at 1,000,000 members on PostgreSQL (docs/benchmarks-loyalty.md):
 * {@code expireDue()} with nothing due and {@code liability()}, plain timing, first call and best
 * of five. The members are made fast: one member purchases through {@link Loyalty} (so its rows
 * are what the store writes), then SQL copies its member row, operation, entries and open lot to
 * N members, each with its own id, key and order, and an expiry shifted by 0 to 299 days (so the
 * liability spreads over ten months); a sample of the copies is checked with {@code verify}.
 *
 * <pre>java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.loyalty.MillionMembersFigures [members]</pre>
 *
 * <p>Reads {@code CRMKIT_PG_URL}, {@code CRMKIT_PG_USER}, {@code CRMKIT_PG_PASSWORD}; works in a
 * fresh schema, dropped at the end.
 */
public final class MillionMembersFigures {

  private MillionMembersFigures() {}

  public static void main(String[] args) throws Exception {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String url = requireEnv("CRMKIT_PG_URL");
    String user = requireEnv("CRMKIT_PG_USER");
    String password = requireEnv("CRMKIT_PG_PASSWORD");
    try (LedgerScaleFigures.Pg pg = new LedgerScaleFigures.Pg("loyalty_million_", url, user, password);
        LedgerStore store = LedgerStore.jdbc(pg.pool)) {
      JdbcConnectionPool pool = pg.pool;
      LoyaltyProgram program = LoyaltyProgram.fromJson(LoyaltyBenchmark.PROGRAM);
      Instant bought = Instant.parse("2026-03-02T10:00:00Z");
      Loyalty probe = Loyalty.of(program, store, SettableClock.of(bought, ZoneOffset.UTC));
      probe.purchase(new Purchase(CustomerId.of("probe"), "o-probe", List.of(
          new Purchase.Line("latte", "coffee", 1, Money.of("3.50", "EUR")),
          new Purchase.Line("bagel", "food", 1, Money.of("2.80", "EUR")))), "k-probe");

      long t0 = System.nanoTime();
      copy(pool, members);
      System.out.printf("made %,d members by SQL copies of the probe in %.1f s%n", members, (System.nanoTime() - t0) / 1e9);
      int checked = 0;
      for (int i = 1; i <= members; i += Math.max(1, members / 200)) {
        CustomerId m = CustomerId.of(id(i));
        if (!store.verify(m).isEmpty() || store.entries(m).size() != 2) {
          throw new IllegalStateException("copied member " + m + " is not what the store writes: " + store.verify(m));
        }
        checked++;
      }
      System.out.printf("verify of %d copied members: clean%n", checked);

      // the day after the purchases: nothing is due (the earliest expiry is the end of 2027)
      Loyalty loyalty = Loyalty.of(program, store, SettableClock.of(bought.plusSeconds(86_400), ZoneOffset.UTC));
      long[] expiry = firstAndBest(() -> {
        if (loyalty.expireDue() != 0) {
          throw new IllegalStateException("something was due");
        }
      });
      System.out.printf("postgres expireDue, nothing due, %,d members: first %.2f ms, best of 5 %.2f ms%n",
          members + 1, expiry[0] / 1e6, expiry[1] / 1e6);
      long[] liability = firstAndBest(loyalty::liability);
      Liability owed = loyalty.liability();
      System.out.printf("postgres liability, %,d members (%,d points, %d expiry months): first %.0f ms, best of 5 %.0f ms%n",
          members + 1, owed.points(), owed.byExpiryMonth().size(), liability[0] / 1e6, liability[1] / 1e6);
    }
  }

  /** The first call's time and the best of five more, in nanoseconds. */
  private static long[] firstAndBest(Runnable call) {
    long first = 0;
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 6; round++) {
      long t = System.nanoTime();
      call.run();
      long took = System.nanoTime() - t;
      if (round == 0) {
        first = took;
      } else {
        best = Math.min(best, took);
      }
    }
    return new long[] {first, best};
  }

  private static String id(int i) {
    return String.format("b%07d", i);
  }

  /** Copies the probe's rows to members 1..n (PostgreSQL SQL; one transaction per table). */
  private static void copy(JdbcConnectionPool pool, int n) throws Exception {
    String member = "'b' || lpad(g::text, 7, '0')";
    String shift = " + (g % 300) * INTERVAL '1 day'";
    String series = " FROM %s p, generate_series(1, ?) g WHERE p.member_id = 'probe'";
    List<String> copies = List.of(
        "INSERT INTO loyalty_member (member_id, last_seq, debt, total, earned, spent, expired, reversed, purchases)"
            + " SELECT " + member + ", last_seq, debt, total, earned, spent, expired, reversed, purchases"
            + series.formatted("loyalty_member"),
        "INSERT INTO loyalty_operation (op_key, member_id, fingerprint, created_at)"
            + " SELECT 'k-' || g, " + member + ", fingerprint, created_at" + series.formatted("loyalty_operation"),
        "INSERT INTO loyalty_entry (member_id, seq, kind, points, lot, occurred_at, available_at, expires_at, reason,"
            + " ref, spend, op_key) SELECT " + member + ", seq, kind, points, lot, occurred_at, available_at,"
            + " expires_at" + shift + ", reason, CASE WHEN ref IS NULL THEN NULL ELSE 'o-' || g END, spend, 'k-' || g"
            + series.formatted("loyalty_entry"),
        "INSERT INTO loyalty_lot (member_id, lot_seq, kind, ref, available_at, expires_at, expiry_key, remaining)"
            + " SELECT " + member + ", lot_seq, kind, CASE WHEN ref IS NULL THEN NULL ELSE 'o-' || g END, available_at,"
            + " expires_at" + shift + ", expiry_key" + shift + ", remaining" + series.formatted("loyalty_lot"));
    try (Connection c = pool.getConnection()) {
      for (String sql : copies) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setInt(1, n);
          ps.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE loyalty_member, loyalty_operation, loyalty_entry, loyalty_lot");
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM loyalty_lot")) {
        rs.next();
        System.out.printf("open lots: %,d%n", rs.getLong(1));
      }
    }
  }

  private static String requireEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: source target/ci-postgres.env and export the CRMKIT_PG_* variables");
    }
    return value;
  }
}
