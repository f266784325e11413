package dev.crmkit.cli;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crm segment}: any scoring strategy, by its id, from a JSON configuration. */
@Command(
    name = "segment",
    mixinStandardHelpOptions = true,
    description = {
      "Scores customers with any strategy found through the scoring SPI (built-in or plugin).",
      "The configuration file names it: {\"strategy\": \"<id>\", \"config\": {...}}.",
      "Writes customer_id, the explanation and score columns and the class; prints the class"
          + " summary."
    })
public final class SegmentCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransactionInput input;

  @Option(names = "--config", required = true, paramLabel = "FILE.json",
      description = "{\"strategy\": \"<id>\", \"config\": {...}}")
  Path config;

  @Mixin SummaryInput scoring;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(config)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--config: " + config + " is not a readable file");
    }
    ScoringStrategy strategy = ScoringEngine.load().fromJson(Files.readString(config));
    SummaryInput.Summary read = scoring.summarise(spec, input);
    CustomerSummary summary = read.summary();
    ScoreTable table = strategy.score(summary);
    ScoreOutput.write(table, scoring.output);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: %d rows, %d customers as of %s; wrote %s%n", strategy.id(), read.rows(),
        summary.size(), scoring.asOf, scoring.output);
    RfmCommand.printClasses(out, table.classSummary(summary));
    return 0;
  }
}
