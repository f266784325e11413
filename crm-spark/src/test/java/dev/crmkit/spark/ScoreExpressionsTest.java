package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.CustomerMetrics;
import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.StepwiseScorer;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.strategies.RfmStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFM scored by Spark column expressions equals RFM scored per row by the model itself, on
 * tie-heavy customers and on values exactly on, just below and just above every cut point, NaN,
 * missing values, infinities and -0.0.
 */
class ScoreExpressionsTest {

  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("customer_id", DataTypes.StringType, false),
      DataTypes.createStructField("transactions", DataTypes.DoubleType, true),
      DataTypes.createStructField("recency", DataTypes.DoubleType, true),
      DataTypes.createStructField("revenue", DataTypes.DoubleType, true)));
  static final double[] RECENCY = {0, 1, 5, 30, 30, 30, 30, 90, 90, 180, 365, 700};
  static final double[] TRANSACTIONS = {1, 1, 1, 1, 1, 2, 2, 2, 3, 5, 8, 40};
  static final double[] REVENUE = {0, 10, 10, 10, 25.5, 99.99, 100, 100, 1000, -5, 0.01};

  static SparkSession spark;
  static Dataset<Row> population;
  static Dataset<Row> edges;

  @BeforeAll
  static void data() {
    spark = LocalSpark.session();
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      // heavy ties; a third of the revenues distinct cents (for the sketch)
      double revenue = i % 3 == 0 ? random.nextInt(50_000) / 100.0 : REVENUE[random.nextInt(REVENUE.length)];
      rows.add(RowFactory.create("P" + i, TRANSACTIONS[random.nextInt(TRANSACTIONS.length)],
          RECENCY[random.nextInt(RECENCY.length)], revenue));
    }
    population = spark.createDataFrame(rows, SCHEMA).repartition(3).persist();
    List<Row> extra = new ArrayList<>(rows);
    TreeSet<Double> values = new TreeSet<>();
    for (double[] set : List.of(RECENCY, TRANSACTIONS, REVENUE)) {
      Arrays.stream(set).forEach(values::add);
    }
    for (Row r : rows.subList(0, 300)) {
      values.add(r.getDouble(3));
    }
    // the thresholds of the thresholds test and values around every distinct value (the bins'
    // upper bounds are distinct values of the population)
    values.addAll(List.of(30.0, 90.0, 180.0, 365.0, 2.0, 3.0, 4.0, 6.0, 50.0, 100.0, 500.0, 1500.0));
    List<Double> probes = new ArrayList<>();
    for (double v : values) {
      probes.addAll(List.of(v, Math.nextUp(v), Math.nextDown(v), v + 0.5, v - 0.5));
    }
    probes.addAll(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE));
    int k = 0;
    for (double v : probes) {
      extra.add(RowFactory.create("R" + k++, 2.0, v, 10.0));
      extra.add(RowFactory.create("F" + k++, v, 30.0, 10.0));
      extra.add(RowFactory.create("M" + k++, 2.0, 30.0, v));
      extra.add(RowFactory.create("A" + k++, v, v, v));
    }
    extra.add(RowFactory.create("N1", null, 30.0, 10.0));
    extra.add(RowFactory.create("N2", 2.0, null, 10.0));
    extra.add(RowFactory.create("N3", 2.0, 30.0, null));
    extra.add(RowFactory.create("N4", null, null, null));
    edges = spark.createDataFrame(extra, SCHEMA).repartition(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"bins\": 4}", "{\"bins\": 10}", "{\"bins\": 3}",
      "{\"thresholds\": {\"recency\": [30, 90, 180, 365], \"frequency\": [2, 3, 4, 6],"
          + " \"monetary\": [50, 100, 500, 1500]}}",
      "{\"bins\": 5, \"thresholds\": {\"recency\": [30, 90, 180, 365]}}",
      "{\"bins\": 3, \"segments\": [{\"name\": \"Top\", \"r\": [3, 3], \"m\": [2, 3]}, {\"name\": \"Low\", \"f\": [1, 1]}]}"})
  void rfm_by_expressions_equals_rfm_per_row(String config) {
    DistributableStrategy rfm = (DistributableStrategy) ScoringEngine.load().strategy("rfm", config);
    CustomerScorer exact = SparkCustomers.fit(population, rfm, SparkCustomers.EXACT_LIMIT, 0.001);
    assertSamePaths(exact);
  }

  @Test
  void rfm_fitted_on_a_sketch_by_expressions_equals_rfm_per_row() {
    DistributableStrategy rfm = (DistributableStrategy) ScoringEngine.load().strategy("rfm");
    RfmStrategy.Model sketch = (RfmStrategy.Model) SparkCustomers.fit(population, rfm, 20, 0.01);
    assertThat(sketch.relativeErrors().get(2)).isEqualTo(0.01); // monetary is a sketch
    assertSamePaths(sketch);
  }

  @Test
  void empty_populations_on_both_paths() {
    DistributableStrategy rfm = (DistributableStrategy) ScoringEngine.load().strategy("rfm");
    CustomerScorer fitted = SparkCustomers.fit(population, rfm, SparkCustomers.EXACT_LIMIT, 0.001);
    Dataset<Row> none = edges.limit(0);
    assertThat(SparkCustomers.score(none, fitted).collectAsList()).isEmpty();
    assertThat(SparkCustomers.score(none, fitted).columns())
        .containsExactly(SparkCustomers.scoreRowByRow(none, fitted).columns());
    // fitted on no customers: the model refuses every value, so there is no expression form
    // and scoring goes per row, where the model's own error stops the job
    CustomerScorer empty = SparkCustomers.fit(none, rfm, SparkCustomers.EXACT_LIMIT, 0.001);
    assertThat(ScoreExpressions.of(empty, List.of(col("recency"), col("transactions"), col("revenue")))).isEmpty();
    assertThat(plan(SparkCustomers.score(edges, empty))).contains("MapPartitions");
    assertThatThrownBy(() -> SparkCustomers.score(edges, empty).count())
        .hasStackTraceContaining("the bins were fitted on no values");
  }

  @Test
  void a_scorer_without_an_expression_form_is_scored_per_row() {
    DistributableStrategy abc = (DistributableStrategy) ScoringEngine.load().strategy("abc", "{\"value\": \"revenue\"}");
    CustomerScorer model = SparkCustomers.fit(population, abc, SparkCustomers.EXACT_LIMIT, 0.001);
    assertThat(model).isNotInstanceOf(StepwiseScorer.class);
    assertThat(plan(SparkCustomers.score(population, model))).contains("MapPartitions");

    // a stepwise scorer whose probe throws (here on NaN), and one whose score is not a step
    // function of its input alone: both per row, with the scorer's own results and errors
    CustomerScorer rfm = SparkCustomers.fit(population,
        (DistributableStrategy) ScoringEngine.load().strategy("rfm"), SparkCustomers.EXACT_LIMIT, 0.001);
    StepwiseScorer refusesNaN = new Wrapped(rfm, false);
    StepwiseScorer mixes = new Wrapped(rfm, true);
    assertThat(ScoreExpressions.of(refusesNaN, List.of(col("recency"), col("transactions"), col("revenue"))))
        .isEmpty();
    assertThat(ScoreExpressions.of(mixes, List.of(col("recency"), col("transactions"), col("revenue"))))
        .isEmpty();
    assertThat(plan(SparkCustomers.score(population, mixes))).contains("MapPartitions");
    assertThat(SparkCustomers.score(population, refusesNaN).count()).isEqualTo(3_000);
  }

  private static org.apache.spark.sql.Column col(String name) {
    return org.apache.spark.sql.functions.col(name);
  }

  private static void assertSamePaths(CustomerScorer scorer) {
    Dataset<Row> byExpressions = SparkCustomers.score(edges, scorer);
    Dataset<Row> perRow = SparkCustomers.scoreRowByRow(edges, scorer);
    assertThat(plan(byExpressions)).doesNotContain("MapPartitions");
    assertThat(plan(perRow)).contains("MapPartitions");
    assertThat(byExpressions.columns()).containsExactly(perRow.columns());
    for (int c = 0; c < perRow.schema().size(); c++) {
      assertThat(byExpressions.schema().fields()[c].dataType()).isEqualTo(perRow.schema().fields()[c].dataType());
    }
    List<List<Object>> expected = sorted(perRow);
    List<List<Object>> actual = sorted(byExpressions);
    assertThat(actual).hasSize(edges.count() > 0 ? (int) edges.count() : 0);
    for (int i = 0; i < expected.size(); i++) {
      // Double.equals: NaN equals NaN, -0.0 differs from 0.0
      assertThat(actual.get(i)).as("customer %s", expected.get(i).get(0)).isEqualTo(expected.get(i));
    }
  }

  private static String plan(Dataset<Row> scores) {
    return scores.queryExecution().optimizedPlan().toString();
  }

  private static List<List<Object>> sorted(Dataset<Row> table) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int c = 0; c < r.size(); c++) {
        values.add(r.get(c));
      }
      rows.add(values);
    }
    rows.sort(Comparator.comparing(r -> (String) r.get(0)));
    return rows;
  }

  /** RFM's model, refusing NaN recency, or with r depending on revenue too. */
  private record Wrapped(CustomerScorer rfm, boolean mixes) implements StepwiseScorer, ForwardingScorer {
    @Override
    public CustomerScorer delegate() {
      return rfm;
    }

    @Override
    public String score(CustomerMetrics customer, double[] out) {
      if (!mixes && Double.isNaN(customer.metric("recency"))) {
        throw new ScoringException("rfm: customer '" + customer.customerId() + "' has no recency");
      }
      String label = rfm.score(customer, out);
      if (mixes && customer.metric("revenue") > 100) {
        out[3] = 1;
      }
      return label;
    }

    @Override
    public List<Integer> explanationInputs() {
      return List.of(0, 1, 2);
    }

    @Override
    public List<Integer> scoreInputs() {
      return List.of(0, 1, 2);
    }
  }
}
