package dev.crmkit.scoring.strategies;

import static dev.crmkit.scoring.strategies.Summaries.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbcStrategyTest {

  static List<String> classes(ScoreTable t, int n) {
    String[] out = new String[n];
    for (int i = 1; i <= n; i++) {
      out[i - 1] = t.label(t.indexOf("C" + i));
    }
    return List.of(out);
  }

  @Test
  void thresholds_worked_by_hand() {
    // shares 50, 20, 15, 10, 5 %: C3 crosses 80% and is still A; C5 starts at 95% and is C
    ScoreTable abc = ScoringEngine.load().strategy("abc").score(totals(50, 20, 15, 10, 5));

    assertThat(classes(abc, 5)).containsExactly("A", "A", "A", "B", "C");
    assertThat(abc.score(abc.indexOf("C3"), "cumulative_share")).isCloseTo(0.85, within(1e-12));
    assertThat(abc.explanation(abc.indexOf("C2"), "value_share")).isCloseTo(0.2, within(1e-12));
    AbcStrategy.Report report = (AbcStrategy.Report) abc.report();
    assertThat(report.classes())
        .extracting(AbcStrategy.ClassShare::customers)
        .containsExactly(3, 1, 1);
    assertThat(report.classes().get(0).valueShare()).isCloseTo(0.85, within(1e-12));
    // Gini of (5, 10, 15, 20, 50): 2 * 400 / (5 * 100) - 6 / 5 = 0.4
    assertThat(report.gini()).isCloseTo(0.4, within(1e-12));
    assertThat(report.lorenz()).hasSize(101);
    assertThat(report.lorenz().get(20).valueShare()).isCloseTo(0.05, within(1e-12));
    assertThat(report.lorenz().get(60).valueShare()).isCloseTo(0.30, within(1e-12));
    assertThat(report.lorenz().get(100).valueShare()).isCloseTo(1.0, within(1e-12));
    assertThat(abc.hasOrderedClasses()).isTrue();
  }

  @Test
  void computed_abc_worked_by_hand() {
    // curve (k/5, yield): (.2,.5) (.4,.7) (.6,.85) (.8,.95) (1,1)
    // Pareto point nearest (0,1): k=2 (.16+.09); break-even where value = mean 20: k=2;
    // submarginal nearest (0.4, 1): k=3 (.04+.0225)
    ScoreTable abc =
        ScoringEngine.load()
            .strategy("abc", "{\"method\": \"computed\", \"lorenzPoints\": 6}")
            .score(totals(50, 20, 15, 10, 5));

    assertThat(classes(abc, 5)).containsExactly("A", "A", "B", "C", "C");
    AbcStrategy.Report report = (AbcStrategy.Report) abc.report();
    assertThat(report.paretoPoint().customers()).isEqualTo(2);
    assertThat(report.breakEvenPoint().customers()).isEqualTo(2);
    assertThat(report.submarginalPoint().customers()).isEqualTo(3);
    assertThat(report.submarginalPoint().yield()).isCloseTo(0.85, within(1e-12));
    assertThat(report.lorenz())
        .extracting(AbcStrategy.LorenzPoint::valueShare)
        .containsExactly(0.0, 0.05, 0.15, 0.30, 0.50, 1.0);
  }

  @Test
  void ties_share_a_class_and_non_positive_values_are_c() {
    ScoreTable abc = new AbcStrategy(AbcConfig.defaults()).score(totals(40, 10, 40, 10, -5));
    // C1 and C3 tie at the top; C2 starts at exactly 80%, so B, and C4 ties with it
    assertThat(classes(abc, 5)).containsExactly("A", "B", "A", "B", "C");
    assertThat(abc.explanation(abc.indexOf("C5"), "value_share")).isZero();
    assertThat(abc.score(abc.indexOf("C1"), "cumulative_share")).isEqualTo(0.8);
    assertThat(abc.score(abc.indexOf("C3"), "cumulative_share")).isEqualTo(0.8);
    assertThat(abc.score(abc.indexOf("C2"), "cumulative_share")).isEqualTo(1.0);
  }

  @Test
  void ranks_by_an_attribute_column() {
    CustomerAttributes margin =
        CustomerAttributes.builder("margin").add("C1", "1").add("C2", "90").add("C3", "9").build();

    ScoreTable abc =
        ScoringEngine.load()
            .strategy("abc", "{\"value\": \"margin\"}")
            .score(totals(100, 1, 1).withAttributes(margin));

    assertThat(classes(abc, 3)).containsExactly("C", "A", "B");

    CustomerAttributes partial = CustomerAttributes.builder("margin").add("C1", "1").build();
    assertThatThrownBy(
            () -> ScoringEngine.load().strategy("abc", "{\"value\": \"margin\"}")
                .score(totals(100, 1).withAttributes(partial)))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("'C2' has no value 'margin'");
    assertThatThrownBy(
            () -> ScoringEngine.load().strategy("abc", "{\"value\": \"clv\"}").score(totals(1)))
        .hasMessageContaining("metric 'clv' is unknown")
        .hasMessageContaining("revenue");
  }

  @Test
  void configuration_errors() {
    assertError("{\"thresholds\": [0.95, 0.8]}", "thresholds");
    assertError("{\"thresholds\": [0.8]}", "thresholds");
    assertError("{\"thresholds\": [0.8, 1.2]}", "thresholds");
    assertError("{\"method\": \"pareto\"}", "method");
    assertError("{\"method\": \"computed\", \"thresholds\": [0.8, 0.95]}", "thresholds");
    assertError("{\"lorenzPoints\": 1}", "lorenzPoints");
    assertError("{\"value\": \"\"}", "value");
  }

  private static void assertError(String json, String field) {
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class, () -> ScoringEngine.load().strategy("abc", json));
    assertThat(e).as(json).isNotNull();
    assertThat(e.field()).as(json).isEqualTo(field);
    assertThat(e.getMessage()).startsWith("abc: configuration field '" + field + "'");
  }

  @Test
  void a_computed_config_writes_json_that_reads_back_to_the_same_config() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    AbcConfig computed = new AbcConfig("margin", AbcConfig.COMPUTED, null, 11);
    String json = mapper.writeValueAsString(computed);
    assertThat(json).doesNotContain("thresholds");
    assertThat(mapper.readValue(json, AbcConfig.class)).isEqualTo(computed);
    AbcConfig fixed = AbcConfig.defaults();
    assertThat(mapper.readValue(mapper.writeValueAsString(fixed), AbcConfig.class)).isEqualTo(fixed);
    assertThat(fixed.thresholds()).containsExactly(0.8, 0.95);
  }
}
