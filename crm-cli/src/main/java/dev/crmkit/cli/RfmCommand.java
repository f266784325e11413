package dev.crmkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.scoring.ClassSummary;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code crm rfm}: RFM scores and segments from a transaction CSV. */
@Command(
    name = "rfm",
    mixinStandardHelpOptions = true,
    description = {
      "RFM scores (1..n) and segments per customer from a transaction CSV.",
      "Writes customer_id,recency_days,frequency,monetary,r,f,m,segment, where recency_days is"
          + " the as-of date minus the last purchase, frequency the number of rows and monetary"
          + " their sum; prints the segment summary."
    })
public final class RfmCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransactionInput input;

  @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD",
      description = "Score as of this date; later rows are left out.")
  LocalDate asOf;

  @Option(names = "--output", required = true, paramLabel = "RFM.csv",
      description = "Where to write the scores (CSV, or JSON for a .json name).")
  Path output;

  @Option(names = "--bins", defaultValue = "5", paramLabel = "N",
      description = "Scores 1..N (default ${DEFAULT-VALUE}).")
  int bins;

  @Option(names = "--segments", paramLabel = "FILE.json",
      description = "A segment table: a JSON array of {\"name\", \"r\": [min, max], \"f\", \"m\"},"
          + " first match wins.")
  Path segments;

  @Override
  public Integer call() throws IOException {
    ScoringStrategy strategy;
    try {
      ScoringEngine engine = ScoringEngine.load();
      if (segments == null) {
        // configured in code: no JSON to read, so Jackson never loads (a faster start)
        strategy = engine.configured(RfmStrategy.ID, new RfmConfig(bins, null, null));
      } else {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("bins", bins);
        JsonNode table = json.readTree(Files.readString(segments));
        config.set(
            "segments", table.isObject() && table.has("segments") ? table.get("segments") : table);
        strategy = engine.strategy(RfmStrategy.ID, config);
      }
    } catch (InvalidConfigurationException e) {
      if (e.field().equals("bins")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--bins: " + e.getMessage());
      }
      throw e;
    }
    // RFM reads recency, frequency and money only: a category column is not parsed
    TransactionLogCsv.SummaryResult read = input.summarize(spec, asOf, null, false);
    long rows = read.rows();
    CustomerSummary summary = read.summary();
    ScoreTable table = strategy.score(summary);
    ScoreOutput.write(table, output);

    PrintWriter out = spec.commandLine().getOut();
    out.printf("%d rows, %d customers as of %s (%d later rows left out); wrote %s%n",
        rows, summary.size(), asOf, summary.rowsAfterAsOf(), output);
    printClasses(out, ((RfmStrategy.Report) table.report()).segments());
    return 0;
  }

  static void printClasses(PrintWriter out, java.util.List<ClassSummary> classes) {
    out.printf("%-20s %10s %8s %12s %16s %10s%n",
        "class", "customers", "share", "transactions", "revenue", "aov");
    for (ClassSummary c : classes) {
      out.printf("%-20s %10d %7.1f%% %12d %16.2f %10.2f%n", c.label(), c.customers(),
          100 * c.customerShare(), c.transactions(), c.revenue(), c.averageOrderValue());
    }
  }
}
