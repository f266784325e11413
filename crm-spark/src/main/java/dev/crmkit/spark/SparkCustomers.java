package dev.crmkit.spark;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.crmkit.scoring.CustomerMetrics;
import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.base.ScoringException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * crm-scoring on Spark with the customers kept on the executors: the customer summary is a
 * distributed {@code Dataset} (one row per customer), a {@link DistributableStrategy} is fitted
 * on the driver from small population statistics ({@link ValueHistogram}s computed by
 * group-bys), and the fitted model is broadcast and scores every customer on the executors.
 * The driver never holds a customer table; its memory does not grow with the customers.
 *
 * <pre>{@code
 * Dataset<Row> customers = SparkCustomers.summary(tx, columns, LocalDate.of(2024, 12, 31)).persist();
 * SparkCustomers.score(customers, "rfm", "{\"bins\": 5}").write().parquet(lake + "/rfm");
 * }</pre>
 */
public final class SparkCustomers {

  /** The customer id column of the summary and of the scores. */
  public static final String CUSTOMER_ID = "customer_id";

  /** Histograms with up to this many distinct values go to the driver exactly. */
  public static final int EXACT_LIMIT = 100_000;

  static final String ERROR = "crmkit-input-error: ";
  private static final String AFTER = "rows_after_as_of";
  private static final List<String> BASE = List.of(CUSTOMER_ID, "transactions", "recency",
      "tenure", "distinct_days", "revenue", "first_day_total", "discount_sum", "discount_count");

  private SparkCustomers() {}

  /**
   * The customer summary of the transactions on or before {@code asOf} as a distributed dataset,
   * one row per customer with a purchase: {@code customer_id, transactions, recency, tenure,
   * distinct_days, revenue, first_day_total, discount_sum, discount_count}. The same numbers as
   * {@code CustomerSummary.of} in memory (returns are netted against the revenue and are not
   * transactions; totals are rounded to 6 decimals, which removes the floating-point noise of
   * sums of amounts in cents). Computed by Spark's aggregation on the executors after one
   * shuffle by customer: per (customer, day), then per customer, streaming (Spark spills).
   * Lazy: nothing runs until the dataset is used.
   *
   * @throws IllegalArgumentException at once when a column is missing or has an unusable type;
   *     when the job runs, a bad value stops it naming the column, the value and the customer
   */
  public static Dataset<Row> summary(Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf) {
    requireNonNull(transactions, "transactions");
    requireNonNull(columns, "columns");
    requireNonNull(asOf, "asOf");
    TransactionRows.of(transactions, columns); // checks names and types before any scan
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    Dataset<Row> tx = typed(transactions, columns);
    Dataset<Row> byDay = tx
        .where(col("day").leq(asOfDay))
        .repartition(col(CUSTOMER_ID))
        .groupBy(col(CUSTOMER_ID), col("day"))
        .agg(
            sum(when(col("amount").geq(0), 1).otherwise(0)).as("n"),
            sum(when(col("amount").geq(0), col("amount")).otherwise(0.0)).as("bought"),
            sum(col("amount")).as("net"),
            sum(when(col("amount").geq(0), col("share"))).as("share_sum"),
            count(when(col("amount").geq(0), col("share"))).as("share_count"));
    Column purchaseDay = when(col("n").gt(0), col("day"));
    return byDay
        .groupBy(col(CUSTOMER_ID))
        .agg(
            sum(col("n")).as("transactions"),
            max(purchaseDay).as("last_day"),
            min(purchaseDay).as("first_day"),
            count(purchaseDay).as("distinct_days"),
            round(sum(col("net")), 6).as("revenue"),
            round(min_by(col("bought"), purchaseDay), 6).as("first_day_total"),
            sum(col("share_sum")).as("discount_sum"),
            sum(col("share_count")).as("discount_count"))
        .where(col("transactions").gt(0))
        .select(
            col(CUSTOMER_ID),
            col("transactions"),
            lit(asOfDay).minus(col("last_day")).as("recency"),
            lit(asOfDay).minus(col("first_day")).as("tenure"),
            col("distinct_days"),
            col("revenue"),
            col("first_day_total"),
            functions.coalesce(col("discount_sum"), lit(0.0)).as("discount_sum"),
            col("discount_count"));
  }

  /** How many transactions are after the as-of date (left out of the summary): one scan. */
  public static long rowsAfterAsOf(Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf) {
    TransactionRows.of(transactions, columns);
    return SparkScoring.unwrap(() -> typed(transactions, columns)
        .where(col("day").gt(Math.toIntExact(asOf.toEpochDay()))).count());
  }

  /**
   * The transactions as {@code customer_id} (string), {@code day} (epoch day), {@code amount}
   * and {@code share} (double), each value checked: a bad one fails the task with a message
   * naming the column, the value and the customer.
   */
  private static Dataset<Row> typed(Dataset<Row> tx, TransactionColumns columns) {
    Column rawId = col(quote(columns.customerId()));
    Column id = rawId.cast("string");
    Column idChecked = when(rawId.isNull(), fail(lit("column '" + columns.customerId() + "': null customer id")))
        .when(id.equalTo(""), fail(lit("column '" + columns.customerId() + "': empty customer id")))
        .otherwise(id);
    Column rawDate = col(quote(columns.date()));
    boolean textDate = tx.schema().apply(columns.date()).dataType() == DataTypes.StringType;
    Column date = textDate ? functions.to_date(rawDate, "yyyy-MM-dd") : rawDate;
    Column day = functions.datediff(date, lit("1970-01-01"));
    Column dayChecked = when(rawDate.isNull(),
            fail(concat(lit("column '" + columns.date() + "': null date for customer '"), id, lit("'"))))
        .when(date.isNull(), fail(concat(lit("column '" + columns.date() + "': '"), rawDate.cast("string"),
            lit("' for customer '"), id, lit("' is not a date (expected yyyy-MM-dd)"))))
        .otherwise(day);
    Column rawAmount = col(quote(columns.amount()));
    Column amount = rawAmount.cast("double");
    Column amountChecked = when(rawAmount.isNull(),
            fail(concat(lit("column '" + columns.amount() + "': null for customer '"), id, lit("'"))))
        .when(functions.isnan(amount).or(functions.abs(amount).equalTo(Double.POSITIVE_INFINITY)),
            fail(concat(lit("column '" + columns.amount() + "': "), amount.cast("string"), lit(" for customer '"),
                id, lit("' is not a finite number"))))
        .otherwise(amount);
    Column share = lit(null).cast("double");
    if (columns.discountShare().isPresent()) {
      String d = columns.discountShare().get();
      Column raw = col(quote(d)).cast("double");
      share = when(raw.isNotNull().and(raw.lt(0).or(raw.gt(1)).or(functions.isnan(raw))),
              fail(concat(lit("column '" + d + "': "), raw.cast("string"), lit(" for customer '"), id,
                  lit("' is not in [0, 1]"))))
          .otherwise(raw);
    }
    return tx.select(idChecked.as(CUSTOMER_ID), dayChecked.as("day"), amountChecked.as("amount"),
        share.as("share"));
  }

  private static Column fail(Column message) {
    return raise_error(concat(lit(ERROR), message));
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /**
   * The summary with customer attributes joined by customer id (a left join on the executors;
   * a customer without a row has nulls, which a strategy sees as missing values). Every column
   * of {@code attributes} other than {@code idColumn} becomes an attribute a strategy can read
   * by name, as {@code CustomerSummary.withAttributes} in memory.
   */
  public static Dataset<Row> withAttributes(Dataset<Row> customers, Dataset<Row> attributes, String idColumn) {
    requireNonNull(customers, "customers");
    requireNonNull(attributes, "attributes");
    requireNonNull(idColumn, "idColumn");
    if (!List.of(attributes.columns()).contains(idColumn)) {
      throw new IllegalArgumentException(
          "idColumn: '" + idColumn + "' is not a column of the attributes; columns: " + List.of(attributes.columns()));
    }
    Dataset<Row> renamed = attributes.withColumn(idColumn, col(quote(idColumn)).cast("string"))
        .withColumnRenamed(idColumn, "__attribute_id");
    return customers.join(renamed, customers.col(CUSTOMER_ID).equalTo(renamed.col("__attribute_id")), "left")
        .drop("__attribute_id");
  }

  /**
   * Scores the customers with a strategy of the SPI by id and JSON configuration ({@code null}
   * or blank for its defaults). The strategy must be a {@link DistributableStrategy} (every
   * built-in strategy except {@code weighted-value} and {@code clv} is);
   * for another one use {@link SparkScoring#summary} and {@link SparkScoring#score}, which
   * gather the summary table on the driver.
   *
   * <p>Runs one small job per fitted metric (a group-by whose result, at most {@link
   * #EXACT_LIMIT} rows or a sketch, is collected), fits on the driver, broadcasts the model;
   * the returned dataset is scored on the executors when it is used (written, counted). Persist
   * {@code customers} first: it is read once per statistic and once to score.
   *
   * @return {@code customer_id}, the explanation columns, the score columns (doubles) and the
   *     class column (string): the columns of the strategy's score table
   */
  public static Dataset<Row> score(Dataset<Row> customers, String strategyId, String configJson) {
    requireNonNull(customers, "customers");
    requireNonNull(strategyId, "strategyId");
    ScoringEngine engine = ScoringEngine.load();
    ScoringStrategy strategy = configJson == null || configJson.isBlank()
        ? engine.strategy(strategyId)
        : engine.strategy(strategyId, configJson);
    if (!(strategy instanceof DistributableStrategy distributable)) {
      throw new IllegalArgumentException("strategy '" + strategyId + "' is not distributable (it"
          + " implements only ScoringStrategy.score); score it with SparkScoring.summary and"
          + " SparkScoring.score, which gather the summary table on the driver");
    }
    return score(customers, fit(customers, distributable, EXACT_LIMIT, ValueHistogram.DEFAULT_RELATIVE_ERROR));
  }

  /**
   * Fits a strategy on the population statistics of the customers: one histogram per fitted
   * metric, exact when it has at most {@code exactLimit} distinct values, else a sketch of
   * relative error {@code relativeError} (see {@link ValueHistogram}).
   */
  public static CustomerScorer fit(
      Dataset<Row> customers, DistributableStrategy strategy, int exactLimit, double relativeError) {
    requireNonNull(customers, "customers");
    requireNonNull(strategy, "strategy");
    if (exactLimit < 1) {
      throw new IllegalArgumentException("exactLimit: " + exactLimit + " is below 1");
    }
    List<String> metrics = strategy.fitMetrics();
    List<ValueHistogram> histograms = metrics.isEmpty()
        ? List.of() : histograms(customers, strategy.id(), metrics, exactLimit, relativeError);
    return strategy.fit(histograms);
  }

  /**
   * The histograms of several metrics in one pass: the customers' (metric, value) pairs are
   * counted by one group-by on the executors; the distinct values per metric are counted, and
   * a metric with more than {@code exactLimit} of them is bucketed on the executors instead of
   * being collected.
   */
  static List<ValueHistogram> histograms(
      Dataset<Row> customers, String strategy, List<String> metrics, int exactLimit, double relativeError) {
    double e = relativeError;
    UserDefinedFunction bucket = functions.udf(
        (UDF1<Double, Double>) x -> x == null ? null : ValueHistogram.bucket(x, e), DataTypes.DoubleType);
    // a cheap first pass (HyperLogLog, 5% error) finds the metrics that clearly have too many
    // distinct values: those are bucketed before the group-by, so it stays small
    List<Column> estimates = new ArrayList<>();
    for (String name : metrics) {
      estimates.add(functions.approx_count_distinct(metric(customers, strategy, name), 0.05));
    }
    Row estimate = SparkScoring.unwrap(() -> customers.agg(estimates.get(0),
        estimates.subList(1, estimates.size()).toArray(new Column[0])).first());
    boolean[] bucketed = new boolean[metrics.size()];
    List<Column> pairs = new ArrayList<>();
    for (int k = 0; k < metrics.size(); k++) {
      bucketed[k] = estimate.getLong(k) > 1.2 * exactLimit;
      Column v = metric(customers, strategy, metrics.get(k));
      pairs.add(functions.struct(lit(k).as("k"), (bucketed[k] ? bucket.apply(v) : v).as("v")));
    }
    // persist plans the query at once (and Spark may evaluate a local input's checks while
    // planning): inside unwrap, so that a bad value reads as one
    Dataset<Row> counts = SparkScoring.unwrap(() -> customers
        .select(functions.explode(functions.array(pairs.toArray(new Column[0]))).as("p"))
        .select(col("p.k").as("k"), col("p.v").as("v"))
        .where(col("v").isNotNull())
        .groupBy(col("k"), col("v")).count()
        .persist(StorageLevel.MEMORY_AND_DISK()));
    try {
      long[] distinct = new long[metrics.size()];
      for (Row r : SparkScoring.unwrap(() -> counts.groupBy(col("k")).count().collectAsList())) {
        distinct[r.getInt(0)] = r.getLong(1);
      }
      // the metrics within the limit: one job collects all their (value, count) rows
      List<Integer> exact = new ArrayList<>();
      for (int k = 0; k < metrics.size(); k++) {
        if (bucketed[k] || distinct[k] <= exactLimit) {
          exact.add(k); // exact values, or buckets already: collected as they are
        }
      }
      List<List<Row>> rowsOf = new ArrayList<>();
      for (int k = 0; k < metrics.size(); k++) {
        rowsOf.add(new ArrayList<>());
      }
      if (!exact.isEmpty()) {
        for (Row r : SparkScoring.unwrap(() -> counts.where(col("k").isin(exact.toArray()))
            .select(col("k"), col("v"), col("count")).collectAsList())) {
          rowsOf.get(r.getInt(0)).add(RowFactory.create(r.getDouble(1), r.getLong(2)));
        }
      }
      List<ValueHistogram> out = new ArrayList<>();
      for (int k = 0; k < metrics.size(); k++) {
        if (bucketed[k]) {
          List<Row> rows = rowsOf.get(k);
          out.add(ValueHistogram.sketch(doubles(rows), longs(rows), relativeError));
        } else if (distinct[k] <= exactLimit) {
          List<Row> rows = rowsOf.get(k);
          out.add(ValueHistogram.exact(doubles(rows), longs(rows)));
        } else {
          int metric = k;
          List<Row> rows = SparkScoring.unwrap(() -> counts.where(col("k").equalTo(metric))
              .groupBy(bucket.apply(col("v")).as("b")).agg(sum(col("count")).as("n")).collectAsList());
          out.add(ValueHistogram.sketch(doubles(rows), longs(rows), relativeError));
        }
      }
      return out;
    } finally {
      counts.unpersist();
    }
  }

  private static double[] doubles(List<Row> rows) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).getDouble(0);
    }
    return out;
  }

  private static long[] longs(List<Row> rows) {
    long[] out = new long[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).getLong(1);
    }
    return out;
  }

  /**
   * A metric of {@code CustomerSummary.metric} as a double column of the summary (null where
   * missing): the built-in metrics, or an attribute column joined with {@link #withAttributes}.
   */
  static Column metric(Dataset<Row> customers, String strategy, String name) {
    Column t = col("transactions").cast("double");
    switch (name) {
      case "revenue":
        return col("revenue");
      case "transactions":
        return t;
      case "repurchases":
        return t.minus(1);
      case "distinct_days":
        return col("distinct_days").cast("double");
      case "mean_value":
        return col("revenue").divide(t);
      case "recency":
        return col("recency").cast("double");
      case "tenure":
        return col("tenure").cast("double");
      case "discount_share":
        return when(col("discount_count").gt(0), col("discount_sum").divide(col("discount_count")));
      case "repeat_mean_value":
        return when(col("distinct_days").equalTo(1), lit(0.0)).otherwise(
            round(col("revenue").minus(col("first_day_total")), 6).divide(col("distinct_days").minus(1)));
      case "interactions":
        throw new ScoringException(strategy + ": metric 'interactions': the summary on Spark has no"
            + " interactions (only transactions are read)");
      default:
        break;
    }
    List<String> attributes = new ArrayList<>(List.of(customers.columns()));
    attributes.removeAll(BASE);
    if (name.startsWith("category:") || !attributes.contains(name)) {
      List<String> known = new ArrayList<>(List.of("revenue", "transactions", "repurchases",
          "distinct_days", "mean_value", "recency", "tenure", "discount_share", "repeat_mean_value"));
      known.addAll(attributes);
      throw new ScoringException(strategy + ": metric '" + name + "' is unknown on Spark; known: " + known
          + (name.startsWith("category:") ? " (category totals are not in the distributed summary)" : ""));
    }
    Column raw = col(quote(name));
    Column number = functions.trim(raw.cast("string")).cast("double");
    return when(raw.isNotNull().and(number.isNull().or(functions.isnan(number))
            .or(functions.abs(number).equalTo(Double.POSITIVE_INFINITY))),
        fail(concat(lit("attribute '" + name + "' of customer '"), col(CUSTOMER_ID), lit("': '"),
            raw.cast("string"), lit("' is not a finite number"))))
        .otherwise(number);
  }

  /**
   * Scores every customer with a fitted scorer on the executors (the scorer is broadcast).
   * Lazy: runs when the result is used.
   */
  public static Dataset<Row> score(Dataset<Row> customers, CustomerScorer scorer) {
    requireNonNull(customers, "customers");
    requireNonNull(scorer, "scorer");
    List<String> inputs = scorer.inputMetrics();
    List<Column> select = new ArrayList<>();
    select.add(col(CUSTOMER_ID));
    for (String name : inputs) {
      select.add(metric(customers, scorer.strategyId(), name).as("m" + select.size()));
    }
    Dataset<Row> input = customers.select(select.toArray(new Column[0]));
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(CUSTOMER_ID, DataTypes.StringType, false));
    for (String name : scorer.explanationNames()) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
    }
    for (String name : scorer.scoreNames()) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField(scorer.labelName(), DataTypes.StringType, false));
    StructType schema = DataTypes.createStructType(fields);
    Broadcast<CustomerScorer> model = JavaSparkContext.fromSparkContext(
        customers.sparkSession().sparkContext()).broadcast(scorer);
    String[] names = inputs.toArray(new String[0]);
    int width = scorer.explanationNames().size() + scorer.scoreNames().size();
    MapPartitionsFunction<Row, Row> score = rows -> new Iterator<>() {
      final CustomerScorer s = model.value();
      final RowMetrics view = new RowMetrics(names);

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        view.row = rows.next();
        double[] out = new double[width];
        String label = s.score(view, out);
        Object[] values = new Object[width + 2];
        values[0] = view.row.getString(0);
        for (int c = 0; c < width; c++) {
          values[c + 1] = out[c];
        }
        values[width + 1] = label;
        return RowFactory.create(values);
      }
    };
    return input.mapPartitions(score, Encoders.row(schema));
  }

  /** A row of {@code customer_id, metric...} as {@link CustomerMetrics}. */
  private static final class RowMetrics implements CustomerMetrics {
    private final Map<String, Integer> index = new HashMap<>();
    Row row;

    RowMetrics(String[] names) {
      for (int k = 0; k < names.length; k++) {
        index.putIfAbsent(names[k], k + 1);
      }
    }

    @Override
    public String customerId() {
      return row.getString(0);
    }

    @Override
    public double metric(String name) {
      Integer k = index.get(name);
      if (k == null) {
        throw new IllegalArgumentException("metric '" + name + "' was not among the scorer's input metrics "
            + index.keySet());
      }
      return row.isNullAt(k) ? Double.NaN : row.getDouble(k);
    }
  }
}
