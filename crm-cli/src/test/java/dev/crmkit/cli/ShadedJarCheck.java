package dev.crmkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Checks the shaded {@code crm.jar} after {@code package}: run by the exec execution of
 * crm-cli's pom at {@code verify}, so {@code mvn verify} (and CI) fails when the jar carries a
 * test framework, or when a class that the shade plugin's minimization dropped is missing at run
 * time, or when it is larger than {@link #MAX_BYTES}. It then runs the jar as a user does, in a
 * fresh JVM: {@code --help}, {@code crm demo} on a small generated base (the generator, every
 * strategy, the CLV fits, loyalty, the report), {@code crm import} into an H2 store and {@code crm rfm --store} and {@code crm report --store}
 * on it (Flyway, H2 with AUTO_SERVER), {@code crm report}, {@code abc}, {@code summarize},
 * {@code clv fit} and {@code clv value} on the CSV, {@code crm loyalty replay} into an H2 ledger
 * (crm-loyalty's migrations); and import, rfm, report and the loyalty replay on PostgreSQL when
 * {@code CRMKIT_PG_URL}, {@code CRMKIT_PG_USER} and {@code CRMKIT_PG_PASSWORD} are set (as in
 * CI). The jar is minimized (crm-cli's pom): this is what shows a class dropped that a command
 * needs.
 *
 * <pre>java -cp crm-cli/target/test-classes:... dev.crmkit.cli.ShadedJarCheck crm-cli/target/crm.jar</pre>
 */
public final class ShadedJarCheck {

  /** Packages of test frameworks that must never be inside the tool's jar. */
  static final List<String> FORBIDDEN =
      List.of("org/junit/", "net/jqwik/", "org/assertj/", "net/bytebuddy/", "org/opentest4j/",
          "org/apiguardian/");

  /**
   * The most crm.jar may weigh: 40 % below the 15,190,004 bytes of the tool's jar when it still
   * lived in examples (issue 16, item 4; docs/benchmarks-cli.md).
   */
  static final long MAX_BYTES = 9_114_002;

  private ShadedJarCheck() {}

  /** Throws when {@code jar} is larger than {@code maxBytes}, naming both sizes. */
  static void checkSize(Path jar, long maxBytes) throws IOException {
    long size = Files.size(jar);
    if (size > maxBytes) {
      throw new IllegalStateException(jar.getFileName() + " is " + size + " bytes, over its "
          + maxBytes + " (40 % below the 15,190,004 of the tool in examples): see what grew with"
          + " unzip -v, and keep crm-cli's shade filters minimizing it (docs/benchmarks-cli.md)");
    }
  }

  /** The entries of {@code jar} (also under META-INF/versions/N/) in a forbidden package. */
  static List<String> forbiddenEntries(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      return j.stream()
          .map(e -> e.getName())
          .filter(name -> FORBIDDEN.stream().anyMatch(p -> withoutVersion(name).startsWith(p)))
          .toList();
    }
  }

  private static String withoutVersion(String name) {
    return name.matches("META-INF/versions/\\d+/.*") ? name.replaceFirst("META-INF/versions/\\d+/", "") : name;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ShadedJarCheck PATH/TO/crm.jar");
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: run mvn package first");
    }
    List<String> forbidden = forbiddenEntries(jar);
    if (!forbidden.isEmpty()) {
      throw new IllegalStateException(jar.getFileName() + " carries " + forbidden.size()
          + " entries of test frameworks, e.g. " + forbidden.subList(0, Math.min(5, forbidden.size()))
          + "; keep crm-testkit and the test frameworks in test scope");
    }
    checkSize(jar, MAX_BYTES);
    System.out.println("crm.jar: " + Files.size(jar) + " bytes (at most " + MAX_BYTES
        + "), no test framework inside");

    Path dir = Files.createTempDirectory("crm-jar-check");
    try {
      run(jar, dir, "--help");
      run(jar, dir, "demo", "--customers", "2000", "--out", dir.resolve("report").toString());
      if (!Files.isRegularFile(dir.resolve("report/index.html"))) {
        throw new IllegalStateException("crm demo wrote no report/index.html");
      }
      Path orders = ImportCommandTest.transactions(dir.resolve("orders.csv"), 2000, 300, 7);
      String h2 = ImportCommandTest.h2(dir.resolve("store"));
      run(jar, dir, "import", "--orders", orders.toString(), "--store", h2);
      run(jar, dir, "rfm", "--store", h2, "--as-of", ImportCommandTest.AS_OF, "--output",
          dir.resolve("rfm-h2.csv").toString());
      run(jar, dir, "report", "--store", h2, "--out", dir.resolve("report-h2").toString());
      report(dir.resolve("report-h2"));
      run(jar, dir, "report", "--input", orders.toString(), "--out",
          dir.resolve("report-csv").toString());
      report(dir.resolve("report-csv"));
      run(jar, dir, "abc", "--input", orders.toString(), "--as-of", ImportCommandTest.AS_OF,
          "--output", dir.resolve("abc.csv").toString());
      Path summary = dir.resolve("summary.csv");
      run(jar, dir, "summarize", "--input", orders.toString(), "--calibration-end", "2024-09-30",
          "--observation-end", ImportCommandTest.AS_OF, "--output", summary.toString());
      run(jar, dir, "clv", "fit", "--model", "pareto-nbd", "--input", summary.toString(),
          "--output", dir.resolve("pnbd.json").toString());
      run(jar, dir, "clv", "fit", "--model", "gamma-gamma", "--input", summary.toString(),
          "--output", dir.resolve("gg.json").toString());
      run(jar, dir, "clv", "value", "--transaction-fit", dir.resolve("pnbd.json").toString(),
          "--spend-fit", dir.resolve("gg.json").toString(), "--input", summary.toString(),
          "--horizon-months", "12", "--discount-rate", "0.01");
      Path program = resource(dir, "coffee-club.json");
      Path events = resource(dir, "coffee-club-events.jsonl");
      run(jar, dir, "loyalty", "replay", "--program", program.toString(), "--events",
          events.toString(), "--as-of", "2026-02-04", "--skip-bad-rows", "--store",
          ImportCommandTest.h2(dir.resolve("ledger")), "--output",
          dir.resolve("replay-h2.json").toString());
      onPostgresql(jar, dir, orders, program, events);
      System.out.println("crm.jar: --help, demo, import, rfm, report, abc, summarize, clv fit,"
          + " clv value and loyalty replay ran in a fresh JVM");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void report(Path dir) {
    if (!Files.isRegularFile(dir.resolve("index.html"))) {
      throw new IllegalStateException("crm report wrote no " + dir.resolve("index.html"));
    }
  }

  /** A test resource of crm-cli's (the loyalty example), copied into {@code dir}. */
  private static Path resource(Path dir, String name) throws IOException {
    try (java.io.InputStream in = ShadedJarCheck.class.getResourceAsStream("/loyalty/" + name)) {
      if (in == null) {
        throw new IllegalStateException("/loyalty/" + name + " is not on the test class path");
      }
      Path target = dir.resolve(name);
      Files.copy(in, target);
      return target;
    }
  }

  private static void onPostgresql(Path jar, Path dir, Path orders, Path program, Path events)
      throws Exception {
    String url = System.getenv("CRMKIT_PG_URL");
    String user = System.getenv("CRMKIT_PG_USER");
    String password = System.getenv("CRMKIT_PG_PASSWORD");
    if (url == null || user == null || password == null) {
      System.out.println("crm.jar: PostgreSQL not tried (CRMKIT_PG_URL, CRMKIT_PG_USER, CRMKIT_PG_PASSWORD unset)");
      return;
    }
    String schema = "cli_jar_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, user, password, "CREATE SCHEMA " + schema);
    try {
      String store = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      run(jar, dir, "import", "--orders", orders.toString(), "--store", store,
          "--store-user", user, "--store-password", password);
      run(jar, dir, "rfm", "--store", store, "--store-user", user, "--store-password", password,
          "--as-of", ImportCommandTest.AS_OF, "--output", dir.resolve("rfm-pg.csv").toString());
      run(jar, dir, "report", "--store", store, "--store-user", user, "--store-password",
          password, "--out", dir.resolve("report-pg").toString());
      report(dir.resolve("report-pg"));
      // the replay's --store takes a URL only: the credentials go in it
      run(jar, dir, "loyalty", "replay", "--program", program.toString(), "--events",
          events.toString(), "--as-of", "2026-02-04", "--skip-bad-rows", "--store",
          store + "&user=" + user + "&password=" + password, "--output",
          dir.resolve("replay-pg.json").toString());
      if (!ImportCommandTest.sortedRows(dir.resolve("rfm-pg.csv"))
          .equals(ImportCommandTest.sortedRows(dir.resolve("rfm-h2.csv")))) {
        throw new IllegalStateException("crm rfm --store gives other rows on PostgreSQL than on H2");
      }
    } finally {
      execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private static void execute(String url, String user, String password, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Runs {@code java -jar crm.jar ARGS} in {@code dir}; throws with its output unless it exits 0. */
  static void run(Path jar, Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path log = dir.resolve("out.log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("crm " + args[0] + " did not end within 10 minutes");
    }
    if (p.exitValue() != 0) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      throw new IllegalStateException("java -jar crm.jar " + String.join(" ", args) + " exited "
          + p.exitValue() + ":\n" + out.substring(Math.max(0, out.length() - 4000)));
    }
  }
}
