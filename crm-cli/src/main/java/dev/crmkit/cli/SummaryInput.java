package dev.crmkit.cli;

import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.InteractionLog;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of the commands that score a customer summary made from a transaction CSV ({@code
 * crm abc}, {@code crm segment}): {@code --as-of}, {@code --output}, {@code --attributes} and
 * {@code --interactions}; use it as a picocli {@code @Mixin} next to {@link TransactionInput}.
 *
 * <pre>{@code
 * @Mixin TransactionInput input;
 * @Mixin SummaryInput scoring;
 * SummaryInput.Summary s = scoring.summarise(spec, input);
 * }</pre>
 */
public final class SummaryInput {

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD",
      description = "Score as of this date; later rows are left out.")
  LocalDate asOf;

  @Option(names = "--output", required = true, paramLabel = "OUT.csv",
      description = "Where to write the scores (CSV, or JSON for a .json name).")
  Path output;

  @Option(names = "--attributes", paramLabel = "ATTRIBUTES.csv",
      description = "Per-customer columns (customer_id,<column>,...) the strategy reads, e.g. margin or clv.")
  Path attributes;

  @Option(names = "--interactions", paramLabel = "INTERACTIONS.csv",
      description = "Interactions, one a row: a CSV with a header naming at least customer_id,date"
          + " (ISO dates); the summary counts them per customer (customer-type, weighted-value).")
  Path interactions;

  /** The summary, and how many transaction rows were read. */
  record Summary(long rows, CustomerSummary summary) {}

  /**
   * Reads the transactions (and interactions, attributes when given) and summarises them as of
   * the date.
   *
   * @throws CommandLine.ParameterException when a named file does not exist (bad usage)
   */
  Summary summarise(CommandLine.Model.CommandSpec spec, TransactionInput input) {
    for (Path p : new Path[] {attributes, interactions}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            (p == attributes ? "--attributes: " : "--interactions: ") + p + " is not a readable file");
      }
    }
    InteractionLog touches = interactions == null ? null : InteractionLog.readCsv(interactions);
    TransactionLogCsv.SummaryResult read = input.summarize(spec, asOf, touches);
    CustomerSummary summary = read.summary();
    if (attributes != null) {
      summary = summary.withAttributes(CustomerAttributes.readCsv(attributes));
    }
    return new Summary(read.rows(), summary);
  }
}
