package dev.crmkit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

  static ScoreTable table() {
    return ScoreTable.builder("demo", new String[] {"C1", "C,2", "C3"})
        .explanation("spend", new double[] {1234.5, 0.1 + 0.2, Double.NaN})
        .score("points", new double[] {3, 1e20, 2})
        .labels("class", new String[] {"high", "low", "low"})
        .orderedClasses(List.of("high", "mid", "low"))
        .report(Map.of("note", "demo"))
        .build();
  }

  @net.jqwik.api.Property(tries = 2000)
  void a_written_number_reads_back_as_the_same_double(@net.jqwik.api.ForAll double value) {
    StringBuilder text = new StringBuilder();
    ScoreTable.appendNumber(text, value);
    if (Double.isNaN(value)) {
      assertThat(text).isEmpty();
    } else if (Double.isFinite(value)) {
      assertThat(Double.parseDouble(text.toString())).isEqualTo(value);
      assertThat(text.toString()).doesNotContain("E");
    }
  }

  @net.jqwik.api.Property(tries = 2000)
  void an_amount_with_up_to_four_decimals_is_written_as_its_shortest_decimal(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = -10_000_000_000L, max = 10_000_000_000L)
          long units,
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int places) {
    java.math.BigDecimal exact = java.math.BigDecimal.valueOf(units, places);
    StringBuilder text = new StringBuilder();
    ScoreTable.appendNumber(text, exact.doubleValue());
    String expected =
        exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
    assertThat(text.toString()).isEqualTo(expected);
  }

  @Test
  void writes_csv_with_explanations_scores_and_class() {
    StringWriter out = new StringWriter();
    table().writeCsv(out);

    assertThat(out.toString())
        .isEqualTo(
            "customer_id,spend,points,class\n"
                + "C1,1234.5,3,high\n"
                + "\"C,2\",0.30000000000000004,100000000000000000000,low\n"
                + "C3,,2,low\n");
  }

  @Test
  void writes_json_that_reads_back() throws Exception {
    StringWriter out = new StringWriter();
    table().writeJson(out);

    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("strategy").asText()).isEqualTo("demo");
    assertThat(json.get("classes").toString()).isEqualTo("[\"high\",\"mid\",\"low\"]");
    assertThat(json.get("orderedClasses").asBoolean()).isTrue();
    assertThat(json.get("report").get("note").asText()).isEqualTo("demo");
    JsonNode first = json.get("customers").get(0);
    assertThat(first.get("customer_id").asText()).isEqualTo("C1");
    assertThat(first.get("scores").get("points").asLong()).isEqualTo(3);
    assertThat(first.get("class").asText()).isEqualTo("high");
    assertThat(first.get("explanation").get("spend").asDouble()).isEqualTo(1234.5);
    assertThat(json.get("customers").get(2).get("explanation").get("spend").isNull()).isTrue();
  }

  @Test
  void answers_by_customer_and_by_name() {
    ScoreTable t = table();
    assertThat(t.indexOf("C3")).isEqualTo(2);
    assertThat(t.indexOf("nobody")).isEqualTo(-1);
    assertThat(t.score(0, "points")).isEqualTo(3);
    assertThat(t.explanation(0)).containsExactly(new Contribution("spend", 1234.5));
    assertThat(t.classSizes()).containsExactly(Map.entry("high", 1), Map.entry("mid", 0), Map.entry("low", 2));
    assertThatThrownBy(() -> t.score(0, "pts")).hasMessageContaining("'pts'").hasMessageContaining("points");
  }

  @Test
  void summarises_classes_against_the_customer_summary() {
    CustomerSummary summary =
        CustomerSummary.of(
            TransactionLog.builder()
                .add("C1", LocalDate.of(2024, 1, 1), 60)
                .add("C1", LocalDate.of(2024, 1, 2), 20)
                .add("C,2", LocalDate.of(2024, 1, 2), 15)
                .add("C3", LocalDate.of(2024, 1, 2), 5)
                .build(),
            LocalDate.of(2024, 1, 31));

    List<ClassSummary> classes = table().classSummary(summary);

    assertThat(classes).extracting(ClassSummary::label).containsExactly("high", "mid", "low");
    assertThat(classes.get(0)).isEqualTo(new ClassSummary("high", 1, 2, 80, 1 / 3.0, 0.8, 40));
    assertThat(classes.get(1).averageOrderValue()).isNaN();
    assertThat(classes.get(2)).isEqualTo(new ClassSummary("low", 2, 2, 20, 2 / 3.0, 0.2, 10));
  }

  @Test
  void the_builder_checks_each_setting() {
    String[] ids = {"C1", "C2"};
    assertThatThrownBy(() -> ScoreTable.builder("x", ids).score("s", new double[1]))
        .hasMessageContaining("s: 1 values for 2 customers");
    assertThatThrownBy(() -> ScoreTable.builder("x", ids).score("s", new double[2]).explanation("s", new double[2]))
        .hasMessageContaining("'s' is used twice");
    assertThatThrownBy(() -> ScoreTable.builder("x", ids).labels("c", new String[] {"a", null}))
        .hasMessageContaining("'C2' has no label");
    assertThatThrownBy(() -> ScoreTable.builder("x", ids).build())
        .hasMessageContaining("labels");
    assertThatThrownBy(
            () -> ScoreTable.builder("x", ids).labels("c", new String[] {"a", "z"})
                .orderedClasses(List.of("a", "b")).build())
        .hasMessageContaining("'C2' has class 'z'");
  }
}
