package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demo_tours_the_core_and_exits_0() {
    CrmCommandTest.Result result = CrmCommandTest.crm("demo");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    String out = result.out();
    // registration, with normalised keys and a masked national id
    assertThat(out).contains("C-000003 organization Acme GmbH (code K-1001)")
        .contains("contact c-1  Grace Hopper  DECISION_MAKER (CIO)")
        .contains("owners: account manager agent-7, technical support support-2")
        .contains("EMAIL:anna.schmidt@example.com")
        .contains("NATIONAL_ID:*****6789")
        .doesNotContain("123456789");
    // the duplicate is found, merged and reported
    assertThat(out).contains("C-000001 and C-000004 match on [NAME_AND_PHONE]")
        .contains("merged C-000004 into C-000001")
        .containsPattern("name +KEPT_SURVIVOR +survivor Anna Schmidt, merged SCHMIDT, Anna")
        .containsPattern("consents.EMAIL +LATEST_DECISION")
        .contains("C-000004 now resolves to C-000001")
        .contains("merging again changes nothing: alreadyMerged=true");
    // returns are checked against what was bought
    assertThat(out).contains("refund 300.00 EUR")
        .contains("rejected: quantity: '3' is not valid; expected at most 2 for line 2");
    // the timeline holds the merged record's history, in time order
    assertThat(out).contains("Timeline of Anna Schmidt (C-000001, with C-000004)");
    String timeline = out.substring(out.indexOf("4. Timeline"));
    assertThat(timeline.indexOf("O-000001")).isLessThan(timeline.indexOf("I-000001"));
    assertThat(timeline.indexOf("I-000001")).isLessThan(timeline.indexOf("R-000001"));
    assertThat(timeline.indexOf("R-000001")).isLessThan(timeline.indexOf("O-000003"));
    assertThat(timeline).doesNotContain("O-000002"); // Acme's order is not Anna's
    assertThat(out).containsPattern("accessories +bought 5, returned 2, net paid 389.00 EUR")
        .contains("Done: 3 live customers, 23 domain events delivered.");
  }

  @Test
  void demo_shows_a_complaint_escalating_and_being_resolved() {
    String out = CrmCommandTest.crm("demo").out();
    String section = out.substring(out.indexOf("5. A complaint escalates and is resolved"));
    assertThat(section)
        .contains("CASE-000001 COMPLAINT/HIGH opened for C-000001, owner agent-3")
        .contains("first response by 2026-02-02 11:00, resolution by 2026-02-02 17:00")
        .contains("2026-02-02 12:00  CASE-000001 ESCALATED to level 1 (team lead),"
            + " notified [lead-service]")
        .contains("a second run at the same instant escalates 0 cases")
        .contains("2026-02-02 20:00  CASE-000001 ESCALATED to level 2 (department manager),"
            + " notified [head-of-service]")
        .contains("CASE-000001 RESOLVED: bonnet repainted at the service station"
            + " (root cause: paint shop process)")
        .contains("CASE-000001 CLOSED")
        .contains("rejected: status: case CASE-000001 cannot move from CLOSED to IN_PROGRESS;"
            + " CLOSED is final")
        .contains("by root cause {paint shop process=1}")
        .contains("phones [+493****4567], e-mails [a***@example.com], national ids [*****6789]");
    // escalation comes before resolution, and only two levels were reached
    assertThat(section.indexOf("ESCALATED to level 2")).isLessThan(section.indexOf("RESOLVED"));
    assertThat(section).doesNotContain("level 3").doesNotContain("123456789")
        .doesNotContain("anna.schmidt@example.com");
  }

  @Test
  void demo_prints_the_same_every_run() {
    assertThat(CrmCommandTest.crm("demo").out()).isEqualTo(CrmCommandTest.crm("demo").out());
  }

  @Test
  void demo_is_listed_in_help_and_has_its_own() {
    assertThat(CrmCommandTest.crm("--help").out()).contains("demo");
    CrmCommandTest.Result help = CrmCommandTest.crm("demo", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: crm demo");
  }

  @Test
  void demo_rejects_unknown_options_with_exit_2() {
    CrmCommandTest.Result result = CrmCommandTest.crm("demo", "--bogus");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--bogus");
  }
}
