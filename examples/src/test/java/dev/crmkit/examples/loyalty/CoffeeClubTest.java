package dev.crmkit.examples.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoffeeClubTest {

  @TempDir Path dir;

  @Test
  void the_json_program_runs_on_h2_and_a_second_run_writes_nothing_twice() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T08:30:00Z"), ZoneOffset.UTC);
    Path file = dir.resolve("ledger");
    StringWriter out = new StringWriter();
    CoffeeClub.Result first = CoffeeClub.run(file, clock, new PrintWriter(out, true));
    // welcome 50; the coffee line paid 3.20 in all -> 3 points at 1 per EUR (rounded down),
    // beans 24.00 x 2 = 48; free coffee -40
    assertThat(first.balance().earned()).isEqualTo(101);
    assertThat(first.balance().spent()).isEqualTo(40);
    assertThat(first.balance().active()).isEqualTo(61);
    assertThat(first.tier()).isEqualTo("gold"); // 101 points this calendar year >= 100
    assertThat(first.liabilityPoints()).isEqualTo(61);
    assertThat(first.replayed()).isZero();
    assertThat(Files.exists(dir.resolve("ledger.mv.db"))).as("the H2 file").isTrue();

    CoffeeClub.Result second = CoffeeClub.run(file, clock, new PrintWriter(out, true));
    assertThat(second.replayed()).isEqualTo(3);
    assertThat(second.balance().active()).isEqualTo(61);
    assertThat(out.toString()).contains("program coffee-club on H2");
  }
}
