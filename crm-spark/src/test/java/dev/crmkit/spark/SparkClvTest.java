package dev.crmkit.spark;

import static dev.crmkit.spark.Equality.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.CbsRows;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.SpendRows;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.datagen.ClvSimulator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkClvTest {

  static final LocalDate END = LocalDate.of(2024, 9, 30);
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("customer_id", DataTypes.StringType, false),
      DataTypes.createStructField("date", DataTypes.DateType, false),
      DataTypes.createStructField("amount", DataTypes.createDecimalType(10, 2), false)));

  static SparkSession spark;
  static List<Row> rows;
  static CbsSummary memory;
  static Dataset<Row> cbs;

  /**
   * Customers drawn from BG/NBD with the CDNOW parameters (in days) by crm-testkit's simulator,
   * turned into dated transactions: the first purchase T days before the calibration end, the
   * last repeat at the recency, the others on random days in between (purchases that fall on the
   * same day become one transaction, as the summary convention says), plus purchases after the
   * calibration end that the summary must leave out.
   */
  @BeforeAll
  static void simulate() {
    spark = LocalSpark.session();
    ClvSimulator simulator = ClvSimulator.withSeed(11);
    int n = 3_000;
    double[] ages = simulator.cohortAges(n, 273, 84, 1);
    ClvSimulator.Histories h = simulator.bgNbd(n, 0.243, 4.414 * 7, 0.793, 2.426, ages).onGrid(1);
    Random random = new Random(5);
    rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<LocalDate> dates = new ArrayList<>();
    List<Double> amounts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "K" + i;
      LocalDate first = END.minusDays((long) h.T()[i]);
      double mean = 5 + random.nextInt(60);
      List<LocalDate> days = new ArrayList<>();
      days.add(first);
      int x = (int) h.frequency()[i];
      int tx = (int) h.recency()[i];
      for (int k = 1; k < x; k++) {
        days.add(first.plusDays(tx <= 1 ? tx : 1 + random.nextInt(tx)));
      }
      if (x > 0) {
        days.add(first.plusDays(tx));
      }
      if (random.nextInt(4) == 0) {
        days.add(END.plusDays(1 + random.nextInt(100)));
      }
      for (LocalDate d : days) {
        BigDecimal amount = BigDecimal.valueOf(Math.round(mean * (0.5 + random.nextDouble()) * 100), 2);
        rows.add(RowFactory.create(id, java.sql.Date.valueOf(d), amount));
        ids.add(id);
        dates.add(d);
        amounts.add(amount.doubleValue());
      }
    }
    memory = CbsSummary.builder(END).timeUnit(TimeUnit.WEEKS).build(ids.toArray(new String[0]),
        dates.toArray(new LocalDate[0]), amounts.stream().mapToDouble(Double::doubleValue).toArray());
    cbs = SparkClv.summary(spark.createDataFrame(rows, SCHEMA).repartition(3), TransactionColumns.defaults(), END,
        TimeUnit.WEEKS).cache();
  }

  @Test
  void the_summary_on_spark_equals_the_in_memory_summary_customer_by_customer() {
    List<Row> collected = cbs.collectAsList();
    assertThat(collected).hasSize(memory.size());
    Map<String, Row> byId = new HashMap<>();
    collected.forEach(r -> byId.put(r.getString(0), r));
    int repeaters = 0;
    for (int i = 0; i < memory.size(); i++) {
      Row r = byId.get(memory.customerId(i));
      assertThat(r).as(memory.customerId(i)).isNotNull();
      assertThat(r.getDouble(1)).isEqualTo(memory.frequency(i));
      assertClose(r.getDouble(2), memory.recency(i), "recency");
      assertClose(r.getDouble(3), memory.T(i), "T");
      assertClose(r.getDouble(4), memory.monetaryValue(i), "monetary value");
      assertClose(r.getDouble(5), memory.totalValue(i), "total value");
      repeaters += memory.frequency(i) > 0 ? 1 : 0;
    }
    assertThat(repeaters).isBetween(500, 2_500);
  }

  @Test
  void the_compressed_rows_are_those_of_the_in_memory_summary() {
    CbsRows onSpark = SparkClv.rows(cbs);
    CbsRows inMemory = memory.rows();
    assertThat(onSpark.size()).isEqualTo(inMemory.size()).isLessThan(memory.size());
    assertThat(onSpark.customers()).isEqualTo(inMemory.customers()).isEqualTo(memory.size());
    Map<List<Double>, Double> expected = new HashMap<>();
    for (int j = 0; j < inMemory.size(); j++) {
      expected.put(List.of(inMemory.frequency(j), inMemory.recency(j), inMemory.T(j)), inMemory.weight(j));
    }
    for (int j = 0; j < onSpark.size(); j++) {
      assertThat(onSpark.weight(j))
          .isEqualTo(expected.get(List.of(onSpark.frequency(j), onSpark.recency(j), onSpark.T(j))));
    }
  }

  @Test
  void fits_on_the_collected_rows_equal_the_in_memory_fits() {
    ModelFit<BgNbd> onSpark = BgNbd.fit(SparkClv.rows(cbs));
    ModelFit<BgNbd> inMemory = BgNbd.fit(memory.rows());
    inMemory.model().parameters().forEach((name, value) ->
        assertClose(onSpark.model().parameters().get(name), value, "bg-nbd " + name));
    assertClose(onSpark.logLikelihood(), inMemory.logLikelihood(), "log-likelihood");

    ModelFit<GammaGamma> spendOnSpark = GammaGamma.fit(SparkClv.spendRows(cbs));
    ModelFit<GammaGamma> spendInMemory = GammaGamma.fit(memory.spendRows());
    spendInMemory.model().parameters().forEach((name, value) ->
        assertClose(spendOnSpark.model().parameters().get(name), value, "gamma-gamma " + name));
    SpendRows rows = SparkClv.spendRows(cbs);
    assertThat(rows.customers()).isEqualTo(memory.spendRows().customers());
  }

  @Test
  void every_customer_is_valued_in_parallel_as_in_memory() {
    Clv clv = Clv.of(BgNbd.fit(SparkClv.rows(cbs)).model(), GammaGamma.fit(SparkClv.spendRows(cbs)).model(),
        TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);
    List<Row> values = SparkClv.value(cbs, clv).collectAsList();
    assertThat(values).hasSize(memory.size());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < memory.size(); i++) {
      index.put(memory.customerId(i), i);
    }
    double horizon = 12 * TimeUnit.WEEKS.perMonth();
    for (Row r : values) {
      int i = index.get(r.getString(0));
      double x = memory.frequency(i);
      double tx = memory.recency(i);
      double t = memory.T(i);
      assertClose(r.getDouble(1), clv.transactions().probabilityAlive(x, tx, t), "p_alive");
      assertClose(r.getDouble(2), clv.transactions().conditionalExpectedPurchases(horizon, x, tx, t), "expected");
      assertClose(r.getDouble(3), clv.value(x, tx, t, memory.monetaryValue(i)), "clv");
    }
  }

  @Test
  void a_negative_amount_stops_the_summary_naming_the_customer() {
    Dataset<Row> tx = spark.createDataFrame(List.of(
        RowFactory.create("A", java.sql.Date.valueOf(END.minusDays(3)), new BigDecimal("10.00")),
        RowFactory.create("B", java.sql.Date.valueOf(END.minusDays(2)), new BigDecimal("-4.00"))), SCHEMA);
    Dataset<Row> summary = SparkClv.summary(tx, TransactionColumns.defaults(), END, TimeUnit.WEEKS);
    assertThatThrownBy(() -> SparkClv.rows(summary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("transaction of customer 'B' on 2024-09-28: amount must be finite and >= 0, got -4.0");
  }
}
