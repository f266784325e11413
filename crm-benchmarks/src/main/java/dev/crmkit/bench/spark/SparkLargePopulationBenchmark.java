package dev.crmkit.bench.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.crmkit.spark.SparkCustomers;
import dev.crmkit.spark.TransactionColumns;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * crm-spark's distributed RFM on a population generated inside Spark with {@code spark.range}
 * (nothing on the driver), to check that the driver's memory does not grow with the customers
 * (docs/benchmarks-spark.md: 50 million customers):
 *
 * <pre>
 * java [Spark's --add-opens flags] -Xmx14g -cp ... dev.crmkit.bench.spark.SparkLargePopulationBenchmark \
 *     CUSTOMERS TRANSACTIONS_PER_CUSTOMER CORES PARTITIONS OUT
 * </pre>
 *
 * Customer {@code C<i>} has its transactions at rows i, i + CUSTOMERS, ... (so in different
 * input partitions), on days and with amounts from Spark's hash of the row number. Prints each
 * Spark job's time, then the wall time and CPU time of the pipeline (summary, histograms, fit,
 * scoring, writing, counting), the customers, the peak heap (sampled every 50 ms) and the heap
 * retained after the run (after GC, the cache released; in local mode the driver and the
 * executors share the JVM, so this bounds the driver's retained heap), with the load average
 * before and after.
 */
public final class SparkLargePopulationBenchmark {

  private SparkLargePopulationBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: SparkLargePopulationBenchmark CUSTOMERS TRANSACTIONS_PER_CUSTOMER CORES PARTITIONS OUT");
    }
    long customers = Long.parseLong(args[0]);
    int perCustomer = Integer.parseInt(args[1]);
    int cores = Integer.parseInt(args[2]);
    int partitions = Integer.parseInt(args[3]);
    String output = args[4];
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = SparkRfmBenchmark.peakHeapSampler();
    SparkSession spark = SparkRfmBenchmark.session(cores);
    spark.sparkContext().addSparkListener(new SparkRfmBenchmark.JobTimes());
    String loadBefore = SparkRfmBenchmark.loadAverage();
    long cpu0 = SparkRfmBenchmark.processCpuNanos();
    long t0 = System.nanoTime();
    Dataset<Row> tx = spark.range(0, customers * perCustomer, 1, partitions).select(
        functions.concat(lit("C"), functions.pmod(col("id"), lit(customers)).cast("string")).as("customer_id"),
        functions.date_add(lit(LocalDate.of(2023, 1, 1)),
            functions.pmod(functions.hash(col("id"), lit(1)), lit(730))).as("date"),
        functions.pmod(functions.hash(col("id"), lit(2)), lit(50_000)).cast("decimal(12,0)").divide(100)
            .cast("decimal(12,2)").as("amount"));
    Dataset<Row> summary = SparkCustomers.summary(tx, TransactionColumns.defaults(), SparkRfmBenchmark.AS_OF,
            List.of("recency", "transactions", "revenue"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    SparkCustomers.score(summary, "rfm", null).write().mode("overwrite").parquet(output);
    long n = summary.count();
    summary.unpersist(true);
    long t1 = System.nanoTime();
    long cpu1 = SparkRfmBenchmark.processCpuNanos();
    long retained = SparkRfmBenchmark.retained(memory);
    System.out.printf(Locale.ROOT,
        "crm local[%d], %d customers x %d transactions: %.1f s, cpu %.1f s, customers %d, peak heap %d MB,"
            + " retained after GC %d MB, max heap %d MB, load average %s before, %s after%n",
        cores, customers, perCustomer, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, n, peak.get() >> 20, retained >> 20,
        Runtime.getRuntime().maxMemory() >> 20, loadBefore, SparkRfmBenchmark.loadAverage());
    spark.stop();
  }
}
