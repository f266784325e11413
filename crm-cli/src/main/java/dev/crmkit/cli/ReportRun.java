package dev.crmkit.cli;

import dev.crmkit.cli.report.Chart;
import dev.crmkit.cli.report.TourReport;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.scoring.table.BuyingPowerHistory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** What {@code crm demo} and {@code crm report} share: reading a CSV, building and writing the report. */
final class ReportRun {

  private ReportRun() {}

  static LoyaltyProgram program(CommandLine commandLine, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(commandLine, "--program: " + file + " is not a readable file");
    }
    return LoyaltyProgram.fromJson(file);
  }

  static BuyingPowerHistory buyingPower(CommandLine commandLine, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(commandLine, "--buying-power: " + file + " is not a readable file");
    }
    return BuyingPowerHistory.readCsv(file);
  }

  /** Progress lines on stderr, only when it is a terminal. */
  static TourReport.Builder withProgress(TourReport.Builder builder, CommandLine commandLine) {
    if (System.console() != null) {
      PrintWriter err = commandLine.getErr();
      builder.progress(step -> {
        err.println("  ... " + step);
        err.flush();
      });
    }
    return builder;
  }

  static void writeAndTell(TourReport report, Path out, PrintWriter w) {
    Path file = report.write(out);
    for (String fact : report.facts()) {
      w.println(fact);
    }
    w.println("Charts:");
    for (Chart c : report.charts()) {
      w.println("  " + c.title() + ": " + c.reading());
    }
    for (String note : report.notes()) {
      w.println(note);
    }
    w.println("Report: " + file.toAbsolutePath().normalize() + " (open it in a browser; it needs no network)");
  }
}
