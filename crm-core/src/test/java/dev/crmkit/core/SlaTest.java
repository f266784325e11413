package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
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

  // New York hours 01:30-02:30 every day. 2026-11-01 (fall back, 02:00 EDT -> 01:00 EST at 06:00Z):
  // the clock shows 01:30-02:00 EDT (05:30Z-06:00Z), then 01:00-01:30 EST (before opening, not
  // counted, 06:00Z-06:30Z), then 01:30-02:30 EST (06:30Z-07:30Z): 1 h 30 min of business time.
  // 2026-03-08 (spring forward, 02:00 EST -> 03:00 EDT at 07:00Z): only 01:30-02:00 EST
  // (06:30Z-07:00Z) exists: 30 min.
  private static final BusinessCalendar NIGHTS = BusinessCalendar.of(
      java.time.ZoneId.of("America/New_York"), LocalTime.of(1, 30), LocalTime.of(2, 30),
      Set.copyOf(java.util.EnumSet.allOf(java.time.DayOfWeek.class)), Set.of());

  private static Instant at(String utc) {
    return Instant.parse(utc);
  }

  @Test
  void on_a_fall_back_night_business_time_is_the_real_time_the_clock_shows_working_hours() {
    assertThat(NIGHTS.businessTimeBetween(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z")))
        .isEqualTo(Duration.ofMinutes(90));
    // an hour from opening: 30 min EDT, the half hour before opening again skipped, 30 min EST
    assertThat(NIGHTS.plusBusinessTime(at("2026-11-01T05:30:00Z"), Duration.ofHours(1)))
        .isEqualTo(at("2026-11-01T07:00:00Z")); // 02:00 EST
    // opened at 01:10 EST: the clock shows a time before opening; counting starts at 01:30 EST
    assertThat(NIGHTS.plusBusinessTime(at("2026-11-01T06:10:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(at("2026-11-01T07:00:00Z"));
    assertThat(NIGHTS.plusBusinessTime(at("2026-11-01T05:30:00Z"), Duration.ofMinutes(90)))
        .isEqualTo(at("2026-11-01T07:30:00Z")); // closing time, 02:30 EST
    assertThat(NIGHTS.plusBusinessTime(at("2026-11-01T05:30:00Z"), Duration.ofMinutes(91)))
        .isEqualTo(at("2026-11-02T06:31:00Z")); // next night, 01:31 EST
    assertThat(NIGHTS.businessTimeBetween(at("2026-11-01T05:30:00Z"), at("2026-11-01T07:00:00Z")))
        .isEqualTo(Duration.ofHours(1));
    // the nights around it hold one hour each
    assertThat(NIGHTS.businessTimeBetween(at("2026-10-31T00:00:00Z"), at("2026-11-01T00:00:00Z")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(NIGHTS.businessTimeBetween(at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z")))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void on_a_spring_forward_night_the_skipped_working_time_does_not_count() {
    assertThat(NIGHTS.businessTimeBetween(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z")))
        .isEqualTo(Duration.ofMinutes(30));
    // 30 min on the 8th (01:30-02:00 EST), 30 min on the 9th from 01:30 EDT (05:30Z)
    assertThat(NIGHTS.plusBusinessTime(at("2026-03-08T06:30:00Z"), Duration.ofHours(1)))
        .isEqualTo(at("2026-03-09T06:00:00Z")); // 02:00 EDT
    assertThat(NIGHTS.plusBusinessTime(at("2026-03-08T06:30:00Z"), Duration.ofMinutes(30)))
        .isEqualTo(at("2026-03-08T07:00:00Z")); // the clock jumps from 02:00 to 03:00
  }

  @Test
  void working_hours_across_a_change_run_on_as_one_span() {
    // 01:00-04:00 on the spring-forward night: 01:00-02:00 EST and 03:00-04:00 EDT, 2 h in a row
    BusinessCalendar longer = BusinessCalendar.of(java.time.ZoneId.of("America/New_York"),
        LocalTime.of(1, 0), LocalTime.of(4, 0),
        Set.copyOf(java.util.EnumSet.allOf(java.time.DayOfWeek.class)), Set.of());
    assertThat(longer.plusBusinessTime(at("2026-03-08T06:00:00Z"), Duration.ofHours(2)))
        .isEqualTo(at("2026-03-08T08:00:00Z"));
    assertThat(longer.businessTimeBetween(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z")))
        .isEqualTo(Duration.ofHours(2));
    // and on the fall-back night 01:00-04:00 holds 4 real hours (01:00-02:00 is passed twice)
    assertThat(longer.businessTimeBetween(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z")))
        .isEqualTo(Duration.ofHours(4));
  }
}
