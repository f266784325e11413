package dev.crmkit.scoring.strategies;

import static dev.crmkit.scoring.strategies.Summaries.AS_OF;
import static dev.crmkit.scoring.strategies.Summaries.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.crmkit.scoring.Contribution;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedValueStrategyTest {

  static ScoreTable run(String json, CustomerSummary summary) {
    return ScoringEngine.load().strategy("weighted-value", json).score(summary);
  }

  @Test
  void worked_by_hand_with_every_contribution_explained() {
    // revenue 10, 55, 100 -> min-max 1, 50.5, 100; tenure all 0 -> percentile 50.5 each
    String json =
        "{\"population\": \"\","
            + " \"criteria\": [{\"name\": \"spend\", \"metric\": \"revenue\", \"weight\": 0.6,"
            + "                 \"normalization\": \"min-max\"},"
            + "                {\"name\": \"loyalty\", \"metric\": \"tenure\", \"weight\": 0.4}],"
            + " \"pyramid\": {\"vip\": 0.34, \"major\": 0.67, \"ordinary\": 0.9}}";

    ScoreTable t = run(json, totals(10, 55, 100));

    int c1 = t.indexOf("C1");
    int c2 = t.indexOf("C2");
    int c3 = t.indexOf("C3");
    assertThat(t.score(c1, "value")).isCloseTo(0.6 * 1 + 0.4 * 50.5, within(1e-9));
    assertThat(t.score(c2, "value")).isCloseTo(0.6 * 50.5 + 0.4 * 50.5, within(1e-9));
    assertThat(t.score(c3, "value")).isCloseTo(0.6 * 100 + 0.4 * 50.5, within(1e-9));
    assertThat(t.explanation(c3))
        .containsExactly(new Contribution("spend", 60.0), new Contribution("loyalty", 0.4 * 50.5));
    assertThat(t.label(c3)).isEqualTo("VIP");
    assertThat(t.label(c2)).isEqualTo("Major");
    assertThat(t.label(c1)).isEqualTo("Small");
    assertThat(t.score(c3, "rank")).isEqualTo(1);
  }

  @Test
  void the_pyramid_holds_1_4_15_and_80_percent() {
    double[] totals = new double[1000];
    for (int i = 0; i < totals.length; i++) {
      totals[i] = i + 1;
    }
    ScoreTable t =
        run("{\"population\": \"\", \"criteria\": [{\"name\": \"spend\", \"metric\": \"revenue\","
            + " \"weight\": 1}]}", totals(totals));

    assertThat(t.classSizes())
        .containsExactly(
            Map.entry("VIP", 10), Map.entry("Major", 40), Map.entry("Ordinary", 150),
            Map.entry("Small", 800));
    assertThat(t.label(t.indexOf("C1000"))).isEqualTo("VIP");
    assertThat(t.label(t.indexOf("C990"))).isEqualTo("Major");
    assertThat(t.label(t.indexOf("C991"))).isEqualTo("VIP");
    WeightedValueStrategy.Report report = (WeightedValueStrategy.Report) t.report();
    assertThat(report.populations()).singleElement()
        .satisfies(p -> assertThat(p.resourceShare()).isEqualTo(1.0));
  }

  @Test
  void equal_values_share_a_tier() {
    ScoreTable t =
        run("{\"population\": \"\", \"criteria\": [{\"name\": \"spend\", \"metric\": \"revenue\","
            + " \"weight\": 1}]}", totals(new double[200]));
    assertThat(t.classSizes()).containsEntry("Small", 200);
  }

  @Test
  void mercedes_benz_default_ranks_organizations_and_individuals_separately() {
    TransactionLog.Builder log = TransactionLog.builder();
    InteractionLog.Builder touches = InteractionLog.builder();
    CustomerAttributes.Builder attributes =
        CustomerAttributes.builder("population", "social_influence", "future_value", "credit");
    // organizations buy 100x more; each population has its own best customer
    for (int i = 1; i <= 100; i++) {
      log.add("O" + i, AS_OF, 100.0 * i).add("O" + i, AS_OF.minusDays(9), 100.0 * i);
      log.add("P" + i, AS_OF, i);
      touches.add("O" + i, AS_OF).add("P" + i, AS_OF);
      attributes.add("O" + i, "organization", String.valueOf(i), String.valueOf(i), "50");
      attributes.add("P" + i, "individual", String.valueOf(i), String.valueOf(i), "50");
    }
    CustomerSummary summary =
        CustomerSummary.of(log.build(), AS_OF, touches.build()).withAttributes(attributes.build());

    ScoreTable t = ScoringEngine.load().strategy("weighted-value").score(summary);

    assertThat(t.label(t.indexOf("O100"))).isEqualTo("VIP");
    assertThat(t.label(t.indexOf("P100"))).isEqualTo("VIP");
    assertThat(t.score(t.indexOf("P100"), "rank")).isEqualTo(1);
    assertThat(t.classSizes()).containsEntry("VIP", 2).containsEntry("Major", 8);
    assertThat(t.explanationNames())
        .containsExactly("transaction_amount", "transaction_frequency", "interaction_level",
            "social_influence", "future_value", "credit");
    double sum = t.explanation(0).stream().mapToDouble(Contribution::value).sum();
    assertThat(sum).isCloseTo(t.score(0, "value"), within(1e-9));
    WeightedValueStrategy.Report report = (WeightedValueStrategy.Report) t.report();
    assertThat(report.populations()).extracting(WeightedValueStrategy.PopulationReport::population)
        .containsExactly("organization", "individual");
    assertThat(report.populations().get(0).resourceShare()).isCloseTo(200.0 / 201, within(1e-9));
  }

  @Test
  void missing_values_are_errors_unless_a_default_is_configured() {
    CustomerAttributes credit = CustomerAttributes.builder("credit").add("C1", "70").build();
    CustomerSummary summary = totals(10, 20).withAttributes(credit);
    String criteria =
        "{\"population\": \"\", \"criteria\": [{\"name\": \"credit\", \"metric\": \"credit\","
            + " \"weight\": 1%s}]}";

    assertThatThrownBy(() -> run(String.format(criteria, ""), summary))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("criterion 'credit': customer 'C2' has no value for 'credit'");
    ScoreTable t = run(String.format(criteria, ", \"default\": 10"), summary);
    assertThat(t.score(t.indexOf("C1"), "value")).isEqualTo(100);
    assertThat(t.score(t.indexOf("C2"), "value")).isEqualTo(1);
  }

  @Test
  void population_problems_are_named() {
    String json = "{\"criteria\": [{\"name\": \"s\", \"metric\": \"revenue\", \"weight\": 1}]}";
    assertThatThrownBy(() -> run(json, totals(1)))
        .hasMessageContaining("population column 'population' is not among the attached");
    CustomerAttributes odd =
        CustomerAttributes.builder("population").add("C1", "organization").add("C2", "robot").build();
    assertThatThrownBy(() -> run(json, totals(1, 2).withAttributes(odd)))
        .hasMessageContaining("customer 'C2' has population 'robot'; expected one of [organization, individual]");
  }

  @Test
  void bands_normalisation() {
    String json =
        "{\"population\": \"\", \"criteria\": [{\"name\": \"s\", \"metric\": \"revenue\","
            + " \"weight\": 1, \"normalization\": \"bands\", \"bands\": [[0, 1], [50, 60], [100, 100]]}]}";
    ScoreTable t = run(json, totals(10, 50, 99, 150));
    assertThat(t.score(t.indexOf("C1"), "value")).isEqualTo(1);
    assertThat(t.score(t.indexOf("C2"), "value")).isEqualTo(60);
    assertThat(t.score(t.indexOf("C3"), "value")).isEqualTo(60);
    assertThat(t.score(t.indexOf("C4"), "value")).isEqualTo(100);
    assertThatThrownBy(() -> run(json, totals(-1)))
        .hasMessageContaining("-1.0 is below the lowest band");
  }

  @Test
  void every_configuration_error_is_named() {
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 0.5},"
        + " {\"name\": \"b\", \"metric\": \"tenure\", \"weight\": 0.4}]}", "criteria",
        "weights that sum to 1");
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 0.5},"
        + " {\"name\": \"a\", \"metric\": \"tenure\", \"weight\": 0.5}]}", "criteria[1].name", "not used");
    assertError("{\"criteria\": []}", "criteria", "at least one");
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 0}]}",
        "criteria[0].weight", "(0, 1]");
    assertError("{\"criteria\": [{\"name\": \"a\", \"weight\": 1}]}", "criteria[0].metric", "metric");
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 1,"
        + " \"normalization\": \"z-score\"}]}", "criteria[0].normalization", "percentile");
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 1,"
        + " \"normalization\": \"bands\"}]}", "criteria[0].bands", "pairs");
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 1,"
        + " \"normalization\": \"bands\", \"bands\": [[5, 1], [1, 50]]}]}", "criteria[0].bands[1]",
        "ascending");
    assertError("{\"criteria\": [{\"name\": \"a\", \"metric\": \"revenue\", \"weight\": 1,"
        + " \"bands\": [[5, 1]]}]}", "criteria[0].bands", "no bands");
    assertError("{\"pyramid\": {\"vip\": 0.1, \"major\": 0.05}}", "pyramid.vip", "0 < vip < major");
    assertError("{\"populations\": []}", "populations", "non-empty");
  }

  private static void assertError(String json, String field, String allowed) {
    InvalidConfigurationException e =
        catchThrowableOfType(
            InvalidConfigurationException.class,
            () -> ScoringEngine.load().strategy("weighted-value", json));
    assertThat(e).as(json).isNotNull();
    assertThat(e.field()).as(json).isEqualTo(field);
    assertThat(e.allowed()).as(json).contains(allowed);
  }
}
