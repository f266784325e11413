package dev.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RatioTest {

  @Test
  void ratios_of_the_same_value_are_equal_and_hash_alike_whatever_their_counts() {
    assertThat(Ratio.of(4, 6)).isEqualTo(Ratio.of(2, 3)).hasSameHashCodeAs(Ratio.of(2, 3));
    assertThat(Ratio.of(50, 100)).isEqualTo(Ratio.of(2, 4)).hasSameHashCodeAs(Ratio.of(1, 2));
    assertThat(Ratio.of(0, 5)).isEqualTo(Ratio.of(0, 1)).hasSameHashCodeAs(Ratio.of(0, 1));
    assertThat(Ratio.of(3, 3)).isEqualTo(Ratio.of(1, 1));
    assertThat(Set.of(Ratio.of(2, 3))).contains(Ratio.of(6, 9));
    assertThat(Ratio.of(2, 3)).isNotEqualTo(Ratio.of(3, 4)).isNotEqualTo(Ratio.of(3, 2));
    assertThat(Ratio.of(Long.MAX_VALUE, Long.MAX_VALUE - 1))
        .isNotEqualTo(Ratio.of(Long.MAX_VALUE - 1, Long.MAX_VALUE - 2));
    assertThat(Ratio.of(2, 3)).isNotEqualTo("2/3");
  }

  @Test
  void the_counts_stay_readable_the_evidence_differs() {
    Ratio small = Ratio.of(2, 4);
    Ratio large = Ratio.of(50, 100);
    assertThat(small).isEqualTo(large);
    assertThat(small.denominator()).isNotEqualTo(large.denominator());
    assertThat(small).hasToString("2/4 (50.0%)");
    assertThat(large).hasToString("50/100 (50.0%)");
  }
}
