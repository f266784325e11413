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
import dev.crmkit.scoring.StepwiseScorer;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.base.ScoringException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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

  /** The summary columns each transaction metric reads (besides customer_id and transactions). */
  private static final Map<String, List<String>> COLUMNS_OF = new LinkedHashMap<>();

  static {
    COLUMNS_OF.put("revenue", List.of("revenue"));
    COLUMNS_OF.put("transactions", List.of());
    COLUMNS_OF.put("repurchases", List.of());
    COLUMNS_OF.put("mean_value", List.of("revenue"));
    COLUMNS_OF.put("recency", List.of("recency"));
    COLUMNS_OF.put("tenure", List.of("tenure"));
    COLUMNS_OF.put("discount_share", List.of("discount_sum", "discount_count"));
    COLUMNS_OF.put("distinct_days", List.of("distinct_days"));
    COLUMNS_OF.put("repeat_mean_value", List.of("revenue", "first_day_total", "distinct_days"));
  }

  /** The metrics of the transactions that one aggregation per customer computes. */
  static final List<String> ONE_PASS_METRICS =
      List.of("revenue", "transactions", "repurchases", "mean_value", "recency", "tenure", "discount_share");

  /** The transaction metrics among {@code metrics} (attributes and unknown names left out). */
  static List<String> transactionMetrics(Collection<String> metrics) {
    return metrics.stream().filter(COLUMNS_OF::containsKey).toList();
  }

  /** Whether the summary has the columns of every transaction metric among {@code metrics}. */
  static boolean hasColumnsFor(Dataset<Row> customers, Collection<String> metrics) {
    List<String> present = List.of(customers.columns());
    return transactionMetrics(metrics).stream().allMatch(m -> present.containsAll(COLUMNS_OF.get(m)));
  }

  private SparkCustomers() {}

  /**
   * The customer summary of the transactions on or before {@code asOf} as a distributed dataset,
   * one row per customer with a purchase, with every column: {@code customer_id, transactions,
   * recency, tenure, distinct_days, revenue, first_day_total, discount_sum, discount_count}. The
   * same numbers as {@code CustomerSummary.of} in memory (returns are netted against the revenue
   * and are not transactions; totals are rounded to 6 decimals, which removes the floating-point
   * noise of sums of amounts in cents). Computed by Spark's aggregation on the executors after
   * one shuffle by customer: per (customer, day), then per customer, streaming (Spark spills).
   * Lazy: nothing runs until the dataset is used.
   *
   * <p>When the strategies to run are known, {@link #summary(Dataset, TransactionColumns,
   * LocalDate, Collection)} with their metrics is faster: it aggregates once per customer.
   *
   * @throws IllegalArgumentException at once when a column is missing or has an unusable type;
   *     when the job runs, a bad value stops it naming the column, the value and the customer
   */
  public static Dataset<Row> summary(Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf) {
    return summary(transactions, columns, asOf, BASE.subList(1, BASE.size()), true);
  }

  /**
   * The customer summary with only the columns that the named metrics ({@code
   * CustomerSummary.metric} names) need: {@code customer_id} and {@code transactions} always;
   * {@code recency}, {@code tenure}, {@code revenue} ({@code revenue}, {@code mean_value}),
   * {@code discount_sum} and {@code discount_count} ({@code discount_share}), and {@code
   * distinct_days} and {@code first_day_total} ({@code distinct_days}, {@code
   * repeat_mean_value}). Without {@code distinct_days} and {@code repeat_mean_value} the
   * transactions are aggregated in <b>one pass</b> per customer with Spark's built-in aggregate
   * functions (partial aggregation before the shuffle); with one of them, per (customer, day)
   * first, as {@link #summary(Dataset, TransactionColumns, LocalDate)}. For RFM: {@code
   * List.of("recency", "transactions", "revenue")}. Scoring a metric whose columns the summary
   * lacks fails on the driver naming the metric and the column.
   *
   * @throws IllegalArgumentException at once when a column is missing or has an unusable type,
   *     or a metric is not computed from transactions (attributes are joined with {@link
   *     #withAttributes})
   */
  public static Dataset<Row> summary(
      Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf, Collection<String> metrics) {
    requireNonNull(metrics, "metrics");
    Set<String> needed = new LinkedHashSet<>();
    for (String m : metrics) {
      List<String> of = COLUMNS_OF.get(m);
      if (of == null) {
        throw new IllegalArgumentException("metrics: '" + m + "' is not a metric of the transactions; known: "
            + COLUMNS_OF.keySet() + " (attributes are joined with SparkCustomers.withAttributes)");
      }
      needed.addAll(of);
    }
    return summary(transactions, columns, asOf, List.copyOf(needed),
        needed.contains("distinct_days") || needed.contains("first_day_total"));
  }

  private static Dataset<Row> summary(
      Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf, List<String> wanted, boolean byDay) {
    requireNonNull(transactions, "transactions");
    requireNonNull(columns, "columns");
    requireNonNull(asOf, "asOf");
    TransactionRows.of(transactions, columns); // checks names and types before any scan
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    Dataset<Row> tx = typed(transactions, columns).where(col("day").leq(asOfDay));
    Dataset<Row> perCustomer;
    if (byDay) {
      // distinct days and the first day's total need the days: per (customer, day), then per customer
      Dataset<Row> byDayRows = tx
          .repartition(col(CUSTOMER_ID))
          .groupBy(col(CUSTOMER_ID), col("day"))
          .agg(
              sum(when(col("amount").geq(0), 1).otherwise(0)).as("n"),
              sum(when(col("amount").geq(0), col("amount")).otherwise(0.0)).as("bought"),
              sum(col("amount")).as("net"),
              sum(when(col("amount").geq(0), col("share"))).as("share_sum"),
              count(when(col("amount").geq(0), col("share"))).as("share_count"));
      Column purchaseDay = when(col("n").gt(0), col("day"));
      perCustomer = byDayRows
          .groupBy(col(CUSTOMER_ID))
          .agg(
              sum(col("n")).as("transactions"),
              max(purchaseDay).as("last_day"),
              min(purchaseDay).as("first_day"),
              count(purchaseDay).as("distinct_days"),
              round(sum(col("net")).cast("double"), 6).as("revenue"),
              round(min_by(col("bought"), purchaseDay), 6).as("first_day_total"),
              sum(col("share_sum")).as("discount_sum"),
              sum(col("share_count")).as("discount_count"));
    } else {
      // one pass per customer, only the aggregates the columns need (partial aggregation
      // on the map side, one shuffle of the partial rows)
      Column bought = col("amount").geq(0);
      Column purchaseDay = when(bought, col("day"));
      List<Column> aggregates = new ArrayList<>();
      if (wanted.contains("recency")) {
        aggregates.add(max(purchaseDay).as("last_day"));
      }
      if (wanted.contains("tenure")) {
        aggregates.add(min(purchaseDay).as("first_day"));
      }
      if (wanted.contains("revenue")) {
        // a decimal or integer amount is summed exactly, as its type, and the sum made a double:
        // the same rounded total as a sum of doubles, without a conversion per row (and Spark
        // then aggregates straight in its main hash map: with a double sum its extra "fast" map
        // of 65,536 keys is tried first for every row and misses for most customers)
        aggregates.add(round(sum(col("amount")).cast("double"), 6).as("revenue"));
      }
      if (wanted.contains("discount_sum")) {
        aggregates.add(sum(when(bought, col("share"))).as("discount_sum"));
        aggregates.add(count(when(bought, col("share"))).as("discount_count"));
      }
      perCustomer = tx.groupBy(col(CUSTOMER_ID))
          .agg(count(purchaseDay).as("transactions"), aggregates.toArray(new Column[0]));
    }
    List<Column> select = new ArrayList<>(List.of(col(CUSTOMER_ID), col("transactions")));
    for (String c : BASE) {
      if (!wanted.contains(c) || c.equals("transactions")) {
        continue;
      }
      select.add(switch (c) {
        case "recency" -> lit(asOfDay).minus(col("last_day")).as("recency");
        case "tenure" -> lit(asOfDay).minus(col("first_day")).as("tenure");
        case "discount_sum" -> functions.coalesce(col("discount_sum"), lit(0.0)).as("discount_sum");
        default -> col(c);
      });
    }
    return perCustomer.where(col("transactions").gt(0)).select(select.toArray(new Column[0]));
  }

  /** How many transactions are after the as-of date (left out of the summary): one scan. */
  public static long rowsAfterAsOf(Dataset<Row> transactions, TransactionColumns columns, LocalDate asOf) {
    TransactionRows.of(transactions, columns);
    return SparkScoring.unwrap(() -> typed(transactions, columns)
        .where(col("day").gt(Math.toIntExact(asOf.toEpochDay()))).count());
  }

  /**
   * The transactions as {@code customer_id} (string), {@code day} (epoch day), {@code amount}
   * (a decimal of up to 28 digits or an int as it is, any other as a double) and {@code share} (double),
   * each value checked: a bad one fails the task with a message
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
        fail(concat(lit("column '" + columns.date() + "': null date for customer '"), id, lit("'"))));
    if (textDate) {
      // only text can fail to be a date; a date column's only bad value is null
      dayChecked = dayChecked.when(date.isNull(), fail(concat(lit("column '" + columns.date() + "': '"),
          rawDate.cast("string"), lit("' for customer '"), id, lit("' is not a date (expected yyyy-MM-dd)"))));
    }
    dayChecked = dayChecked.otherwise(day);
    Column rawAmount = col(quote(columns.amount()));
    Column amountChecked = when(rawAmount.isNull(),
        fail(concat(lit("column '" + columns.amount() + "': null for customer '"), id, lit("'"))));
    DataType amountType = tx.schema().apply(columns.amount()).dataType();
    boolean finite = amountType instanceof DecimalType || List.of(DataTypes.ByteType, DataTypes.ShortType,
        DataTypes.IntegerType, DataTypes.LongType).contains(amountType);
    // amounts whose sums cannot overflow keep their type (summed exactly, the sums made doubles):
    // a decimal of up to 28 digits (Spark sums it with 10 more) or an int; others become doubles
    boolean exact = amountType instanceof DecimalType d ? d.precision() <= 28
        : List.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType).contains(amountType);
    Column amount = exact ? rawAmount : rawAmount.cast("double");
    if (!finite) {
      // only floating-point (or text) amounts can be NaN or infinite: a decimal (at most 38
      // digits) or an integer always converts to a finite double, so the check is left out
      amountChecked = amountChecked.when(
          functions.isnan(amount).or(functions.abs(amount).equalTo(Double.POSITIVE_INFINITY)),
          fail(concat(lit("column '" + columns.amount() + "': "), amount.cast("string"), lit(" for customer '"),
              id, lit("' is not a finite number"))));
    }
    amountChecked = amountChecked.otherwise(amount);
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
   * <p>Runs one job over the customers for the histograms of all fitted metrics (each at most
   * {@link #EXACT_LIMIT} values or a sketch), fits on the driver, broadcasts the model;
   * the returned dataset is scored on the executors when it is used (written, counted). Persist
   * {@code customers} first: it is read once for the statistics and once to score.
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
   * The histograms of several metrics in one pass over the customers: each partition counts the
   * distinct values of every metric ({@link Histograms}: exact up to {@code exactLimit} distinct
   * values, bucketed beyond), and the partitions' counts are merged in a tree on the executors;
   * the driver receives a few results of bounded size (at most {@code exactLimit} values or the
   * buckets per metric), never one row per customer.
   */
  static List<ValueHistogram> histograms(
      Dataset<Row> customers, String strategy, List<String> metrics, int exactLimit, double relativeError) {
    int n = metrics.size();
    List<Column> select = new ArrayList<>();
    for (String name : metrics) {
      select.add(metric(customers, strategy, name).as("m" + select.size()));
    }
    Dataset<Row> values = customers.select(select.toArray(new Column[0]));
    Histograms merged = SparkScoring.unwrap(() -> {
      JavaRDD<Histograms> parts = values.javaRDD().mapPartitions(rows -> {
        Histograms h = new Histograms(n, exactLimit, relativeError);
        while (rows.hasNext()) {
          Row r = rows.next();
          for (int k = 0; k < n; k++) {
            if (!r.isNullAt(k)) {
              h.add(k, r.getDouble(k));
            }
          }
        }
        return List.of(h).iterator();
      });
      // a dataset without partitions (an empty population) has empty histograms
      return parts.getNumPartitions() == 0
          ? new Histograms(n, exactLimit, relativeError) : parts.treeReduce(Histograms::merge, 2);
    });
    List<ValueHistogram> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(merged.histogram(k));
    }
    return out;
  }

  /**
   * A metric of {@code CustomerSummary.metric} as a double column of the summary (null where
   * missing): the built-in metrics, or an attribute column joined with {@link #withAttributes}.
   */
  static Column metric(Dataset<Row> customers, String strategy, String name) {
    List<String> present = List.of(customers.columns());
    for (String column : COLUMNS_OF.getOrDefault(name, List.of())) {
      if (!present.contains(column)) {
        throw new IllegalArgumentException(strategy + ": metric '" + name + "' needs the summary column '"
            + column + "', which this summary does not have (columns: " + present + "): build it with"
            + " SparkCustomers.summary(transactions, columns, asOf, metrics) naming '" + name
            + "', or without metrics for every column");
      }
    }
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
   * Scores every customer with a fitted scorer on the executors. A {@link StepwiseScorer} (RFM's
   * model) becomes Spark column expressions with its cut points as literals ({@link
   * ScoreExpressions}: code-generated, no row turned into an object); any other scorer is
   * broadcast and called per customer. Both give the same table. Lazy: runs when the result is
   * used.
   */
  public static Dataset<Row> score(Dataset<Row> customers, CustomerScorer scorer) {
    requireNonNull(customers, "customers");
    requireNonNull(scorer, "scorer");
    List<Column> select = new ArrayList<>();
    select.add(col(CUSTOMER_ID));
    List<Column> inputs = new ArrayList<>();
    for (String name : scorer.inputMetrics()) {
      inputs.add(metric(customers, scorer.strategyId(), name));
    }
    Optional<List<Column>> expressions = ScoreExpressions.of(scorer, inputs);
    if (expressions.isEmpty()) {
      return scoreRowByRow(customers, scorer);
    }
    select.addAll(expressions.get());
    return customers.select(select.toArray(new Column[0]));
  }

  /** Scores per customer with the broadcast scorer through {@code mapPartitions}. */
  static Dataset<Row> scoreRowByRow(Dataset<Row> customers, CustomerScorer scorer) {
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
