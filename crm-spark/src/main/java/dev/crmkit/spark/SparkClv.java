package dev.crmkit.spark;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.clv.CbsRows;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.SpendRows;
import dev.crmkit.scoring.clv.TimeUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The CLV models of crm-scoring on Spark: the per-customer summary in the customer-base-analysis
 * convention computed with the library's {@link CbsSummary} per partition, the compressed model
 * inputs ({@link CbsRows}, {@link SpendRows}) built from Spark's counts of identical rows, and
 * every customer valued in parallel with a fitted {@link Clv}.
 *
 * <p>Only the compressed rows reach the driver: one per distinct (frequency, recency, T), or
 * (frequency, monetary value); a million CDNOW-like customers give about 107,000. The fit itself
 * is the library's ({@code BgNbd.fit(rows)}, {@code GammaGamma.fit(spendRows)}).
 *
 * <pre>{@code
 * Dataset<Row> cbs = SparkClv.summary(tx, columns, LocalDate.of(1997, 9, 30), TimeUnit.WEEKS).cache();
 * BgNbd bgNbd = BgNbd.fit(SparkClv.rows(cbs)).model();
 * GammaGamma spend = GammaGamma.fit(SparkClv.spendRows(cbs)).model();
 * Dataset<Row> values = SparkClv.value(cbs, Clv.of(bgNbd, spend, TimeUnit.WEEKS.perMonth(), 12, 0.01, 1));
 * }</pre>
 */
public final class SparkClv {

  /** The columns of {@link #summary}. */
  public static final StructType SUMMARY_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("customer_id", DataTypes.StringType, false),
      DataTypes.createStructField("frequency", DataTypes.DoubleType, false),
      DataTypes.createStructField("recency", DataTypes.DoubleType, false),
      DataTypes.createStructField("T", DataTypes.DoubleType, false),
      DataTypes.createStructField("monetary_value", DataTypes.DoubleType, false),
      DataTypes.createStructField("total_value", DataTypes.DoubleType, false)));

  /** The columns of {@link #value}. */
  public static final StructType VALUE_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("customer_id", DataTypes.StringType, false),
      DataTypes.createStructField("p_alive", DataTypes.DoubleType, false),
      DataTypes.createStructField("expected_purchases", DataTypes.DoubleType, false),
      DataTypes.createStructField("clv", DataTypes.DoubleType, false)));

  private SparkClv() {}

  /**
   * One row per customer with a purchase on or before the calibration end: {@code customer_id,
   * frequency, recency, T, monetary_value, total_value}, exactly as {@link CbsSummary} computes
   * them in memory (the transactions are grouped by customer with a shuffle, then each
   * partition is summarised by the library). Amounts must not be negative.
   */
  public static Dataset<Row> summary(
      Dataset<Row> transactions, TransactionColumns columns, LocalDate calibrationEnd, TimeUnit timeUnit) {
    requireNonNull(transactions, "transactions");
    requireNonNull(columns, "columns");
    requireNonNull(calibrationEnd, "calibrationEnd");
    requireNonNull(timeUnit, "timeUnit");
    TransactionRows reader = TransactionRows.of(transactions, columns);
    Dataset<Row> byCustomer = transactions.repartition(functions.col(columns.customerId()));
    MapPartitionsFunction<Row, Row> summarise = rows -> {
      List<String> ids = new ArrayList<>();
      List<LocalDate> dates = new ArrayList<>();
      List<Double> amounts = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        String id = reader.customerId(row);
        ids.add(id);
        dates.add(LocalDate.ofEpochDay(reader.epochDay(row, id)));
        amounts.add(reader.amount(row, id));
      }
      double[] amount = amounts.stream().mapToDouble(Double::doubleValue).toArray();
      CbsSummary s;
      try {
        s = CbsSummary.builder(calibrationEnd).timeUnit(timeUnit)
            .build(ids.toArray(new String[0]), dates.toArray(new LocalDate[0]), amount);
      } catch (IllegalArgumentException e) {
        // the builder numbers the transactions of this partition; name the customer and date instead
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^transaction (\\d+): ").matcher(e.getMessage());
        if (m.find()) {
          int k = Integer.parseInt(m.group(1));
          throw new IllegalArgumentException("transaction of customer '" + ids.get(k) + "' on " + dates.get(k)
              + ": " + e.getMessage().substring(m.end()), e);
        }
        throw e;
      }
      List<Row> out = new ArrayList<>(s.size());
      for (int i = 0; i < s.size(); i++) {
        out.add(RowFactory.create(
            s.customerId(i), s.frequency(i), s.recency(i), s.T(i), s.monetaryValue(i), s.totalValue(i)));
      }
      return out.iterator();
    };
    return byCustomer.mapPartitions(summarise, Encoders.row(SUMMARY_SCHEMA));
  }

  /**
   * The compressed (frequency, recency, T, count) rows of a {@link #summary} for fitting a
   * purchase model: counted by Spark, only the distinct rows collected, in a fixed order
   * (frequency, recency, T ascending) so that the fit does not depend on the partitioning.
   */
  public static CbsRows rows(Dataset<Row> summary) {
    requireNonNull(summary, "summary");
    List<Row> counted = sorted(SparkScoring.unwrap(
        () -> summary.groupBy("frequency", "recency", "T").count().collectAsList()), 3);
    int m = counted.size();
    double[] x = new double[m];
    double[] tx = new double[m];
    double[] t = new double[m];
    double[] w = new double[m];
    for (int j = 0; j < m; j++) {
      Row r = counted.get(j);
      x[j] = r.getDouble(0);
      tx[j] = r.getDouble(1);
      t[j] = r.getDouble(2);
      w[j] = r.getLong(3);
    }
    return CbsRows.of(x, tx, t, w);
  }

  /**
   * The compressed (frequency, monetary value, count) rows of the customers with a repeat
   * purchase, for fitting the Gamma-Gamma spend model; ordered like {@link #rows}.
   */
  public static SpendRows spendRows(Dataset<Row> summary) {
    requireNonNull(summary, "summary");
    List<Row> counted = sorted(SparkScoring.unwrap(() -> summary.filter(functions.col("frequency").geq(1))
        .groupBy("frequency", "monetary_value").count().collectAsList()), 2);
    int m = counted.size();
    double[] x = new double[m];
    double[] v = new double[m];
    double[] w = new double[m];
    for (int j = 0; j < m; j++) {
      Row r = counted.get(j);
      x[j] = r.getDouble(0);
      v[j] = r.getDouble(1);
      w[j] = r.getLong(2);
    }
    return SpendRows.of(x, v, w);
  }

  /** The collected distinct rows ordered by their first {@code keys} (double) columns, on the driver. */
  private static List<Row> sorted(List<Row> rows, int keys) {
    List<Row> out = new ArrayList<>(rows);
    out.sort((p, q) -> {
      for (int k = 0; k < keys; k++) {
        int c = Double.compare(p.getDouble(k), q.getDouble(k));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    return out;
  }

  /**
   * Every customer of a {@link #summary} valued in parallel: {@code customer_id, p_alive,
   * expected_purchases} (over the CLV's horizon, {@code horizonMonths × unitsPerMonth} time
   * units) and {@code clv} ({@link Clv#value}). The model is sent to the executors with the task.
   */
  public static Dataset<Row> value(Dataset<Row> summary, Clv clv) {
    requireNonNull(summary, "summary");
    requireNonNull(clv, "clv");
    double horizon = clv.horizonMonths() * clv.unitsPerMonth();
    MapFunction<Row, Row> valueOne = r -> {
      double x = r.getDouble(r.fieldIndex("frequency"));
      double tx = r.getDouble(r.fieldIndex("recency"));
      double t = r.getDouble(r.fieldIndex("T"));
      double m = r.getDouble(r.fieldIndex("monetary_value"));
      return RowFactory.create(
          r.getString(r.fieldIndex("customer_id")),
          clv.transactions().probabilityAlive(x, tx, t),
          clv.transactions().conditionalExpectedPurchases(horizon, x, tx, t),
          clv.value(x, tx, t, m));
    };
    return summary.map(valueOne, Encoders.row(VALUE_SCHEMA));
  }
}
