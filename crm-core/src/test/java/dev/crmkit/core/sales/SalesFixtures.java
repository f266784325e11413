package dev.crmkit.core.sales;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock the test sets by hand, and a facade with sequential ids. */
final class SalesFixtures {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private SalesFixtures() {}

  static Crm crm(Clock clock) {
    return Crm.builder().clock(clock).ids(IdGenerator.sequential()).build();
  }

  static Instant day(double days) {
    return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }
}
