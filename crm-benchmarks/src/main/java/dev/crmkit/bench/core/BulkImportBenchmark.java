package dev.crmkit.bench.core;

import dev.crmkit.bench.scoring.TransactionCsvGenerator;
import dev.crmkit.core.store.CrmStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code crm import} against a plain JDBC batch insert of the same rows into the same tables,
 * on PostgreSQL or H2, alternating, each run into a fresh schema (or H2 folder).
 *
 * <p>crmkit: {@code java -jar crm.jar import --customers C.csv --orders O.csv --store URL} in a
 * fresh JVM, as users run it (wall time includes the JVM start and the schema migration). The
 * peer: reads the same two files in this JVM, makes the same rows (the same JSON bodies, the
 * same derived order ids, the customers' e-mail keys) and inserts them with
 * {@code executeBatch}, committing every 500 rows like {@code crm import}; it checks nothing
 * and writes no events. The schema is migrated before the peer's clock starts. Both use the
 * driver's {@code reWriteBatchedInserts=true} (crm's {@code --store} sets it on PostgreSQL).
 *
 * <pre>{@code
 * set -a; source target/ci-postgres.env; set +a
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.core.BulkImportBenchmark \
 *     postgres 100000 1000000 3 crm-cli/target/crm.jar target/bench-core
 * }</pre>
 *
 * <p>{@code CRM.jar} may be a comma-separated list (this build's jar and an older one): each
 * round then runs the peer and every jar, each round starting with the next of them, so that
 * old and new code are compared in the same minutes. {@code -Dbench.keep=true} keeps crmkit's
 * imported schemas (for {@code crm rfm --store}); {@code -Dbench.db=NAME} uses another database
 * of the server than {@code crmkit_bench}.
 */
public final class BulkImportBenchmark {

  private static final int BATCH = 500;

  private BulkImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: BulkImportBenchmark postgres|h2 CUSTOMERS LINES ROUNDS"
          + " CRM.jar[,OTHER-CRM.jar...] WORKDIR");
      System.exit(2);
    }
    String target = args[0];
    int customers = Integer.parseInt(args[1]);
    long lines = Long.parseLong(args[2]);
    int rounds = Integer.parseInt(args[3]);
    // several jars (e.g. this build's and an older one) run in the same rounds as the peer
    List<Path> jars = java.util.Arrays.stream(args[4].split(",")).map(Path::of).toList();
    Path work = Path.of(args[5]);
    Files.createDirectories(work);
    Path customerCsv = work.resolve("customers-" + customers + ".csv");
    Path orderCsv = work.resolve("orders-" + lines + "-" + customers + ".csv");
    if (!Files.exists(customerCsv)) {
      writeCustomers(customerCsv, customers);
    }
    if (!Files.exists(orderCsv)) {
      TransactionCsvGenerator.write(orderCsv, lines, customers, 42L);
    }
    long rows = customers + lines;
    System.out.printf("%s: %d customers + %d order lines = %d rows (%d + %d bytes)%n", target,
        customers, lines, rows, Files.size(customerCsv), Files.size(orderCsv));
    int runs = jars.size() + 1;
    for (int r = 1; r <= rounds; r++) {
      // the peer and each jar in turn; each round starts with the next one
      for (int k = 0; k < runs; k++) {
        int which = (k + r - 1) % runs; // 0: the peer, j: jars[j - 1]
        boolean peer = which == 0;
        Path jar = peer ? null : jars.get(which - 1);
        String label = peer ? "jdbc" : jars.size() == 1 ? "crmkit" : "crmkit" + which;
        String name = "imp_" + (peer ? "peer" : "crm" + which) + "_" + r;
        String load = Bench.load();
        String url = target.equals("h2")
            ? "jdbc:h2:file:" + work.toAbsolutePath().resolve(name).resolve("crm")
            : Bench.freshSchema(name);
        if (target.equals("h2")) {
          deleteTree(work.resolve(name));
        }
        double seconds = peer ? peer(url, target, customerCsv, orderCsv)
            : crm(jar, url, customerCsv, orderCsv);
        long[] counts = counts(url, target);
        System.out.printf(Locale.ROOT,
            "round %d %-7s %7.1f s %8.0f rows/s  (stored: %d customers, %d orders; load before: %s)%n",
            r, label, seconds, rows / seconds, counts[0], counts[1], load);
        if (counts[0] != customers || counts[1] != lines) {
          throw new IllegalStateException("unexpected counts " + counts[0] + "/" + counts[1]);
        }
        if (!peer && Boolean.getBoolean("bench.keep")) {
          System.out.println("    kept " + url + " (-Dbench.keep=true)");
        } else if (target.equals("h2")) {
          deleteTree(work.resolve(name));
        } else {
          Bench.dropSchema(name);
        }
      }
    }
  }

  static void writeCustomers(Path out, int n) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("id,name,email\n");
      for (int i = 0; i < n; i++) {
        w.write("C" + i + ",Customer " + i + ",c" + i + "@example.com\n");
      }
    }
  }

  /** crm import in a fresh JVM; the wall time of the process. */
  static double crm(Path jar, String url, Path customers, Path orders) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "import",
        "--customers", customers.toString(), "--orders", orders.toString(), "--store", url);
    Map<String, String> env = pb.environment();
    env.remove("CRMKIT_STORE_USER");
    env.remove("CRMKIT_STORE_PASSWORD");
    if (url.startsWith("jdbc:postgresql")) {
      env.put("CRMKIT_STORE_USER", Bench.env("CRMKIT_PG_USER"));
      env.put("CRMKIT_STORE_PASSWORD", Bench.env("CRMKIT_PG_PASSWORD"));
    }
    pb.redirectErrorStream(true);
    long start = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    for (String line : out.split("\n")) {
      if (line.contains("rows/s") || line.contains("added")) {
        System.out.println("    crm: " + line.strip());
      }
    }
    if (exit != 0) {
      throw new IllegalStateException("crm import failed:\n" + out);
    }
    return seconds;
  }

  private static javax.sql.DataSource dataSource(String url, String target) {
    if (target.equals("h2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      return h2;
    }
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setReWriteBatchedInserts(true); // as crm's --store does
    pg.setUrl(url);
    pg.setUser(Bench.env("CRMKIT_PG_USER"));
    pg.setPassword(Bench.env("CRMKIT_PG_PASSWORD"));
    return pg;
  }

  /** The plain batch insert; the schema is migrated first, outside the time. */
  static double peer(String url, String target, Path customers, Path orders) throws Exception {
    CrmStore.jdbc(dataSource(url, target)).close();
    long start = System.nanoTime();
    try (Connection c = dataSource(url, target).getConnection()) {
      c.setAutoCommit(false);
      String now = Instant.now().toString();
      try (BufferedReader in = Files.newBufferedReader(customers, StandardCharsets.UTF_8);
          PreparedStatement cust = c.prepareStatement("INSERT INTO crm_customer (id, survivor_id,"
              + " code, kind, registered_at, version, body) VALUES (?, NULL, ?, ?, ?, 1, ?)");
          PreparedStatement key = c.prepareStatement(
              "INSERT INTO crm_customer_key (key_value, customer_id) VALUES (?, ?)")) {
        in.readLine();
        String line;
        int n = 0;
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        while ((line = in.readLine()) != null) {
          String[] f = line.split(",", -1);
          cust.setString(1, f[0]);
          cust.setString(2, f[0]);
          cust.setString(3, "individual");
          cust.setObject(4, at);
          cust.setString(5, "{\"kind\":\"individual\",\"id\":\"" + f[0] + "\",\"code\":\"" + f[0]
              + "\",\"name\":\"" + f[1] + "\",\"aliases\":[],\"keys\":{\"nationalIds\":[],"
              + "\"phones\":[],\"emails\":[\"" + f[2] + "\"],\"externalIds\":[]},\"profile\":"
              + "{\"birthDate\":null,\"occupation\":null,\"incomeBand\":null,\"region\":null},"
              + "\"ownership\":{\"accountManager\":null,\"technicalSupportOwner\":null},"
              + "\"consents\":{},\"mergedIds\":[],\"registeredAt\":\"" + now + "\"}");
          cust.addBatch();
          key.setString(1, "EMAIL:" + f[2]);
          key.setString(2, f[0]);
          key.addBatch();
          if (++n % BATCH == 0) {
            cust.executeBatch();
            key.executeBatch();
            c.commit();
          }
        }
        cust.executeBatch();
        key.executeBatch();
        c.commit();
      }
      try (BufferedReader in = Files.newBufferedReader(orders, StandardCharsets.UTF_8);
          // with the plain read columns of schema V2, as crm writes them
          PreparedStatement ord = c.prepareStatement("INSERT INTO crm_order (id, customer_id, at,"
              + " ref, version, body, amount, list_amount, currency, category, channel, summary)"
              + " VALUES (?,?,?,NULL,1,?,?,?,'EUR','uncategorized','STORE',?)")) {
        in.readLine();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        String line;
        long number = 1;
        int n = 0;
        while ((line = in.readLine()) != null) {
          number++;
          String[] f = line.split(",", -1);
          // the id crm import derives for a row without order_id
          String id = "R-" + hex.formatHex(sha.digest((number + "\n" + line)
              .getBytes(StandardCharsets.UTF_8)), 0, 12);
          Instant at = LocalDate.parse(f[1]).atStartOfDay(ZoneOffset.UTC).toInstant();
          ord.setString(1, id);
          ord.setString(2, f[0]);
          ord.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
          ord.setString(4, "{\"id\":\"" + id + "\",\"customerId\":\"" + f[0]
              + "\",\"orderedAt\":\"" + at + "\",\"channel\":\"STORE\",\"currency\":\"EUR\","
              + "\"lines\":[{\"lineNumber\":1,\"sku\":\"unknown\",\"category\":\"uncategorized\","
              + "\"quantity\":1,\"unitListPrice\":{\"amount\":\"" + f[2] + "\",\"currency\":"
              + "\"EUR\"},\"unitPricePaid\":{\"amount\":\"" + f[2] + "\",\"currency\":\"EUR\"}}],"
              + "\"campaignId\":null}");
          java.math.BigDecimal amount = new java.math.BigDecimal(f[2]).setScale(2);
          ord.setBigDecimal(5, amount);
          ord.setBigDecimal(6, amount);
          ord.setString(7, "1 item, paid " + amount + " EUR");
          ord.addBatch();
          if (++n % BATCH == 0) {
            ord.executeBatch();
            c.commit();
          }
        }
        ord.executeBatch();
        c.commit();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  static long[] counts(String url, String target) throws SQLException {
    try (Connection c = dataSource(url, target).getConnection(); Statement s = c.createStatement()) {
      long[] counts = new long[2];
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_customer")) {
        rs.next();
        counts[0] = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_order")) {
        rs.next();
        counts[1] = rs.getLong(1);
      }
      return counts;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(walk.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.delete(p);
      }
    }
  }
}
