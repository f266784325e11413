package dev.crmkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.scoring.clv.Bootstrap;
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
          + " not stop the others.",
      "With --bootstrap N: _lower/_upper columns of expected purchases and CLV from N refits on"
          + " resampled customers, and intervals.json with the intervals of the totals."
    })
final class ClvRunCommand implements java.util.concurrent.Callable<Integer> {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

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

  @Option(names = "--bootstrap", paramLabel = "N", description = "Prediction intervals from N refits of each model"
      + " and Gamma-Gamma on the customers resampled with replacement (N >= 2; 200 is usual).")
  Integer bootstrap;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap resampling (default 1).")
  long seed;

  @Option(names = "--level", defaultValue = "0.95", description = "Coverage of the bootstrap intervals, in (0, 1)"
      + " (default 0.95).")
  double level;

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
    Bootstrap.Options boot = null;
    if (bootstrap != null) {
      if (bootstrap < 2) {
        throw new CommandLine.ParameterException(cli, "--bootstrap needs N >= 2 refits, got " + bootstrap);
      }
      if (!(level > 0 && level < 1)) {
        throw new CommandLine.ParameterException(cli, "--level must be in (0, 1), got " + level);
      }
      boot = new Bootstrap.Options(bootstrap, seed, level);
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

    Map<String, Bootstrap.ClvIntervals> clvIntervals = new LinkedHashMap<>();
    Map<String, List<Bootstrap.Interval>> purchaseIntervals = new LinkedHashMap<>();
    if (boot != null) {
      bootstrap(boot, summary, fitted, spend, unit, clvIntervals, purchaseIntervals, report);
    }

    try (PrintWriter out = writer("predictions.csv")) {
      StringBuilder header = new StringBuilder("customer_id");
      for (String m : fitted.keySet()) {
        header.append(",p_alive_").append(m).append(",expected_purchases_").append(m);
        if (purchaseIntervals.containsKey(m)) {
          header.append(",expected_purchases_").append(m).append("_lower,expected_purchases_").append(m)
              .append("_upper");
        }
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
        for (Map.Entry<String, TransactionModel> e : fitted.entrySet()) {
          TransactionModel model = e.getValue();
          row.append(',').append(model.probabilityAlive(x, tx, t))
              .append(',').append(model.conditionalExpectedPurchases(horizon, x, tx, t));
          List<Bootstrap.Interval> intervals = purchaseIntervals.get(e.getKey());
          if (intervals != null) {
            row.append(',').append(intervals.get(i).lower()).append(',').append(intervals.get(i).upper());
          }
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
          if (clvIntervals.containsKey(m)) {
            header.append(",clv_").append(m).append("_lower,clv_").append(m).append("_upper");
          }
        }
        out.print(header.append('\n'));
        for (int i = 0; i < summary.size(); i++) {
          StringBuilder row = new StringBuilder(CsvFields.quote(summary.customerId(i)));
          for (Map.Entry<String, Clv> e : values.entrySet()) {
            row.append(',').append(pointValue(e.getValue(), summary, i));
            Bootstrap.ClvIntervals intervals = clvIntervals.get(e.getKey());
            if (intervals != null) {
              row.append(',').append(intervals.clv().get(i).lower()).append(',').append(intervals.clv().get(i).upper());
            }
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

  /** The point CLV as values.csv writes it: without a usable repeat spend, at the population mean. */
  private static double pointValue(Clv clv, CbsSummary summary, int i) {
    double x = summary.frequency(i);
    double m = x > 0 ? summary.monetaryValue(i) : 0;
    return x > 0 && m > 0 ? clv.value(x, summary.recency(i), summary.T(i), m)
        : clv.valueAtPopulationSpend(x, summary.recency(i), summary.T(i));
  }

  /**
   * Bootstrap intervals per fitted model: of CLV and expected purchases when Gamma-Gamma was
   * fitted, else of expected purchases only; a model whose refits fail is noted, not fatal. Writes
   * intervals.json with the totals.
   */
  private void bootstrap(Bootstrap.Options boot, CbsSummary summary, Map<String, TransactionModel> fitted,
      GammaGamma spend, TimeUnit unit, Map<String, Bootstrap.ClvIntervals> clvIntervals,
      Map<String, List<Bootstrap.Interval>> purchaseIntervals, List<String> report) throws IOException {
    CommandLine cli = spec.commandLine();
    ObjectNode json = JSON.createObjectNode();
    json.put("replicates", boot.replicates());
    json.put("seed", boot.seed());
    json.put("level", boot.level());
    json.put("horizonMonths", horizonMonths);
    ObjectNode models = json.putObject("models");
    String level = String.format(Locale.ROOT, "%.0f%%", 100 * boot.level());
    report.add(String.format(Locale.ROOT, "bootstrap: %d refits on resampled customers, seed %d, %s intervals"
        + " (intervals.json; _lower/_upper columns).", boot.replicates(), boot.seed(), level));
    if (spend == null && !fitted.isEmpty()) {
      report.add("bootstrap: no CLV intervals: Gamma-Gamma could not be fitted; expected purchases only.");
    }
    double horizon = horizonMonths * unit.perMonth();
    for (Map.Entry<String, TransactionModel> e : fitted.entrySet()) {
      String m = e.getKey();
      ObjectNode node = models.putObject(m);
      try {
        if (spend != null) {
          Clv point = Clv.of(e.getValue(), spend, unit.perMonth(), horizonMonths, discountRate, margin);
          Bootstrap.ClvIntervals intervals = Bootstrap.clv(point, summary, boot);
          clvIntervals.put(m, intervals);
          purchaseIntervals.put(m, intervals.expectedPurchases());
          double purchases = 0;
          double value = 0;
          for (int i = 0; i < summary.size(); i++) {
            purchases += e.getValue().conditionalExpectedPurchases(horizon, summary.frequency(i), summary.recency(i),
                summary.T(i));
            value += pointValue(point, summary, i);
          }
          node.put("failedRefits", intervals.failedRefits());
          total(node.putObject("totalExpectedPurchases"), purchases, intervals.totalExpectedPurchases());
          total(node.putObject("totalClv"), value, intervals.totalClv());
          report.add(String.format(Locale.ROOT, "bootstrap (%s): total expected purchases over %d months %,.1f"
              + " (%s interval %,.1f to %,.1f); total CLV %,.2f (%,.2f to %,.2f); %d of %d refits failed and"
              + " were left out.", m, horizonMonths, purchases, level, intervals.totalExpectedPurchases().lower(),
              intervals.totalExpectedPurchases().upper(), value, intervals.totalClv().lower(),
              intervals.totalClv().upper(), intervals.failedRefits(), boot.replicates()));
        } else {
          double[] x = new double[summary.size()];
          double[] tx = new double[summary.size()];
          double[] t = new double[summary.size()];
          for (int i = 0; i < x.length; i++) {
            x[i] = summary.frequency(i);
            tx[i] = summary.recency(i);
            t[i] = summary.T(i);
          }
          purchaseIntervals.put(m, Bootstrap.conditionalExpectedPurchases(m, x, tx, t, horizon, boot.replicates(),
              boot.seed(), boot.level()));
          node.put("clv", "not computed: Gamma-Gamma could not be fitted");
          report.add("bootstrap (" + m + "): expected purchases intervals only (no spend model).");
        }
      } catch (RuntimeException ex) {
        node.put("error", ex.getMessage());
        report.add("bootstrap (" + m + "): no intervals: " + ex.getMessage());
        cli.getErr().println("crm clv run: " + m + ": no bootstrap intervals: " + ex.getMessage());
      }
    }
    try (Writer w = Files.newBufferedWriter(output.resolve("intervals.json"), StandardCharsets.UTF_8)) {
      w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      w.write(System.lineSeparator());
    }
  }

  private static void total(ObjectNode node, double point, Bootstrap.Interval interval) {
    node.put("point", point);
    node.put("lower", interval.lower());
    node.put("upper", interval.upper());
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
