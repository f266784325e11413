package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbcAndSegmentCommandTest extends CliFilesTest {

  static final String TX =
      "customer_id,date,amount\n"
          + "C1,2024-12-01,50\n"
          + "C2,2024-12-01,20\n"
          + "C3,2024-12-01,15\n"
          + "C4,2024-12-01,10\n"
          + "C5,2024-12-01,5\n";

  @Test
  void abc_writes_classes_and_prints_shares_and_gini() throws IOException {
    Path output = dir.resolve("abc.csv");
    CrmCommandTest.Result result =
        crm("abc", "--input", write("tx.csv", TX).toString(), "--as-of", "2024-12-31",
            "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(output))
        .containsExactly(
            "customer_id,revenue,value_share,cumulative_share,class",
            "C1,50,0.5,0.5,A",
            "C2,20,0.2,0.7,A",
            "C3,15,0.15,0.85,A",
            "C4,10,0.1,0.95,B",
            "C5,5,0.05,1,C");
    assertThat(result.out()).contains("Gini coefficient 0.4000").containsPattern("A\\s+3\\s+60.0%");
  }

  @Test
  void abc_options_and_bad_usage() throws IOException {
    Path tx = write("tx.csv", TX);
    Path output = dir.resolve("abc.csv");
    CrmCommandTest.Result computed =
        crm("abc", "--input", tx.toString(), "--as-of", "2024-12-31", "--output",
            output.toString(), "--method", "computed");
    assertThat(computed.exitCode()).as(computed.err()).isZero();
    assertThat(Files.readAllLines(output)).last().asString().endsWith(",C");

    CrmCommandTest.Result bad =
        crm("abc", "--input", tx.toString(), "--as-of", "2024-12-31", "--output",
            output.toString(), "--thresholds", "0.9,0.5");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--thresholds").contains("0 < a < b <= 1");
  }

  @Test
  void segment_runs_any_strategy_by_id() throws IOException {
    Path config = write("abc.json", "{\"strategy\": \"abc\", \"config\": {\"thresholds\": [0.5, 0.9]}}");
    Path output = dir.resolve("scores.csv");

    CrmCommandTest.Result result =
        crm("segment", "--input", write("tx.csv", TX).toString(), "--as-of", "2024-12-31",
            "--config", config.toString(), "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(output)).contains("C1,50,0.5,0.5,A", "C2,20,0.2,0.7,B");
    assertThat(result.out()).startsWith("abc: 5 rows, 5 customers");
  }

  @Test
  void segment_errors_name_the_problem() throws IOException {
    Path tx = write("tx.csv", TX);
    CrmCommandTest.Result unknown =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config",
            write("x.json", "{\"strategy\": \"rmf\"}").toString(), "--output",
            dir.resolve("o.csv").toString());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown scoring strategy 'rmf'; known: ").contains("rfm");

    CrmCommandTest.Result invalid =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config",
            write("y.json", "{\"strategy\": \"rfm\", \"config\": {\"bins\": 0}}").toString(),
            "--output", dir.resolve("o.csv").toString());
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("rfm: configuration field 'bins': 0 is not allowed");
  }

  @Test
  void segment_counts_interactions_for_customer_types() throws IOException {
    Path tx = write("tx.csv",
        "customer_id,date,amount,discount_share\n"
            + "C1,2024-11-01,40,0.05\n" + "C1,2024-12-01,60,0\n"
            + "C2,2024-11-01,10,0.3\n" + "C2,2024-12-01,10,0.3\n"
            + "C3,2024-12-01,25,0\n");
    Path interactions = write("touches.csv",
        "date,customer_id,channel\n2024-11-15,C1,phone\n2024-12-02,C1,e-mail\n2024-12-03,C2,phone\n"
            + "2025-01-05,C2,phone\n");
    Path config = write("types.json", "{\"strategy\": \"customer-type\"}");
    Path output = dir.resolve("types.csv");

    CrmCommandTest.Result result =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config",
            config.toString(), "--interactions", interactions.toString(), "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    // C1: 2 interactions / 2 purchases, discount 0.025; C2: 1 / 2 (the January one is later), 0.3
    assertThat(Files.readAllLines(output))
        .containsExactly("customer_id,transactions,interaction_rate,discount_share,type",
            "C1,2,1,0.025,relationship-oriented", "C2,2,0.5,0.3,transaction-oriented",
            "C3,1,0,0,one-time");

    CrmCommandTest.Result without =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config",
            config.toString(), "--output", output.toString());
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.err()).contains("no interaction counts");

    CrmCommandTest.Result badDate =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config",
            config.toString(), "--interactions", write("bad.csv", "customer_id,date\nC1,15.11.2024\n").toString(),
            "--output", output.toString());
    assertThat(badDate.exitCode()).isEqualTo(1);
    assertThat(badDate.err()).contains("bad.csv line 2: field 'date': '15.11.2024' is not a date");

    CrmCommandTest.Result missing =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config",
            config.toString(), "--interactions", dir.resolve("none.csv").toString(),
            "--output", output.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--interactions:").contains("none.csv is not a readable file");
  }

  @Test
  void abc_ranks_by_an_attribute_column() throws IOException {
    Path attributes = write("margin.csv", "customer_id,margin\nC1,1\nC2,2\nC3,3\nC4,4\nC5,90\n");
    Path output = dir.resolve("abc.csv");

    CrmCommandTest.Result result =
        crm("abc", "--input", write("tx.csv", TX).toString(), "--as-of", "2024-12-31",
            "--value", "margin", "--attributes", attributes.toString(), "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(output))
        .containsExactly("customer_id,margin,value_share,cumulative_share,class",
            "C1,1,0.01,1,C", "C2,2,0.02,0.99,C", "C3,3,0.03,0.97,B", "C4,4,0.04,0.94,B",
            "C5,90,0.9,0.9,A");
  }

  @Test
  void clv_scores_feed_abc_as_an_attribute_column() throws IOException {
    Path tx = write("tx.csv",
        "customer_id,date,amount\n"
            + "C1,2024-01-05,50\nC1,2024-06-01,70\nC1,2024-12-01,90\n"
            + "C2,2024-02-01,20\nC2,2024-03-01,30\n"
            + "C3,2024-11-20,15\n");
    Path config = write("clv.json", "{\"strategy\": \"clv\", \"config\": {\"timeUnit\": \"weeks\","
        + " \"transaction\": {\"model\": \"bg-nbd\", \"parameters\": {\"r\": 0.243, \"alpha\": 4.414,"
        + " \"a\": 0.793, \"b\": 2.426}},"
        + " \"spend\": {\"model\": \"gamma-gamma\", \"parameters\": {\"p\": 6.25, \"q\": 3.74, \"gamma\": 15.44}}}}");
    Path clv = dir.resolve("clv.csv");
    CrmCommandTest.Result scored =
        crm("segment", "--input", tx.toString(), "--as-of", "2024-12-31", "--config", config.toString(),
            "--output", clv.toString());
    assertThat(scored.exitCode()).as(scored.err()).isZero();
    assertThat(Files.readAllLines(clv).get(0))
        .isEqualTo("customer_id,expected_spend,clv,p_alive,expected_purchases,historic_clv,status");

    Path abc = dir.resolve("abc.csv");
    CrmCommandTest.Result result =
        crm("abc", "--input", tx.toString(), "--as-of", "2024-12-31", "--value", "clv",
            "--attributes", clv.toString(), "--output", abc.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> lines = Files.readAllLines(abc);
    assertThat(lines.get(0)).isEqualTo("customer_id,clv,value_share,cumulative_share,class");
    // C1, the frequent recent buyer, has the largest predicted value and is A
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("C1,").endsWith(",A"));
  }
}
