package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.cli.report.TourReport;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.datagen.SyntheticBase;
import dev.crmkit.datagen.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crm demo} with its report, and {@code crm report} on a CSV. */
class DemoReportTest {

  @TempDir Path dir;

  @Test
  void demo_walks_through_the_core_then_writes_the_report_with_every_chart_and_says_where() throws IOException {
    Path out = dir.resolve("demo");
    CrmCommandTest.Result r = CrmCommandTest.crm("demo", "--customers", "1500", "--seed", "7", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith(CrmCommandTest.crm("demo", "--core-only").out());
    assertThat(r.out()).contains("Generated with seed 7: 1,500 customers")
        .contains("Report: " + out.resolve("index.html").toAbsolutePath());
    String html = Files.readString(out.resolve("index.html"));
    for (String id : TourReport.CHART_IDS) {
      assertThat(html).contains("id=\"chart-" + id + "\"");
    }
    // progress goes to a terminal only; under test stderr stays empty
    assertThat(r.err()).isEmpty();
  }

  @Test
  void the_same_seed_writes_the_same_report() throws IOException {
    CrmCommandTest.crm("demo", "--customers", "800", "--seed", "3", "--out", dir.resolve("a").toString());
    CrmCommandTest.crm("demo", "--customers", "800", "--seed", "3", "--out", dir.resolve("b").toString());
    CrmCommandTest.crm("demo", "--customers", "800", "--seed", "4", "--out", dir.resolve("c").toString());
    String a = Files.readString(dir.resolve("a/index.html"));
    assertThat(a).isEqualTo(Files.readString(dir.resolve("b/index.html")));
    assertThat(a).isNotEqualTo(Files.readString(dir.resolve("c/index.html")));
  }

  @Test
  void bad_demo_options_are_bad_usage() {
    CrmCommandTest.Result few = CrmCommandTest.crm("demo", "--customers", "5", "--out", dir.toString());
    assertThat(few.exitCode()).isEqualTo(2);
    assertThat(few.err()).contains("--customers must be at least 10, got 5");
    CrmCommandTest.Result missing = CrmCommandTest.crm("demo", "--input", dir.resolve("none.csv").toString(),
        "--out", dir.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--input: ").contains("none.csv is not a readable file");
  }

  @Test
  void demo_and_report_build_the_report_from_a_transaction_csv() throws IOException {
    Path csv = writeCsv(SyntheticData.builder().seed(5).customers(1_000)
        .period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 30)).build());
    CrmCommandTest.Result demo = CrmCommandTest.crm("demo", "--input", csv.toString(), "--out", dir.resolve("d").toString());
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("Transactions read from " + csv);
    CrmCommandTest.Result report = CrmCommandTest.crm("report", "--input", csv.toString(), "--out",
        dir.resolve("r").toString(), "--currency", "EUR");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("No buying power was given").contains("No loyalty program was given")
        .contains("Report: " + dir.resolve("r/index.html").toAbsolutePath());
    String html = Files.readString(dir.resolve("r/index.html"));
    assertThat(html).contains("id=\"chart-pyramid\"").contains("id=\"chart-holdout-tracking\"")
        .doesNotContain("id=\"chart-rad-quarters\"");
  }

  @Test
  void report_stops_at_a_malformed_row_with_its_line() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "customer_id,date,amount\nC1,2024-01-05,10.00\nC2,2024-13-01,2\n");
    CrmCommandTest.Result r = CrmCommandTest.crm("report", "--input", csv.toString(), "--out", dir.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("line 3").contains("2024-13-01");
  }

  private Path writeCsv(SyntheticBase base) throws IOException {
    TransactionLog log = base.transactions();
    List<String> lines = new ArrayList<>(List.of("customer_id,date,amount,category"));
    for (int r = 0; r < log.size(); r++) {
      lines.add(log.customerId(log.customerIndex(r)) + "," + LocalDate.ofEpochDay(log.day(r)) + ","
          + log.amount(r) + "," + log.categoryName(log.category(r)));
    }
    Path csv = dir.resolve("tx.csv");
    Files.write(csv, lines);
    return csv;
  }
}
