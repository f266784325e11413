package dev.crmkit.bench.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.crmkit.spark.SparkCustomers;
import dev.crmkit.spark.TransactionColumns;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * crm-spark's RFM side by side with the plain Spark SQL RFM a data engineer would write
 * (groupBy + {@code approxQuantile} cut points + {@code when}), on the same Parquet input with
 * the same session settings (docs/benchmarks-spark.md). One pipeline per JVM, so that each peak
 * heap is its own:
 *
 * <pre>
 * java [Spark's --add-opens flags] -Xmx6g -cp ... dev.crmkit.bench.spark.SparkRfmBenchmark generate ROWS CUSTOMERS DIR
 * java ... SparkRfmBenchmark crm|sql CORES DIR OUT
 * </pre>
 *
 * Prints the wall time and the JVM's CPU time of the pipeline (read, summary, fit, score,
 * write), the customers, the peak heap (sampled every 50 ms), the heap retained after the run
 * (after GC) and the load average before and after.
 */
public final class SparkRfmBenchmark {

  static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

  private SparkRfmBenchmark() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Long.parseLong(args[1]), Long.parseLong(args[2]), args[3]);
      case "crm", "sql" -> run(args[0], Integer.parseInt(args[1]), args[2], args[3]);
      default -> throw new IllegalArgumentException("mode: '" + args[0] + "' is not generate, crm or sql");
    }
  }

  static SparkSession session(int cores) {
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("spark rfm benchmark")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Transactions from Spark's hash of the row number: no data on the driver. */
  static void generate(long rows, long customers, String dir) {
    SparkSession spark = session(2);
    spark.range(0, rows, 1, 16).select(
        functions.concat(lit("C"), functions.pmod(functions.xxhash64(col("id")), lit(customers)).cast("string"))
            .as("customer_id"),
        functions.date_add(lit(LocalDate.of(2023, 1, 1)),
            functions.pmod(functions.hash(col("id"), lit(1)), lit(730))).as("date"),
        functions.pmod(functions.hash(col("id"), lit(2)), lit(50_000)).cast("decimal(12,0)").divide(100)
            .cast("decimal(12,2)").as("amount"))
        .write().mode("overwrite").parquet(dir);
    spark.stop();
  }

  /** The used heap's peak, sampled every 50 ms by a daemon thread from now on. */
  static AtomicLong peakHeapSampler() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (true) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    return peak;
  }

  static void run(String mode, int cores, String input, String output) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = peakHeapSampler();
    SparkSession spark = session(cores);
    spark.sparkContext().addSparkListener(new JobTimes());
    String loadBefore = loadAverage();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    long customers = mode.equals("crm") ? crm(spark, input, output) : sql(spark, input, output);
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    long retained = retained(memory);
    System.out.printf(Locale.ROOT,
        "%s local[%d]: %.1f s, cpu %.1f s, customers %d, peak heap %d MB, retained after GC %d MB, max heap %d MB,"
            + " load average %s before, %s after%n",
        mode, cores, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, customers, peak.get() >> 20, retained >> 20,
        Runtime.getRuntime().maxMemory() >> 20, loadBefore, loadAverage());
    spark.stop();
  }

  /** crm-spark: the distributed summary, RFM fitted on histograms, scored on the executors. */
  static long crm(SparkSession spark, String input, String output) {
    Dataset<Row> tx = spark.read().parquet(input);
    // the columns RFM reads: one aggregation per customer
    Dataset<Row> customers = SparkCustomers.summary(tx, TransactionColumns.defaults(), AS_OF,
            List.of("recency", "transactions", "revenue"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    SparkCustomers.score(customers, "rfm", null).write().mode("overwrite").parquet(output);
    long n = customers.count();
    customers.unpersist();
    return n;
  }

  /**
   * The plain Spark SQL RFM: recency, frequency and monetary per customer by groupBy, quintile
   * cut points by {@code approxQuantile} (relative error 0.001), scores by {@code when}.
   */
  static long sql(SparkSession spark, String input, String output) {
    Dataset<Row> tx = spark.read().parquet(input).where(col("date").leq(lit(AS_OF)));
    Dataset<Row> rfm = tx.groupBy("customer_id").agg(
            datediff(lit(AS_OF), max(col("date"))).as("recency"),
            count(lit(1)).as("frequency"),
            sum(col("amount")).cast("double").as("monetary"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    double[] probabilities = {0.2, 0.4, 0.6, 0.8};
    double[][] cuts = rfm.stat().approxQuantile(
        new String[] {"recency", "frequency", "monetary"}, probabilities, 0.001);
    Dataset<Row> scored = rfm.select(col("customer_id"), col("recency"), col("frequency"), col("monetary"),
        lit(6).minus(score(col("recency"), cuts[0])).as("r"),
        score(col("frequency"), cuts[1]).as("f"),
        score(col("monetary"), cuts[2]).as("m"));
    scored.write().mode("overwrite").parquet(output);
    long n = rfm.count();
    rfm.unpersist();
    return n;
  }

  /** 1..5: 1 + the number of cut points below the value. */
  private static Column score(Column value, double[] cuts) {
    return when(value.leq(cuts[0]), 1).when(value.leq(cuts[1]), 2).when(value.leq(cuts[2]), 3)
        .when(value.leq(cuts[3]), 4).otherwise(5);
  }

  /**
   * Prints each Spark job's wall time with its call site and stages (where the time goes), on
   * standard error as the job ends.
   */
  static final class JobTimes extends SparkListener {
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final Map<Integer, String> described = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      started.put(start.jobId(), start.time());
      String site = start.properties() == null ? "" : start.properties().getProperty("callSite.short", "");
      StringBuilder stages = new StringBuilder();
      start.stageInfos().foreach(info -> stages.append(stages.length() == 0 ? "" : ", ")
          .append(info.stageId()).append(' ').append(info.name()).append(" (").append(info.numTasks())
          .append(" tasks)"));
      described.put(start.jobId(), site + " [stages " + stages + "]");
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
      Long t0 = started.remove(end.jobId());
      System.err.printf(Locale.ROOT, "job %d: %.1f s %s%n", end.jobId(),
          t0 == null ? Double.NaN : (end.time() - t0) / 1e3, described.remove(end.jobId()));
    }
  }

  static long retained(MemoryMXBean memory) throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * The CPU time of this JVM (all threads, user and system): on a shared machine a steadier
   * measure of the work done than the wall time, which also counts the waits for a core.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
