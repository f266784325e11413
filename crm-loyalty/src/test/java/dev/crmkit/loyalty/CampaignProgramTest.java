package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The campaigns of a program JSON and the errors that name their fields. */
class CampaignProgramTest {

  private static LoyaltyProgram with(String campaigns) {
    return Programs.program(0, "{\"policy\": \"never\"}", "within-balance", Programs.ONE_PER_EURO,
        "\"campaigns\": " + campaigns);
  }

  @Test
  void a_campaign_reads_with_its_days_multiplier_and_budget() {
    LoyaltyProgram p = with("[{\"id\": \"x2\", \"multiplier\": \"1.5\", \"activeFrom\": \"2026-03-01\","
        + " \"activeUntil\": \"2026-03-31\", \"budget\": 500}]");
    LoyaltyProgram.Campaign c = p.campaign("x2").orElseThrow();
    assertThat(c.multiplier()).isEqualByComparingTo("1.5");
    assertThat(c.budget()).isEqualTo(500);
    assertThat(p.campaignOn(LocalDate.of(2026, 3, 31))).contains(c);
    assertThat(p.campaignOn(LocalDate.of(2026, 4, 1))).isEmpty();
    assertThat(Programs.simple("within-balance").campaigns()).isEmpty();
  }

  @Test
  void bad_campaigns_are_refused_naming_the_field_and_value() {
    assertThatThrownBy(() -> with("[{\"id\": \"x\", \"multiplier\": \"1\", \"activeFrom\": \"2026-03-01\","
        + " \"activeUntil\": \"2026-03-31\", \"budget\": 5}]"))
        .hasMessageContaining("campaigns[0]").hasMessageContaining("multiplier: 1 must be above 1");
    assertThatThrownBy(() -> with("[{\"id\": \"x\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-01\","
        + " \"activeUntil\": \"2026-03-31\", \"budget\": 0}]"))
        .hasMessageContaining("budget: 0 must be positive");
    assertThatThrownBy(() -> with("[{\"id\": \"x\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-01\", \"budget\": 5}]"))
        .hasMessageContaining("activeUntil: is required");
    assertThatThrownBy(() -> with("[{\"id\": \"base\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-01\","
        + " \"activeUntil\": \"2026-03-31\", \"budget\": 5}]"))
        .hasMessageContaining("rules and campaigns").hasMessageContaining("base");
    assertThatThrownBy(() -> with("[{\"id\": \"a\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-01\","
        + " \"activeUntil\": \"2026-03-31\", \"budget\": 5},"
        + " {\"id\": \"b\", \"multiplier\": \"3\", \"activeFrom\": \"2026-03-31\", \"activeUntil\": \"2026-04-30\", \"budget\": 5}]"))
        .hasMessageContaining("campaigns[1]: 'b' (2026-03-31 to 2026-04-30) overlaps 'a' (2026-03-01 to 2026-03-31)");
  }
}
