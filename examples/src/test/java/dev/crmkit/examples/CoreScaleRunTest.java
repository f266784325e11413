package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The scale run does what it reports (its timings are not checked: that is no unit test's job). */
class CoreScaleRunTest {

  @Test
  void a_small_run_finds_and_merges_every_planted_duplicate_and_keeps_every_item() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CoreScaleRun.Counts counts =
        CoreScaleRun.run(95, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(counts.records()).isEqualTo(95 + 10);
    assertThat(counts.duplicatePairs()).isEqualTo(10);
    assertThat(counts.liveAfterMerge()).isEqualTo(95);
    assertThat(counts.historyItems()).isEqualTo(2 * (95 + 10));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("records 105: register ").contains("findDuplicates (10 pairs)");
  }

  @Test
  void the_size_must_be_positive() {
    assertThatThrownBy(() -> CoreScaleRun.run(0, System.out)).hasMessageStartingWith("n: '0'");
  }
}
