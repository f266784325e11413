package dev.crmkit.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until it is set or advanced: for <b>replays of history and
 * tests</b>, where "now" is the time of the event being replayed or the step a test wants to
 * check. Never use it for production "now": give the library {@code Clock.systemUTC()} there.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.of(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
 * Crm crm = Crm.builder().clock(clock).build();
 * clock.advance(Duration.ofDays(30));            // everything the facade stamps now is 30 days on
 * clock.set(Instant.parse("2026-03-01T00:00:00Z"));
 * }</pre>
 *
 * <p>Thread-safe: every read sees the last {@code set} or {@code advance}, and concurrent
 * {@code advance} calls add up. {@link #withZone} returns a clock in another zone that shares
 * this one's time, so moving either moves both. Two instances are equal only if they are the
 * same object: a mutable clock is not a value.
 */
public final class SettableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock that reads {@code start} in {@code zone} until moved. */
  public static SettableClock of(Instant start, ZoneId zone) {
    if (start == null) {
      throw new NullPointerException("start: is required but was null");
    }
    if (zone == null) {
      throw new NullPointerException("zone: is required but was null");
    }
    return new SettableClock(new AtomicReference<>(start), zone);
  }

  /** Moves the clock to {@code instant}, earlier or later. */
  public void set(Instant instant) {
    if (instant == null) {
      throw new NullPointerException("instant: is required but was null");
    }
    now.set(instant);
  }

  /**
   * Moves the clock forward by {@code duration} (zero or positive; use {@link #set} to go back)
   * and returns the new time.
   */
  public Instant advance(Duration duration) {
    if (duration == null) {
      throw new NullPointerException("duration: is required but was null");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: '" + duration
          + "' is not valid; expected zero or a positive duration (set() moves a clock back)");
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public SettableClock withZone(ZoneId zone) {
    if (zone == null) {
      throw new NullPointerException("zone: is required but was null");
    }
    return zone.equals(this.zone) ? this : new SettableClock(now, zone);
  }

  @Override
  public String toString() {
    return "SettableClock[" + now.get() + "," + zone + "]";
  }
}
