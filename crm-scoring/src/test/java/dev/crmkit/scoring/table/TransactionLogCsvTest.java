package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogCsvTest {

  @TempDir Path dir;

  Path file(String text) throws IOException {
    Path path = dir.resolve("tx-" + System.nanoTime() + ".csv");
    Files.write(path, text.getBytes(StandardCharsets.UTF_8));
    return path;
  }

  static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  @Test
  void reads_the_three_required_columns_in_any_order_and_ignores_others() throws IOException {
    Path path =
        file(
            "amount,store,customer_id,date\n"
                + "12.50,north,C1,2024-01-31\n"
                + "3,south,C2,2024-02-29\n"
                + "-1.25,north,C1,1999-12-31\n");

    TransactionLog log = TransactionLogCsv.read(path).log();

    assertThat(log.size()).isEqualTo(3);
    assertThat(log.customerCount()).isEqualTo(2);
    assertThat(log.customerId(log.customerIndex(0))).isEqualTo("C1");
    assertThat(log.customerId(log.customerIndex(1))).isEqualTo("C2");
    assertThat(log.customerIndex(2)).isEqualTo(log.customerIndex(0));
    assertThat(log.day(0)).isEqualTo(day("2024-01-31"));
    assertThat(log.day(1)).isEqualTo(day("2024-02-29"));
    assertThat(log.day(2)).isEqualTo(day("1999-12-31"));
    assertThat(log.amount(0)).isEqualTo(12.5);
    assertThat(log.amount(1)).isEqualTo(3.0);
    assertThat(log.amount(2)).isEqualTo(-1.25);
    assertThat(log.amountScale()).isEqualTo(2);
    assertThat(log.hasCategories()).isFalse();
    assertThat(log.hasDiscountShares()).isFalse();
  }

  @Test
  void reads_optional_category_and_discount_share_empty_meaning_none() throws IOException {
    Path path =
        file(
            "customer_id,date,amount,category,discount_share\n"
                + "C1,2024-01-01,10,books,0.1\n"
                + "C1,2024-01-02,20,,\n"
                + "C2,2024-01-03,30,music,0\n");

    TransactionLog log = TransactionLogCsv.read(path).log();

    assertThat(log.categoryCount()).isEqualTo(2);
    assertThat(log.categoryName(log.category(0))).isEqualTo("books");
    assertThat(log.category(1)).isEqualTo(TransactionLog.NO_CATEGORY);
    assertThat(log.categoryName(log.category(2))).isEqualTo("music");
    assertThat(log.discountShare(0)).isEqualTo(0.1);
    assertThat(log.discountShare(1)).isNaN();
    assertThat(log.discountShare(2)).isZero();
  }

  @Test
  void handles_bom_crlf_quotes_blank_lines_and_no_final_newline() throws IOException {
    Path path =
        file(
            "\uFEFFcustomer_id,date,amount\r\n"
                + "\"Smith, J.\",2024-01-01,1.5\r\n"
                + "\r\n"
                + "\"say \"\"hi\"\"\",2024-01-02,\"2\"\r\n"
                + "C3,2024-01-03,1e2");

    TransactionLog log = TransactionLogCsv.read(path).log();

    assertThat(log.size()).isEqualTo(3);
    assertThat(log.customerId(0)).isEqualTo("Smith, J.");
    assertThat(log.customerId(1)).isEqualTo("say \"hi\"");
    assertThat(log.amount(1)).isEqualTo(2.0);
    assertThat(log.amount(2)).isEqualTo(100.0);
  }

  @Test
  void a_date_pattern_is_read_strictly() throws IOException {
    Path path = file("customer_id,date,amount\nC1,31.01.2024,1\nC2,29.02.2024,2\n");
    TransactionLogCsv.Options options = TransactionLogCsv.Options.defaults().datePattern("dd.MM.yyyy");

    TransactionLog log = TransactionLogCsv.read(path, options).log();
    assertThat(log.day(0)).isEqualTo(day("2024-01-31"));
    assertThat(log.day(1)).isEqualTo(day("2024-02-29"));

    Path bad = file("customer_id,date,amount\nC1,30.02.2024,1\n");
    assertThatThrownBy(() -> TransactionLogCsv.read(bad, options))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("'30.02.2024'")
        .hasMessageContaining("dd.MM.yyyy");
    assertThatThrownBy(() -> TransactionLogCsv.Options.defaults().datePattern("yyyy-MM-ddQQQQQQ"))
        .hasMessageContaining("datePattern");
  }

  @Test
  void a_bad_date_names_line_field_value_and_text() throws IOException {
    Path path = file("customer_id,date,amount\nC1,2024-01-01,1\nC2,2024-13-01,2\n");

    MalformedRowException e =
        catchThrowableOfType(MalformedRowException.class, () -> TransactionLogCsv.read(path));

    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("date");
    assertThat(e.value()).isEqualTo("2024-13-01");
    assertThat(e.lineText()).isEqualTo("C2,2024-13-01,2");
    assertThat(e.getMessage())
        .isEqualTo(
            path + " line 3: field 'date': '2024-13-01' is not a date (expected yyyy-MM-dd)"
                + " in \"C2,2024-13-01,2\"");
  }

  @Test
  void every_kind_of_malformed_row_is_reported() throws IOException {
    String header = "customer_id,date,amount,discount_share\n";
    assertProblem(header + "C1,2024-01-01\n", "amount", null, "is missing");
    assertProblem(header + "C1,2024-02-30,1,\n", "date", "2024-02-30", "is not a date");
    assertProblem(header + "C1,01/02/2024,1,\n", "date", "01/02/2024", "is not a date");
    assertProblem(header + "C1,2024-01-01,12,5,\n", "discount_share", "5", "is not in [0, 1]");
    assertProblem(header + "C1,2024-01-01,abc,\n", "amount", "abc", "is not a decimal number");
    assertProblem(header + "C1,2024-01-01,,\n", "amount", "", "is not a decimal number");
    assertProblem(header + "C1,2024-01-01,NaN,\n", "amount", "NaN", "is not a decimal number");
    assertProblem(header + "C1,2024-01-01,0x10,\n", "amount", "0x10", "is not a decimal number");
    assertProblem(header + "C1,2024-01-01,1e999,\n", "amount", "1e999", "out of the range");
    assertProblem(header + ",2024-01-01,1,\n", "customer_id", "", "is empty");
    assertProblem(header + "\"C1,2024-01-01,1,\n", null, null, "quote that is not closed");
  }

  private void assertProblem(String csv, String field, String value, String problem)
      throws IOException {
    Path path = file(csv);
    MalformedRowException e =
        catchThrowableOfType(MalformedRowException.class, () -> TransactionLogCsv.read(path));
    assertThat(e).as(csv).isNotNull();
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).as(csv).isEqualTo(field);
    assertThat(e.value()).as(csv).isEqualTo(value);
    assertThat(e.problem()).as(csv).contains(problem);
  }

  @Test
  void header_problems_are_reported_on_line_1() throws IOException {
    assertThatThrownBy(() -> TransactionLogCsv.read(file("customer_id,day,amount\nC1,1,1\n")))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("line 1: field 'date': is missing from the header");
    assertThatThrownBy(() -> TransactionLogCsv.read(file("")))
        .hasMessageContaining("line 1")
        .hasMessageContaining("customer_id,date,amount");
    assertThatThrownBy(() -> TransactionLogCsv.read(file("customer_id,date,amount,date\n")))
        .hasMessageContaining("appears twice");
  }

  @Test
  void skipping_bad_rows_counts_them_and_keeps_the_good_ones() throws IOException {
    Path path =
        file(
            "customer_id,date,amount\n"
                + "C1,2024-01-01,1\n"
                + "C2,2024-01-xx,2\n"
                + "C3,2024-01-03\n"
                + "C4,2024-01-04,4\n");

    TransactionLogCsv.Result result =
        TransactionLogCsv.read(path, TransactionLogCsv.Options.defaults().skipBadRows(true));

    assertThat(result.skippedRows()).isEqualTo(2);
    assertThat(result.log().size()).isEqualTo(2);
    assertThat(result.log().customerCount()).isEqualTo(2); // C2 and C3 never entered
    assertThat(result.skippedExamples())
        .extracting(MalformedRowException::line)
        .containsExactly(3L, 4L);
  }

  @Test
  void parallel_chunks_give_the_same_log_and_the_right_line_numbers() throws IOException {
    StringBuilder csv = new StringBuilder("customer_id,date,amount,category\n");
    java.util.Random random = new java.util.Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String line =
          "C" + random.nextInt(300) + "," + LocalDate.ofEpochDay(19000 + random.nextInt(700))
              + "," + random.nextInt(100000) / 100.0 + "," + (i % 7 == 0 ? "" : "k" + (i % 5));
      lines.add(line);
      csv.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
      if (i % 97 == 0) {
        csv.append("\n");
      }
    }
    Path path = file(csv.toString());
    TransactionLogCsv.Options options = TransactionLogCsv.Options.defaults();
    TransactionLog single = TransactionLogCsv.read(path, options, 1).log();

    for (int chunks = 2; chunks <= 64; chunks *= 2) {
      TransactionLog parallel = TransactionLogCsv.read(path, options, chunks).log();
      assertSameLog(parallel, single);
    }
    assertThat(single.size()).isEqualTo(2000);
    for (int row = 0; row < 2000; row++) {
      assertThat(lines.get(row)).startsWith(single.customerId(single.customerIndex(row)) + ",");
    }

    // a bad row deep in the file: the same line number whatever the chunking
    String bad = csv.toString().replace(lines.get(1501) + "\n", lines.get(1501) + "\nC1,bad,1,\n");
    Path badPath = file(bad);
    long expected = TransactionLogCsv.read(badPath, options.skipBadRows(true), 1)
        .skippedExamples().get(0).line();
    for (int chunks = 1; chunks <= 64; chunks *= 2) {
      int c = chunks;
      MalformedRowException e =
          catchThrowableOfType(
              MalformedRowException.class, () -> TransactionLogCsv.read(badPath, options, c));
      assertThat(e.line()).isEqualTo(expected);
      assertThat(e.lineText()).isEqualTo("C1,bad,1,");
    }
    assertThat(Files.readAllLines(badPath).get((int) expected - 1)).isEqualTo("C1,bad,1,");
  }

  static void assertSameLog(TransactionLog actual, TransactionLog expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(actual.customerCount()).isEqualTo(expected.customerCount());
    for (int row = 0; row < expected.size(); row++) {
      assertThat(actual.customerId(actual.customerIndex(row)))
          .isEqualTo(expected.customerId(expected.customerIndex(row)));
      assertThat(actual.day(row)).isEqualTo(expected.day(row));
      assertThat(actual.amount(row)).isEqualTo(expected.amount(row));
      assertThat(actual.category(row) < 0 ? null : actual.categoryName(actual.category(row)))
          .isEqualTo(expected.category(row) < 0 ? null : expected.categoryName(expected.category(row)));
    }
  }

  @Test
  void reports_progress_to_the_end() throws IOException {
    Path path = file("customer_id,date,amount\nC1,2024-01-01,1\n");
    long[] last = new long[2];
    TransactionLogCsv.read(
        path,
        TransactionLogCsv.Options.defaults().progress((done, total) -> {
          last[0] = done;
          last[1] = total;
        }));
    assertThat(last[0]).isEqualTo(last[1]).isPositive();
  }
}
