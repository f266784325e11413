package dev.crmkit.cli;

import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.HoldoutReport;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.clv.TransactionModel;
import dev.crmkit.scoring.table.CsvFields;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crm clv run}: transactions to CLV in one process: summarise, fit the transaction and
 * spend models, predict, value, and with an observation end compare with the holdout.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Transactions to CLV in one process: summarises (as crm summarize), fits each transaction model"
          + " and Gamma-Gamma (as crm clv fit), predicts and values every customer, and with"
          + " --observation-end compares the predictions with the holdout.",
      "Writes into --output: summary.csv, fit-<model>.json per fitted model, predictions.csv,"
          + " values.csv and report.txt. A model that cannot be fitted is reported there and does"
          + " not stop the others."
    })
final class ClvRunCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TransactionInput input;

  @Option(names = "--calibration-end", required = true, paramLabel = "DATE",
      description = "Last day of the calibration period (YYYY-MM-DD).")
  String calibrationEnd;

  @Option(names = "--observation-end", paramLabel = "DATE",
      description = "Last day of the holdout period: adds the holdout comparison.")
  String observationEnd;

  @Option(names = "--time-unit", defaultValue = "weeks",
      description = "days, weeks (default) or months")
  String timeUnit;

  @Option(names = "--models", defaultValue = "bg-nbd,mbg-nbd,pareto-nbd", split = ",", paramLabel = "M",
      description = "Transaction models to fit (default: ${DEFAULT-VALUE}); Gamma-Gamma is always fitted.")
  List<String> models;

  @Option(names = "--horizon-months", defaultValue = "12", description = "Months to predict and value (default 12).")
  int horizonMonths;

  @Option(names = "--discount-rate", defaultValue = "0.01", description = "Monthly discount rate (default 0.01).")
  double discountRate;

  @Option(names = "--margin", defaultValue = "1", description = "Profit share of spend, in (0, 1] (default 1).")
  double margin;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The output folder.")
  Path output;

  @Override
  public Integer call() throws IOException {
    CommandLine cli = spec.commandLine();
    TimeUnit unit = ClvCommand.timeUnit(cli, timeUnit);
    for (String m : models) {
      ClvCommand.checkModel(cli, m);
      if (m.equals("gamma-gamma") || m.equals("bg-bb")) {
        throw new CommandLine.ParameterException(cli, "--models: " + m
            + " is not a transaction model over time here; choose among bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd");
      }
    }
    if (horizonMonths < 1) {
      throw new CommandLine.ParameterException(cli, "--horizon-months must be >= 1, got " + horizonMonths);
    }
    LocalDate calibration = SummarizeCommand.date(cli, "--calibration-end", calibrationEnd);
    CbsSummary.Builder builder = CbsSummary.builder(calibration).timeUnit(unit).netReturns(true);
    if (observationEnd != null) {
      try {
        builder.observationEnd(SummarizeCommand.date(cli, "--observation-end", observationEnd));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, "--observation-end: " + e.getMessage());
      }
    }
    long started = System.nanoTime();
    TransactionLog log = input.read(spec).log();
    CbsSummary summary = builder.build(log);
    if (summary.size() == 0) {
      throw new IllegalArgumentException(input.source() + ": no customer has a purchase on or before "
          + calibration + " (the calibration end)");
    }
    Files.createDirectories(output);
    try (PrintWriter out = writer("summary.csv")) {
      SummarizeCommand.write(summary, out);
    }
    List<String> report = new ArrayList<>();
    report.add(String.format(Locale.ROOT, "crm clv run on %s: %,d rows, %,d customers with a purchase by %s;"
        + " time unit %s.", input.source(), log.size(), summary.size(), calibration, unit));
    double horizon = horizonMonths * unit.perMonth();

    Map<String, TransactionModel> fitted = new LinkedHashMap<>();
    for (String m : models) {
      try {
        ModelFit<? extends TransactionModel> fit = TransactionModel.fit(m, summary.rows());
        writeFit(m, fit);
        fitted.put(m, fit.model());
        report.add(m + ": " + describe(fit));
        for (String warning : fit.warnings()) {
          report.add(m + ": warning: " + warning);
          cli.getErr().println("crm clv run: " + m + ": warning: " + warning);
        }
      } catch (RuntimeException e) {
        report.add(m + ": could not be fitted: " + e.getMessage());
        cli.getErr().println("crm clv run: " + m + " could not be fitted: " + e.getMessage());
      }
    }
    GammaGamma spend = null;
    try {
      ModelFit<GammaGamma> fit = GammaGamma.fit(summary.spendRows());
      writeFit("gamma-gamma", fit);
      spend = fit.model();
      report.add("gamma-gamma: " + describe(fit));
    } catch (RuntimeException e) {
      report.add("gamma-gamma: could not be fitted: " + e.getMessage());
      cli.getErr().println("crm clv run: gamma-gamma could not be fitted: " + e.getMessage());
    }

    try (PrintWriter out = writer("predictions.csv")) {
      StringBuilder header = new StringBuilder("customer_id");
      for (String m : fitted.keySet()) {
        header.append(",p_alive_").append(m).append(",expected_purchases_").append(m);
      }
      if (spend != null) {
        header.append(",expected_average_value");
      }
      out.print(header.append('\n'));
      for (int i = 0; i < summary.size(); i++) {
        StringBuilder row = new StringBuilder(CsvFields.quote(summary.customerId(i)));
        double x = summary.frequency(i);
        double tx = summary.recency(i);
        double t = summary.T(i);
        for (TransactionModel model : fitted.values()) {
          row.append(',').append(model.probabilityAlive(x, tx, t))
              .append(',').append(model.conditionalExpectedPurchases(horizon, x, tx, t));
        }
        if (spend != null) {
          // no usable repeat spend (none, or netted to 0 by returns): the population's mean
          double m = summary.monetaryValue(i);
          row.append(',').append(x > 0 && m > 0 ? spend.expectedAverageValue(x, m) : spend.expectedAverageValue(0, 0));
        }
        out.print(row.append('\n'));
      }
    }
    if (spend != null && !fitted.isEmpty()) {
      Map<String, Clv> values = new LinkedHashMap<>();
      for (Map.Entry<String, TransactionModel> e : fitted.entrySet()) {
        values.put(e.getKey(), Clv.of(e.getValue(), spend, unit.perMonth(), horizonMonths, discountRate, margin));
      }
      try (PrintWriter out = writer("values.csv")) {
        StringBuilder header = new StringBuilder("customer_id");
        for (String m : values.keySet()) {
          header.append(",clv_").append(m);
        }
        out.print(header.append('\n'));
        for (int i = 0; i < summary.size(); i++) {
          StringBuilder row = new StringBuilder(CsvFields.quote(summary.customerId(i)));
          double x = summary.frequency(i);
          for (Clv clv : values.values()) {
            double m = x > 0 ? summary.monetaryValue(i) : 0;
            double v = x > 0 && m > 0 ? clv.value(x, summary.recency(i), summary.T(i), m)
                : clv.valueAtPopulationSpend(x, summary.recency(i), summary.T(i));
            row.append(',').append(v);
          }
          out.print(row.append('\n'));
        }
      }
      report.add("values.csv: CLV over " + horizonMonths + " months at a monthly discount rate of " + discountRate
          + " and a margin of " + margin + " (customers without a usable repeat spend at the population mean).");
    } else {
      report.add("values.csv is not written: CLV needs a fitted transaction model and Gamma-Gamma.");
    }
    if (summary.hasHoldout()) {
      for (Map.Entry<String, TransactionModel> e : fitted.entrySet()) {
        HoldoutReport h = HoldoutReport.of(e.getValue(), summary);
        report.add(String.format(Locale.ROOT, "holdout (%s): predicted %.1f transactions, actual %.0f;"
            + " per customer MAE %.4f, RMSE %.4f.", e.getKey(), h.totalPredicted(), h.totalActual(),
            h.meanAbsoluteError(), h.rootMeanSquaredError()));
      }
    }
    report.add(String.format(Locale.ROOT, "done in %.1f s.", (System.nanoTime() - started) / 1e9));
    Files.write(output.resolve("report.txt"), report, StandardCharsets.UTF_8);
    PrintWriter out = cli.getOut();
    report.forEach(out::println);
    out.println("Wrote " + output.toAbsolutePath().normalize());
    out.flush();
    return 0;
  }

  private static String describe(ModelFit<?> fit) {
    StringBuilder s = new StringBuilder();
    fit.model().parameters().forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ")
        .append(k).append(" = ").append(String.format(Locale.ROOT, "%.4g", v)));
    return s.append(String.format(Locale.ROOT, "; log-likelihood %.2f", fit.logLikelihood())).toString();
  }

  private void writeFit(String model, ModelFit<?> fit) {
    try (Writer w = Files.newBufferedWriter(output.resolve("fit-" + model + ".json"), StandardCharsets.UTF_8)) {
      ClvCommand.Fit.writeFit(model, fit, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PrintWriter writer(String name) throws IOException {
    return new PrintWriter(Files.newBufferedWriter(output.resolve(name), StandardCharsets.UTF_8));
  }
}
