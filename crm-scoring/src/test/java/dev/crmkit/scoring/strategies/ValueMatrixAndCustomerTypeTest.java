package dev.crmkit.scoring.strategies;

import static dev.crmkit.scoring.strategies.Summaries.AS_OF;
import static dev.crmkit.scoring.strategies.Summaries.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLog;
import org.junit.jupiter.api.Test;

class ValueMatrixAndCustomerTypeTest {

  static CustomerSummary matrixSummary() {
    CustomerAttributes potential =
        CustomerAttributes.builder("growth_potential")
            .add("C1", "9").add("C2", "1").add("C3", "2").add("C4", "8").build();
    return totals(10, 20, 30, 40).withAttributes(potential);
  }

  @Test
  void value_matrix_splits_at_the_medians_worked_by_hand() {
    // current median (20 + 30) / 2 = 25; potential median (2 + 8) / 2 = 5
    ScoreTable t = ScoringEngine.load().strategy("value-matrix").score(matrixSummary());

    assertThat(t.label(t.indexOf("C1"))).isEqualTo("iron");
    assertThat(t.label(t.indexOf("C2"))).isEqualTo("lead");
    assertThat(t.label(t.indexOf("C3"))).isEqualTo("gold");
    assertThat(t.label(t.indexOf("C4"))).isEqualTo("platinum");
    assertThat(t.score(t.indexOf("C4"), "value")).isEqualTo(320);
    assertThat((ValueMatrixStrategy.Report) t.report())
        .isEqualTo(new ValueMatrixStrategy.Report(25, 5));
    assertThat(t.classes()).containsExactly("platinum", "gold", "iron", "lead");
  }

  @Test
  void value_matrix_thresholds_and_errors() {
    ScoreTable t =
        ScoringEngine.load()
            .strategy("value-matrix", "{\"currentThreshold\": 10, \"potentialThreshold\": 9}")
            .score(matrixSummary());
    assertThat(t.label(t.indexOf("C1"))).isEqualTo("platinum"); // at the threshold is high
    assertThat(t.label(t.indexOf("C2"))).isEqualTo("gold");

    assertThatThrownBy(() -> ScoringEngine.load().strategy("value-matrix").score(totals(1)))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("metric 'growth_potential' is unknown");
    CustomerAttributes partial = CustomerAttributes.builder("growth_potential").add("C1", "1").build();
    assertThatThrownBy(
            () -> ScoringEngine.load().strategy("value-matrix").score(totals(1, 2).withAttributes(partial)))
        .hasMessageContaining("customer 'C2' has no value 'growth_potential'");
    InvalidConfigurationException e =
        catchThrowableOfType(InvalidConfigurationException.class,
            () -> ScoringEngine.load().strategy("value-matrix", "{\"current\": \"\"}"));
    assertThat(e.field()).isEqualTo("current");
  }

  static CustomerSummary typeSummary(boolean withDiscountForE) {
    TransactionLog.Builder log = TransactionLog.builder();
    InteractionLog.Builder touches = InteractionLog.builder();
    log.add("A", AS_OF, 10, null, 0.0);
    log.add("B", AS_OF, 250, null, 0.05).add("B", AS_OF.minusDays(30), 250, null, 0.05);
    touches.add("B", AS_OF).add("B", AS_OF);
    log.add("C", AS_OF, 10, null, 0.0).add("C", AS_OF.minusDays(3), 10, null, 0.0);
    log.add("D", AS_OF, 10, null, 0.3).add("D", AS_OF, 10, null, 0.3).add("D", AS_OF, 10, null, 0.3);
    touches.add("D", AS_OF).add("D", AS_OF).add("D", AS_OF);
    log.add("E", AS_OF, 10, null, withDiscountForE ? 0.0 : Double.NaN)
        .add("E", AS_OF, 10, null, Double.NaN);
    return CustomerSummary.of(log.build(), AS_OF, touches.build());
  }

  @Test
  void customer_types_worked_by_hand() {
    ScoreTable t =
        ScoringEngine.load()
            .strategy("customer-type", "{\"bigRelationshipRevenue\": 400}")
            .score(typeSummary(true));

    assertThat(t.label(t.indexOf("A"))).isEqualTo("one-time");
    assertThat(t.label(t.indexOf("B"))).isEqualTo("big-relationship");
    assertThat(t.label(t.indexOf("C"))).isEqualTo("transaction-oriented"); // no interactions
    assertThat(t.label(t.indexOf("D"))).isEqualTo("transaction-oriented"); // price sensitive
    assertThat(t.explanation(t.indexOf("D"), "interaction_rate")).isEqualTo(1.0);
    assertThat(t.explanation(t.indexOf("D"), "discount_share")).isEqualTo(0.3);

    ScoreTable plain = ScoringEngine.load().strategy("customer-type").score(typeSummary(true));
    assertThat(plain.label(plain.indexOf("B"))).isEqualTo("relationship-oriented");
  }

  @Test
  void customer_type_missing_inputs_are_errors_unless_defaulted() {
    assertThatThrownBy(() -> ScoringEngine.load().strategy("customer-type").score(typeSummary(false)))
        .hasMessageContaining("customer 'E' has no discount share");
    ScoreTable t =
        ScoringEngine.load().strategy("customer-type", "{\"discountShareDefault\": 0.5}")
            .score(typeSummary(false));
    assertThat(t.label(t.indexOf("E"))).isEqualTo("transaction-oriented");

    CustomerSummary noInteractions =
        CustomerSummary.of(TransactionLog.builder().add("A", AS_OF, 1, null, 0).build(), AS_OF);
    assertThatThrownBy(() -> ScoringEngine.load().strategy("customer-type").score(noInteractions))
        .hasMessageContaining("no interaction counts");
    InvalidConfigurationException e =
        catchThrowableOfType(InvalidConfigurationException.class,
            () -> ScoringEngine.load().strategy("customer-type", "{\"maxDiscountShare\": 2}"));
    assertThat(e.field()).isEqualTo("maxDiscountShare");
    assertThat(e.allowed()).isEqualTo("a share in [0, 1]");
  }
}
