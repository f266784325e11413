package dev.crmkit.cli;

import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.MalformedRowException;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every command that reads transactions shares: a CSV ({@code --input}, read as
 * {@link CsvInputOptions} says: {@code --date-format}, {@code --skip-bad-rows}, {@code
 * --returns}, {@code --delimiter}, {@code --decimal-separator}) or, instead, a crm-core database
 * ({@code --store}, see {@link StoreOption}); use it as a picocli {@code @Mixin}.
 *
 * <pre>{@code
 * @Mixin TransactionInput input;
 * TransactionLog log = input.read(spec).log();
 * }</pre>
 */
public final class TransactionInput {

  @Option(
      names = "--input",
      paramLabel = "TX.csv",
      description =
          "Transactions: a CSV with a header naming at least customer_id,date,amount"
              + " (optional category, discount_share; other columns are ignored)."
              + " Or --store: one of the two is required.")
  Path input;

  @Mixin StoreOption store;

  @Mixin CsvInputOptions csv;

  /**
   * Reads the input, showing progress on stderr when it is a terminal, and reporting skipped rows
   * on stderr.
   *
   * @throws CommandLine.ParameterException when the date format is not a valid pattern or the
   *     input does not exist (bad usage)
   * @throws MalformedRowException at the first malformed row, unless skipping
   */
  public TransactionLogCsv.Result read(CommandLine.Model.CommandSpec spec) {
    store.requireOneOf(spec.commandLine(), input);
    if (store.given()) {
      return new TransactionLogCsv.Result(store.transactions(spec.commandLine()), 0, List.of());
    }
    return csv.read(spec, "--input", input);
  }

  /**
   * Reads the input straight into its customer summary as of the date (the rows are not kept),
   * with the progress and skipped-row reporting of {@link #read}.
   *
   * @param interactions the interactions to count, or null for none
   */
  public TransactionLogCsv.SummaryResult summarize(
      CommandLine.Model.CommandSpec spec, LocalDate asOf, InteractionLog interactions) {
    return summarize(spec, asOf, interactions, true);
  }

  /**
   * As {@link #summarize(CommandLine.Model.CommandSpec, LocalDate, InteractionLog)}; without
   * {@code categories} the category column is not read (for a command that uses no category
   * totals).
   */
  public TransactionLogCsv.SummaryResult summarize(
      CommandLine.Model.CommandSpec spec, LocalDate asOf, InteractionLog interactions,
      boolean categories) {
    store.requireOneOf(spec.commandLine(), input);
    if (store.given()) {
      TransactionLog log = store.transactions(spec.commandLine());
      return new TransactionLogCsv.SummaryResult(
          CustomerSummary.of(log, asOf, interactions), log.size(), 0, List.of());
    }
    TransactionLogCsv.Options options =
        csv.options(spec.commandLine(), "--input", input).categories(categories);
    TransactionLogCsv.SummaryResult result =
        TransactionLogCsv.summarize(input, asOf, interactions, options);
    CsvInputOptions.finished(
        spec, options, result.skippedRows(), result.skippedExamples(), result.returnRows());
    return result;
  }

  /** The CSV, or null when the transactions come from {@code --store}. */
  public Path path() {
    return input;
  }

  /** What the transactions are read from, for titles: the CSV's file name or the store. */
  public String source() {
    return input != null ? input.getFileName().toString() : store.url;
  }
}
