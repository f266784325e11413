package dev.crmkit.spark;

import dev.crmkit.scoring.table.TransactionLog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The same transactions as a DataFrame and as an in-memory log. */
record Transactions(List<Row> rows) {

  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("cust", DataTypes.StringType, true),
      DataTypes.createStructField("day", DataTypes.DateType, true),
      DataTypes.createStructField("net", DataTypes.createDecimalType(12, 2), true),
      DataTypes.createStructField("dept", DataTypes.StringType, true),
      DataTypes.createStructField("discount", DataTypes.DoubleType, true)));

  static final TransactionColumns COLUMNS =
      TransactionColumns.of("cust", "day", "net").withCategory("dept").withDiscountShare("discount");

  /**
   * Random transactions over two years: skewed customers (some buy often), cents, some returns,
   * categories and discount shares on some rows, some rows after any as-of date in 2024.
   */
  static Transactions generate(long seed, int rows, int customers) {
    Random random = new Random(seed);
    String[] depts = {"books", "music", "garden", null};
    List<Row> out = new ArrayList<>(rows);
    LocalDate start = LocalDate.of(2023, 1, 1);
    for (int r = 0; r < rows; r++) {
      int c = (int) Math.floor(customers * Math.pow(random.nextDouble(), 2)); // low ids buy more
      LocalDate day = start.plusDays(random.nextInt(730));
      long cents = random.nextInt(20) == 0 ? -random.nextInt(5_000) : random.nextInt(50_000);
      Double discount = random.nextInt(3) == 0 ? null : random.nextInt(101) / 100.0;
      out.add(RowFactory.create("C" + c, java.sql.Date.valueOf(day), BigDecimal.valueOf(cents, 2),
          depts[random.nextInt(depts.length)], discount));
    }
    return new Transactions(out);
  }

  /** Spread over partitions round-robin, so one customer's rows are in several partitions. */
  Dataset<Row> frame(SparkSession spark, int partitions) {
    return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  TransactionLog log() {
    TransactionLog.Builder b = TransactionLog.builder();
    for (Row r : rows) {
      b.add(r.getString(0), r.getDate(1).toLocalDate(), r.getDecimal(2).doubleValue(), r.getString(3),
          r.isNullAt(4) ? Double.NaN : r.getDouble(4));
    }
    return b.build();
  }
}
