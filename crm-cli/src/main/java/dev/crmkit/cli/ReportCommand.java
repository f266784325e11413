package dev.crmkit.cli;

import dev.crmkit.cli.report.TourReport;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crm report}: the demo's HTML report built from real transactions. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the tour report (customer pyramid, RFM, ABC, value matrix, CLV and holdout tracking,"
          + " RAD with --buying-power, loyalty with --program) from a transaction CSV"
          + " (customer_id,date,amount[,category,discount_share]) or a crm-core database (--store)"
          + " as one self-contained HTML file.",
      "The last date in the file is the as-of date; the last 26 weeks (at most a third of the"
          + " span) are the CLV holdout."
    })
public final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransactionInput input;

  @Option(names = "--out", defaultValue = "crm-report", paramLabel = "DIR",
      description = "Directory for index.html (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--currency", defaultValue = "currency units", paramLabel = "CODE",
      description = "The currency of the amounts, for the axis labels.")
  String currency;

  @Option(names = "--buying-power", paramLabel = "POWER.csv",
      description = "customer_id,effective_from,annual_buying_power: adds RAD per quarter and its transitions.")
  Path buyingPower;

  @Option(names = "--program", paramLabel = "PROGRAM.json",
      description = "A loyalty program to run over the purchases: adds points outstanding and tier sizes.")
  Path program;

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    TransactionLog log = input.read(spec).log();
    String source = input.source();
    TourReport.Builder b = TourReport.builder(log).title("crmkit report: " + source).currency(currency);
    if (buyingPower != null) {
      b.buyingPower(ReportRun.buyingPower(cl, buyingPower));
    }
    if (program != null) {
      b.loyalty(ReportRun.program(cl, program));
    }
    PrintWriter w = cl.getOut();
    ReportRun.writeAndTell(ReportRun.withProgress(b, cl).build(), out, w);
    w.flush();
    return 0;
  }
}
