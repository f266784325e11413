package dev.crmkit.cli;

import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.table.CsvFields;
import dev.crmkit.scoring.table.TransactionLog;
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

  @Mixin TransactionInput input;

  @Option(names = "--calibration-end", required = true, description = "last day of the calibration period (YYYY-MM-DD)")
  String calibrationEnd;

  @Option(names = "--observation-end", description = "last day of the holdout period (YYYY-MM-DD)")
  String observationEnd;

  @Option(names = "--time-unit", defaultValue = "days", description = "days (default), weeks or months")
  String timeUnit;

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
    TransactionLog log = input.read(spec).log();
    CbsSummary summary = builder.netReturns(true).build(log);
    try (PrintWriter out = new PrintWriter(ClvCommand.open(output, cli))) {
      write(summary, out);
    }
  }

  /** The summary as CSV: customer_id,frequency,recency,T,monetary_value[,holdout columns]. */
  static void write(CbsSummary summary, PrintWriter out) {
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

  static LocalDate date(CommandLine cli, String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(cli, option + ": '" + text + "' is not a date (YYYY-MM-DD)");
    }
  }
}
