package dev.crmkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.binning.Binning;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueHistogramTest {

  @Test
  void the_exact_histogram_counts_each_distinct_value_and_leaves_out_missing_ones() {
    ValueHistogram h = ValueHistogram.of(new double[] {3, 10, Double.NaN, 3, -0.0, 0.0});
    assertThat(h.isExact()).isTrue();
    assertThat(h.values()).containsExactly(0.0, 3.0, 10.0);
    assertThat(h.counts()).containsExactly(2, 2, 1);
    assertThat(h.population()).isEqualTo(5);
    assertThat(h.median()).isEqualTo(3.0);
    assertThat(ValueHistogram.of(new double[] {1, 2, 3, 10}).median()).isEqualTo(2.5);
    assertThat(ValueHistogram.of(new double[0]).median()).isNaN();
    assertThat(h.negated().values()).containsExactly(-10.0, -3.0, 0.0);
    assertThat(h.negated().counts()).containsExactly(1, 2, 2);
    // given in any order, a value twice: the counts add up
    ValueHistogram merged = ValueHistogram.exact(new double[] {10, 3, 10}, new long[] {1, 2, 4});
    assertThat(merged.values()).containsExactly(3.0, 10.0);
    assertThat(merged.counts()).containsExactly(2, 5);
  }

  @Test
  void bins_fitted_on_a_histogram_score_like_the_whole_column() {
    Random random = new Random(3);
    for (int round = 0; round < 50; round++) {
      int n = 1 + random.nextInt(400);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextBoolean() ? random.nextInt(20) : Math.round(random.nextGaussian() * 1e4) / 100.0;
      }
      int bins = 2 + random.nextInt(9);
      ValueHistogram h = ValueHistogram.of(values);
      Binning.Bins fitted = Binning.fit(h.values(), h.counts(), bins);
      int[] whole = Binning.quantileScores(values, bins);
      for (int i = 0; i < n; i++) {
        assertThat(fitted.score(values[i])).isEqualTo(whole[i]);
      }
    }
  }

  @Test
  void a_bucket_is_within_the_relative_error_monotone_and_its_own_bucket() {
    Random random = new Random(5);
    for (double error : new double[] {0.001, 0.01, 0.1}) {
      double previousValue = Double.NEGATIVE_INFINITY;
      double previousBucket = Double.NEGATIVE_INFINITY;
      double[] values = new double[20_000];
      for (int i = 0; i < values.length; i++) {
        values[i] = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(12) - 3);
      }
      java.util.Arrays.sort(values);
      for (double v : values) {
        double b = ValueHistogram.bucket(v, error);
        assertThat(Math.abs(b - v)).as("bucket of %s", v).isLessThanOrEqualTo(error * Math.abs(v) * (1 + 1e-12));
        assertThat(ValueHistogram.bucket(b, error)).as("bucket of the bucket of %s", v).isEqualTo(b);
        assertThat(v >= previousValue && b >= previousBucket).isTrue();
        previousValue = v;
        previousBucket = b;
      }
    }
    assertThat(ValueHistogram.bucket(0.0, 0.01)).isEqualTo(0.0);
    assertThat(ValueHistogram.bucket(-0.0, 0.01)).isEqualTo(0.0);
    assertThat(ValueHistogram.bucket(-5, 0.01)).isEqualTo(-ValueHistogram.bucket(5, 0.01));
  }

  @Test
  void a_sketch_holds_bucket_representatives_and_quantizes_by_them() {
    double e = 0.01;
    double rep = ValueHistogram.bucket(123.45, e);
    ValueHistogram sketch = ValueHistogram.sketch(new double[] {rep}, new long[] {7}, e);
    assertThat(sketch.isExact()).isFalse();
    assertThat(sketch.relativeError()).isEqualTo(e);
    assertThat(sketch.quantize(123.45)).isEqualTo(rep);
    assertThat(sketch.quantize(123.46)).isEqualTo(ValueHistogram.bucket(123.46, e));
    assertThatThrownBy(() -> ValueHistogram.sketch(new double[] {123.45}, new long[] {1}, e))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("representatives[0]: 123.45 is not the representative of a bucket");
  }

  @Test
  void bad_input_is_named() {
    assertThatThrownBy(() -> ValueHistogram.exact(new double[] {1, 2}, new long[] {1}))
        .hasMessage("counts: 1 counts for 2 values");
    assertThatThrownBy(() -> ValueHistogram.exact(new double[] {1, 2}, new long[] {1, 0}))
        .hasMessage("counts[1]: 0 is below 1");
    assertThatThrownBy(() -> ValueHistogram.exact(new double[] {Double.NaN}, new long[] {1}))
        .hasMessage("values[0]: NaN is not a value");
    assertThatThrownBy(() -> ValueHistogram.bucket(1, 0.5))
        .hasMessage("relativeError: 0.5 is not in (0, 0.5)");
    assertThatThrownBy(() -> Binning.fit(new double[] {2, 1}, new long[] {1, 1}, 3))
        .hasMessage("distinct[1]: 1.0 is not above the previous value");
  }
}
