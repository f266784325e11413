package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaTest {

  private static final BusinessCalendar CAL = ServiceFixtures.CALENDAR;

  @Test
  void business_hours_skip_the_weekend_and_the_day_off() {
    // Friday 27 Nov 2026, 15:00 in Berlin (14:00Z): 2 working hours left that day; Sat, Sun and
    // Monday 30 Nov (day off) do not count; Tuesday 1 Dec supplies the remaining 6 hours.
    Instant friday = Instant.parse("2026-11-27T14:00:00Z");
    assertThat(CAL.plusBusinessTime(friday, Duration.ofHours(8)))
        .isEqualTo(Instant.parse("2026-12-01T14:00:00Z")); // Tue 15:00 Berlin
    assertThat(CAL.plusBusinessTime(friday, Duration.ofHours(4)))
        .isEqualTo(Instant.parse("2026-12-01T10:00:00Z")); // Tue 11:00 Berlin
    assertThat(CAL.plusBusinessTime(friday, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-11-27T16:00:00Z")); // Fri 17:00 Berlin, closing time
    assertThat(CAL.businessTimeBetween(friday, Instant.parse("2026-12-01T14:00:00Z")))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void a_case_opened_out_of_hours_counts_from_the_next_opening() {
    Instant saturday = Instant.parse("2026-11-28T10:00:00Z");
    assertThat(CAL.plusBusinessTime(saturday, Duration.ofHours(1)))
        .isEqualTo(Instant.parse("2026-12-01T09:00:00Z")); // Tue 10:00 Berlin (Mon is off)
    Instant earlyWednesday = Instant.parse("2026-12-02T05:00:00Z"); // 06:00 Berlin
    assertThat(CAL.plusBusinessTime(earlyWednesday, Duration.ofMinutes(30)))
        .isEqualTo(Instant.parse("2026-12-02T08:30:00Z"));
  }

  @Test
  void working_hours_are_read_in_the_calendars_zone_across_a_dst_change() {
    // Berlin leaves summer time on Sunday 25 Oct 2026: Friday 17:00 is 15:00Z, Monday 09:00 is 08:00Z
    Instant fridayLate = Instant.parse("2026-10-23T14:00:00Z"); // 16:00 CEST
    assertThat(CAL.plusBusinessTime(fridayLate, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-10-26T09:00:00Z")); // Mon 10:00 CET
  }

  @Test
  void slas_apply_per_type_and_priority_in_business_or_calendar_time() {
    // Friday 15:00 Berlin
    SettableClock clock = SettableClock.of(Instant.parse("2026-11-27T14:00:00Z"), ZoneOffset.UTC);
    Crm crm = Fixtures.crm(clock);
    Individual anna = crm.register(Fixtures.anna());
    SlaPolicy sla = SlaPolicy.builder(CAL).all(SlaTarget.businessHours(4, 8))
        .target(CaseType.REPAIR, Priority.URGENT,
            SlaTarget.calendar(Duration.ofHours(1), Duration.ofHours(24)))
        .build();
    ServiceDesk desk = ServiceDesk.create(crm, clock, crm.events(), sla, ServiceFixtures.LADDER);
    ServiceCase complaint = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT,
        Priority.HIGH, Channel.HOTLINE).owner("agent-3").subject("rims"));
    ServiceCase breakdown = desk.open(CaseRequest.of(anna.id(), CaseType.REPAIR,
        Priority.URGENT, Channel.PHONE).owner("agent-4").subject("car will not start"));
    assertThat(sla.firstResponseDue(complaint)).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    assertThat(sla.resolutionDue(complaint)).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
    assertThat(sla.firstResponseDue(breakdown)).isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
    assertThat(sla.resolutionDue(breakdown)).isEqualTo(Instant.parse("2026-11-28T14:00:00Z"));
  }

  @Test
  void bad_settings_are_named() {
    assertThatThrownBy(() -> SlaPolicy.builder(CAL)
        .target(CaseType.COMPLAINT, SlaTarget.businessHours(1, 2)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("target: none for SERVICE_REQUEST/LOW");
    assertThatThrownBy(() -> SlaTarget.businessHours(8, 4))
        .hasMessage("resolution: 'PT4H' is not valid; expected a duration not shorter than"
            + " firstResponse (PT8H)");
    assertThatThrownBy(() -> BusinessCalendar.of(ServiceFixtures.BERLIN, LocalTime.of(17, 0),
        LocalTime.of(9, 0), BusinessCalendar.MONDAY_TO_FRIDAY, Set.of()))
        .hasMessageStartingWith("closes: '09:00' is not valid; expected a time after opens");
    assertThatThrownBy(() -> CAL.plusBusinessTime(Instant.EPOCH, Duration.ofHours(-1)))
        .hasMessageStartingWith("amount: 'PT-1H' is not valid");
  }
}
