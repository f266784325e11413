package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void demo_on_a_store_keeps_its_core_data_for_the_next_run(@TempDir Path dir) {
    String store = dir.resolve("crm-data").toString();
    CrmCommandTest.Result first = CrmCommandTest.crm("demo", "--core-only", "--store", store);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("holds 0 customers and 0 orders before the walk-through")
        .contains("C-000003 organization Acme GmbH (code K-1001)")
        .containsPattern("the store holds [1-9][0-9]* customers and [1-9][0-9]* orders after");
    String after = first.out().substring(first.out().lastIndexOf("the store holds "));
    String held = after.substring("the store holds ".length(), after.indexOf(" after"));

    CrmCommandTest.Result second = CrmCommandTest.crm("demo", "--core-only", "--store", store);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("holds " + held + " before the walk-through")
        .contains("there from an earlier run")
        .contains("C-000003 organization Acme GmbH (code K-1001)")
        .contains("the store holds " + held + " after the walk-through");
  }

  @Test
  void demo_tours_the_core_and_exits_0() {
    CrmCommandTest.Result result = CrmCommandTest.crm("demo", "--core-only");

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
        .contains("Done: 4 live customers, 51 domain events delivered.");
  }

  @Test
  void demo_converts_leads_and_prints_the_funnel() {
    String out = CrmCommandTest.crm("demo", "--core-only").out();
    String sales = out.substring(out.indexOf("5. Leads, opportunities"),
        out.indexOf("6. Campaigns"));
    // leads matched through identity resolution, or new
    assertThat(sales)
        .contains("L-000001 Ben Okafor -> matched existing C-000002 Ben Okafor")
        .contains("L-000002 Grace Hopper -> matched existing C-000003 Acme GmbH (contact c-1)")
        .contains("L-000003 Dana Novak -> new C-000005 Novak Logistik (contact c-1)")
        .contains("rejected: stage: 'negotiation' is not valid; expected a stage reachable"
            + " without skipping 'proposal'")
        .contains("ALERT large deal OP-000002 (1728000.00 EUR, above 500000.00 EUR) on AMOUNT")
        .contains("reminder A-000001 CALL \"Call about the van quote\"")
        .contains("OP-000002 won, produced [O-000004]");
    // the funnel, checked by hand (opened day 1; car q->p day 4, lost day 13; fleet q, n day 4,
    // p day 8, neg day 13, won day 20; vans q, p day 8; service plan stays in q):
    // q stays 3 + 3 + 7 days = 104 h mean; p stays 9 + 5 days = 168 h mean
    assertThat(sales)
        .containsPattern("qualification +4 +1856200.00 +1 +1200.00 3/4 \\(75.0%\\) +104 h")
        .containsPattern("needs-analysis +3 +1855000.00 +0 +0.00 3/3 \\(100.0%\\) +96 h")
        .containsPattern("proposal +3 +1855000.00 +1 +96000.00 1/3 \\(33.3%\\) +168 h")
        .containsPattern("negotiation +1 +1728000.00 +0 +0.00 1/1 \\(100.0%\\) +168 h")
        .containsPattern("won +1 +1728000.00 +1 +1728000.00")
        .containsPattern("lost +1 +31000.00 +1 +31000.00")
        // 96,000 x 0.5 + 1,200 x 0.1
        .contains("win rate 1/2 (50.0%), weighted pipeline 48120.00 EUR (open 97200.00 EUR),"
            + " mean sales cycle 19 days");
  }

  @Test
  void demo_prints_campaign_returns_under_both_rules() {
    String out = CrmCommandTest.crm("demo", "--core-only").out();
    String marketing = out.substring(out.indexOf("6. Campaigns"));
    assertThat(marketing)
        .contains("spring-launch does not contact C-000001")
        .contains("consent withdrawn")
        .contains("spring-mail contacts C-000002 Ben Okafor by LETTER");
    String byCode = marketing.substring(marketing.indexOf("attribution by campaign code"),
        marketing.indexOf("attribution by last touch"));
    // the car order (code spring-launch): 33,500 + 4 x 150 - 2 x 150 refunded = 33,800;
    // goods 27,000 + 2 x 90 kept = 27,180; margin 6,620; ROI (6,620 - 4,000) / 4,000
    assertThat(byCode)
        .containsPattern("spring-launch +2 +1/2 +1/2 +33800.00 +6620.00 +4000.00 0.655")
        .containsPattern("spring-mail +1 +1/1 +0/1 +0.00 +0.00 +350.00 -1.000")
        .containsPattern("spring-launch\\+sub +2 +1/2 +1/2 +33800.00 +6620.00 +4350.00 0.522");
    String byTouch = marketing.substring(marketing.indexOf("attribution by last touch"));
    // the roof box (399, cost 210) follows the mailing: ROI (189 - 350) / 350 = -0.46
    assertThat(byTouch)
        .containsPattern("spring-mail +1 +1/1 +1/1 +399.00 +189.00 +350.00 -0.460");
    assertThat(marketing).containsPattern("Berlin +1 customers, 1 buyers, revenue 33889.00 EUR");
  }

  @Test
  void demo_shows_a_complaint_escalating_and_being_resolved() {
    String out = CrmCommandTest.crm("demo", "--core-only").out();
    String section = out.substring(out.indexOf("7. A complaint escalates and is resolved"));
    assertThat(section)
        .contains("CASE-000001 COMPLAINT/HIGH opened for C-000001, owner agent-3")
        .contains("first response by 2026-02-23 11:00, resolution by 2026-02-23 17:00")
        .contains("2026-02-23 12:00  CASE-000001 ESCALATED to level 1 (team lead),"
            + " notified [lead-service]")
        .contains("a second run at the same instant escalates 0 cases")
        .contains("2026-02-23 20:00  CASE-000001 ESCALATED to level 2 (department manager),"
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
    assertThat(CrmCommandTest.crm("demo", "--core-only").out()).isEqualTo(CrmCommandTest.crm("demo", "--core-only").out());
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
