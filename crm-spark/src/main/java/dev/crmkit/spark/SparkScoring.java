package dev.crmkit.spark;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * crm-scoring on a Spark DataFrame of transactions, <b>driver-bound</b>: the customer summary
 * computed per partition with the library's own {@link CustomerSummary#of} and combined with its
 * {@link CustomerSummary#merge} on the driver, then any scoring strategy of the SPI by id and
 * JSON configuration, on the driver. Use {@link SparkCustomers} instead for every {@link
 * dev.crmkit.scoring.DistributableStrategy} (the built-ins but {@code weighted-value} and {@code
 * clv}): it keeps the customers on the executors. This class is for strategies that only score
 * a whole table (plugins without a fit) and for small populations.
 *
 * <p>The transactions never reach the driver: they are hash-partitioned by customer id (a
 * shuffle between executors), each partition becomes a partial summary of its own customers, and
 * the disjoint partials are merged in a tree on the executors, the last merge on the driver. The driver therefore holds the summary table, one row per customer (about
 * 50 bytes plus the distinct purchase days per customer), which is what a strategy needs: RFM
 * bins, ABC rank shares, percentiles of the weighted value and CLV fits look at all customers at
 * once.
 *
 * <pre>{@code
 * Dataset<Row> tx = spark.read().parquet("s3://lake/transactions");
 * TransactionColumns columns = TransactionColumns.of("cust", "order_date", "net_amount");
 * CustomerSummary summary = SparkScoring.summary(tx, columns, LocalDate.of(2024, 12, 31));
 * Dataset<Row> rfm = SparkScoring.scores(spark, SparkScoring.score(summary, "rfm", "{\"bins\": 5}"));
 * }</pre>
 */
public final class SparkScoring {

  private SparkScoring() {}

  /**
   * The customer summary of the transactions on or before {@code asOf}, equal to {@code
   * CustomerSummary.of(log, asOf)} of the same rows in memory (customers may come in another
   * order).
   *
   * @throws IllegalArgumentException when a column is missing or has an unusable type, or a row
   *     has a bad value (naming the column, the value and the customer)
   */
  public static CustomerSummary summary(Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf) {
    requireNonNull(transactions, "transactions");
    requireNonNull(columns, "columns");
    requireNonNull(asOf, "asOf");
    JavaRDD<CustomerSummary> partials = partials(transactions, columns, asOf);
    if (partials.getNumPartitions() == 0) {
      return CustomerSummary.of(TransactionLog.builder().build(), asOf);
    }
    // the partials hold disjoint customers, so each merge is about a concatenation; depth 2:
    // partials are merged on the executors first, so the driver merges a few
    return unwrap(() -> partials.treeReduce(CustomerSummary::merge, 2));
  }

  /**
   * One partial summary per partition after the transactions are hash-partitioned by customer
   * id (as many partitions as the input has), so that no customer is in two partials. Without
   * the shuffle every partial held most customers, and merging them cost partitions x customers.
   * The merge does not rely on this: it would still be correct if a customer were in two.
   */
  static JavaRDD<CustomerSummary> partials(Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf) {
    TransactionRows reader = TransactionRows.of(transactions, columns);
    int partitions = transactions.rdd().getNumPartitions();
    if (partitions == 0) {
      return JavaSparkContext.fromSparkContext(transactions.sparkSession().sparkContext()).emptyRDD();
    }
    Dataset<Row> byCustomer = transactions.repartition(partitions, functions.col(columns.customerId()));
    return byCustomer.javaRDD().mapPartitions(rows -> {
      TransactionLog log = reader.log(rows);
      return Collections.singletonList(CustomerSummary.of(log, asOf)).iterator();
    });
  }

  /**
   * Scores a summary with a strategy of the SPI (built-in or a plugin on the class path) by id
   * and JSON configuration ({@code null} or {@code ""} for the strategy's defaults).
   */
  public static ScoreTable score(CustomerSummary summary, String strategyId, String configJson) {
    requireNonNull(summary, "summary");
    requireNonNull(strategyId, "strategyId");
    ScoringEngine engine = ScoringEngine.load();
    var strategy = configJson == null || configJson.isBlank()
        ? engine.strategy(strategyId)
        : engine.strategy(strategyId, configJson);
    return strategy.score(summary);
  }

  /**
   * Customer attributes (for example {@code population}, {@code growth_potential} or {@code
   * annual_buying_power}) from a DataFrame with one row per customer; every column other than
   * the id column becomes an attribute, its values as text (null = missing). The rows are
   * collected to the driver: one per customer, like the summary.
   */
  public static CustomerAttributes attributes(Dataset<Row> attributes, String idColumn) {
    requireNonNull(attributes, "attributes");
    requireNonNull(idColumn, "idColumn");
    List<String> names = new ArrayList<>(List.of(attributes.columns()));
    if (!names.remove(idColumn)) {
      throw new IllegalArgumentException(
          "idColumn: '" + idColumn + "' is not a column of the attributes; columns: " + List.of(attributes.columns()));
    }
    Dataset<Row> ordered = attributes.selectExpr(quoted(idColumn, names));
    CustomerAttributes.Builder b = CustomerAttributes.builder(names.toArray(new String[0]));
    for (Row row : ordered.collectAsList()) {
      if (row.isNullAt(0)) {
        throw new IllegalArgumentException("column '" + idColumn + "': null customer id in " + row);
      }
      String[] values = new String[names.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = row.isNullAt(k + 1) ? null : row.get(k + 1).toString();
      }
      b.add(row.get(0).toString(), values);
    }
    return b.build();
  }

  private static String[] quoted(String first, List<String> rest) {
    String[] out = new String[rest.size() + 1];
    out[0] = "CAST(`" + first.replace("`", "``") + "` AS STRING)";
    for (int k = 0; k < rest.size(); k++) {
      out[k + 1] = "`" + rest.get(k).replace("`", "``") + "`";
    }
    return out;
  }

  /**
   * A score table as a DataFrame with the columns of its CSV form: {@code customer_id}, the
   * explanation columns, the score columns (doubles, NaN where the table has none) and the class
   * column (string).
   */
  public static Dataset<Row> scores(SparkSession spark, ScoreTable table) {
    requireNonNull(spark, "spark");
    requireNonNull(table, "table");
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("customer_id", DataTypes.StringType, false));
    for (String name : table.explanationNames()) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
    }
    for (String name : table.scoreNames()) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField(table.labelName(), DataTypes.StringType, true));
    StructType schema = DataTypes.createStructType(fields);
    List<String> explanations = table.explanationNames();
    int scores = table.scoreNames().size();
    List<Row> rows = new ArrayList<>(table.size());
    for (int i = 0; i < table.size(); i++) {
      Object[] values = new Object[fields.size()];
      int c = 0;
      values[c++] = table.customerId(i);
      for (String name : explanations) {
        values[c++] = table.explanation(i, name);
      }
      for (int k = 0; k < scores; k++) {
        values[c++] = table.score(i, k);
      }
      values[c] = table.label(i);
      rows.add(RowFactory.create(values));
    }
    // parallelized rather than a local relation, so that the plan does not carry every row
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(context.parallelize(rows, context.defaultParallelism()), schema);
  }

  /**
   * Runs a Spark action and, when a task failed on bad input, throws the task's own {@link
   * IllegalArgumentException} message (which names the column, value and customer) instead of
   * Spark's wrapper. Spark 3.5 does not keep the task's exception as the cause, only its text in
   * the message ({@code "... java.lang.IllegalArgumentException: <message>\n\tat ..."}).
   */
  static <T> T unwrap(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // SparkException is checked, but Scala code throws it undeclared
      // a value check of SparkCustomers (raise_error) or a strategy's per-customer error
      for (Throwable t = e; t != null; t = t.getCause()) {
        String text = t.getMessage();
        int at = text == null ? -1 : text.indexOf(SparkCustomers.ERROR);
        if (at >= 0) {
          throw new IllegalArgumentException(line(text, at + SparkCustomers.ERROR.length()), e);
        }
        String scoring = dev.crmkit.scoring.base.ScoringException.class.getName() + ": ";
        at = text == null ? -1 : text.indexOf(scoring);
        if (at >= 0) {
          throw new dev.crmkit.scoring.base.ScoringException(line(text, at + scoring.length()), e);
        }
      }
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException bad) {
          throw new IllegalArgumentException(bad.getMessage(), e);
        }
      }
      String message = e.getMessage();
      String marker = IllegalArgumentException.class.getName() + ": ";
      int at = message == null ? -1 : message.indexOf(marker);
      if (at >= 0) {
        int start = at + marker.length();
        int end = message.indexOf('\n', start);
        throw new IllegalArgumentException(message.substring(start, end < 0 ? message.length() : end), e);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("Spark job failed: " + message, e);
    }
  }

  /** The text from {@code start} to the end of its line (or to Spark's " SQLSTATE" suffix). */
  private static String line(String text, int start) {
    int end = text.indexOf('\n', start);
    end = end < 0 ? text.length() : end;
    int state = text.indexOf(" SQLSTATE", start);
    if (state >= 0 && state < end) {
      end = state;
    }
    return text.substring(start, end).strip();
  }
}
