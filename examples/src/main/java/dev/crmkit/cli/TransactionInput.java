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
 * The options every command that reads transactions shares: a CSV ({@code --input}, {@code
 * --skip-bad-rows}, {@code --date-format}) or, instead, a crm-core database ({@code --store},
 * see {@link StoreOption}); use it as a picocli {@code @Mixin}.
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

  @Option(
      names = "--skip-bad-rows",
      description = "Skip malformed rows and report how many, instead of stopping at the first.")
  boolean skipBadRows;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description = "A java.time pattern for the date column (default: ISO, yyyy-MM-dd).")
  String dateFormat;

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
    TransactionLogCsv.Options options = options(spec);
    TransactionLogCsv.Result result = TransactionLogCsv.read(input, options);
    finished(spec, options, result.skippedRows(), result.skippedExamples());
    return result;
  }

  /**
   * Reads the input straight into its customer summary as of the date (the rows are not kept),
   * with the progress and skipped-row reporting of {@link #read}.
   *
   * @param interactions the interactions to count, or null for none
   */
  public TransactionLogCsv.SummaryResult summarize(
      CommandLine.Model.CommandSpec spec, LocalDate asOf, InteractionLog interactions) {
    store.requireOneOf(spec.commandLine(), input);
    if (store.given()) {
      TransactionLog log = store.transactions(spec.commandLine());
      return new TransactionLogCsv.SummaryResult(
          CustomerSummary.of(log, asOf, interactions), log.size(), 0, List.of());
    }
    TransactionLogCsv.Options options = options(spec);
    TransactionLogCsv.SummaryResult result =
        TransactionLogCsv.summarize(input, asOf, interactions, options);
    finished(spec, options, result.skippedRows(), result.skippedExamples());
    return result;
  }

  private TransactionLogCsv.Options options(CommandLine.Model.CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(input)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--input: " + input + " is not a readable file");
    }
    TransactionLogCsv.Options options = TransactionLogCsv.Options.defaults().skipBadRows(skipBadRows);
    try {
      options = options.datePattern(dateFormat);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--date-format: " + e.getMessage());
    }
    if (System.console() != null) {
      options =
          options.progress(
              (done, total) -> {
                err.printf("\rreading %s: %d%%", input.getFileName(), total == 0 ? 100 : done * 100 / total);
                err.flush();
              });
    }
    return options;
  }

  private void finished(
      CommandLine.Model.CommandSpec spec,
      TransactionLogCsv.Options options,
      long skippedRows,
      List<MalformedRowException> examples) {
    PrintWriter err = spec.commandLine().getErr();
    if (options.progress() != null) {
      err.println();
    }
    if (skippedRows > 0) {
      err.println(
          "crm " + spec.name() + ": skipped " + skippedRows + " malformed row"
              + (skippedRows == 1 ? "" : "s") + "; the first: " + examples.get(0).getMessage());
    }
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
