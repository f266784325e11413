package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service scale run does what it reports (timings are not checked here). */
class ServiceScaleRunTest {

  @Test
  void a_small_run_escalates_every_late_case_once_and_lists_the_lapsed_third() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServiceScaleRun.Counts c =
        ServiceScaleRun.run(300, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(c.cases()).isEqualTo(300);
    assertThat(c.escalatedFirst()).isEqualTo(300); // every complaint missed its first response
    assertThat(c.escalatedSecond()).isZero(); // same instant
    assertThat(c.escalatedNextDay()).isEqualTo(300); // the department manager is due too
    assertThat(c.complaints()).isEqualTo(300);
    assertThat(c.answers()).isEqualTo(300);
    assertThat(c.lapsed()).isEqualTo(100); // every third customer bought 500 days ago
    assertThat(c.erased()).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("customers 300: open 300 cases");
  }

  @Test
  void the_size_must_be_at_least_100() {
    assertThatThrownBy(() -> ServiceScaleRun.run(99, System.out))
        .hasMessageStartingWith("n: '99'");
  }
}
