package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.CrmCommandTest.Result;
import dev.crmkit.datagen.ClvSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClvCommandTest {

  @TempDir static Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static double round(double v, int digits) {
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** CDNOW as a transaction CSV (customer_id,date,amount), or a skip when the dataset is absent. */
  static Path cdnowTransactions() throws IOException {
    String datasets = System.getProperty("crmkit.datasets");
    assumeTrue(datasets != null, "system property crmkit.datasets is not set: skipping the CDNOW run");
    Path file = Path.of(datasets, "cdnow_sample.txt");
    assumeTrue(Files.isReadable(file), "CDNOW sample not found at " + file + ": skipping the CDNOW run");
    Path csv = dir.resolve("cdnow-tx.csv");
    if (!Files.exists(csv)) {
      List<String> out = new ArrayList<>();
      out.add("customer_id,date,amount");
      for (String line : Files.readAllLines(file)) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 5) {
          out.add(f[1] + "," + f[2] + "," + f[4]);
        }
      }
      Files.write(csv, out);
    }
    return csv;
  }

  @Test
  void summarize_writes_the_cbs_columns_and_the_holdout() throws IOException {
    Path tx = write("tx.csv", "customer_id,date,amount,category\n"
        + "a,2024-03-01,10,x\nb,2024-03-31,4,x\na,2024-03-11,5,x\na,2024-03-11,7,y\n"
        + "\"late, customer\",2024-04-02,9,x\na,2024-03-21,30,x\nb,2024-04-10,6,x\n");
    Path out = dir.resolve("summary.csv");
    Result r = crm("summarize", "--input", tx.toString(), "--calibration-end", "2024-03-31",
        "--observation-end", "2024-04-30", "--output", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo(
        "customer_id,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout\n"
            + "a,2,20,30,21,0,0,30\n"
            + "b,0,0,0,0,1,6,30\n");
    Result weeks = crm("summarize", "--input", tx.toString(), "--calibration-end", "2024-03-31",
        "--time-unit", "weeks", "--output", out.toString());
    assertThat(weeks.exitCode()).isZero();
    assertThat(Files.readAllLines(out).get(1)).isEqualTo("a,2," + 20 / 7.0 + "," + 30 / 7.0 + ",21");
  }

  @Test
  void summarize_reads_a_date_pattern_and_refuses_bad_dates() throws IOException {
    Path tx = write("tx-pattern.csv", "customer_id,date,amount\na,01.03.2024,10\na,11.03.2024,5\n");
    Path out = dir.resolve("pattern.csv");
    assertThat(crm("summarize", "--input", tx.toString(), "--calibration-end", "2024-03-31", "--date-format",
        "dd.MM.yyyy", "--output", out.toString()).exitCode()).isZero();
    assertThat(Files.readAllLines(out).get(1)).isEqualTo("a,1,10,30,5");
    Result bad = crm("summarize", "--input", tx.toString(), "--calibration-end", "2024-03-31",
        "--output", out.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("line 2").contains("01.03.2024");
    assertThat(crm("summarize", "--input", tx.toString(), "--calibration-end", "31.03.2024",
        "--output", out.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void the_cdnow_summary_fit_reproduces_the_published_bg_nbd_and_gamma_gamma() throws IOException {
    Path tx = cdnowTransactions();
    Path summary = dir.resolve("cdnow-summary.csv");
    Result s = crm("summarize", "--input", tx.toString(), "--calibration-end", "1997-09-30",
        "--observation-end", "1998-06-30", "--time-unit", "weeks", "--date-format", "yyyyMMdd",
        "--output", summary.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(Files.readAllLines(summary)).hasSize(2358);

    Result fit = crm("clv", "fit", "--model", "bg-nbd", "--input", summary.toString());
    assertThat(fit.exitCode()).as(fit.err()).isZero();
    JsonNode json = JSON.readTree(fit.out());
    assertThat(json.get("model").asText()).isEqualTo("bg-nbd");
    assertThat(round(json.at("/parameters/r").asDouble(), 3)).isEqualTo(0.243);
    assertThat(round(json.at("/parameters/alpha").asDouble(), 3)).isEqualTo(4.414);
    assertThat(round(json.at("/parameters/a").asDouble(), 3)).isEqualTo(0.793);
    assertThat(round(json.at("/parameters/b").asDouble(), 3)).isEqualTo(2.426);
    assertThat(round(json.get("logLikelihood").asDouble(), 1)).isEqualTo(-9582.4);
    assertThat(json.get("customers").asLong()).isEqualTo(2357);
    assertThat(json.get("standardErrors").fieldNames()).toIterable().containsExactly("r", "alpha", "a", "b");

    Path spendFit = dir.resolve("gg.json");
    Result gg = crm("clv", "fit", "--model", "gamma-gamma", "--input", summary.toString(), "--output",
        spendFit.toString());
    assertThat(gg.exitCode()).as(gg.err()).isZero();
    JsonNode spend = JSON.readTree(spendFit.toFile());
    assertThat(round(spend.at("/parameters/p").asDouble(), 2)).isEqualTo(6.25);
    assertThat(round(spend.at("/parameters/q").asDouble(), 2)).isEqualTo(3.74);
    assertThat(round(spend.at("/parameters/gamma").asDouble(), 2)).isEqualTo(15.44);
    assertThat(spend.get("customers").asLong()).isEqualTo(946);

    Path bgFit = write("bg.json", fit.out());
    Result predict = crm("clv", "predict", "--model", "bg-nbd", "--fit", bgFit.toString(), "--input",
        summary.toString(), "--horizon", "39");
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    List<String> lines = predict.out().lines().toList();
    assertThat(lines).hasSize(2358);
    assertThat(lines.get(0)).isEqualTo("customer_id,p_alive,expected_purchases");
    String[] first = lines.get(1).split(",");
    assertThat(first[0]).isEqualTo("0001");
    assertThat(Double.parseDouble(first[2])).isCloseTo(1.226, within(0.002));

    Result value = crm("clv", "value", "--transaction-fit", bgFit.toString(), "--spend-fit", spendFit.toString(),
        "--input", summary.toString(), "--horizon-months", "12", "--discount-rate", "0.01", "--margin", "0.3",
        "--time-unit", "weeks");
    assertThat(value.exitCode()).as(value.err()).isZero();
    List<String> clv = value.out().lines().toList();
    assertThat(clv).hasSize(2358);
    assertThat(clv.get(0)).isEqualTo("customer_id,clv");
    assertThat(Double.parseDouble(clv.get(1).split(",")[1])).isPositive();

    Result ggPredict = crm("clv", "predict", "--model", "gamma-gamma", "--fit", spendFit.toString(), "--input",
        summary.toString(), "--horizon", "0");
    assertThat(ggPredict.exitCode()).as(ggPredict.err()).isZero();
    assertThat(ggPredict.out().lines().findFirst()).contains("customer_id,expected_average_value");
  }

  @Test
  void every_transaction_model_fits_from_the_command_line() throws IOException {
    ClvSimulator sim = ClvSimulator.withSeed(5);
    ClvSimulator.Histories h = sim.bgNbd(3_000, 0.5, 4, 0.8, 2.5, sim.cohortAges(3_000, 39, 12, 1.0 / 7))
        .onGrid(1.0 / 7);
    StringBuilder continuous = new StringBuilder("customer_id,frequency,recency,T\n");
    for (int i = 0; i < h.size(); i++) {
      continuous.append("c").append(i).append(',').append(h.frequency()[i]).append(',').append(h.recency()[i])
          .append(',').append(h.T()[i]).append('\n');
    }
    ClvSimulator.Histories b = sim.bgBb(3_000, 1.2, 0.8, 0.7, 2.5, 6);
    StringBuilder discrete = new StringBuilder("frequency,recency,periods,weights\n");
    for (int i = 0; i < b.size(); i++) {
      discrete.append((int) b.frequency()[i]).append(',').append((int) b.recency()[i]).append(",6,1\n");
    }
    Path c = write("continuous.csv", continuous.toString());
    Path d = write("discrete.csv", discrete.toString());
    for (String model : List.of("bg-nbd", "mbg-nbd", "pareto-nbd")) {
      Result r = crm("clv", "fit", "--model", model, "--input", c.toString());
      assertThat(r.exitCode()).as(model + ": " + r.err()).isZero();
      assertThat(JSON.readTree(r.out()).get("customers").asLong()).isEqualTo(3_000);
    }
    Result gg = crm("clv", "fit", "--model", "ggompertz-nbd", "--input", c.toString());
    assertThat(gg.exitCode()).as(gg.err()).isZero();
    JsonNode ggFit = JSON.readTree(gg.out());
    assertThat(ggFit.get("parameters").fieldNames()).toIterable().containsExactly("r", "alpha", "b", "s", "beta");
    assertThat(ggFit.get("warnings").isArray()).isTrue();
    ggFit.get("warnings").forEach(w -> assertThat(gg.err()).contains("crm clv fit: warning: " + w.asText()));
    Path ggFile = write("gg.json", gg.out());
    Result ggPredict = crm("clv", "predict", "--model", "ggompertz-nbd", "--fit", ggFile.toString(), "--input",
        c.toString(), "--horizon", "39");
    assertThat(ggPredict.exitCode()).as(ggPredict.err()).isZero();
    assertThat(ggPredict.out().lines().count()).isEqualTo(3_001);
    Path bgFit = write("bg.json", crm("clv", "fit", "--model", "bg-nbd", "--input", c.toString()).out());
    Result boot = crm("clv", "predict", "--model", "bg-nbd", "--fit", bgFit.toString(), "--input", c.toString(),
        "--horizon", "39", "--bootstrap", "20", "--seed", "3", "--level", "0.9");
    assertThat(boot.exitCode()).as(boot.err()).isZero();
    List<String> lines = boot.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("customer_id,p_alive,expected_purchases,expected_purchases_lower,"
        + "expected_purchases_upper");
    assertThat(lines).hasSize(3_001);
    String[] first = lines.get(1).split(",");
    assertThat(Double.parseDouble(first[3])).isLessThanOrEqualTo(Double.parseDouble(first[4]));
    Result again = crm("clv", "predict", "--model", "bg-nbd", "--fit", bgFit.toString(), "--input", c.toString(),
        "--horizon", "39", "--bootstrap", "20", "--seed", "3", "--level", "0.9");
    assertThat(again.out()).isEqualTo(boot.out());
    Result badBoot = crm("clv", "predict", "--model", "bg-nbd", "--fit", bgFit.toString(), "--input", c.toString(),
        "--horizon", "39", "--bootstrap", "1");
    assertThat(badBoot.exitCode()).isEqualTo(2);
    assertThat(badBoot.err()).contains("--bootstrap needs N >= 2");
    Result bb = crm("clv", "fit", "--model", "bg-bb", "--input", d.toString());
    assertThat(bb.exitCode()).as(bb.err()).isZero();
    assertThat(JSON.readTree(bb.out()).get("parameters").fieldNames()).toIterable()
        .containsExactly("alpha", "beta", "gamma", "delta");
  }

  @Test
  void bad_input_stops_with_the_line_and_the_reason() throws IOException {
    assertError("frequency,recency\n1,2\n", "line 1: the header has no column 'T'");
    assertError("frequency,recency,T\n1,2,3\n1,-2,3\n", "line 3: recency -2 is negative");
    assertError("frequency,recency,T\n1,x,3\n", "line 2: recency 'x' is not a number");
    assertError("frequency,recency,T\n1,4,3\n", "line 2: recency 4 is greater than T 3");
    assertError("frequency,recency,T\n0,1,3\n", "line 2: frequency is 0 but recency is 1");
    assertError("frequency,recency,T,weights\n1,1,3,0\n", "line 2: weights 0 must be a whole number >= 1");
    assertError("frequency,recency,T\n1.5,1,3\n", "line 2: frequency 1.5 is not a whole number");
    Path ok = write("ok.csv", "frequency,recency,T\n1,1,3\n");
    assertThat(crm("clv", "fit", "--model", "nbd", "--input", ok.toString()).exitCode()).isEqualTo(2);
    Result missing = crm("clv", "fit", "--model", "bg-nbd", "--input", dir.resolve("nope.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no such file");
    Path fitOfOther = write("other.json", "{\"model\": \"pareto-nbd\", \"parameters\": {\"r\": 1, \"alpha\": 1,"
        + " \"s\": 1, \"beta\": 1}}");
    Result wrong = crm("clv", "predict", "--model", "bg-nbd", "--fit", fitOfOther.toString(), "--input",
        ok.toString(), "--horizon", "3");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("holds a pareto-nbd fit, not bg-nbd");
  }

  @Test
  void a_fit_that_does_not_converge_fails_with_exit_1_and_the_last_parameters() throws IOException {
    Path none = write("none.csv", "frequency,recency,T,weights\n0,0,39,100\n");
    Result r = crm("clv", "fit", "--model", "bg-nbd", "--input", none.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("bg-nbd fit failed").contains("iterations").contains("last parameters")
        .contains("log-likelihood");
  }

  private static void assertError(String csv, String expected) throws IOException {
    Path file = write("bad.csv", csv);
    Result r = crm("clv", "fit", "--model", "bg-nbd", "--input", file.toString());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
    assertThat(r.err()).contains(expected).contains("bad.csv");
  }
}
