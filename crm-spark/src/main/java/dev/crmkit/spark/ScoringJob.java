package dev.crmkit.spark;

import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The example job: reads transactions (Parquet, ORC, CSV with a header, JSON lines, or a Delta
 * or Iceberg table when their jars are on the class path), computes the customer summary on the
 * executors, scores it with a strategy of the SPI and writes the score table (Parquet by
 * default, one directory of part files, partitioned by class when asked).
 *
 * <pre>
 * spark-submit --class dev.crmkit.spark.ScoringJob crm-spark/target/crm-spark-job.jar \
 *   --input s3://lake/tx.parquet --customer-column customer_id --date-column date \
 *   --amount-column amount --as-of 2024-12-31 --strategy rfm --config rfm.json --output rfm-out
 * </pre>
 *
 * <p>A {@link dev.crmkit.scoring.DistributableStrategy} (RFM, ABC, value matrix, RAD, customer
 * type) runs with the customers on the executors ({@link SparkCustomers}); any other strategy
 * gathers the summary table on the driver ({@link SparkScoring}, driver-bound).
 *
 * Exit codes: 0 done, 2 bad usage (the message names the option), 1 failed work (one line on
 * stderr).
 */
public final class ScoringJob {

  private static final Set<String> OPTIONS = Set.of(
      "--input", "--format", "--customer-column", "--date-column", "--amount-column", "--category-column",
      "--discount-column", "--date-format", "--as-of", "--strategy", "--config", "--output",
      "--output-format", "--partition-by-class", "--truncate-timestamps");
  private static final Set<String> REQUIRED = Set.of("--input", "--as-of", "--strategy", "--output");
  static final List<String> FORMATS = List.of("parquet", "orc", "csv", "json", "delta", "iceberg", "table");
  static final List<String> OUTPUT_FORMATS = List.of("parquet", "orc", "csv", "json");

  private ScoringJob() {}

  /** Bad command-line usage; the message names the option and the value. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      System.err.println("crm-spark: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (System.getProperty("spark.master") == null) {
      // spark-submit sets it; without it Spark would log a stack trace before failing
      System.err.println("crm-spark: " + sessionError(new IllegalStateException("A master URL must be set")));
      System.exit(1);
      return;
    }
    SparkSession spark;
    try {
      spark = SparkSession.builder().appName("crmkit scoring").getOrCreate();
    } catch (Exception e) { // SparkException is checked, but Scala code throws it undeclared
      System.err.println("crm-spark: " + sessionError(e));
      System.exit(1);
      return;
    }
    int code = 0;
    try {
      run(spark, options, System.out);
    } catch (UsageException e) {
      System.err.println("crm-spark: " + e.getMessage());
      code = 2;
    } catch (RuntimeException | IOException e) {
      System.err.println("crm-spark: " + firstLine(e.getMessage()));
      code = 1;
    } finally {
      spark.stop();
    }
    System.exit(code);
  }

  /** One line for a session that could not start, the missing master said plainly. */
  static String sessionError(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("A master URL must be set")) {
      return "no Spark master is set: run the job with spark-submit --master <url>, or set the"
          + " system property spark.master (for example -Dspark.master=local[*])";
    }
    return "Spark could not start: " + firstLine(message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "failed";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  static String usage() {
    return "usage: ScoringJob --input PATH|TABLE [--format parquet|orc|csv|json|delta|iceberg|table]"
        + " [--customer-column customer_id] [--date-column date] [--amount-column amount]"
        + " [--category-column C] [--discount-column D] [--date-format PATTERN] [--truncate-timestamps true]"
        + " --as-of YYYY-MM-DD --strategy ID [--config FILE.json] --output DIR"
        + " [--output-format parquet|orc|csv|json] [--partition-by-class true]";
  }

  /** Parses {@code --option value} pairs; unknown, repeated or missing options are usage errors. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!OPTIONS.contains(name)) {
        throw new UsageException("unknown option '" + name + "'");
      }
      if (i + 1 >= args.length) {
        throw new UsageException("option " + name + " needs a value");
      }
      if (options.put(name, args[i + 1]) != null) {
        throw new UsageException("option " + name + " is given twice");
      }
    }
    for (String required : REQUIRED) {
      if (!options.containsKey(required)) {
        throw new UsageException("option " + required + " is required");
      }
    }
    String format = options.get("--format");
    if (format != null && !FORMATS.contains(format)) {
      throw new UsageException("--format: '" + format + "' is not one of " + String.join(", ", FORMATS));
    }
    String output = options.get("--output-format");
    if (output != null && !OUTPUT_FORMATS.contains(output)) {
      throw new UsageException("--output-format: '" + output + "' is not one of " + String.join(", ", OUTPUT_FORMATS));
    }
    for (String flag : List.of("--partition-by-class", "--truncate-timestamps")) {
      String value = options.get(flag);
      if (value != null && !value.equals("true") && !value.equals("false")) {
        throw new UsageException(flag + ": '" + value + "' is not true or false");
      }
    }
    try {
      LocalDate.parse(options.get("--as-of"));
    } catch (DateTimeParseException e) {
      throw new UsageException("--as-of: '" + options.get("--as-of") + "' is not a date (expected yyyy-MM-dd)");
    }
    return options;
  }

  /**
   * The input's format: {@code --format} when given, else from the path: a {@code _delta_log}
   * or Iceberg {@code metadata} directory, the extension of the path or of the first data file
   * in the directory ({@code .parquet}, {@code .orc}, {@code .csv}, {@code .json}/{@code .jsonl}),
   * Parquet's magic bytes {@code PAR1}; a name without a path separator or extension that the
   * catalog knows is a table. Never a guess: an input it cannot tell is an error asking for
   * {@code --format}.
   */
  static String format(SparkSession spark, String input, String given) throws IOException {
    if (given != null) {
      return given;
    }
    String lower = input.toLowerCase(java.util.Locale.ROOT);
    for (String ext : List.of("parquet", "orc", "csv", "json", "jsonl")) {
      if (lower.endsWith("." + ext)) {
        return ext.equals("jsonl") ? "json" : ext;
      }
    }
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input);
    org.apache.hadoop.fs.FileSystem fs;
    try {
      fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException | IllegalArgumentException e) {
      fs = null;
    }
    if (fs != null && fs.exists(path)) {
      if (fs.getFileStatus(path).isDirectory()) {
        if (fs.exists(new org.apache.hadoop.fs.Path(path, "_delta_log"))) {
          return "delta";
        }
        if (fs.exists(new org.apache.hadoop.fs.Path(path, "metadata"))
            && fs.exists(new org.apache.hadoop.fs.Path(path, "data"))) {
          return "iceberg";
        }
        for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(path)) {
          String name = f.getPath().getName();
          if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
            String inner = format(spark, f.getPath().toString(), null);
            if (inner != null) {
              return inner;
            }
          }
        }
      } else {
        try (java.io.InputStream in = fs.open(path)) {
          byte[] magic = in.readNBytes(4);
          if (new String(magic, StandardCharsets.ISO_8859_1).equals("PAR1")) {
            return "parquet";
          }
          if (new String(magic, StandardCharsets.ISO_8859_1).equals("ORC")
              || (magic.length >= 3 && new String(magic, 0, 3, StandardCharsets.ISO_8859_1).equals("ORC"))) {
            return "orc";
          }
        }
      }
      return null;
    }
    if (!input.contains("/") && spark.catalog().tableExists(input)) {
      return "table";
    }
    return null;
  }

  private static Dataset<Row> read(SparkSession spark, String input, String given) throws IOException {
    String format = format(spark, input, given);
    if (format == null) {
      throw new IllegalArgumentException("--input: cannot tell the format of '" + input + "' (no known"
          + " extension, table or file signature); give --format parquet|orc|csv|json|delta|iceberg|table");
    }
    switch (format) {
      case "csv":
        return spark.read().option("header", "true").csv(input);
      case "json":
        return spark.read().json(input);
      case "table":
        return spark.table(input);
      case "delta":
      case "iceberg":
        String source = format.equals("delta") ? "io.delta.sql.DeltaSparkSessionExtension"
            : "org.apache.iceberg.spark.source.IcebergSource";
        try {
          Class.forName(source, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
          throw new IllegalArgumentException("--input: '" + input + "' is a " + format + " table, but "
              + format + "'s jars are not on the class path; add "
              + (format.equals("delta") ? "io.delta:delta-spark_2.13" : "org.apache.iceberg:iceberg-spark-runtime-3.5_2.13")
              + " to the job (spark-submit --packages ...)");
        }
        return spark.read().format(format).load(input);
      default:
        return spark.read().format(format).load(input);
    }
  }

  /** Runs the job on a session; prints the class sizes to {@code out}. */
  static void run(SparkSession spark, Map<String, String> options, PrintStream out) throws IOException {
    String customer = options.getOrDefault("--customer-column", "customer_id");
    String date = options.getOrDefault("--date-column", "date");
    String amount = options.getOrDefault("--amount-column", "amount");
    TransactionColumns columns = TransactionColumns.of(customer, date, amount);
    if (options.containsKey("--category-column")) {
      columns = columns.withCategory(options.get("--category-column"));
    }
    if (options.containsKey("--discount-column")) {
      columns = columns.withDiscountShare(options.get("--discount-column"));
    }
    String config = options.containsKey("--config")
        ? Files.readString(Path.of(options.get("--config"))) : null;
    ScoringStrategy strategy = config == null || config.isBlank()
        ? ScoringEngine.load().strategy(options.get("--strategy"))
        : ScoringEngine.load().strategy(options.get("--strategy"), config);

    Dataset<Row> raw = read(spark, options.get("--input"), options.get("--format"));
    TransactionRows.present(raw, columns); // every role's column, one wording, before any scan
    Dataset<Row> tx = typed(raw, columns, options.get("--date-format"),
        "true".equals(options.get("--truncate-timestamps")));
    TransactionRows.of(tx, columns); // the types, before any scan
    LocalDate asOf = LocalDate.parse(options.get("--as-of"));
    TransactionColumns names = columns;
    // the first rows through the same checks: a wrong format fails here, not after the full scan
    SparkScoring.unwrap(() -> SparkCustomers.summary(tx.limit(1_000), names, asOf).count());

    Dataset<Row> scores;
    Dataset<Row> customers = null;
    long scored;
    if (strategy instanceof DistributableStrategy distributable) {
      Scoring scoring = SparkScoring.unwrap(() -> scoring(tx, names, asOf, distributable));
      customers = scoring.customers();
      scores = scoring.scores();
    } else {
      // a whole-table strategy: the summary table on the driver (driver-bound)
      CustomerSummary summary = SparkScoring.summary(tx, columns, asOf);
      scores = SparkScoring.scores(spark, strategy.score(summary));
    }
    String label = scores.columns()[scores.columns().length - 1];
    String outputFormat = options.getOrDefault("--output-format", "parquet");
    var writer = scores.write();
    if ("true".equals(options.get("--partition-by-class"))) {
      writer = writer.partitionBy(label);
    }
    if (outputFormat.equals("csv")) {
      writer = writer.option("header", "true");
    }
    var w = writer;
    SparkScoring.unwrap(() -> {
      w.format(outputFormat).save(options.get("--output"));
      return null;
    });
    if (customers != null) {
      customers.unpersist();
    }
    // the class sizes from the written table (small: one row per class)
    List<Row> sizes = spark.read().format(outputFormat).option("header", "true").load(options.get("--output"))
        .groupBy(label).count().orderBy(label).collectAsList();
    scored = 0;
    for (Row r : sizes) {
      scored += r.getLong(1);
    }
    out.printf("%d customers scored with %s%n", scored, strategy.id());
    for (Row r : sizes) {
      out.printf("  %s: %d%n", r.get(0), r.getLong(1));
    }
  }

  /**
   * Text columns (CSV) become dates and numbers; a timestamp column becomes its date when asked.
   * A value that does not convert stops the job with the column and the value rather than
   * becoming a null (checked on the executors while the summary is computed).
   */
  private static Dataset<Row> typed(Dataset<Row> raw, TransactionColumns columns, String dateFormat,
      boolean truncateTimestamps) {
    Dataset<Row> tx = raw;
    DataType dateType = tx.schema().apply(columns.date()).dataType();
    if (dateType == DataTypes.StringType) {
      tx = convert(tx, columns.date(), dateFormat == null
          ? functions.to_date(functions.col(quote(columns.date())), "yyyy-MM-dd")
          : functions.to_date(functions.col(quote(columns.date())), dateFormat),
          "a date (" + (dateFormat == null ? "yyyy-MM-dd" : dateFormat) + ")");
    } else if (dateType == DataTypes.TimestampType || dateType == DataTypes.TimestampNTZType) {
      if (!truncateTimestamps) {
        throw new IllegalArgumentException("date column '" + columns.date() + "' has type "
            + dateType.simpleString() + "; expected a date (give --truncate-timestamps true to take"
            + " the date of each timestamp)");
      }
      tx = tx.withColumn(columns.date(), functions.to_date(functions.col(quote(columns.date()))));
    }
    tx = convert(tx, columns.amount(), functions.col(quote(columns.amount())).cast("double"), "a number");
    if (columns.discountShare().isPresent()) {
      String d = columns.discountShare().get();
      tx = convert(tx, d, functions.col(quote(d)).cast("double"), "a number");
    }
    return tx;
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static Dataset<Row> convert(Dataset<Row> tx, String column, Column converted, String expected) {
    if (tx.schema().apply(column).dataType() != DataTypes.StringType) {
      return tx; // Parquet, ORC and JSON bring their own types; the summary checks them
    }
    Column original = functions.col(quote(column));
    return tx.withColumn(column, functions.when(original.isNotNull().and(converted.isNull()),
            functions.raise_error(functions.concat(functions.lit(SparkCustomers.ERROR + "column '" + column + "': '"),
                original, functions.lit("' is not " + expected))))
        .otherwise(converted));
  }

  /** The persisted summary the scores are computed from, and the (lazy) scores. */
  record Scoring(Dataset<Row> customers, Dataset<Row> scores) {}

  /**
   * Fits and scores a distributable strategy on a summary with one aggregation per customer
   * (every one-pass column, and the per-day columns only when the strategy fits on a metric
   * that needs them); when the fitted scorer reads a per-day column the fit did not, the full
   * summary is built for scoring.
   */
  static Scoring scoring(Dataset<Row> tx, TransactionColumns columns, LocalDate asOf, DistributableStrategy strategy) {
    List<String> metrics = new ArrayList<>(SparkCustomers.ONE_PASS_METRICS);
    metrics.addAll(SparkCustomers.transactionMetrics(strategy.fitMetrics()));
    Dataset<Row> customers = SparkCustomers.summary(tx, columns, asOf, metrics).persist(StorageLevel.MEMORY_AND_DISK());
    CustomerScorer scorer = SparkCustomers.fit(
        customers, strategy, SparkCustomers.EXACT_LIMIT, dev.crmkit.scoring.ValueHistogram.DEFAULT_RELATIVE_ERROR);
    if (!SparkCustomers.hasColumnsFor(customers, scorer.inputMetrics())) {
      customers.unpersist();
      customers = SparkCustomers.summary(tx, columns, asOf).persist(StorageLevel.MEMORY_AND_DISK());
    }
    return new Scoring(customers, SparkCustomers.score(customers, scorer));
  }
}
