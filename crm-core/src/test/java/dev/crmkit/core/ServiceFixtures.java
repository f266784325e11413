package dev.crmkit.core;

import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.EscalationLevel;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** A business calendar, SLA and escalation ladder shared by the service tests. */
final class ServiceFixtures {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Monday 30 November 2026 is a (made-up) company day off. */
  static final LocalDate DAY_OFF = LocalDate.of(2026, 11, 30);
  static final BusinessCalendar CALENDAR = BusinessCalendar.of(BERLIN, LocalTime.of(9, 0),
      LocalTime.of(17, 0), BusinessCalendar.MONDAY_TO_FRIDAY, Set.of(DAY_OFF));
  /** 4 business hours to a first response, 8 to a resolution, for everything. */
  static final SlaPolicy SLA = SlaPolicy.builder(CALENDAR).all(SlaTarget.businessHours(4, 8))
      .build();
  static final EscalationPolicy LADDER = EscalationPolicy.of(
      EscalationLevel.of("team lead", Duration.ZERO, "lead-service"),
      EscalationLevel.of("department manager", Duration.ofHours(8), "head-of-service"),
      EscalationLevel.of("executive", Duration.ofHours(48), "coo", "ceo-office"));

  private ServiceFixtures() {}

  static ServiceDesk desk(Crm crm, SettableClock clock) {
    return ServiceDesk.create(crm, clock, crm.events(), SLA, LADDER);
  }
}
