package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link TransactionLogCsv#summarize} reads a CSV straight into the summary that {@link
 * CustomerSummary#of} gives for the log read from the same file: bit for bit, whether one thread
 * parses and aggregates or a parser thread feeds the aggregating one.
 */
class TransactionLogCsvSummarizeTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
  static final TransactionLogCsv.Options TWO_THREADS =
      TransactionLogCsv.Options.defaults().threads(2);

  /** A row: customer, day offset from the as-of date, cents, category, discount in quarters. */
  record Tx(String customer, int day, long cents, String category, int quarters) {}

  @Provide
  Arbitrary<List<Tx>> transactions() {
    return Combinators.combine(
            // one id needs quoting, one has more than 8 bytes (kept by hash in the dictionary)
            Arbitraries.of("A", "B", "C", "D", "E,quoted", "a-customer-with-a-long-id"),
            Arbitraries.integers().between(-400, 30),
            Arbitraries.longs().between(-5_000, 500_000),
            Arbitraries.of("x", "y", "z").injectNull(0.3),
            Arbitraries.integers().between(-1, 4))
        .as(Tx::new)
        .list()
        .ofMaxSize(80);
  }

  @Property(tries = 150)
  void summarising_the_file_equals_summarising_its_log_bit_for_bit(
      @ForAll("transactions") List<Tx> rows,
      @ForAll @IntRange(min = 1, max = 40) int copies,
      @ForAll boolean pipeline)
      throws IOException {
    StringBuilder csv = new StringBuilder("customer_id,date,amount,category,discount_share\n");
    for (int c = 0; c < copies; c++) { // copies make several batches of rows
      for (Tx t : rows) {
        String id = t.customer().contains(",") ? '"' + t.customer() + '"' : t.customer();
        csv.append(id).append(',').append(AS_OF.plusDays(t.day())).append(',')
            .append(t.cents() / 100.0).append(',')
            .append(t.category() == null ? "" : t.category()).append(',')
            .append(t.quarters() < 0 ? "" : String.valueOf(t.quarters() / 4.0)).append('\n');
      }
    }
    Path path = write(csv.toString());
    try {
      TransactionLog log = TransactionLogCsv.read(path, TWO_THREADS).log();
      TransactionLogCsv.SummaryResult read = summarize(path, null, TWO_THREADS, pipeline);

      assertThat(read.rows()).isEqualTo(log.size());
      assertSameSummary(read.summary(), CustomerSummary.of(log, AS_OF));
    } finally {
      Files.delete(path);
    }
  }

  @Property(tries = 30)
  void interactions_are_counted_as_in_the_summary_of_the_log(
      @ForAll("transactions") List<Tx> rows, @ForAll boolean pipeline) throws IOException {
    StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
    InteractionLog.Builder touches = InteractionLog.builder();
    for (Tx t : rows) {
      String id = t.customer().contains(",") ? '"' + t.customer() + '"' : t.customer();
      csv.append(id).append(',').append(AS_OF.plusDays(t.day())).append(',')
          .append(t.cents() / 100.0).append('\n');
      touches.add(t.quarters() < 0 ? "G" : t.customer(), AS_OF.plusDays(t.day() / 2));
    }
    Path path = write(csv.toString());
    try {
      InteractionLog interactions = touches.build();
      CustomerSummary expected =
          CustomerSummary.of(TransactionLogCsv.read(path).log(), AS_OF, interactions);
      CustomerSummary actual = summarize(path, interactions, TWO_THREADS, pipeline).summary();

      assertSameSummary(actual, expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.interactions(i)).isEqualTo(expected.interactions(i));
      }
      assertThat(actual.interactionsWithoutPurchases())
          .isEqualTo(expected.interactionsWithoutPurchases());
    } finally {
      Files.delete(path);
    }
  }

  @Property(tries = 10)
  void a_malformed_row_is_reported_at_its_line_as_reading_the_log_does(
      @ForAll @IntRange(min = 0, max = 4999) int badLine, @ForAll boolean pipeline)
      throws IOException {
    List<String> lines = randomLines(5000, 11);
    lines.set(badLine, "C7,2024-13-01,5");
    Path path = write("customer_id,date,amount\n" + String.join("\n", lines) + "\n");
    try {
      MalformedRowException fromLog =
          catchThrowableOfType(MalformedRowException.class, () -> TransactionLogCsv.read(path));
      MalformedRowException fromSummary =
          catchThrowableOfType(
              MalformedRowException.class, () -> summarize(path, null, TWO_THREADS, pipeline));

      assertThat(fromSummary.line()).isEqualTo(badLine + 2L).isEqualTo(fromLog.line());
      assertThat(fromSummary.field()).isEqualTo("date");
      assertThat(fromSummary.value()).isEqualTo("2024-13-01");
      assertThat(fromSummary.lineText()).isEqualTo("C7,2024-13-01,5");
    } finally {
      Files.delete(path);
    }
  }

  @Property(tries = 4)
  void skipped_rows_are_counted_with_their_first_examples(@ForAll boolean pipeline)
      throws IOException {
    List<String> lines = randomLines(3000, 5);
    for (int i = 100; i < 3000; i += 250) {
      lines.set(i, i % 500 == 100 ? "C1,2024-01-01" : "C1,2024-01-01,1.2.3");
    }
    Path path = write("customer_id,date,amount\n" + String.join("\n", lines));
    try {
      TransactionLogCsv.Options skipping = TWO_THREADS.skipBadRows(true);
      TransactionLogCsv.Result log = TransactionLogCsv.read(path, skipping);
      TransactionLogCsv.SummaryResult summary = summarize(path, null, skipping, pipeline);

      assertThat(summary.skippedRows()).isEqualTo(12).isEqualTo(log.skippedRows());
      assertThat(summary.rows()).isEqualTo(3000 - 12).isEqualTo(log.log().size());
      assertThat(summary.skippedExamples())
          .extracting(MalformedRowException::line)
          .isEqualTo(log.skippedExamples().stream().map(MalformedRowException::line).toList());
      assertSameSummary(summary.summary(), CustomerSummary.of(log.log(), AS_OF));
    } finally {
      Files.delete(path);
    }
  }

  @Property(tries = 2)
  void a_file_with_a_header_only_or_only_later_rows_gives_an_empty_summary(
      @ForAll boolean pipeline) throws IOException {
    Path empty = write("customer_id,date,amount\n");
    Path later = write("customer_id,date,amount\nC1,2024-07-01,5\nC2,2025-01-01,7\n");
    try {
      TransactionLogCsv.SummaryResult none = summarize(empty, null, TWO_THREADS, pipeline);
      assertThat(none.rows()).isZero();
      assertThat(none.summary().size()).isZero();

      TransactionLogCsv.SummaryResult future = summarize(later, null, TWO_THREADS, pipeline);
      assertThat(future.rows()).isEqualTo(2);
      assertThat(future.summary().size()).isZero();
      assertThat(future.summary().rowsAfterAsOf()).isEqualTo(2);
    } finally {
      Files.delete(empty);
      Files.delete(later);
    }
  }

  @Property(tries = 2)
  void progress_is_reported_to_the_end(@ForAll boolean pipeline) throws IOException {
    Path path = write("customer_id,date,amount\n" + String.join("\n", randomLines(4000, 3)));
    try {
      long[] last = new long[2];
      summarize(path, null, TWO_THREADS.progress((done, total) -> {
        last[0] = done;
        last[1] = total;
      }), pipeline);
      assertThat(last[1]).isPositive();
      assertThat(last[0]).isEqualTo(last[1]);
    } finally {
      Files.delete(path);
    }
  }

  @Property(tries = 1)
  void a_missing_file_is_an_error_naming_it() {
    Path missing = Path.of("target", "no-such-transactions.csv");
    UncheckedIOException e =
        catchThrowableOfType(
            UncheckedIOException.class, () -> TransactionLogCsv.summarize(missing, AS_OF));
    assertThat(e).hasMessageContaining("no-such-transactions.csv");
  }

  private static TransactionLogCsv.SummaryResult summarize(
      Path path, InteractionLog interactions, TransactionLogCsv.Options options, boolean pipeline) {
    // the pipeline (a parser thread feeding this one) from the first byte, or never
    return TransactionLogCsv.summarize(
        path, AS_OF, interactions, options, pipeline ? 0 : Long.MAX_VALUE);
  }

  private static List<String> randomLines(int count, long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("C" + random.nextInt(400) + "," + AS_OF.minusDays(random.nextInt(900)) + ","
          + random.nextInt(100_000) / 100.0);
    }
    return lines;
  }

  private static Path write(String text) throws IOException {
    Path path = Files.createTempFile("crmkit-summarize-", ".csv");
    Files.write(path, text.getBytes(StandardCharsets.UTF_8));
    return path;
  }

  static void assertSameSummary(CustomerSummary actual, CustomerSummary expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(actual.rowsAfterAsOf()).isEqualTo(expected.rowsAfterAsOf());
    assertThat(actual.amountScale()).isEqualTo(expected.amountScale());
    assertThat(actual.categoryCount()).isEqualTo(expected.categoryCount());
    assertThat(actual.hasDiscountShares()).isEqualTo(expected.hasDiscountShares());
    for (int i = 0; i < expected.size(); i++) {
      // rows are records: their doubles compare bit for bit
      assertThat(actual.row(i)).isEqualTo(expected.row(i));
      assertThat(actual.purchaseDays(i)).containsExactly(expected.purchaseDays(i));
      assertThat(Double.doubleToRawLongBits(actual.total(i)))
          .isEqualTo(Double.doubleToRawLongBits(expected.total(i)));
      assertThat(actual.firstDayTotal(i)).isEqualTo(expected.firstDayTotal(i));
      for (int k = 0; k < expected.categoryCount(); k++) {
        assertThat(actual.categoryName(k)).isEqualTo(expected.categoryName(k));
        assertThat(actual.categoryTotal(i, k)).isEqualTo(expected.categoryTotal(i, k));
      }
      assertThat(Double.doubleToLongBits(actual.meanDiscountShare(i)))
          .isEqualTo(Double.doubleToLongBits(expected.meanDiscountShare(i)));
    }
  }
}
