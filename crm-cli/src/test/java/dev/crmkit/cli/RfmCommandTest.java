package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RfmCommandTest extends CliFilesTest {

  static final String TX =
      "customer_id,date,amount,channel\n"
          + "A,2024-12-30,100.00,web\n"
          + "A,2024-12-01,50.50,shop\n"
          + "B,2024-11-01,20.00,web\n"
          + "C,2024-06-01,5.25,web\n"
          + "C,2025-01-05,99.00,web\n";

  @Test
  void writes_the_documented_columns_and_prints_the_segment_summary() throws IOException {
    Path input = write("tx.csv", TX);
    Path output = dir.resolve("rfm.csv");

    CrmCommandTest.Result result =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-12-31", "--output",
            output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllLines(output))
        .containsExactly(
            "customer_id,recency_days,frequency,monetary,r,f,m,segment",
            "A,1,2,150.5,5,5,5,Champions",
            "B,60,1,20,3,1,3,About To Sleep",
            "C,213,1,5.25,1,1,1,Lost");
    assertThat(result.out())
        .contains("5 rows, 3 customers as of 2024-12-31 (1 later rows left out)")
        .contains("Champions");
  }

  @Test
  void a_malformed_row_stops_with_its_line_number_and_text() throws IOException {
    Path input = write("tx.csv", TX + "D,2024-13-01,1\n");

    CrmCommandTest.Result result =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-12-31", "--output",
            dir.resolve("rfm.csv").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("crm rfm: ")
        .contains("line 7: field 'date': '2024-13-01' is not a date")
        .contains("\"D,2024-13-01,1\"");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void skip_bad_rows_prints_the_count() throws IOException {
    Path input = write("tx.csv", TX + "D,2024-12-01,lots\nE,2024-12-01\n");
    Path output = dir.resolve("rfm.csv");

    CrmCommandTest.Result result =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-12-31", "--output",
            output.toString(), "--skip-bad-rows");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("skipped 2 malformed rows").contains("line 7");
    assertThat(Files.readAllLines(output)).hasSize(4);
  }

  @Test
  void date_format_bins_and_segment_table() throws IOException {
    // one distinct frequency and monetary value: everyone gets the middle score, 2 of 1..2
    Path input =
        write("tx.csv", "customer_id,date,amount\nA,30/12/2024,10\nB,01/06/2024,10\n");
    Path segments =
        write("segments.json", "[{\"name\": \"Recent\", \"r\": [2, 2]}]");
    Path output = dir.resolve("rfm.json");

    CrmCommandTest.Result result =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-12-31", "--output",
            output.toString(), "--date-format", "dd/MM/yyyy", "--bins", "2", "--segments",
            segments.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(output))
        .contains("\"customer_id\":\"A\",\"scores\":{\"r\":2,\"f\":2,\"m\":2},\"segment\":\"Recent\"")
        .contains("\"customer_id\":\"B\",\"scores\":{\"r\":1,\"f\":2,\"m\":2},\"segment\":\"Others\"");
  }

  @Test
  void bad_usage_exits_2() throws IOException {
    Path input = write("tx.csv", TX);
    assertThat(crm("rfm", "--input", input.toString(), "--output", "x.csv").exitCode()).isEqualTo(2);
    CrmCommandTest.Result bins =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-12-31", "--output",
            dir.resolve("x.csv").toString(), "--bins", "1");
    assertThat(bins.exitCode()).isEqualTo(2);
    assertThat(bins.err()).contains("--bins").contains("from 2 to 100");
    CrmCommandTest.Result missing =
        crm("rfm", "--input", dir.resolve("nope.csv").toString(), "--as-of", "2024-12-31",
            "--output", dir.resolve("x.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.csv");
    CrmCommandTest.Result pattern =
        crm("rfm", "--input", input.toString(), "--as-of", "2024-12-31", "--output",
            dir.resolve("x.csv").toString(), "--date-format", "yyyy-MM-ddQQQQQQ");
    assertThat(pattern.exitCode()).isEqualTo(2);
    assertThat(pattern.err()).contains("--date-format");
  }
}
