package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.binning.Binning;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The distributed path: summary as a dataset, fit on histograms, scores on the executors. */
class SparkCustomersTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 9, 30);
  static SparkSession spark;
  static Transactions data;
  static CustomerSummary memory;
  static Dataset<Row> customers;

  @BeforeAll
  static void summarise() {
    spark = LocalSpark.session();
    data = Transactions.generate(42, 20_000, 1_500);
    memory = CustomerSummary.of(data.log(), AS_OF);
    customers = SparkCustomers.summary(data.frame(spark, 5), Transactions.COLUMNS, AS_OF).persist();
  }

  @AfterAll
  static void release() {
    customers.unpersist();
  }

  @Test
  void the_distributed_summary_has_the_in_memory_numbers() {
    Map<String, Row> rows = byId(customers);
    assertThat(rows).hasSize(memory.size());
    for (int i = 0; i < memory.size(); i++) {
      Row r = rows.get(memory.customerId(i));
      assertThat(r).as(memory.customerId(i)).isNotNull();
      assertThat(r.<Long>getAs("transactions")).isEqualTo(memory.transactions(i));
      assertThat(r.<Integer>getAs("recency")).isEqualTo(memory.recency(i));
      assertThat(r.<Integer>getAs("tenure")).isEqualTo(memory.tenure(i));
      assertThat(r.<Long>getAs("distinct_days")).isEqualTo(memory.distinctDays(i));
      assertThat(r.<Double>getAs("revenue")).isEqualTo(memory.total(i));
      assertThat(r.<Double>getAs("first_day_total")).isEqualTo(memory.firstDayTotal(i));
    }
    assertThat(SparkCustomers.rowsAfterAsOf(data.frame(spark, 2), Transactions.COLUMNS, AS_OF))
        .isEqualTo(memory.rowsAfterAsOf()).isPositive();
  }

  @Test
  void a_summary_for_named_metrics_aggregates_once_per_customer_with_the_in_memory_numbers() {
    Dataset<Row> rfm = SparkCustomers.summary(data.frame(spark, 5), Transactions.COLUMNS, AS_OF,
        List.of("recency", "transactions", "revenue")).persist();
    try {
      assertThat(rfm.columns()).containsExactly("customer_id", "transactions", "recency", "revenue");
      // one aggregation (per customer), where the full summary has two (per day, per customer)
      assertThat(aggregates(rfm)).isEqualTo(1);
      assertThat(aggregates(customers)).isEqualTo(2);
      Map<String, Row> rows = byId(rfm);
      assertThat(rows).hasSize(memory.size());
      for (int i = 0; i < memory.size(); i++) {
        Row r = rows.get(memory.customerId(i));
        assertThat(r.<Long>getAs("transactions")).isEqualTo(memory.transactions(i));
        assertThat(r.<Integer>getAs("recency")).isEqualTo(memory.recency(i));
        assertThat(r.<Double>getAs("revenue")).isEqualTo(memory.total(i));
      }
      for (String config : List.of("{}", "{\"bins\": 10}")) {
        assertSame(SparkCustomers.score(rfm, "rfm", config), ScoringEngine.load().strategy("rfm", config).score(memory));
      }
      // a strategy reading a column the summary was built without: named, with what to do
      assertThatThrownBy(() -> SparkCustomers.score(rfm, "abc", "{\"value\": \"tenure\", \"thresholds\": [0.5, 0.8]}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("abc: metric 'tenure' needs the summary column 'tenure', which this summary does not"
              + " have (columns: [customer_id, transactions, recency, revenue]): build it with"
              + " SparkCustomers.summary(transactions, columns, asOf, metrics) naming 'tenure'");
    } finally {
      rfm.unpersist();
    }
  }

  @Test
  void the_other_one_pass_columns_and_the_per_day_columns_equal_the_full_summary() {
    Map<String, Row> full = byId(customers);
    Dataset<Row> onePass = SparkCustomers.summary(data.frame(spark, 3), Transactions.COLUMNS, AS_OF,
        List.of("tenure", "discount_share", "mean_value"));
    assertThat(onePass.columns()).containsExactly(
        "customer_id", "transactions", "tenure", "revenue", "discount_sum", "discount_count");
    assertThat(aggregates(onePass)).isEqualTo(1);
    Dataset<Row> days = SparkCustomers.summary(data.frame(spark, 3), Transactions.COLUMNS, AS_OF,
        List.of("repeat_mean_value"));
    assertThat(days.columns()).containsExactly(
        "customer_id", "transactions", "distinct_days", "revenue", "first_day_total");
    for (Dataset<Row> lean : List.of(onePass, days)) {
      Map<String, Row> rows = byId(lean);
      assertThat(rows).hasSize(full.size());
      for (Map.Entry<String, Row> e : rows.entrySet()) {
        Row f = full.get(e.getKey());
        for (String c : lean.columns()) {
          if (c.equals("discount_sum")) { // summed in another order
            assertThat(e.getValue().<Double>getAs(c)).as("%s of %s", c, e.getKey())
                .isCloseTo(f.<Double>getAs(c), org.assertj.core.data.Offset.offset(1e-9));
          } else {
            assertThat(e.getValue().<Object>getAs(c)).as("%s of %s", c, e.getKey()).isEqualTo(f.getAs(c));
          }
        }
      }
    }
    String abc = "{\"value\": \"repeat_mean_value\", \"thresholds\": [0.5, 0.8]}";
    assertSame(SparkCustomers.score(days, "abc", abc), ScoringEngine.load().strategy("abc", abc).score(memory));
    assertThatThrownBy(() -> SparkCustomers.summary(data.frame(spark, 1), Transactions.COLUMNS, AS_OF,
            List.of("recency", "interactions")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("metrics: 'interactions' is not a metric of the transactions; known: [revenue,");
  }

  @Test
  void the_job_scores_on_the_one_pass_summary_and_builds_the_full_one_only_for_a_scorer_reading_days() {
    RfmStrategy rfm = (RfmStrategy) ScoringEngine.load().strategy("rfm");
    ScoreTable expected = rfm.score(memory);
    ScoringJob.Scoring onePass = ScoringJob.scoring(data.frame(spark, 3), Transactions.COLUMNS, AS_OF, rfm);
    try {
      assertThat(onePass.customers().columns()).doesNotContain("distinct_days", "first_day_total");
      assertSame(onePass.scores(), expected);
    } finally {
      onePass.customers().unpersist();
    }
    // a plugin whose scorer reads distinct days, which its fit does not: the full summary
    DistributableStrategy readsDays = new DistributableStrategy() {
      @Override
      public String id() {
        return "rfm";
      }

      @Override
      public List<String> fitMetrics() {
        return rfm.fitMetrics();
      }

      @Override
      public CustomerScorer fit(List<ValueHistogram> histograms) {
        CustomerScorer fitted = rfm.fit(histograms);
        return new DaysReadingScorer(fitted);
      }
    };
    ScoringJob.Scoring full = ScoringJob.scoring(data.frame(spark, 3), Transactions.COLUMNS, AS_OF, readsDays);
    try {
      assertThat(full.customers().columns()).contains("distinct_days", "first_day_total");
      assertSame(full.scores(), expected);
    } finally {
      full.customers().unpersist();
    }
  }

  /** RFM's scorer that also reads (and checks) the distinct purchase days. */
  private record DaysReadingScorer(CustomerScorer rfm) implements ForwardingScorer {
    @Override
    public CustomerScorer delegate() {
      return rfm;
    }

    @Override
    public List<String> inputMetrics() {
      List<String> inputs = new ArrayList<>(rfm.inputMetrics());
      inputs.add("distinct_days");
      return inputs;
    }

    @Override
    public String score(dev.crmkit.scoring.CustomerMetrics customer, double[] out) {
      double days = customer.metric("distinct_days");
      if (!(days >= 1 && days <= customer.metric("transactions"))) {
        throw new IllegalStateException(customer.customerId() + ": distinct_days " + days);
      }
      return rfm.score(customer, out);
    }
  }

  @Test
  void histograms_are_exact_up_to_the_limit_and_a_sketch_beyond_whatever_the_partitions() {
    double[] revenue = new double[memory.size()];
    double[] recency = new double[memory.size()];
    for (int i = 0; i < memory.size(); i++) {
      revenue[i] = memory.total(i);
      recency[i] = memory.recency(i);
    }
    ValueHistogram exactRevenue = ValueHistogram.of(revenue);
    ValueHistogram exactRecency = ValueHistogram.of(recency);
    int distinct = exactRevenue.size();
    assertThat(distinct).isGreaterThan(exactRecency.size());
    Dataset<Row> spread = customers.repartition(7);
    List<ValueHistogram> atLimit = SparkCustomers.histograms(
        spread, "test", List.of("revenue", "recency"), distinct, 0.01);
    assertThat(atLimit.get(0).isExact()).isTrue();
    assertThat(atLimit.get(0).values()).containsExactly(exactRevenue.values());
    assertThat(atLimit.get(0).counts()).containsExactly(exactRevenue.counts());
    assertThat(atLimit.get(1).values()).containsExactly(exactRecency.values());
    assertThat(atLimit.get(1).counts()).containsExactly(exactRecency.counts());

    List<ValueHistogram> beyond = SparkCustomers.histograms(
        spread, "test", List.of("revenue", "recency"), distinct - 1, 0.01);
    assertThat(beyond.get(0).isExact()).isFalse();
    assertThat(beyond.get(0).relativeError()).isEqualTo(0.01);
    assertThat(beyond.get(0).population()).isEqualTo(memory.size());
    assertThat(beyond.get(0).size()).isLessThan(distinct);
    Map<Double, Long> buckets = new HashMap<>();
    for (double v : revenue) {
      buckets.merge(ValueHistogram.bucket(v, 0.01), 1L, Long::sum);
    }
    for (int k = 0; k < beyond.get(0).size(); k++) {
      assertThat(beyond.get(0).count(k)).isEqualTo(buckets.get(beyond.get(0).value(k)));
    }
    assertThat(beyond.get(0).size()).isEqualTo(buckets.size());
    assertThat(beyond.get(1).isExact()).isTrue();
  }

  /** The number of aggregations in the query (the analyzed plan, before any cached data). */
  private static int aggregates(Dataset<Row> frame) {
    String plan = frame.queryExecution().analyzed().toString();
    return plan.split("Aggregate \\[", -1).length - 1;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"bins\": 4}",
      "{\"bins\": 10}",
      "{\"thresholds\": {\"recency\": [30, 90, 180, 365]}}"})
  void rfm_on_the_executors_equals_rfm_in_memory(String config) {
    assertSame(SparkCustomers.score(customers, "rfm", config), ScoringEngine.load().strategy("rfm", config).score(memory));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"method\": \"computed\"}", "{\"value\": \"mean_value\", \"thresholds\": [0.5, 0.8]}"})
  void abc_on_the_executors_equals_abc_in_memory(String config) {
    ScoreTable expected = ScoringEngine.load().strategy("abc", config).score(memory);
    assertThat(expected.classSizes()).containsKeys("A", "B", "C");
    assertSame(SparkCustomers.score(customers, "abc", config), expected);
  }

  @Test
  void customer_types_on_the_executors_equal_those_in_memory() {
    String config = "{\"interactionRateDefault\": 0.6, \"discountShareDefault\": 0.05, \"bigRelationshipRevenue\": 2000}";
    ScoreTable expected = ScoringEngine.load().strategy("customer-type", config).score(memory);
    assertThat(expected.classSizes().values()).filteredOn(n -> n > 0).hasSizeGreaterThan(2);
    // the mean discount share sums the shares in another order than memory: to 1e-12
    assertSame(SparkCustomers.score(customers, "customer-type", config), expected, "discount_share");
    // without interaction counts on Spark the default rate is needed, as in memory
    assertThatThrownBy(() -> SparkCustomers.score(customers, "customer-type", "{\"discountShareDefault\": 0.05}"))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("configure interactionRateDefault");
  }

  @Test
  void strategies_reading_attributes_join_them_on_the_executors() {
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("growth_potential", DataTypes.DoubleType, false),
        DataTypes.createStructField("annual_buying_power", DataTypes.StringType, true)));
    List<Row> rows = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < memory.size(); i++) {
      rows.add(RowFactory.create(memory.customerId(i), (double) random.nextInt(1000),
          String.valueOf(1 + random.nextInt(20_000))));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    CustomerSummary m = memory.withAttributes(SparkScoring.attributes(frame, "id"));
    Dataset<Row> s = SparkCustomers.withAttributes(customers, frame, "id");
    ScoringEngine engine = ScoringEngine.load();
    String matrix = "{\"potential\": \"growth_potential\"}";
    assertSame(SparkCustomers.score(s, "value-matrix", matrix), engine.strategy("value-matrix", matrix).score(m));
    assertSame(SparkCustomers.score(s, "rad", null), engine.strategy("rad").score(m));

    // a customer without a buying power is named, as in memory
    Dataset<Row> partial = SparkCustomers.withAttributes(customers, frame.limit(10), "id");
    assertThatThrownBy(() -> SparkScoring.unwrap(() -> SparkCustomers.score(partial, "rad", null).count()))
        .isInstanceOf(ScoringException.class)
        .hasMessageMatching("rad: customer '.*' has annual_buying_power NaN; every account needs a positive buying power.*");
  }

  @Test
  void monetary_with_many_distinct_values_is_fitted_on_a_sketch_with_a_stated_bound() {
    double error = 0.01;
    RfmStrategy rfm = (RfmStrategy) ScoringEngine.load().strategy("rfm");
    // recency (at most 730 days) and frequency stay exact; monetary has more than 1,000 values
    CustomerScorer scorer = SparkCustomers.fit(customers, rfm, 1_000, error);
    assertThat(((RfmStrategy.Model) scorer).relativeErrors()).containsExactly(0.0, 0.0, error);
    Map<String, Row> scored = byId(SparkCustomers.score(customers, scorer));

    // the bound: M is the exact tie-aware bin of the revenue rounded to its bucket, and the
    // bucket is within 1% of the revenue
    double[] rounded = new double[memory.size()];
    for (int i = 0; i < memory.size(); i++) {
      double v = memory.total(i);
      rounded[i] = ValueHistogram.bucket(v, error);
      assertThat(Math.abs(rounded[i] - v)).isLessThanOrEqualTo(error * Math.abs(v) * (1 + 1e-12));
    }
    int[] expected = Binning.quantileScores(rounded, 5);
    ScoreTable exact = rfm.score(memory);
    int differ = 0;
    for (int i = 0; i < memory.size(); i++) {
      Row r = scored.get(memory.customerId(i));
      assertThat(r.<Double>getAs("m")).isEqualTo(expected[i]);
      assertThat(r.<Double>getAs("r")).isEqualTo(exact.score(i, "r"));
      assertThat(r.<Double>getAs("f")).isEqualTo(exact.score(i, "f"));
      if (r.<Double>getAs("m") != exact.score(i, "m")) {
        differ++;
      }
    }
    // customers whose score moves are those near a cut point: few
    assertThat(differ).isLessThan(memory.size() / 20);
  }

  @Test
  void a_strategy_without_a_fit_is_refused_with_what_to_do() {
    assertThat(ScoringEngine.load().strategy("weighted-value")).isNotInstanceOf(DistributableStrategy.class);
    assertThatThrownBy(() -> SparkCustomers.score(customers, "weighted-value", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strategy 'weighted-value' is not distributable")
        .hasMessageContaining("SparkScoring.summary");
    assertThatThrownBy(() -> SparkCustomers.score(customers, "value-matrix", "{\"potential\": \"nope\"}"))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("metric 'nope' is unknown on Spark");
  }

  @Test
  void a_bad_value_stops_the_job_naming_the_column_the_value_and_the_customer() {
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("customer_id", DataTypes.StringType, true),
        DataTypes.createStructField("date", DataTypes.StringType, true),
        DataTypes.createStructField("amount", DataTypes.createDecimalType(10, 2), true)));
    Dataset<Row> badDate = spark.createDataFrame(List.of(
        RowFactory.create("C1", "2024-01-05", new BigDecimal("10.00")),
        RowFactory.create("C2", "2024-13-01", new BigDecimal("3.50"))), schema);
    assertThatThrownBy(() -> SparkCustomers.score(
            SparkCustomers.summary(badDate, TransactionColumns.defaults(), AS_OF), "rfm", null).count())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'date': '2024-13-01' for customer 'C2' is not a date (expected yyyy-MM-dd)");
    Dataset<Row> nullAmount = spark.createDataFrame(List.of(RowFactory.create("C1", "2024-01-05", null)), schema);
    assertThatThrownBy(() -> SparkCustomers.score(
            SparkCustomers.summary(nullAmount, TransactionColumns.defaults(), AS_OF), "rfm", null).count())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'amount': null for customer 'C1'");
    // the finiteness check runs for floating-point amounts (a decimal or integer amount is
    // always finite), the date check for text dates (a date column can only be null)
    StructType doubles = DataTypes.createStructType(List.of(
        DataTypes.createStructField("customer_id", DataTypes.StringType, true),
        DataTypes.createStructField("date", DataTypes.DateType, true),
        DataTypes.createStructField("amount", DataTypes.DoubleType, true)));
    java.sql.Date day = java.sql.Date.valueOf("2024-01-05");
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      Dataset<Row> notFinite = spark.createDataFrame(List.of(RowFactory.create("C1", day, 2.0),
          RowFactory.create("C3", day, bad)), doubles);
      assertThatThrownBy(() -> SparkCustomers.score(
              SparkCustomers.summary(notFinite, TransactionColumns.defaults(), AS_OF), "rfm", null).count())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("column 'amount': " + (Double.isNaN(bad) ? "NaN" : "Infinity")
              + " for customer 'C3' is not a finite number");
    }
    Dataset<Row> nullDate = spark.createDataFrame(List.of(RowFactory.create("C4", null, 2.0)), doubles);
    assertThatThrownBy(() -> SparkCustomers.score(
            SparkCustomers.summary(nullDate, TransactionColumns.defaults(), AS_OF), "rfm", null).count())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'date': null date for customer 'C4'");
    assertThatThrownBy(() -> SparkCustomers.summary(badDate, TransactionColumns.of("customer_id", "date", "amt"), AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount column 'amt' is not in the transactions; columns: [customer_id, date, amount]");
  }

  static Map<String, Row> byId(Dataset<Row> frame) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : frame.collectAsList()) {
      assertThat(out.put(r.<String>getAs("customer_id"), r)).isNull();
    }
    return out;
  }

  /**
   * Every column of every customer equal to the in-memory table's (doubles exactly, except the
   * named columns: to 1e-12 relative).
   */
  static void assertSame(Dataset<Row> spark, ScoreTable memory, String... approximate) {
    List<String> columns = new ArrayList<>(List.of("customer_id"));
    columns.addAll(memory.explanationNames());
    columns.addAll(memory.scoreNames());
    columns.add(memory.labelName());
    assertThat(spark.columns()).containsExactlyElementsOf(columns);
    Map<String, Row> rows = byId(spark);
    assertThat(rows).hasSize(memory.size());
    for (int i = 0; i < memory.size(); i++) {
      Row r = rows.get(memory.customerId(i));
      for (String name : memory.explanationNames()) {
        double expected = memory.explanation(i, name);
        if (List.of(approximate).contains(name)) {
          assertThat(r.<Double>getAs(name)).as("%s of %s", name, memory.customerId(i))
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(expected))));
        } else {
          assertThat(r.<Double>getAs(name)).as("%s of %s", name, memory.customerId(i)).isEqualTo(expected);
        }
      }
      for (String name : memory.scoreNames()) {
        assertThat(r.<Double>getAs(name)).as("%s of %s", name, memory.customerId(i)).isEqualTo(memory.score(i, name));
      }
      assertThat(r.<String>getAs(memory.labelName())).isEqualTo(memory.label(i));
    }
  }
}
