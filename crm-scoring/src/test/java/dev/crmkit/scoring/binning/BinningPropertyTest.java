package dev.crmkit.scoring.binning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BinningPropertyTest {

  @Provide
  Arbitrary<List<Double>> tiedValues() {
    // few distinct values, so that ties are heavy
    return Arbitraries.integers().between(-3, 12).map(i -> i * 0.5).list().ofMinSize(1).ofMaxSize(80);
  }

  @Property(tries = 300)
  void whole_numbers_and_amounts_counted_score_as_the_same_order_sorted(
      @ForAll("wholeNumbers") List<Integer> values, @ForAll @IntRange(min = 2, max = 12) int n) {
    // whole numbers and amounts with a few decimals over a short range are counted, not sorted;
    // multiplying by pi keeps the order and the ties but forces the sorting path
    double[] whole = values.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] cents = values.stream().mapToDouble(i -> i / 100.0).toArray();
    double[] sorted = values.stream().mapToDouble(i -> i * Math.PI).toArray();
    int[] expected = Binning.quantileScores(sorted, n);
    assertThat(Binning.quantileScores(whole, n)).containsExactly(expected);
    assertThat(Binning.quantileScores(cents, n)).containsExactly(expected);
  }

  @Provide
  Arbitrary<List<Integer>> wholeNumbers() {
    // mostly a short range, sometimes a long tail: counted, counted with the tail sorted, or
    // sorted when the tail is too long
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(-5, 30)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-1_000_000, 1_000_000)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(200);
  }

  @Property(tries = 500)
  void equal_values_get_equal_scores_and_scores_are_monotone(
      @ForAll("tiedValues") List<Double> values, @ForAll @IntRange(min = 2, max = 7) int n) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    int[] s = Binning.quantileScores(v, n);
    for (int i = 0; i < v.length; i++) {
      assertThat(s[i]).isBetween(1, n);
      for (int j = 0; j < v.length; j++) {
        if (v[i] == v[j]) {
          assertThat(s[i]).isEqualTo(s[j]);
        }
        if (v[i] < v[j]) {
          assertThat(s[i]).isLessThanOrEqualTo(s[j]);
        }
      }
    }
  }

  @Property(tries = 300)
  void uses_as_many_scores_as_distinct_values_allow_and_the_most_balanced_split(
      @ForAll("tiedValues") List<Double> values, @ForAll @IntRange(min = 2, max = 6) int n) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    int[] s = Binning.quantileScores(v, n);
    TreeMap<Double, Integer> counts = new TreeMap<>();
    for (double x : v) {
      counts.merge(x, 1, Integer::sum);
    }
    int distinct = counts.size();
    assertThat(Arrays.stream(s).distinct().count()).isEqualTo(Math.min(n, distinct));

    int k = Math.min(n, distinct);
    int[] groupCounts = counts.values().stream().mapToInt(Integer::intValue).toArray();
    double target = (double) v.length / k;
    TreeMap<Integer, Integer> binSizes = new TreeMap<>();
    for (int x : s) {
      binSizes.merge(x, 1, Integer::sum);
    }
    double cost = 0;
    for (int size : binSizes.values()) {
      cost += (size - target) * (size - target);
    }
    assertThat(cost).isCloseTo(bruteForceCost(groupCounts, 0, k, target), org.assertj.core.data.Offset.offset(1e-9));
  }

  /** The least cost of splitting groups [from, end) into k contiguous non-empty bins. */
  private static double bruteForceCost(int[] groups, int from, int k, double target) {
    if (k == 1) {
      int size = 0;
      for (int i = from; i < groups.length; i++) {
        size += groups[i];
      }
      return (size - target) * (size - target);
    }
    double best = Double.POSITIVE_INFINITY;
    int size = 0;
    for (int end = from + 1; end <= groups.length - (k - 1); end++) {
      size += groups[end - 1];
      best = Math.min(best, (size - target) * (size - target) + bruteForceCost(groups, end, k - 1, target));
    }
    return best;
  }

  @Test
  void heavy_ties_do_not_collapse_the_scale() {
    // 60% buy once: quantile cuts at 20/40/60/80% would all land on 1 and leave two scores
    double[] f = new double[100];
    int i = 0;
    for (; i < 60; i++) {
      f[i] = 1;
    }
    for (; i < 80; i++) {
      f[i] = 2;
    }
    for (; i < 90; i++) {
      f[i] = 3;
    }
    for (; i < 95; i++) {
      f[i] = 4;
    }
    for (; i < 100; i++) {
      f[i] = 7;
    }
    int[] s = Binning.quantileScores(f, 5);
    assertThat(s[0]).isEqualTo(1);
    assertThat(s[60]).isEqualTo(2);
    assertThat(s[80]).isEqualTo(3);
    assertThat(s[90]).isEqualTo(4);
    assertThat(s[95]).isEqualTo(5);
  }

  @Test
  void fewer_distinct_values_than_scores_spread_over_the_scale() {
    assertThat(Binning.quantileScores(new double[] {1, 1, 2}, 5)).containsExactly(1, 1, 5);
    assertThat(Binning.quantileScores(new double[] {3, 3}, 5)).containsExactly(3, 3);
    assertThat(Binning.quantileScores(new double[] {1, 2, 3}, 5)).containsExactly(1, 3, 5);
    assertThat(Binning.quantileScores(new double[] {0.0, -0.0}, 5)).containsExactly(3, 3);
  }
}
