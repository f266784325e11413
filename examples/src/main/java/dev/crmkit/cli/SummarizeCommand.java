package dev.crmkit.cli;

import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.table.CsvFields;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crm summarize}: a transaction CSV to the per-customer summary of customer-base analysis
 * (frequency, recency, T, monetary value, and the holdout with an observation end).
 */
@Command(
    name = "summarize",
    mixinStandardHelpOptions = true,
    description = "Summarises transactions per customer for the CLV models: frequency, recency, T,"
        + " monetary value (and the holdout with --observation-end).")
public final class SummarizeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", description = "transaction CSV with a header: customer_id,date,amount (or --store)")
  Path input;

  @Mixin StoreOption store;

  @Option(names = "--calibration-end", required = true, description = "last day of the calibration period (YYYY-MM-DD)")
  String calibrationEnd;

  @Option(names = "--observation-end", description = "last day of the holdout period (YYYY-MM-DD)")
  String observationEnd;

  @Option(names = "--time-unit", defaultValue = "days", description = "days (default), weeks or months")
  String timeUnit;

  @Option(names = "--date-format", description = "java.time pattern of the input dates (default: ISO)")
  String dateFormat;

  @Option(names = "--output", required = true, description = "summary CSV")
  Path output;

  @Override
  public void run() {
    CommandLine cli = spec.commandLine();
    TimeUnit unit = ClvCommand.timeUnit(cli, timeUnit);
    CbsSummary.Builder builder = CbsSummary.builder(date(cli, "--calibration-end", calibrationEnd)).timeUnit(unit);
    if (observationEnd != null) {
      try {
        builder.observationEnd(date(cli, "--observation-end", observationEnd));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, "--observation-end: " + e.getMessage());
      }
    }
    store.requireOneOf(cli, input);
    TransactionLogCsv.Options options = TransactionLogCsv.Options.defaults();
    if (dateFormat != null) {
      try {
        options = options.datePattern(dateFormat);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, "--date-format: " + e.getMessage());
      }
    }
    TransactionLog log = store.given() ? store.transactions(cli) : TransactionLogCsv.read(input, options).log();
    Object source = store.given() ? store.url : input;
    for (int i = 0; i < log.size(); i++) {
      if (log.amount(i) < 0) {
        throw new IllegalArgumentException(source + ": transaction " + (i + 1) + " (customer " + log.customerId(
            log.customerIndex(i)) + ", " + LocalDate.ofEpochDay(log.day(i)) + "): amount " + log.amount(i)
            + " is negative; the summary needs purchases, not returns");
      }
    }
    CbsSummary summary = builder.build(log);
    try (PrintWriter out = new PrintWriter(ClvCommand.open(output, cli))) {
      boolean holdout = summary.hasHoldout();
      out.print("customer_id,frequency,recency,T,monetary_value"
          + (holdout ? ",frequency_holdout,monetary_value_holdout,duration_holdout" : "") + "\n");
      for (int i = 0; i < summary.size(); i++) {
        StringBuilder row = new StringBuilder(CsvFields.quote(summary.customerId(i)))
            .append(',').append(SummaryCsv.number(summary.frequency(i)))
            .append(',').append(SummaryCsv.number(summary.recency(i)))
            .append(',').append(SummaryCsv.number(summary.T(i)))
            .append(',').append(SummaryCsv.number(summary.monetaryValue(i)));
        if (holdout) {
          row.append(',').append(SummaryCsv.number(summary.frequencyHoldout(i)))
              .append(',').append(SummaryCsv.number(summary.monetaryValueHoldout(i)))
              .append(',').append(SummaryCsv.number(summary.durationHoldout()));
        }
        out.print(row.append('\n'));
      }
    }
  }

  private static LocalDate date(CommandLine cli, String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(cli, option + ": '" + text + "' is not a date (YYYY-MM-DD)");
    }
  }
}
