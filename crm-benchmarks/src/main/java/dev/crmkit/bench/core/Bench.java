package dev.crmkit.bench.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

/** What the core benchmarks share: the PostgreSQL server, schemas of their own, load, quantiles. */
final class Bench {

  private Bench() {}

  static String env(String name) {
    String v = System.getenv(name);
    if (v == null) {
      throw new IllegalStateException("set " + name + " (source target/ci-postgres.env)");
    }
    return v;
  }

  /** The benchmark database on the server of CRMKIT_PG_URL (crmkit_bench unless given). */
  static String pgUrl() {
    String url = env("CRMKIT_PG_URL");
    String db = System.getProperty("bench.db", "crmkit_bench");
    return url.substring(0, url.lastIndexOf('/') + 1) + db;
  }

  static Connection pg() throws SQLException {
    return DriverManager.getConnection(pgUrl(), env("CRMKIT_PG_USER"), env("CRMKIT_PG_PASSWORD"));
  }

  /** Creates an empty schema and returns a URL whose connections use it. */
  static String freshSchema(String name) throws SQLException {
    try (Connection c = pg(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      s.execute("CREATE SCHEMA " + name);
    }
    return pgUrl() + "?currentSchema=" + name;
  }

  static void dropSchema(String name) throws SQLException {
    try (Connection c = pg(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }

  /** The 1-, 5- and 15-minute load averages, as {@code uptime} shows them. */
  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The q-quantile (0..1) of the values, nearest rank. */
  static double quantile(long[] values, int n, double q) {
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, rank))];
  }

  static String ms(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }
}
