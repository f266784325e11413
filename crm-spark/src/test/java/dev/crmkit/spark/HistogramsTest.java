package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.ValueHistogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The executors' per-partition histograms and their merge, without Spark. */
class HistogramsTest {

  @Test
  void exact_while_within_the_limit_bucketed_beyond_in_any_partitioning_and_merge_order() {
    Random random = new Random(11);
    double[] values = new double[5_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(2_000) / 4.0; // at most 2,000 distinct values, with ties
    }
    ValueHistogram expected = ValueHistogram.of(values);
    int distinct = expected.size();
    for (int parts : new int[] {1, 3, 17}) {
      ValueHistogram exact = merged(values, parts, distinct, random);
      assertThat(exact.isExact()).isTrue();
      assertThat(exact.values()).containsExactly(expected.values());
      assertThat(exact.counts()).containsExactly(expected.counts());

      ValueHistogram sketch = merged(values, parts, distinct - 1, random);
      assertThat(sketch.isExact()).isFalse();
      ValueHistogram rounded = ValueHistogram.of(bucketed(values, 0.01));
      assertThat(sketch.values()).containsExactly(rounded.values());
      assertThat(sketch.counts()).containsExactly(rounded.counts());
    }
  }

  @Test
  void missing_values_are_not_counted_and_minus_zero_is_zero() {
    Histograms h = new Histograms(2, 10, 0.01);
    h.add(0, Double.NaN);
    h.add(0, -0.0);
    h.add(0, 0.0);
    h.add(1, 3.0);
    Histograms other = new Histograms(2, 10, 0.01);
    other.add(0, 0.0);
    h.merge(other);
    assertThat(h.histogram(0).values()).containsExactly(0.0);
    assertThat(h.histogram(0).counts()).containsExactly(3L);
    assertThat(h.histogram(0).population()).isEqualTo(3);
    assertThat(h.histogram(1).counts()).containsExactly(1L);
  }

  private static ValueHistogram merged(double[] values, int parts, int limit, Random random) {
    List<Histograms> partials = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      partials.add(new Histograms(1, limit, 0.01));
    }
    for (double v : values) {
      partials.get(random.nextInt(parts)).add(0, v);
    }
    Collections.shuffle(partials, random);
    while (partials.size() > 1) { // pairs in a random order, as a tree of merges would
      Histograms a = partials.remove(random.nextInt(partials.size()));
      Histograms b = partials.remove(random.nextInt(partials.size()));
      partials.add(a.merge(b));
    }
    return partials.get(0).histogram(0);
  }

  private static double[] bucketed(double[] values, double error) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ValueHistogram.bucket(values[i], error);
    }
    return out;
  }
}
