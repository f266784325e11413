package dev.crmkit.spark;

import dev.crmkit.scoring.ClassSummary;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.table.CustomerSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The example job: reads transactions (CSV with a header, Parquet or JSON lines), computes the
 * customer summary on Spark, scores it with a strategy of the SPI and writes the score table as
 * CSV (one directory of part files, with a header).
 *
 * <pre>
 * spark-submit --class dev.crmkit.spark.ScoringJob crm-spark/target/crm-spark-job.jar \
 *   --input tx.csv --format csv --customer-column customer_id --date-column date \
 *   --amount-column amount --as-of 2024-12-31 --strategy rfm --config rfm.json --output rfm-out
 * </pre>
 *
 * Exit codes: 0 done, 2 bad usage (the message names the option), 1 failed work (one line on
 * stderr).
 */
public final class ScoringJob {

  private static final Set<String> OPTIONS = Set.of(
      "--input", "--format", "--customer-column", "--date-column", "--amount-column", "--category-column",
      "--discount-column", "--date-format", "--as-of", "--strategy", "--config", "--output");
  private static final Set<String> REQUIRED = Set.of("--input", "--as-of", "--strategy", "--output");

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
    SparkSession spark = SparkSession.builder().appName("crmkit scoring").getOrCreate();
    int code = 0;
    try {
      run(spark, options, System.out);
    } catch (UsageException e) {
      System.err.println("crm-spark: " + e.getMessage());
      code = 2;
    } catch (RuntimeException | IOException e) {
      System.err.println("crm-spark: " + e.getMessage());
      code = 1;
    } finally {
      spark.stop();
    }
    System.exit(code);
  }

  static String usage() {
    return "usage: ScoringJob --input PATH [--format csv|parquet|json] [--customer-column customer_id]"
        + " [--date-column date] [--amount-column amount] [--category-column C] [--discount-column D]"
        + " [--date-format PATTERN] --as-of YYYY-MM-DD --strategy ID [--config FILE.json] --output DIR";
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
    String format = options.getOrDefault("--format", "csv");
    if (!List.of("csv", "parquet", "json").contains(format)) {
      throw new UsageException("--format: '" + format + "' is not one of csv, parquet, json");
    }
    try {
      LocalDate.parse(options.get("--as-of"));
    } catch (DateTimeParseException e) {
      throw new UsageException("--as-of: '" + options.get("--as-of") + "' is not a date (expected yyyy-MM-dd)");
    }
    return options;
  }

  /** Runs the job on a session; prints the class summary to {@code out}. */
  static void run(SparkSession spark, Map<String, String> options, PrintStream out) throws IOException {
    String format = options.getOrDefault("--format", "csv");
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

    Dataset<Row> raw = switch (format) {
      case "parquet" -> spark.read().parquet(options.get("--input"));
      case "json" -> spark.read().json(options.get("--input"));
      default -> spark.read().option("header", "true").csv(options.get("--input"));
    };
    Dataset<Row> tx = typed(raw, columns, options.get("--date-format"));
    CustomerSummary summary = SparkScoring.summary(tx, columns, LocalDate.parse(options.get("--as-of")));
    ScoreTable table = SparkScoring.score(summary, options.get("--strategy"), config);
    SparkScoring.scores(spark, table).write().option("header", "true").csv(options.get("--output"));

    out.printf("%d customers scored with %s (%d rows after the as-of date left out)%n",
        table.size(), table.strategyId(), summary.rowsAfterAsOf());
    for (ClassSummary c : table.classSummary(summary)) {
      out.println(c);
    }
  }

  /**
   * Text columns (CSV) become dates and numbers. A value that does not convert stops the job
   * with the column and the value rather than becoming a null.
   */
  private static Dataset<Row> typed(Dataset<Row> raw, TransactionColumns columns, String dateFormat) {
    Dataset<Row> tx = raw;
    tx = convert(tx, columns.date(), dateFormat == null
        ? functions.to_date(functions.col(columns.date()))
        : functions.to_date(functions.col(columns.date()), dateFormat),
        "a date (" + (dateFormat == null ? "yyyy-MM-dd" : dateFormat) + ")");
    tx = convert(tx, columns.amount(), functions.col(columns.amount()).cast("double"), "a number");
    if (columns.discountShare().isPresent()) {
      String d = columns.discountShare().get();
      tx = convert(tx, d, functions.col(d).cast("double"), "a number");
    }
    return tx;
  }

  private static Dataset<Row> convert(Dataset<Row> tx, String column, Column converted, String expected) {
    if (!List.of(tx.columns()).contains(column)) {
      throw new IllegalArgumentException("column '" + column + "' is not in the input; columns: "
          + List.of(tx.columns()));
    }
    String type = tx.schema().apply(column).dataType().typeName();
    if (!type.equals("string")) {
      return tx; // Parquet and JSON bring their own types; the summary checks them
    }
    List<Row> bad = tx.filter(functions.col(column).isNotNull().and(converted.isNull()))
        .select(column).limit(1).collectAsList();
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(
          "column '" + column + "': '" + bad.get(0).get(0) + "' is not " + expected);
    }
    return tx.withColumn(column, converted);
  }
}
