package dev.crmkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.strategies.AbcStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code crm abc}: ABC classes from a transaction CSV. */
@Command(
    name = "abc",
    mixinStandardHelpOptions = true,
    description = {
      "ABC classes by cumulative share of value (revenue by default) from a transaction CSV.",
      "Writes customer_id,<value>,value_share,cumulative_share,class; prints class sizes, value"
          + " shares and the Gini coefficient."
    })
public final class AbcCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransactionInput input;

  @Mixin SummaryInput scoring;

  @Option(names = "--value", paramLabel = "METRIC",
      description = "What to rank by: revenue (default), or a numeric --attributes column.")
  String value;

  @Option(names = "--method", paramLabel = "thresholds|computed",
      description = "Fixed thresholds (default) or the computed ABC analysis.")
  String method;

  @Option(names = "--thresholds", split = ",", paramLabel = "A,B",
      description = "Cumulative shares that close classes A and B (default 0.8,0.95).")
  List<Double> thresholds;

  @Override
  public Integer call() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode();
    if (value != null) {
      config.put("value", value);
    }
    if (method != null) {
      config.put("method", method);
    }
    if (thresholds != null) {
      config.set("thresholds", json.valueToTree(thresholds));
    }
    ScoringStrategy strategy;
    try {
      strategy = ScoringEngine.load().strategy(AbcStrategy.ID, config);
    } catch (InvalidConfigurationException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--" + e.field() + ": " + e.getMessage());
    }
    SummaryInput.Summary read = scoring.summarise(spec, input);
    CustomerSummary summary = read.summary();
    ScoreTable table = strategy.score(summary);
    ScoreOutput.write(table, scoring.output);

    PrintWriter out = spec.commandLine().getOut();
    AbcStrategy.Report report = (AbcStrategy.Report) table.report();
    out.printf("%d rows, %d customers as of %s; wrote %s%n", read.rows(), summary.size(),
        scoring.asOf, scoring.output);
    out.printf("%-6s %10s %8s %16s %8s%n", "class", "customers", "share", report.value(), "share");
    for (AbcStrategy.ClassShare c : report.classes()) {
      out.printf("%-6s %10d %7.1f%% %16.2f %7.1f%%%n", c.label(), c.customers(),
          100 * c.customerShare(), c.value(), 100 * c.valueShare());
    }
    out.printf("Gini coefficient %.4f%n", report.gini());
    return 0;
  }
}
