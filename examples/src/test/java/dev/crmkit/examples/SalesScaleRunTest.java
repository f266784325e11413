package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sales scale run does what it reports (its timings are not checked). */
class SalesScaleRunTest {

  @Test
  void a_small_run_moves_every_opportunity_and_attributes_every_order() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SalesScaleRun.Counts counts =
        SalesScaleRun.run(100, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(counts.opportunities()).isEqualTo(100);
    assertThat(counts.won()).isEqualTo(34); // i % 3 == 0 for i in 0..99
    assertThat(counts.lost()).isEqualTo(33);
    // the 66 orders placed after the contacts are attributed; the 34 won deals' orders came
    // before any contact, so no touch precedes them
    assertThat(counts.attributedOrders()).isEqualTo(66);
    assertThat(counts.groups()).isEqualTo(5);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("customers 100: 100 opportunities");
  }

  @Test
  void the_size_must_be_positive() {
    assertThatThrownBy(() -> SalesScaleRun.run(0, System.out)).hasMessageStartingWith("n: '0'");
  }
}
