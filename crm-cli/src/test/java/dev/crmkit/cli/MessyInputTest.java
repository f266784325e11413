package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.testkit.MessyRetailLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real retail logs: returns, rows without a customer, date-times, duplicates, European numbers. */
class MessyInputTest extends CliFilesTest {

  static final String WITH_RETURN =
      "customer_id,date,amount\n"
          + "A,2024-03-01,100.00\n"
          + "A,2024-05-01,50.00\n"
          + "B,2024-04-01,20.00\n"
          + "A,2024-05-02,-30.00\n"
          + "B,2024-06-01,10.00\n";

  @Test
  void every_command_reports_a_refused_return_at_the_same_file_line_with_the_row() throws IOException {
    Path input = write("tx.csv", WITH_RETURN);
    List<String[]> commands = List.of(
        new String[] {"rfm", "--as-of", "2024-06-30", "--output", dir.resolve("r.csv").toString()},
        new String[] {"abc", "--as-of", "2024-06-30", "--output", dir.resolve("a.csv").toString()},
        new String[] {"summarize", "--calibration-end", "2024-06-30", "--output", dir.resolve("s.csv").toString()},
        new String[] {"report", "--out", dir.resolve("report").toString()},
        new String[] {"clv", "run", "--calibration-end", "2024-05-31", "--output", dir.resolve("clv").toString()});
    List<String> messages = new ArrayList<>();
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--input", input.toString(), "--returns", "error"));
      CrmCommandTest.Result result = crm(args.toArray(new String[0]));
      assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.err()).isEqualTo(1);
      String err = result.err().strip();
      assertThat(err)
          .contains("line 5: field 'amount': '-30.00' is negative")
          .contains("\"A,2024-05-02,-30.00\"");
      messages.add(err.substring(err.indexOf("line 5")));
    }
    assertThat(messages).as("the same message from every command").containsOnly(messages.get(0));
  }

  @Test
  void net_returns_reduce_the_value_but_are_no_purchase_and_drop_leaves_them_out() throws IOException {
    Path input = write("tx.csv", WITH_RETURN);
    Path net = dir.resolve("net.csv");
    Path drop = dir.resolve("drop.csv");

    CrmCommandTest.Result byDefault =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-06-30", "--output", net.toString());
    CrmCommandTest.Result dropped =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-06-30", "--output", drop.toString(),
            "--returns", "drop");

    assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
    assertThat(byDefault.err()).contains("crm rfm: netted 1 return row (negative amounts; --returns net)");
    // A: two purchases (the return is not a third), 100 + 50 - 30
    assertThat(Files.readAllLines(net)).anyMatch(l -> l.startsWith("A,60,2,120,"));
    assertThat(dropped.err()).contains("crm rfm: dropped 1 return row");
    assertThat(Files.readAllLines(drop)).anyMatch(l -> l.startsWith("A,60,2,150,"));
  }

  @Test
  void summarize_nets_a_return_against_the_repeat_value() throws IOException {
    Path input = write("tx.csv", WITH_RETURN);
    Path out = dir.resolve("s.csv");

    CrmCommandTest.Result result =
        crm("summarize", "--input", input.toString(), "--calibration-end", "2024-06-30", "--output",
            out.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    // A: one repeat day (05-01, 50), netted with the return of 05-02 to 20; recency 61 days
    assertThat(Files.readAllLines(out)).contains("A,1,61,121,20");
  }

  @Test
  void date_times_keep_their_day_with_a_pattern_and_in_iso() throws IOException {
    Path us = write("us.csv", "customer_id,date,amount\nA,12/1/2010 8:26,1\nB,12/9/2011 23:59,2\n");
    Path iso = write("iso.csv", "customer_id,date,amount\nA,2010-12-01 08:26:00,1\nB,2011-12-09T23:59,2\n");
    Path usOut = dir.resolve("us-rfm.csv");
    Path isoOut = dir.resolve("iso-rfm.csv");

    CrmCommandTest.Result a = crm("rfm", "--input", us.toString(), "--as-of", "2011-12-09",
        "--output", usOut.toString(), "--date-format", "M/d/yyyy H:mm");
    CrmCommandTest.Result b = crm("rfm", "--input", iso.toString(), "--as-of", "2011-12-09",
        "--output", isoOut.toString());

    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    assertThat(Files.readAllLines(usOut)).anyMatch(l -> l.startsWith("A,373,1,1,"))
        .anyMatch(l -> l.startsWith("B,0,1,2,"));
    assertThat(Files.readAllLines(isoOut)).isEqualTo(Files.readAllLines(usOut));
  }

  @Test
  void a_european_export_reads_as_its_comma_twin() throws IOException {
    MessyRetailLog.Written plain =
        MessyRetailLog.builder().seed(11).customers(150).categories(300).write(dir.resolve("plain.csv"));
    MessyRetailLog.Written european =
        MessyRetailLog.builder().seed(11).customers(150).categories(300).european()
            .write(dir.resolve("eu.csv"));
    assertThat(Files.readString(european.path())).contains(";").containsPattern("\\d\\.\\d{3},\\d\\d");
    Path a = dir.resolve("plain-rfm.csv");
    Path b = dir.resolve("eu-rfm.csv");

    CrmCommandTest.Result r1 = crm("rfm", "--input", plain.path().toString(), "--as-of", "2011-12-09",
        "--output", a.toString(), "--date-format", "M/d/yyyy H:mm", "--skip-bad-rows");
    CrmCommandTest.Result r2 = crm("rfm", "--input", european.path().toString(), "--as-of", "2011-12-09",
        "--output", b.toString(), "--date-format", "M/d/yyyy H:mm", "--skip-bad-rows",
        "--delimiter", ";", "--decimal-separator", ",");

    assertThat(r1.exitCode()).as(r1.err()).isZero();
    assertThat(r2.exitCode()).as(r2.err()).isZero();
    // the rows without a customer are the skipped ones; the first is named with its line
    assertThat(r1.err()).contains("skipped " + plain.rowsWithoutCustomer() + " malformed rows")
        .contains("line " + plain.firstMissingCustomerLine() + ": field 'customer_id'")
        .contains("netted " + plain.returnRows() + " return rows");
    assertThat(Files.readAllLines(b)).isEqualTo(Files.readAllLines(a));
  }

  @Test
  void every_transaction_command_takes_the_shared_input_options() throws IOException {
    MessyRetailLog.Written log =
        MessyRetailLog.builder().seed(3).customers(120).categories(500).european().write(dir.resolve("eu.csv"));
    String[] shared = {"--input", log.path().toString(), "--date-format", "M/d/yyyy H:mm", "--skip-bad-rows",
        "--returns", "net", "--delimiter", ";", "--decimal-separator", ","};
    List<String[]> commands = List.of(
        new String[] {"rfm", "--as-of", "2011-12-09", "--output", dir.resolve("r.csv").toString()},
        new String[] {"abc", "--as-of", "2011-12-09", "--output", dir.resolve("a.csv").toString()},
        new String[] {"summarize", "--calibration-end", "2011-06-30", "--output", dir.resolve("s.csv").toString()},
        new String[] {"report", "--out", dir.resolve("report").toString()},
        new String[] {"clv", "run", "--calibration-end", "2011-06-30", "--output", dir.resolve("clv").toString()});
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of(shared));
      CrmCommandTest.Result result = crm(args.toArray(new String[0]));
      assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.err()).isZero();
      assertThat(result.err()).as(command[0]).contains("skipped " + log.rowsWithoutCustomer() + " malformed rows");
    }
  }

  @Test
  void the_report_is_written_when_a_model_cannot_be_fitted_with_a_note_saying_why() throws IOException {
    // nobody buys twice: BG/NBD has nothing to fit
    StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
    for (int i = 0; i < 60; i++) {
      csv.append("C").append(i).append(",2024-0").append(1 + i % 9).append("-1").append(i % 10).append(",10\n");
    }
    Path input = write("once.csv", csv.toString());
    Path out = dir.resolve("report");

    CrmCommandTest.Result result = crm("report", "--input", input.toString(), "--out", out.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    String page = Files.readString(out.resolve("index.html"));
    assertThat(page).contains("The BG/NBD model could not be fitted").contains("Customer pyramid");
    assertThat(result.out()).contains("could not be fitted");
  }

  @Test
  void the_report_and_demo_on_a_messy_log_write_the_page() throws IOException {
    MessyRetailLog.Written log =
        MessyRetailLog.builder().seed(5).customers(400).write(dir.resolve("retail.csv"));
    Path out = dir.resolve("report");

    CrmCommandTest.Result result = crm("report", "--input", log.path().toString(), "--out", out.toString(),
        "--date-format", "M/d/yyyy H:mm", "--skip-bad-rows");
    CrmCommandTest.Result demo = crm("demo", "--input", log.path().toString(), "--out",
        dir.resolve("demo").toString(), "--date-format", "M/d/yyyy H:mm", "--skip-bad-rows");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.exists(out.resolve("index.html"))).isTrue();
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.err()).contains("netted " + log.returnRows() + " return rows");
  }

  @Test
  void clv_run_writes_summary_fits_predictions_values_and_a_report_and_reports_a_failed_model()
      throws IOException {
    MessyRetailLog.Written log =
        MessyRetailLog.builder().seed(9).customers(600).categories(50).write(dir.resolve("retail.csv"));
    Path out = dir.resolve("clv");

    CrmCommandTest.Result result = crm("clv", "run", "--input", log.path().toString(), "--date-format",
        "M/d/yyyy H:mm", "--skip-bad-rows", "--calibration-end", "2011-06-30", "--observation-end",
        "2011-11-25", "--output", out.toString(), "--models", "bg-nbd,mbg-nbd", "--returns", "net");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(out.resolve("summary.csv")).as(result.out()).exists();
    assertThat(out.resolve("fit-bg-nbd.json")).as(result.out()).exists();
    assertThat(Files.readAllLines(out.resolve("summary.csv")).get(0))
        .isEqualTo("customer_id,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout");
    assertThat(Files.readString(out.resolve("fit-bg-nbd.json"))).contains("\"model\" : \"bg-nbd\"")
        .contains("standardErrors").contains("\"warnings\" : [ ]");
    assertThat(Files.readAllLines(out.resolve("predictions.csv")).get(0))
        .startsWith("customer_id,p_alive_bg-nbd,expected_purchases_bg-nbd");
    assertThat(out.resolve("values.csv")).exists();
    List<String> report = Files.readAllLines(out.resolve("report.txt"));
    assertThat(report).anyMatch(l -> l.startsWith("holdout (bg-nbd): predicted"));
    // each fit file is what crm clv fit writes from the summary
    Path fit = dir.resolve("fit.json");
    CrmCommandTest.Result alone = crm("clv", "fit", "--model", "bg-nbd", "--input",
        out.resolve("summary.csv").toString(), "--output", fit.toString());
    assertThat(alone.exitCode()).as(alone.err()).isZero();
    assertThat(Files.readString(fit)).isEqualTo(Files.readString(out.resolve("fit-bg-nbd.json")));

    // nobody repeats: every model fails, each is reported, the run still writes its folder
    StringBuilder once = new StringBuilder("customer_id,date,amount\n");
    for (int i = 0; i < 40; i++) {
      once.append("C").append(i).append(",2024-01-").append(10 + i % 20).append(",10\n");
    }
    Path single = write("once.csv", once.toString());
    Path failed = dir.resolve("failed");
    CrmCommandTest.Result none = crm("clv", "run", "--input", single.toString(), "--calibration-end",
        "2024-03-31", "--output", failed.toString(), "--models", "bg-nbd");
    assertThat(none.exitCode()).as(none.err()).isZero();
    assertThat(Files.readString(failed.resolve("report.txt")))
        .contains("bg-nbd: could not be fitted").contains("gamma-gamma: could not be fitted");
    assertThat(none.err()).contains("crm clv run: bg-nbd could not be fitted");
  }

  @Test
  void a_pareto_nbd_fit_the_data_do_not_identify_carries_warnings_in_the_json_and_on_stderr() throws IOException {
    // customers who never drop out: the dropout process is not identified
    java.util.Random random = new java.util.Random(17);
    StringBuilder csv = new StringBuilder("customer_id,frequency,recency,T\n");
    for (int i = 0; i < 300; i++) {
      int age = 200 + random.nextInt(170);
      double rate = -Math.log(1 - random.nextDouble()) * 0.02;
      double clock = 0;
      int count = -1;
      double last = 0;
      while (clock <= age) {
        count++;
        last = clock;
        clock += -Math.log(1 - random.nextDouble()) / rate;
      }
      csv.append(i).append(',').append(count).append(',').append(count == 0 ? 0 : (int) last).append(',')
          .append(age).append('\n');
    }
    Path summary = write("immortal.csv", csv.toString());
    Path fit = dir.resolve("fit.json");

    CrmCommandTest.Result result =
        crm("clv", "fit", "--model", "pareto-nbd", "--input", summary.toString(), "--output", fit.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("crm clv fit: warning: ");
    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(fit));
    assertThat(json.get("warnings").isArray()).isTrue();
    assertThat(json.get("warnings").size()).isPositive();
    assertThat(json.get("parameters").get("s").isNumber()).isTrue();
  }
}
