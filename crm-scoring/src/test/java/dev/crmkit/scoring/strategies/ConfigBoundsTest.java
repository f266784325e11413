package dev.crmkit.scoring.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.base.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of the configuration ranges, exactly: the surviving mutants of the PIT run
 * (docs/quality.md) showed that no test put a value on a bound, nor bad monetary thresholds.
 */
class ConfigBoundsTest {

  @Test
  void rfm_bins_run_from_2_to_100_inclusive() {
    assertThat(new RfmConfig(2, null, null).bins()).isEqualTo(2);
    assertThat(new RfmConfig(100, null, null).bins()).isEqualTo(100);
    for (int bins : new int[] {1, 101}) {
      assertThatThrownBy(() -> new RfmConfig(bins, null, null))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessage("configuration field 'bins': " + bins
              + " is not allowed; expected an integer from 2 to 100");
    }
  }

  @Test
  void every_threshold_list_is_checked_and_the_message_counts_bins_minus_one() {
    List<Double> four = List.of(1.0, 2.0, 3.0, 4.0);
    assertThatThrownBy(() -> new RfmConfig(5, new RfmConfig.Thresholds(four, four, List.of(1.0, 2.0)), null))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'thresholds.monetary'")
        .hasMessageEndingWith("expected 4 strictly ascending numbers (bins - 1)");
    assertThatThrownBy(() -> new RfmConfig(5, new RfmConfig.Thresholds(four, four, List.of(1.0, 3.0, 2.0, 4.0)), null))
        .hasMessageContaining("'thresholds.monetary'")
        .hasMessageEndingWith("expected 4 strictly ascending finite numbers");
  }

  @Test
  void rad_development_lies_strictly_between_0_and_retention_and_retention_reaches_1() {
    assertThat(new RadConfig(null, 1.0, 0.999).retention()).isEqualTo(1.0);
    assertThatThrownBy(() -> new RadConfig(null, 0.5, 0.5)).hasMessageContaining("'development'");
    assertThatThrownBy(() -> new RadConfig(null, 0.5, 0.0)).hasMessageContaining("'development'");
    assertThatThrownBy(() -> new RadConfig(null, 1.0000001, 0.5)).hasMessageContaining("'retention'");
  }
}
