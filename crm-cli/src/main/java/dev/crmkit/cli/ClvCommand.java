package dev.crmkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.scoring.clv.BgBb;
import dev.crmkit.scoring.clv.CbsRows;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.CovariateModel;
import dev.crmkit.scoring.clv.Covariates;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.SpendRows;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.clv.TransactionModel;
import dev.crmkit.scoring.table.CsvFields;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm clv fit|predict|value}: probabilistic customer lifetime value from a summary CSV
 * (as {@code crm summarize} writes it).
 */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    description = "Customer lifetime value: fit BG/NBD, MBG/NBD, Pareto/NBD, GGompertz/NBD, BG/BB or Gamma-Gamma, predict, value.",
    subcommands = {ClvCommand.Fit.class, ClvCommand.Predict.class, ClvCommand.Value.class, ClvRunCommand.class})
public final class ClvCommand implements Runnable {

  /** Made on first use: the other commands start faster without Jackson's classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
  static final List<String> MODELS = List.of("bg-nbd", "mbg-nbd", "pareto-nbd", "ggompertz-nbd", "bg-bb", "gamma-gamma");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: fit, predict, value or run");
  }

  static String checkModel(CommandLine commandLine, String model) {
    if (!MODELS.contains(model)) {
      throw new CommandLine.ParameterException(commandLine,
          "--model must be one of " + String.join(", ", MODELS) + ", got '" + model + "'");
    }
    return model;
  }

  /** The columns of a transaction model's rows: T, or periods for BG/BB. */
  static String ageColumn(String model) {
    return model.equals("bg-bb") ? "periods" : "T";
  }

  /** Per line: recency within T, recency 0 without repeat purchases, whole frequency and weights. */
  static void checkHistories(SummaryCsv csv, String model) {
    String age = ageColumn(model);
    double[] x = csv.column("frequency");
    double[] tx = csv.column("recency");
    double[] t = csv.column(age);
    double[] w = csv.column("weights");
    for (int i = 0; i < csv.size(); i++) {
      checkWholeFrequency(csv, i, x);
      if (tx[i] > t[i]) {
        throw new IllegalArgumentException(csv.where(i) + ": recency " + SummaryCsv.number(tx[i])
            + " is greater than " + age + " " + SummaryCsv.number(t[i]));
      }
      if (x[i] == 0 && tx[i] > 0) {
        throw new IllegalArgumentException(csv.where(i) + ": frequency is 0 but recency is "
            + SummaryCsv.number(tx[i]) + " (a customer without repeat purchases has recency 0)");
      }
      if (model.equals("bg-bb")) {
        if (tx[i] != Math.rint(tx[i]) || t[i] != Math.rint(t[i])) {
          throw new IllegalArgumentException(csv.where(i) + ": bg-bb needs whole numbers of periods, got recency "
              + SummaryCsv.number(tx[i]) + " and periods " + SummaryCsv.number(t[i]));
        }
        if (x[i] > tx[i]) {
          throw new IllegalArgumentException(csv.where(i) + ": frequency " + SummaryCsv.number(x[i])
              + " is greater than recency " + SummaryCsv.number(tx[i]) + " (one transaction per period at most)");
        }
      }
      checkWeight(csv, i, w);
    }
  }

  static void checkWholeFrequency(SummaryCsv csv, int i, double[] x) {
    if (x[i] != Math.rint(x[i])) {
      throw new IllegalArgumentException(csv.where(i) + ": frequency " + x[i] + " is not a whole number");
    }
  }

  /** When the file has weights: a whole number of customers, at least 1. */
  static void checkWeight(SummaryCsv csv, int i, double[] w) {
    if (w != null && (w[i] < 1 || w[i] != Math.rint(w[i]))) {
      throw new IllegalArgumentException(csv.where(i) + ": weights " + SummaryCsv.number(w[i])
          + " must be a whole number >= 1 (a count of customers)");
    }
  }

  /** Gamma-Gamma needs a positive mean spend from every customer with repeat purchases. */
  static void checkRepeatSpend(SummaryCsv csv, int i, double[] x, double[] m) {
    if (x[i] > 0 && !(m[i] > 0)) {
      throw new IllegalArgumentException(csv.where(i) + ": monetary_value " + SummaryCsv.number(m[i])
          + " must be > 0 for a customer with repeat purchases");
    }
  }

  /** The --time-unit option, bad usage when it is not days, weeks or months. */
  static TimeUnit timeUnit(CommandLine commandLine, String timeUnit) {
    try {
      return TimeUnit.parse(timeUnit);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, "--time-unit: " + e.getMessage());
    }
  }

  static Writer open(Path output, CommandLine commandLine) {
    if (output == null) {
      return new NonClosing(commandLine.getOut());
    }
    try {
      return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(output + ": cannot write (" + e.getMessage() + ")", e);
    }
  }

  /** A fit file: the model id, its named parameters and the covariates' coding (empty without). */
  record FitFile(String model, Map<String, Double> parameters, List<Covariates.Column> covariates) {
    static FitFile read(Path path) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(Files.readString(path));
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(path + ": no such file");
      } catch (IOException e) {
        throw new IllegalArgumentException(path + ": not a fit file (" + e.getMessage() + ")");
      }
      if (root == null || !root.isObject() || !root.path("model").isTextual() || !root.path("parameters").isObject()) {
        throw new IllegalArgumentException(path + ": not a fit file; expected {\"model\": \"...\", \"parameters\": {...}}");
      }
      Map<String, Double> parameters = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = root.get("parameters").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (!f.getValue().isNumber()) {
          throw new IllegalArgumentException(path + ": parameter " + f.getKey() + " is not a number: " + f.getValue());
        }
        parameters.put(f.getKey(), f.getValue().doubleValue());
      }
      return new FitFile(root.get("model").asText(), parameters, CovariateInput.columns(path, root.get("covariates")));
    }

    /** The model of a fit with covariates. */
    CovariateModel covariateModel(Path path, List<String> designColumns) {
      try {
        return CovariateModel.of(model, parameters, designColumns);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage());
      }
    }

    TransactionModel transactionModel(Path path) {
      if (!covariates.isEmpty()) {
        throw new IllegalArgumentException(path + ": holds a " + model + " fit with covariates ("
            + String.join(", ", covariates.stream().map(Covariates.Column::name).toList())
            + "); only 'crm clv predict' uses such a fit");
      }
      if (model.equals("gamma-gamma")) {
        throw new IllegalArgumentException(path + ": holds a gamma-gamma fit; a transaction model is needed here");
      }
      try {
        return TransactionModel.of(model, parameters);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage());
      }
    }

    GammaGamma spendModel(Path path) {
      if (!model.equals("gamma-gamma")) {
        throw new IllegalArgumentException(path + ": holds a " + model + " fit; a gamma-gamma fit is needed here");
      }
      try {
        return GammaGamma.of(parameters);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage());
      }
    }
  }

  @Command(name = "fit", mixinStandardHelpOptions = true,
      description = "Fits a model on a summary CSV by maximum likelihood and writes the fit as JSON.")
  static final class Fit implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd, bg-bb or gamma-gamma")
    String model;

    @Option(names = "--input", required = true, description = "summary CSV: frequency,recency,T (bg-bb: periods)")
    Path input;

    @Option(names = "--output", description = "fit JSON (default: standard output)")
    Path output;

    @Option(names = "--covariates", split = ",", paramLabel = "COLUMN",
        description = "pareto-nbd and bg-nbd: time-invariant covariates, columns of the summary; a column with any"
            + " value that is not a number is categorical (k-1 dummies, the first level in sorted order the reference)")
    List<String> covariates;

    @Override
    public void run() {
      checkModel(spec.commandLine(), model);
      if (covariates != null) {
        CovariateInput.checkOption(spec.commandLine(), model, covariates);
        SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "recency", "T"), List.of("weights"), covariates);
        checkHistories(csv, model);
        Covariates z = CovariateInput.infer(csv, covariates);
        ModelFit<CovariateModel> fit = CovariateInput.fit(csv, model, z);
        for (String warning : fit.warnings()) {
          spec.commandLine().getErr().println("crm clv fit: warning: " + warning);
        }
        try (Writer out = open(output, spec.commandLine())) {
          writeFit(model, fit, z.columns(), out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return;
      }
      ModelFit<?> fit;
      if (model.equals("gamma-gamma")) {
        SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "monetary_value"), List.of("weights"));
        fit = GammaGamma.fit(spendRows(csv));
      } else {
        // plain files go straight to compressed rows; anything else (and every error) the checked way
        CbsRows rows = model.equals("bg-bb") ? null : SummaryCsv.compressedHistories(input);
        if (rows == null) {
          SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "recency", ageColumn(model)), List.of("weights"));
          checkHistories(csv, model);
          rows = rows(csv, model);
        }
        fit = TransactionModel.fit(model, rows);
      }
      for (String warning : fit.warnings()) {
        spec.commandLine().getErr().println("crm clv fit: warning: " + warning);
      }
      try (Writer out = open(output, spec.commandLine())) {
        writeFit(model, fit, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The fit as the JSON {@code crm clv fit} writes (and {@code --fit} reads). */
    static void writeFit(String model, ModelFit<?> fit, Writer out) throws IOException {
      writeFit(model, fit, List.of(), out);
    }

    /**
     * With covariates, a {@code covariates} array after the model: each source column's name, type
     * and, when categorical, its levels with the reference first.
     */
    static void writeFit(String model, ModelFit<?> fit, List<Covariates.Column> covariates, Writer out)
        throws IOException {
      ObjectNode json = Json.MAPPER.createObjectNode();
      json.put("model", model);
      if (!covariates.isEmpty()) {
        com.fasterxml.jackson.databind.node.ArrayNode columns = json.putArray("covariates");
        for (Covariates.Column c : covariates) {
          ObjectNode column = columns.addObject();
          column.put("name", c.name());
          column.put("type", c.categorical() ? "categorical" : "numeric");
          if (c.categorical()) {
            column.put("reference", c.reference());
            c.levels().forEach(column.putArray("levels")::add);
          }
        }
      }
      ObjectNode parameters = json.putObject("parameters");
      fit.model().parameters().forEach(parameters::put);
      ObjectNode errors = json.putObject("standardErrors");
      fit.standardErrors().forEach(errors::put);
      json.put("logLikelihood", fit.logLikelihood());
      json.put("customers", fit.customers());
      com.fasterxml.jackson.databind.node.ArrayNode warnings = json.putArray("warnings");
      fit.warnings().forEach(warnings::add);
      out.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
      out.write(System.lineSeparator());
    }

    static SpendRows spendRows(SummaryCsv csv) {
      double[] x = csv.column("frequency");
      double[] m = csv.column("monetary_value");
      double[] w = csv.column("weights");
      List<Integer> repeaters = new ArrayList<>();
      for (int i = 0; i < csv.size(); i++) {
        checkWholeFrequency(csv, i, x);
        checkWeight(csv, i, w);
        checkRepeatSpend(csv, i, x, m);
        if (x[i] >= 1) {
          repeaters.add(i);
        }
      }
      if (repeaters.isEmpty()) {
        throw new IllegalArgumentException(csv.path + ": no row has frequency >= 1; gamma-gamma is fitted on"
            + " customers with at least one repeat purchase");
      }
      double[] fx = new double[repeaters.size()];
      double[] fm = new double[repeaters.size()];
      double[] fw = new double[repeaters.size()];
      for (int j = 0; j < fx.length; j++) {
        int i = repeaters.get(j);
        fx[j] = x[i];
        fm[j] = m[i];
        fw[j] = w == null ? 1 : w[i];
      }
      return SpendRows.of(fx, fm, fw);
    }

    static CbsRows rows(SummaryCsv csv, String model) {
      double[] w = csv.column("weights");
      if (w == null) {
        w = new double[csv.size()];
        java.util.Arrays.fill(w, 1);
      }
      return CbsRows.of(csv.column("frequency"), csv.column("recency"), csv.column(ageColumn(model)), w);
    }
  }

  @Command(name = "predict", mixinStandardHelpOptions = true,
      description = "Predicts per customer: probability alive and expected purchases in the next H time units"
          + " (gamma-gamma: expected average transaction value).")
  static final class Predict implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "the model of the fit")
    String model;

    @Option(names = "--fit", required = true, description = "fit JSON written by 'crm clv fit'")
    Path fit;

    @Option(names = "--input", required = true, description = "summary CSV")
    Path input;

    @Option(names = "--horizon", required = true, description = "time units to predict (whole periods for bg-bb)")
    double horizon;

    @Option(names = "--output", description = "prediction CSV (default: standard output)")
    Path output;

    @Option(names = "--bootstrap", paramLabel = "N", description = "add expected_purchases_lower/_upper: quantiles"
        + " over N refits of the model on the input's customers resampled with replacement")
    Integer bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the bootstrap resampling (default: 1)")
    long seed;

    @Option(names = "--level", defaultValue = "0.95", description = "coverage of the bootstrap interval (default: 0.95)")
    double level;

    @Override
    public void run() {
      checkModel(spec.commandLine(), model);
      if (bootstrap != null && (bootstrap < 2 || List.of("bg-bb", "gamma-gamma").contains(model))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap needs N >= 2 and a model over time"
            + " (bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd), got " + bootstrap + " with " + model);
      }
      if (!(level > 0 && level < 1)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--level must be in (0, 1), got " + level);
      }
      if (!(horizon >= 0) || Double.isInfinite(horizon)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--horizon must be a number >= 0, got " + horizon);
      }
      FitFile file = FitFile.read(fit);
      if (!file.model().equals(model)) {
        throw new IllegalArgumentException(fit + ": holds a " + file.model() + " fit, not " + model);
      }
      if (!file.covariates().isEmpty()) {
        if (bootstrap != null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--bootstrap is not available for a fit with covariates (" + fit + ")");
        }
        predictWithCovariates(file);
        return;
      }
      try (PrintWriter out = new PrintWriter(open(output, spec.commandLine()))) {
        if (model.equals("gamma-gamma")) {
          GammaGamma spend = file.spendModel(fit);
          SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "monetary_value"), List.of());
          double[] x = csv.column("frequency");
          double[] m = csv.column("monetary_value");
          out.print("customer_id,expected_average_value\n");
          for (int i = 0; i < csv.size(); i++) {
            double value;
            try {
              value = spend.expectedAverageValue(x[i], m[i]);
            } catch (IllegalArgumentException | ArithmeticException e) {
              throw new IllegalArgumentException(csv.where(i) + ": " + e.getMessage());
            }
            out.print(CsvFields.quote(csv.ids.get(i)) + "," + value + "\n");
          }
          return;
        }
        TransactionModel transactions = file.transactionModel(fit);
        if (model.equals("bg-bb") && horizon != Math.rint(horizon)) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--horizon must be a whole number of periods for bg-bb, got " + horizon);
        }
        SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "recency", ageColumn(model)), List.of());
        checkHistories(csv, model);
        double[] x = csv.column("frequency");
        double[] tx = csv.column("recency");
        double[] t = csv.column(ageColumn(model));
        List<dev.crmkit.scoring.clv.Bootstrap.Interval> intervals = bootstrap == null ? null
            : dev.crmkit.scoring.clv.Bootstrap.conditionalExpectedPurchases(model, x, tx, t, horizon, bootstrap, seed,
                level);
        out.print("customer_id,p_alive,expected_purchases" + (intervals == null ? "" : ",expected_purchases_lower,"
            + "expected_purchases_upper") + "\n");
        for (int i = 0; i < csv.size(); i++) {
          out.print(CsvFields.quote(csv.ids.get(i)) + "," + transactions.probabilityAlive(x[i], tx[i], t[i]) + ","
              + transactions.conditionalExpectedPurchases(horizon, x[i], tx[i], t[i])
              + (intervals == null ? "" : "," + intervals.get(i).lower() + "," + intervals.get(i).upper()) + "\n");
        }
      }
    }

    /**
     * Predictions of a fit with covariates: the covariate columns the fit names are read from the
     * summary and coded as in the fit; each customer is predicted with his own parameters.
     */
    private void predictWithCovariates(FitFile file) {
      List<String> names = file.covariates().stream().map(Covariates.Column::name).toList();
      SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "recency", "T"), List.of(), names);
      checkHistories(csv, model);
      Covariates z = CovariateInput.coded(csv, file.covariates(), fit);
      CovariateModel covariateModel = file.covariateModel(fit, z.names());
      double[] x = csv.column("frequency");
      double[] tx = csv.column("recency");
      double[] t = csv.column("T");
      try (PrintWriter out = new PrintWriter(open(output, spec.commandLine()))) {
        out.print("customer_id,p_alive,expected_purchases\n");
        for (int i = 0; i < csv.size(); i++) {
          TransactionModel own;
          try {
            own = covariateModel.forCustomer(z, i);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(csv.where(i) + ": the customer's parameters are out of range ("
                + e.getMessage() + ")");
          }
          out.print(CsvFields.quote(csv.ids.get(i)) + "," + own.probabilityAlive(x[i], tx[i], t[i]) + ","
              + own.conditionalExpectedPurchases(horizon, x[i], tx[i], t[i]) + "\n");
        }
      }
    }
  }

  @Command(name = "value", mixinStandardHelpOptions = true,
      description = "Customer lifetime value: expected discounted margin over the next N months.")
  static final class Value implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--transaction-fit", required = true, description = "bg-nbd, mbg-nbd, pareto-nbd or ggompertz-nbd fit JSON")
    Path transactionFit;

    @Option(names = "--spend-fit", required = true, description = "gamma-gamma fit JSON")
    Path spendFit;

    @Option(names = "--input", required = true,
        description = "summary CSV: frequency,recency,T,monetary_value")
    Path input;

    @Option(names = "--horizon-months", required = true, description = "months to value (>= 1)")
    int horizonMonths;

    @Option(names = "--discount-rate", required = true, description = "monthly discount rate (>= 0)")
    double discountRate;

    @Option(names = "--margin", defaultValue = "1", description = "profit share of spend, in (0, 1] (default 1)")
    double margin;

    @Option(names = "--time-unit", defaultValue = "days",
        description = "the unit of recency and T in the summary: days (default), weeks or months")
    String timeUnit;

    @Option(names = "--output", description = "CLV CSV (default: standard output)")
    Path output;

    @Override
    public void run() {
      TimeUnit unit = timeUnit(spec.commandLine(), timeUnit);
      Clv clv;
      try {
        clv = Clv.of(FitFile.read(transactionFit).transactionModel(transactionFit),
            FitFile.read(spendFit).spendModel(spendFit), unit.perMonth(), horizonMonths, discountRate, margin);
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith("horizon") || e.getMessage().startsWith("discount")
            || e.getMessage().startsWith("margin")) {
          throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        throw e;
      }
      if (clv.transactions() instanceof BgBb) {
        throw new IllegalArgumentException(transactionFit + ": bg-bb counts transaction opportunities, not time;"
            + " value it with bg-nbd, mbg-nbd, pareto-nbd or ggompertz-nbd");
      }
      SummaryCsv csv = SummaryCsv.read(input, List.of("frequency", "recency", "T", "monetary_value"), List.of());
      checkHistories(csv, "bg-nbd");
      double[] x = csv.column("frequency");
      double[] tx = csv.column("recency");
      double[] t = csv.column("T");
      double[] m = csv.column("monetary_value");
      try (PrintWriter out = new PrintWriter(open(output, spec.commandLine()))) {
        out.print("customer_id,clv\n");
        for (int i = 0; i < csv.size(); i++) {
          checkRepeatSpend(csv, i, x, m);
          double value;
          try {
            value = clv.value(x[i], tx[i], t[i], m[i]);
          } catch (ArithmeticException e) {
            throw new IllegalArgumentException(csv.where(i) + ": " + e.getMessage());
          }
          out.print(CsvFields.quote(csv.ids.get(i)) + "," + value + "\n");
        }
      }
    }
  }

  /** Standard output through picocli's writer, which the command must not close. */
  static final class NonClosing extends Writer {
    private final PrintWriter out;

    NonClosing(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      out.write(buffer, offset, length);
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
