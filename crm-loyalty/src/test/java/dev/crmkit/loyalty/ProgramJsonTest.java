package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgramJsonTest {

  static String program(String rules, String expiry) {
    return """
        {"id": "p", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": 0,
         "expiry": %s, "returnPolicy": "unlimited", "rules": %s}""".formatted(expiry, rules);
  }

  @Test
  void a_valid_program_reads() {
    LoyaltyProgram p = LoyaltyProgram.fromJson(program(Programs.ONE_PER_EURO, "{\"policy\": \"end-of-month\", \"months\": 12}"));
    assertThat(p.zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(p.returnPolicy()).isEqualTo(LoyaltyProgram.ReturnPolicy.UNLIMITED);
    assertThat(p.expiry()).isEqualTo(LoyaltyProgram.Expiry.endOfMonth(12));
  }

  @Test
  void errors_name_the_field_by_its_path() {
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(program("""
        [{"id": "a", "type": "spend", "points": "1", "perAmount": "0", "rounding": "down"}]""", "{\"policy\": \"never\"}")))
        .hasMessageContaining("rules[0]").hasMessageContaining("perAmount: 0 must be positive");
    assertThatThrownBy(() -> Programs.program(0, "{\"policy\": \"never\"}", "unlimited", Programs.ONE_PER_EURO, "\"holdMinutes\": 0"))
        .hasMessageContaining("holdMinutes: 0 must be from 1 to 525600 (a year)");
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(program(Programs.ONE_PER_EURO, "{\"policy\": \"after-days\"}")))
        .hasMessageContaining("expiry").hasMessageContaining("days: is required for policy after-days");
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(program("""
        [{"id": "a", "type": "spend", "points": "1", "perAmount": "1", "rounding": "down", "colour": "red"}]""",
        "{\"policy\": \"never\"}")))
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(program("""
        [{"id": "a", "type": "spend", "points": "1", "perAmount": "1", "rounding": "sideways"}]""", "{\"policy\": \"never\"}")))
        .hasMessageContaining("rules[0].rounding").hasMessageContaining("sideways");
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(program(Programs.ONE_PER_EURO, "{\"policy\": \"never\"}")
        .replace("Europe/Berlin", "Europe/Atlantis")))
        .hasMessageContaining("zone").hasMessageContaining("Europe/Atlantis");
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(program(Programs.ONE_PER_EURO, "{\"policy\": \"never\"}")
        .replace("\"pendingDays\": 0,", "")))
        .hasMessageContaining("pendingDays: is required");
  }

  @Test
  void tiers_must_start_at_zero_and_ascend() {
    String tiers = program(Programs.ONE_PER_EURO, "{\"policy\": \"never\"}").replaceFirst("}$", """
        , "tiers": {"basis": "spend", "window": "rolling", "windowDays": 365, "review": "monthly",
          "downgrade": "one-level", "levels": [{"id": "a", "threshold": "0", "multiplier": "1"},
          {"id": "b", "threshold": "0", "multiplier": "2"}]}}""");
    assertThatThrownBy(() -> LoyaltyProgram.fromJson(tiers))
        .hasMessageContaining("levels[1].threshold: 0 must be above the previous level's 0");
  }
}
