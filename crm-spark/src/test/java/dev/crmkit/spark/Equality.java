package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.table.CustomerSummary;

/** The equality the module promises: exact for counts and classes, 1e-9 relative for doubles. */
final class Equality {

  private Equality() {}

  static void assertClose(double actual, double expected, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
      return;
    }
    double tolerance = 1e-9 * Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
        .isLessThanOrEqualTo(tolerance);
  }

  /** Same customers (in any order) with the same rows. */
  static void assertSameSummary(CustomerSummary spark, CustomerSummary memory) {
    assertThat(spark.size()).isEqualTo(memory.size());
    assertThat(spark.rowsAfterAsOf()).isEqualTo(memory.rowsAfterAsOf());
    assertThat(spark.amountScale()).isEqualTo(memory.amountScale());
    for (int i = 0; i < memory.size(); i++) {
      int j = spark.indexOf(memory.customerId(i));
      assertThat(j).as(memory.customerId(i)).isNotNegative();
      CustomerSummary.Row expected = memory.row(i);
      CustomerSummary.Row actual = spark.row(j);
      assertThat(actual.transactions()).isEqualTo(expected.transactions());
      assertThat(actual.purchaseDates()).isEqualTo(expected.purchaseDates());
      assertClose(actual.total(), expected.total(), expected.customerId() + " total");
      assertThat(actual.categoryTotals().keySet()).isEqualTo(expected.categoryTotals().keySet());
      expected.categoryTotals().forEach((k, v) ->
          assertClose(actual.categoryTotals().get(k), v, expected.customerId() + " " + k));
      assertClose(actual.meanDiscountShare(), expected.meanDiscountShare(), expected.customerId() + " discount");
    }
  }

  /**
   * Same customers with the same classes, scores and explanations. Scores named in {@code
   * positional} depend on a customer's position among customers with equal values (ABC's
   * cumulative share: who of a tie group comes first follows the summary's customer order, which
   * on Spark is the partitions' order); for them the values over all customers are compared as a
   * sorted list.
   */
  static void assertSameScores(ScoreTable spark, ScoreTable memory, String... positional) {
    java.util.List<String> byPosition = java.util.List.of(positional);
    for (String name : byPosition) {
      double[] a = new double[spark.size()];
      double[] b = new double[memory.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = spark.score(i, name);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = memory.score(i, name);
      }
      java.util.Arrays.sort(a);
      java.util.Arrays.sort(b);
      for (int i = 0; i < b.length; i++) {
        assertClose(a[i], b[i], name + " #" + i);
      }
    }
    assertThat(spark.size()).isEqualTo(memory.size());
    assertThat(spark.scoreNames()).isEqualTo(memory.scoreNames());
    assertThat(spark.explanationNames()).isEqualTo(memory.explanationNames());
    assertThat(spark.labelName()).isEqualTo(memory.labelName());
    for (int i = 0; i < memory.size(); i++) {
      String id = memory.customerId(i);
      int j = spark.indexOf(id);
      assertThat(j).as(id).isNotNegative();
      assertThat(spark.label(j)).as(id + " class").isEqualTo(memory.label(i));
      for (int k = 0; k < memory.scoreNames().size(); k++) {
        if (byPosition.contains(memory.scoreNames().get(k))) {
          continue;
        }
        assertClose(spark.score(j, k), memory.score(i, k), id + " " + memory.scoreNames().get(k));
      }
      for (String e : memory.explanationNames()) {
        assertClose(spark.explanation(j, e), memory.explanation(i, e), id + " " + e);
      }
    }
  }
}
