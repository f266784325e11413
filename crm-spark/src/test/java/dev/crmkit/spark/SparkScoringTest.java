package dev.crmkit.spark;

import static dev.crmkit.spark.Equality.assertSameScores;
import static dev.crmkit.spark.Equality.assertSameSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.UnknownStrategyException;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkScoringTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 9, 30);
  static SparkSession spark;
  static Transactions data;
  static CustomerSummary memory;
  static CustomerSummary onSpark;

  @BeforeAll
  static void summarise() {
    spark = LocalSpark.session();
    data = Transactions.generate(42, 20_000, 1_500);
    memory = CustomerSummary.of(data.log(), AS_OF);
    onSpark = SparkScoring.summary(data.frame(spark, 5), Transactions.COLUMNS, AS_OF);
  }

  @Test
  void the_summary_of_partial_summaries_equals_the_in_memory_summary() {
    assertThat(memory.size()).isGreaterThan(1_000);
    assertThat(memory.rowsAfterAsOf()).isPositive();
    assertSameSummary(onSpark, memory);
  }

  @Test
  void the_summary_does_not_depend_on_the_partitioning() {
    for (int partitions : new int[] {1, 3, 16}) {
      assertSameSummary(SparkScoring.summary(data.frame(spark, partitions), Transactions.COLUMNS, AS_OF), memory);
    }
  }

  @Test
  void after_partitioning_by_customer_the_partial_summaries_hold_disjoint_customers() {
    Dataset<Row> frame = data.frame(spark, 16);
    long customers = frame.select("cust").distinct().count();
    // the input spreads each customer over several partitions, so disjointness is the shuffle's doing
    long customersPerInputPartition = frame.withColumn("p", functions.spark_partition_id())
        .select("cust", "p").distinct().count();
    assertThat(customersPerInputPartition).isGreaterThan(2 * customers);

    List<CustomerSummary> partials = SparkScoring.partials(frame, Transactions.COLUMNS, AS_OF).collect();
    assertThat(partials).hasSize(16);
    Set<String> seen = new HashSet<>();
    for (CustomerSummary partial : partials) {
      for (int i = 0; i < partial.size(); i++) {
        assertThat(seen.add(partial.customerId(i))).as("customer %s in two partials", partial.customerId(i)).isTrue();
      }
    }
    assertThat(seen).hasSize(memory.size());
    assertThat(partials.stream().filter(p -> p.size() > 0).count()).isGreaterThan(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"bins\": 4}",
      "{\"thresholds\": {\"recency\": [30, 90, 180, 365]}}"})
  void rfm_on_spark_equals_rfm_in_memory(String config) {
    ScoringEngine engine = ScoringEngine.load();
    assertSameScores(SparkScoring.score(onSpark, "rfm", config), engine.strategy("rfm", config).score(memory));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"method\": \"computed\"}", "{\"value\": \"category:books\"}"})
  void abc_on_spark_equals_abc_in_memory(String config) {
    ScoringEngine engine = ScoringEngine.load();
    ScoreTable expected = engine.strategy("abc", config).score(memory);
    assertThat(expected.classSizes()).containsKeys("A", "B", "C");
    assertSameScores(SparkScoring.score(onSpark, "abc", config), expected, "cumulative_share");
  }

  @Test
  void strategies_reading_attributes_get_them_from_a_dataframe() {
    // one row per customer: population and growth potential, some missing
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("population", DataTypes.StringType, true),
        DataTypes.createStructField("growth_potential", DataTypes.DoubleType, false)));
    List<Row> rows = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < memory.size(); i++) {
      rows.add(RowFactory.create(memory.customerId(i), random.nextBoolean() ? "organization" : "individual",
          (double) random.nextInt(1000)));
    }
    CustomerAttributes attributes = SparkScoring.attributes(spark.createDataFrame(rows, schema), "id");
    String weighted = """
        {"criteria": [
          {"name": "amount", "metric": "revenue", "weight": 0.5},
          {"name": "frequency", "metric": "repurchases", "weight": 0.3},
          {"name": "recency", "metric": "recency", "weight": 0.2, "normalization": "min-max"}]}""";
    String matrix = "{\"potential\": \"growth_potential\"}";
    ScoringEngine engine = ScoringEngine.load();
    CustomerSummary m = memory.withAttributes(attributes);
    CustomerSummary s = onSpark.withAttributes(attributes);

    assertSameScores(SparkScoring.score(s, "weighted-value", weighted), engine.strategy("weighted-value", weighted).score(m));
    assertSameScores(SparkScoring.score(s, "value-matrix", matrix), engine.strategy("value-matrix", matrix).score(m));
  }

  @Test
  void the_clv_strategy_values_the_summary_like_in_memory() {
    // random purchases are not BG/NBD-like enough to fit; the CDNOW test fits
    String config = """
        {"transaction": {"model": "bg-nbd", "parameters": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}},
         "spend": {"model": "gamma-gamma", "parameters": {"p": 6.25, "q": 3.74, "gamma": 15.44}},
         "timeUnit": "weeks", "horizonMonths": 6}""";
    ScoreTable expected = ScoringEngine.load().strategy("clv", config).score(memory);
    assertSameScores(SparkScoring.score(onSpark, "clv", config), expected);
  }

  @Test
  void a_score_table_becomes_a_dataframe_with_its_csv_columns() {
    ScoreTable rfm = SparkScoring.score(onSpark, "rfm", null);
    Dataset<Row> frame = SparkScoring.scores(spark, rfm);

    List<String> expectedColumns = new ArrayList<>();
    expectedColumns.add("customer_id");
    expectedColumns.addAll(rfm.explanationNames());
    expectedColumns.addAll(rfm.scoreNames());
    expectedColumns.add(rfm.labelName());
    assertThat(frame.columns()).containsExactlyElementsOf(expectedColumns);
    assertThat(frame.count()).isEqualTo(rfm.size());
    String id = rfm.customerId(17);
    Row row = frame.filter(frame.col("customer_id").equalTo(id)).first();
    assertThat(row.<String>getAs(rfm.labelName())).isEqualTo(rfm.label(17));
    assertThat(row.<Double>getAs("monetary")).isEqualTo(rfm.explanation(17, "monetary"));
    assertThat(row.<Double>getAs("r")).isEqualTo(rfm.score(17, "r"));
  }

  @Test
  void strategy_errors_are_the_engines() {
    assertThatThrownBy(() -> SparkScoring.score(onSpark, "rmf", null))
        .isInstanceOf(UnknownStrategyException.class).hasMessageContaining("unknown scoring strategy 'rmf'");
    assertThatThrownBy(() -> SparkScoring.score(onSpark, "rfm", "{\"bins\": 1}"))
        .hasMessageContaining("bins");
  }

  @Test
  void an_empty_dataframe_gives_an_empty_summary() {
    Dataset<Row> empty = spark.createDataFrame(List.of(), Transactions.SCHEMA);
    CustomerSummary s = SparkScoring.summary(empty, Transactions.COLUMNS, AS_OF);
    assertThat(s.size()).isZero();
    assertThat(s.rowsAfterAsOf()).isZero();
  }

  @Test
  void a_missing_column_or_an_unusable_type_is_named_before_any_work() {
    Dataset<Row> frame = data.frame(spark, 2);
    assertThatThrownBy(() -> SparkScoring.summary(frame, TransactionColumns.of("customer", "day", "net"), AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customerId column 'customer' is not in the transactions; columns: [cust, day, net, dept, discount]");
    assertThatThrownBy(() -> SparkScoring.summary(frame, TransactionColumns.of("cust", "day", "dept"), AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount column 'dept' has type string; expected a numeric type");
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
    assertThatThrownBy(() -> SparkScoring.summary(badDate, TransactionColumns.defaults(), AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'date': '2024-13-01' for customer 'C2' is not a date (expected yyyy-MM-dd)");

    Dataset<Row> nullAmount = spark.createDataFrame(List.of(
        RowFactory.create("C1", "2024-01-05", null)), schema);
    assertThatThrownBy(() -> SparkScoring.summary(nullAmount, TransactionColumns.defaults(), AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column 'amount': null for customer 'C1'");

    Dataset<Row> badShare = data.frame(spark, 1).limit(3)
        .withColumn("discount", org.apache.spark.sql.functions.lit(1.5));
    assertThatThrownBy(() -> SparkScoring.summary(badShare, Transactions.COLUMNS, AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("discountShare: 1.5 is not in [0, 1]")
        .hasMessageStartingWith("transaction of customer 'C");
  }
}
