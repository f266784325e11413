package dev.crmkit.cli;

import dev.crmkit.scoring.table.MalformedRowException;
import dev.crmkit.scoring.table.ReturnPolicy;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How a transaction CSV is read, the same for every command that reads one ({@code rfm}, {@code
 * abc}, {@code segment}, {@code summarize}, {@code report}, {@code demo --input}, {@code clv
 * run}): date format (date-times keep their day), bad rows, returns, delimiter and decimal
 * separator. A picocli {@code @Mixin}; {@link TransactionInput} carries it.
 */
public final class CsvInputOptions {

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description = "A java.time pattern for the date column (default: ISO yyyy-MM-dd, which also"
          + " reads yyyy-MM-dd HH:mm[:ss]); a pattern with a time part, such as 'M/d/yyyy H:mm',"
          + " reads date-times and keeps their day.")
  String dateFormat;

  @Option(
      names = "--skip-bad-rows",
      description = "Skip malformed rows (a missing customer, a bad date or amount) and report how"
          + " many and the first, instead of stopping at the first.")
  boolean skipBadRows;

  @Option(
      names = "--returns",
      defaultValue = "net",
      paramLabel = "net|drop|error",
      description = "Rows with a negative amount (returns, cancellations): net (default) nets them"
          + " against the customer's purchases and never counts them as a purchase; drop leaves"
          + " them out; error treats them as malformed rows.")
  String returns;

  @Option(
      names = "--delimiter",
      defaultValue = ",",
      paramLabel = "CHAR",
      description = "The field delimiter (default ','; ';' or 'tab').")
  String delimiter;

  @Option(
      names = "--decimal-separator",
      defaultValue = ".",
      paramLabel = "CHAR",
      description = "The decimal separator of amounts: '.' (default) or ',' (then '.' groups"
          + " thousands: 1.234,50).")
  String decimalSeparator;

  /**
   * The read options for {@code input}, with progress on stderr when it is a terminal.
   *
   * @throws CommandLine.ParameterException for a bad option value or an unreadable input
   */
  TransactionLogCsv.Options options(CommandLine cli, String inputOption, Path input) {
    if (!Files.isRegularFile(input)) {
      throw new CommandLine.ParameterException(cli, inputOption + ": " + input + " is not a readable file");
    }
    TransactionLogCsv.Options options = TransactionLogCsv.Options.defaults().skipBadRows(skipBadRows);
    try {
      options = options.datePattern(dateFormat);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, "--date-format: " + e.getMessage());
    }
    try {
      options = options.returns(ReturnPolicy.of(returns));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, "--" + e.getMessage());
    }
    String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
    if (d.length() != 1) {
      throw new CommandLine.ParameterException(
          cli, "--delimiter: '" + delimiter + "' is not one character (or 'tab')");
    }
    try {
      options = options.delimiter(d.charAt(0));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, "--" + e.getMessage());
    }
    if (decimalSeparator.length() != 1) {
      throw new CommandLine.ParameterException(
          cli, "--decimal-separator: '" + decimalSeparator + "' is not one character ('.' or ',')");
    }
    try {
      options = options.decimalSeparator(decimalSeparator.charAt(0));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, "--decimal-separator: " + e.getMessage()
          .substring(e.getMessage().indexOf(':') + 2));
    }
    if (System.console() != null) {
      PrintWriter err = cli.getErr();
      options =
          options.progress(
              (done, total) -> {
                err.printf("\rreading %s: %d%%", input.getFileName(), total == 0 ? 100 : done * 100 / total);
                err.flush();
              });
    }
    return options;
  }

  /** Reads the CSV into a log, reporting skipped and return rows on stderr. */
  TransactionLogCsv.Result read(CommandLine.Model.CommandSpec spec, String inputOption, Path input) {
    TransactionLogCsv.Options options = options(spec.commandLine(), inputOption, input);
    TransactionLogCsv.Result result = TransactionLogCsv.read(input, options);
    finished(spec, options, result.skippedRows(), result.skippedExamples(), result.returnRows());
    return result;
  }

  /** Tells stderr what was skipped, netted or dropped. */
  static void finished(
      CommandLine.Model.CommandSpec spec,
      TransactionLogCsv.Options options,
      long skippedRows,
      List<MalformedRowException> examples,
      long returnRows) {
    PrintWriter err = spec.commandLine().getErr();
    if (options.progress() != null) {
      err.println();
    }
    String command = "crm " + commandName(spec);
    if (skippedRows > 0) {
      err.println(
          command + ": skipped " + skippedRows + " malformed row"
              + (skippedRows == 1 ? "" : "s") + "; the first: " + examples.get(0).getMessage());
    }
    if (returnRows > 0) {
      err.println(
          command + ": " + (options.returns() == ReturnPolicy.DROP ? "dropped " : "netted ") + returnRows
              + " return row" + (returnRows == 1 ? "" : "s") + " (negative amounts; --returns "
              + options.returns() + ")");
    }
    err.flush();
  }

  /** The command's name with its parents below the top ({@code clv run}). */
  static String commandName(CommandLine.Model.CommandSpec spec) {
    String name = spec.name();
    CommandLine.Model.CommandSpec parent = spec.parent();
    while (parent != null && parent.parent() != null) {
      name = parent.name() + " " + name;
      parent = parent.parent();
    }
    return name;
  }
}
