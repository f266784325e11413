package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.cli.CrmCommandTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crm clv run --bootstrap N}: interval columns, intervals.json and the report's lines, on CDNOW. */
class ClvRunBootstrapTest {

  @TempDir static Path dir;
  private static List<String[]> cdnow;

  @BeforeAll
  static void readCdnow() throws IOException {
    String datasets = System.getProperty("crmkit.datasets");
    assumeTrue(datasets != null, "system property crmkit.datasets is not set: skipping the CDNOW runs");
    Path file = Path.of(datasets, "cdnow_sample.txt");
    assumeTrue(Files.isReadable(file), "CDNOW sample not found at " + file + ": skipping the CDNOW runs");
    cdnow = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 5) {
        cdnow.add(new String[] {f[1], f[2], f[4]});
      }
    }
  }

  /** CDNOW as customer_id,date,amount; with returns, every row after a customer's first is returned the same day. */
  private static Path transactions(String name, boolean returnRepeats) throws IOException {
    StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
    Set<String> seen = new HashSet<>();
    for (String[] row : cdnow) {
      csv.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append('\n');
      if (!seen.add(row[0]) && returnRepeats) {
        csv.append(row[0]).append(',').append(row[1]).append(",-").append(row[2]).append('\n');
      }
    }
    return Files.writeString(dir.resolve(name), csv);
  }

  private static Result run(Path input, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("clv", "run", "--input", input.toString(), "--date-format", "yyyyMMdd",
        "--calibration-end", "1997-09-30", "--models", "bg-nbd", "--output", out.toString()));
    args.addAll(List.of(extra));
    return crm(args.toArray(String[]::new));
  }

  @Test
  void bootstrap_adds_interval_columns_the_totals_json_and_report_lines_reproducibly() throws IOException {
    Path input = transactions("cdnow.csv", false);
    Path out = dir.resolve("boot");
    Result r = run(input, out, "--bootstrap", "40", "--seed", "7", "--level", "0.9");
    assertThat(r.exitCode()).as(r.err()).isZero();

    List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
    assertThat(predictions.get(0)).isEqualTo("customer_id,p_alive_bg-nbd,expected_purchases_bg-nbd,"
        + "expected_purchases_bg-nbd_lower,expected_purchases_bg-nbd_upper,expected_average_value");
    List<String> values = Files.readAllLines(out.resolve("values.csv"));
    assertThat(values.get(0)).isEqualTo("customer_id,clv_bg-nbd,clv_bg-nbd_lower,clv_bg-nbd_upper");
    assertThat(values).hasSize(2358);
    int inside = 0;
    double total = 0;
    for (String line : values.subList(1, values.size())) {
      String[] f = line.split(",");
      double v = Double.parseDouble(f[1]);
      total += v;
      inside += Double.parseDouble(f[2]) <= v && v <= Double.parseDouble(f[3]) ? 1 : 0;
    }
    assertThat(inside).isGreaterThan(2357 * 95 / 100);

    JsonNode json = new ObjectMapper().readTree(out.resolve("intervals.json").toFile());
    assertThat(json.get("replicates").asInt()).isEqualTo(40);
    assertThat(json.get("seed").asLong()).isEqualTo(7);
    assertThat(json.get("level").asDouble()).isEqualTo(0.9);
    JsonNode bg = json.get("models").get("bg-nbd");
    assertThat(bg.get("failedRefits").asInt()).isBetween(0, 4);
    JsonNode clv = bg.get("totalClv");
    assertThat(clv.get("point").asDouble()).isCloseTo(total, org.assertj.core.api.Assertions.within(total * 1e-9));
    assertThat(clv.get("lower").asDouble()).isLessThan(total);
    assertThat(clv.get("upper").asDouble()).isGreaterThan(total);
    JsonNode purchases = bg.get("totalExpectedPurchases");
    assertThat(purchases.get("lower").asDouble()).isLessThan(purchases.get("point").asDouble());
    assertThat(purchases.get("upper").asDouble()).isGreaterThan(purchases.get("point").asDouble());
    assertThat(Files.readString(out.resolve("report.txt")))
        .contains("bootstrap: 40 refits on resampled customers, seed 7, 90% intervals")
        .contains("bootstrap (bg-nbd): total expected purchases over 12 months");

    Path again = dir.resolve("again");
    assertThat(run(input, again, "--bootstrap", "40", "--seed", "7", "--level", "0.9").exitCode()).isZero();
    assertThat(Files.readString(again.resolve("values.csv"))).isEqualTo(Files.readString(out.resolve("values.csv")));
    assertThat(Files.readString(again.resolve("intervals.json")))
        .isEqualTo(Files.readString(out.resolve("intervals.json")));
  }

  @Test
  void bad_bootstrap_options_are_usage_errors() throws IOException {
    Path input = transactions("cdnow-bad.csv", false);
    Result one = run(input, dir.resolve("one"), "--bootstrap", "1");
    assertThat(one.exitCode()).isEqualTo(2);
    assertThat(one.err()).contains("--bootstrap needs N >= 2 refits, got 1");
    Result level = run(input, dir.resolve("level"), "--bootstrap", "10", "--level", "1.5");
    assertThat(level.exitCode()).isEqualTo(2);
    assertThat(level.err()).contains("--level must be in (0, 1), got 1.5");
  }

  @Test
  void without_a_spend_model_the_run_gives_purchase_intervals_and_says_why_there_are_no_clv_intervals()
      throws IOException {
    // every repeat purchase returned: the repeat spend nets to 0 and Gamma-Gamma has nothing to fit
    Path input = transactions("cdnow-returned.csv", true);
    Path out = dir.resolve("nospend");
    Result r = run(input, out, "--bootstrap", "10", "--seed", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("predictions.csv")).get(0))
        .isEqualTo("customer_id,p_alive_bg-nbd,expected_purchases_bg-nbd,expected_purchases_bg-nbd_lower,"
            + "expected_purchases_bg-nbd_upper");
    assertThat(out.resolve("values.csv")).doesNotExist();
    assertThat(Files.readString(out.resolve("report.txt")))
        .contains("gamma-gamma: could not be fitted")
        .contains("bootstrap: no CLV intervals: Gamma-Gamma could not be fitted; expected purchases only.");
    JsonNode bg = new ObjectMapper().readTree(out.resolve("intervals.json").toFile()).get("models").get("bg-nbd");
    assertThat(bg.get("clv").asText()).isEqualTo("not computed: Gamma-Gamma could not be fitted");
  }
}
