package dev.crmkit.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CostToServeTest {

  private static final LocalDate D = LocalDate.of(2025, 3, 1);

  private static CustomerSummary summary() {
    TransactionLog log = TransactionLog.builder()
        .add("anna", D, 60).add("anna", D.plusDays(5), 40) // 100 in 2 orders
        .add("ben", D, 20) // 20 in 1 order
        .add("cem", D, 21.5) // 21.50 in 1 order
        .build();
    InteractionLog contacts = InteractionLog.builder()
        .add("anna", D).add("anna", D).add("anna", D)
        .add("ben", D).add("ben", D)
        .add("cem", D)
        .build();
    return CustomerSummary.of(log, D.plusDays(10), contacts);
  }

  @Test
  void contribution_is_margin_minus_order_and_service_costs_worked_by_hand() {
    ScoreTable t = ScoringEngine.load().strategy("cost-to-serve").score(summary());
    // anna: 100 x 0.3 - 2 x 4.5 - 3 x 2 = 15; ben: 6 - 4.5 - 4 = -2.5; cem: 6.45 - 4.5 - 2 = -0.05
    assertThat(t.score(t.indexOf("anna"), "contribution")).isCloseTo(15.0, within(1e-9));
    assertThat(t.score(t.indexOf("ben"), "contribution")).isCloseTo(-2.5, within(1e-9));
    assertThat(t.score(t.indexOf("cem"), "contribution")).isCloseTo(-0.05, within(1e-9));
    assertThat(t.label(t.indexOf("anna"))).isEqualTo("profitable");
    assertThat(t.label(t.indexOf("ben"))).isEqualTo("unprofitable");
    assertThat(t.label(t.indexOf("cem"))).isEqualTo("break-even");
    assertThat(t.explanation(t.indexOf("anna"), "service_cost")).isCloseTo(-6.0, within(1e-9));
  }

  @Test
  void the_configuration_comes_from_json_and_bad_values_name_the_field() {
    ScoreTable t = ScoringEngine.load().strategy("cost-to-serve", "{\"costPerInteraction\": 0}").score(summary());
    assertThat(t.score(t.indexOf("ben"), "contribution")).isCloseTo(1.5, within(1e-9));
    assertThatThrownBy(() -> ScoringEngine.load().strategy("cost-to-serve", "{\"margin\": 2}"))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("margin").hasMessageContaining("2");
  }

  @Test
  void a_summary_without_interactions_is_refused_rather_than_costed_at_zero() {
    CustomerSummary noContacts = CustomerSummary.of(TransactionLog.builder().add("anna", D, 10).build(), D);
    assertThatThrownBy(() -> ScoringEngine.load().strategy("cost-to-serve").score(noContacts))
        .hasMessageContaining("no interactions");
  }
}
