package dev.crmkit.bench.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end comparison of {@code crm rfm} with DuckDB on the same CSV, side by side in one
 * run: each is a child process timed by GNU time ({@code /usr/bin/time -f "%e %M"}: wall
 * seconds and peak resident set size). The file is read once beforehand, so both find it in the
 * page cache. Prints one Markdown table row per tool and checks that both computed the same
 * recency, frequency and monetary value for every customer.
 *
 * <pre>{@code
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.scoring.RfmEndToEnd \
 *     target/bench/tx-10m.csv crm-cli/target/crm.jar 2024-12-31 [runs] [jvm options for crm...]
 * }</pre>
 *
 * <p>When the CSV does not exist it is generated first ({@link TransactionCsvGenerator}, 10M
 * rows, 1M customers).
 */
public final class RfmEndToEnd {
  private RfmEndToEnd() {}

  record Measure(double seconds, long peakKb) {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]).toAbsolutePath();
    Path crmJar = Path.of(args[1]).toAbsolutePath();
    LocalDate asOf = LocalDate.parse(args[2]);
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<String> crmJvm = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      crmJvm.add(args[i]);
    }
    if (!Files.exists(csv)) {
      Files.createDirectories(csv.getParent());
      TransactionCsvGenerator.write(csv, 10_000_000L, 1_000_000, 42L);
    }
    warm(csv);
    Path dir = csv.getParent();
    Path crmOut = dir.resolve("crm-rfm.csv");
    Path duckOut = dir.resolve("duckdb-rfm.csv");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");

    List<String> crm = new ArrayList<>(List.of(java));
    crm.addAll(crmJvm);
    crm.addAll(List.of("-jar", crmJar.toString(), "rfm", "--input", csv.toString(), "--as-of",
        asOf.toString(), "--output", crmOut.toString()));
    List<String> duck = List.of(java, "-cp", classpath, DuckDbRfm.class.getName(), csv.toString(),
        asOf.toString(), duckOut.toString());

    System.out.printf("file: %s (%d bytes); load average before: %s%n", csv, Files.size(csv),
        Files.readString(Path.of("/proc/loadavg")).strip());
    System.out.println("| tool | run | wall (s) | peak RSS (MB) |");
    System.out.println("|---|---|---|---|");
    for (int run = 1; run <= runs; run++) {
      Measure d = time(duck);
      System.out.printf("| DuckDB %s (JDBC, one SQL statement) | %d | %.2f | %d |%n",
          duckDbVersion(), run, d.seconds(), d.peakKb() / 1024);
      Measure c = time(crm);
      System.out.printf("| crm rfm %s| %d | %.2f | %d |%n",
          crmJvm.isEmpty() ? "" : String.join(" ", crmJvm) + " ", run, c.seconds(), c.peakKb() / 1024);
    }
    compare(crmOut, duckOut);
  }

  private static String duckDbVersion() throws java.sql.SQLException {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.ResultSet r = c.createStatement().executeQuery("SELECT version()")) {
      r.next();
      return r.getString(1);
    }
  }

  private static void warm(Path csv) throws IOException {
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(csv)) {
      while (in.read(buf) >= 0) {
        // reading is the point: the page cache keeps the file for both tools
      }
    }
  }

  private static Measure time(List<String> command) throws IOException, InterruptedException {
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "@@ %e %M"));
    timed.addAll(command);
    Process p = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes());
    int code = p.waitFor();
    String last = err.lines().filter(l -> l.startsWith("@@ ")).reduce((a, b) -> b).orElse("");
    if (code != 0 || last.isEmpty()) {
      throw new IllegalStateException("failed (" + code + "): " + command + "\n" + err);
    }
    String[] parts = last.split(" ");
    return new Measure(Double.parseDouble(parts[1]), Long.parseLong(parts[2]));
  }

  /** Checks recency, frequency and monetary per customer; counts score differences. */
  private static void compare(Path crm, Path duck) throws IOException {
    Map<String, String[]> ours = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(crm)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        ours.put(f[0], f);
      }
    }
    long customers = 0;
    long baseMismatch = 0;
    long scoreDiff = 0;
    long segmentDiff = 0;
    try (BufferedReader r = Files.newBufferedReader(duck)) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        String[] o = ours.get(f[0]);
        customers++;
        if (o == null
            || Long.parseLong(o[1]) != Long.parseLong(f[1])
            || Long.parseLong(o[2]) != Long.parseLong(f[2])
            || Math.abs(Double.parseDouble(o[3]) - Double.parseDouble(f[3])) > 0.005) {
          baseMismatch++;
          continue;
        }
        if (!o[4].equals(f[4]) || !o[5].equals(f[5]) || !o[6].equals(f[6])) {
          scoreDiff++;
        }
        if (!o[7].equals(f[7])) {
          segmentDiff++;
        }
      }
    }
    System.out.printf(
        "customers: crm %d, DuckDB %d; recency/frequency/monetary differ for %d;"
            + " r/f/m scores differ for %d and segments for %d (ntile splits ties arbitrarily)%n",
        ours.size(), customers, baseMismatch, scoreDiff, segmentDiff);
  }
}
