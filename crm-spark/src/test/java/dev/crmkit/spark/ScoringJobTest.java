package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringJobTest {

  @TempDir Path dir;

  Path csv(String text) throws IOException {
    Path file = dir.resolve("tx.csv");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void the_example_job_scores_a_csv_like_the_library_in_memory() throws IOException {
    StringBuilder text = new StringBuilder("cust,note,day,net\n"); // a column the job ignores
    Transactions data = Transactions.generate(3, 4_000, 300);
    StringBuilder memoryCsv = new StringBuilder("customer_id,date,amount\n");
    for (Row r : data.rows()) {
      String day = r.getDate(1).toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
      text.append(r.getString(0)).append(",x,").append(day).append(',').append(r.getDecimal(2).toPlainString()).append('\n');
      memoryCsv.append(r.getString(0)).append(',').append(r.getDate(1)).append(',')
          .append(r.getDecimal(2).toPlainString()).append('\n');
    }
    Path input = csv(text.toString());
    Path config = Files.writeString(dir.resolve("rfm.json"), "{\"bins\": 4}");
    Path output = dir.resolve("out");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ScoringJob.run(LocalSpark.session(), ScoringJob.parse(new String[] {
        "--input", input.toString(), "--format", "csv", "--customer-column", "cust", "--date-column", "day",
        "--amount-column", "net", "--date-format", "dd.MM.yyyy", "--as-of", "2024-06-30",
        "--strategy", "rfm", "--config", config.toString(), "--output", output.toString()}),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    Path memoryFile = Files.writeString(dir.resolve("memory.csv"), memoryCsv);
    CustomerSummary summary = CustomerSummary.of(TransactionLogCsv.read(memoryFile).log(), LocalDate.of(2024, 6, 30));
    ScoreTable expected = ScoringEngine.load().strategy("rfm", "{\"bins\": 4}").score(summary);
    List<Row> written = LocalSpark.session().read().option("header", "true").csv(output.toString()).collectAsList();
    assertThat(written).hasSize(expected.size());
    for (Row r : written) {
      int i = expected.indexOf(r.<String>getAs("customer_id"));
      assertThat(r.<String>getAs("segment")).isEqualTo(expected.label(i));
      assertThat(Double.parseDouble(r.getAs("r"))).isEqualTo(expected.score(i, "r"));
      assertThat(Double.parseDouble(r.getAs("monetary"))).isEqualTo(expected.explanation(i, "monetary"));
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith(expected.size() + " customers scored with rfm (")
        .contains("Champions");
  }

  @Test
  void a_value_that_does_not_convert_stops_the_job_naming_column_and_value() throws IOException {
    Path input = csv("customer_id,date,amount\nC1,2024-01-02,10.50\nC2,2024-01-03,ten\n");
    Map<String, String> options = ScoringJob.parse(new String[] {
        "--input", input.toString(), "--as-of", "2024-06-30", "--strategy", "rfm",
        "--output", dir.resolve("out").toString()});
    assertThatThrownBy(() -> ScoringJob.run(LocalSpark.session(), options, System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'amount': 'ten' is not a number");

    Path badDate = csv("customer_id,date,amount\nC1,2024-02-30,10.50\n");
    Map<String, String> dateOptions = ScoringJob.parse(new String[] {
        "--input", badDate.toString(), "--as-of", "2024-06-30", "--strategy", "rfm",
        "--output", dir.resolve("out2").toString()});
    assertThatThrownBy(() -> ScoringJob.run(LocalSpark.session(), dateOptions, System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'date': '2024-02-30' is not a date (yyyy-MM-dd)");
  }

  @Test
  void bad_usage_names_the_option() {
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--input", "x", "--as-of", "2024-01-01", "--strategy", "rfm"}))
        .hasMessage("option --output is required");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--inptu", "x"}))
        .hasMessage("unknown option '--inptu'");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--input"}))
        .hasMessage("option --input needs a value");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--input", "x", "--input", "y"}))
        .hasMessage("option --input is given twice");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {
        "--input", "x", "--as-of", "2024-01-01", "--strategy", "rfm", "--output", "o", "--format", "orc"}))
        .hasMessage("--format: 'orc' is not one of csv, parquet, json");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {
        "--input", "x", "--as-of", "31.12.2024", "--strategy", "rfm", "--output", "o"}))
        .hasMessage("--as-of: '31.12.2024' is not a date (expected yyyy-MM-dd)");
  }
}
