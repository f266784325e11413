package dev.crmkit.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettableClockTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void stands_still_until_moved() {
    SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void set_moves_to_any_instant_earlier_or_later() {
    SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);

    clock.set(T0.plusSeconds(3600));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(3600));
    clock.set(T0.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(60));
  }

  @Test
  void advance_adds_and_returns_the_new_time() {
    SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);

    assertThat(clock.advance(Duration.ofDays(2))).isEqualTo(T0.plus(Duration.ofDays(2)));
    assertThat(clock.advance(Duration.ZERO)).isEqualTo(T0.plus(Duration.ofDays(2)));
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(2)));
  }

  @Test
  void advance_refuses_a_negative_duration_and_stays_put() {
    SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("duration: 'PT-1S' is not valid");
    assertThat(clock.instant()).isEqualTo(T0);
  }

  @Test
  void nulls_are_refused_naming_the_argument() {
    SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);

    assertThatThrownBy(() -> SettableClock.of(null, ZoneOffset.UTC))
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("start:");
    assertThatThrownBy(() -> SettableClock.of(T0, null))
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("zone:");
    assertThatThrownBy(() -> clock.set(null))
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("instant:");
    assertThatThrownBy(() -> clock.advance(null))
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("duration:");
    assertThatThrownBy(() -> clock.withZone(null))
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("zone:");
  }

  @Test
  void with_zone_shares_the_time_in_both_directions() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    SettableClock utc = SettableClock.of(T0, ZoneOffset.UTC);
    SettableClock local = utc.withZone(berlin);

    assertThat(local.getZone()).isEqualTo(berlin);
    assertThat(ZonedDateTime.now(local).getHour()).isEqualTo(10);
    utc.advance(Duration.ofHours(1));
    assertThat(local.instant()).isEqualTo(T0.plusSeconds(3600));
    local.set(T0);
    assertThat(utc.instant()).isEqualTo(T0);
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
  }

  @Test
  void concurrent_advances_all_count() throws InterruptedException {
    SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 10_000; i++) {
          clock.advance(Duration.ofMillis(1));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(clock.instant()).isEqualTo(T0.plusMillis(40_000));
  }
}
