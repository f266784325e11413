package dev.crmkit.spark;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.table.CustomerSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A documented end-to-end run (docs/benchmarks-spark.md), not a test: generates N transactions
 * inside Spark (never on the driver), then times the customer summary (hash-partitioned by
 * customer, per-partition partials, tree merge) and RFM on it, in local mode with each given number of cores.
 *
 * <pre>
 * java [Spark's --add-opens flags] -Xmx12g -cp ... dev.crmkit.spark.SparkScaleRun 10000000 1,2
 * </pre>
 *
 * Arguments: rows, the core counts (comma separated), optionally customers (default rows / 10)
 * and partitions (default 16). Prints one line per core count: seconds for the summary, seconds
 * for RFM, customers, peak heap in MB (sampled every 100 ms) and the process's peak resident
 * memory (VmHWM), with the load average before and after the timed summary. Each core count is preceded by an untimed warm-up on a tenth of the rows (at
 * most a million); run one core count per JVM for figures that do not share a warm JIT.
 */
public final class SparkScaleRun {

  private SparkScaleRun() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    String[] cores = args[1].split(",");
    long customers = args.length > 2 ? Long.parseLong(args[2]) : Math.max(1, rows / 10);
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    LocalDate asOf = LocalDate.of(2024, 12, 31);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (true) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    System.out.printf("rows=%d customers=%d partitions=%d maxHeap=%dMB%n", rows, customers, partitions,
        Runtime.getRuntime().maxMemory() >> 20);
    for (String c : cores) {
      SparkSession spark = SparkSession.builder().master("local[" + c.strip() + "]").appName("crm-spark scale run")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      Dataset<Row> tx = generate(spark, rows, customers, partitions);
      // warm-up on a tenth of the rows (at most a million), so that JIT compilation is not timed
      long warm = Math.min(rows / 10, 1_000_000);
      SparkScoring.score(SparkScoring.summary(generate(spark, warm, Math.max(1, warm / 10), partitions),
          TransactionColumns.defaults(), asOf), "rfm", null);
      System.gc();
      peak.set(0);
      String loadBefore = loadAverage();
      long t0 = System.nanoTime();
      CustomerSummary summary = SparkScoring.summary(tx, TransactionColumns.defaults(), asOf);
      long t1 = System.nanoTime();
      ScoreTable rfm = SparkScoring.score(summary, "rfm", null);
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "local[%s]: summary %.1f s, rfm %.1f s, customers %d, classes %d, peak heap %d MB, VmHWM %s, load average %s before, %s after%n",
          c.strip(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, summary.size(), rfm.classSizes().size(), peak.get() >> 20,
          vmHwm(), loadBefore, loadAverage());
      spark.stop();
    }
  }

  /**
   * customer_id = "C" + a hash of the row number modulo the customers, a date in 2023-2024 and
   * an amount in cents, all from Spark's hash of the row number (deterministic, no driver data).
   */
  static Dataset<Row> generate(SparkSession spark, long rows, long customers, int partitions) {
    return spark.range(0, rows, 1, partitions).select(
        functions.concat(functions.lit("C"),
            functions.pmod(functions.xxhash64(functions.col("id")), functions.lit(customers)).cast("string"))
            .as("customer_id"),
        functions.date_add(functions.lit(LocalDate.of(2023, 1, 1)),
            functions.pmod(functions.hash(functions.col("id"), functions.lit(1)), functions.lit(730)))
            .as("date"),
        functions.pmod(functions.hash(functions.col("id"), functions.lit(2)), functions.lit(50_000))
            .cast("decimal(12,0)").divide(100).cast("decimal(12,2)").as("amount"));
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so each figure carries its load. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "n/a";
    }
  }

  private static String vmHwm() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
          .map(l -> l.substring(6).strip()).findFirst().orElse("n/a");
    } catch (Exception e) {
      return "n/a";
    }
  }
}
