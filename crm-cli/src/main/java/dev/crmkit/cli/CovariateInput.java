package dev.crmkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmkit.scoring.clv.CovariateModel;
import dev.crmkit.scoring.clv.Covariates;
import dev.crmkit.scoring.clv.ModelFit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * The covariate columns of {@code crm clv fit --covariates} and of {@code crm clv predict} with a
 * fit that has them: read from the summary CSV as text, typed (a column with any value that is
 * not a number is categorical), checked with the file line, coded as the fit recorded them.
 */
final class CovariateInput {

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  /** Values that mean "no value" (a blank field, R's NA, NaN, null). */
  private static final Set<String> MISSING = Set.of("", "na", "nan", "null");

  private CovariateInput() {}

  /** Bad usage: covariates for another model, an empty or repeated column name. */
  static void checkOption(CommandLine commandLine, String model, List<String> names) {
    if (!model.equals("pareto-nbd") && !model.equals("bg-nbd")) {
      throw new CommandLine.ParameterException(commandLine,
          "--covariates is available for pareto-nbd and bg-nbd, not " + model);
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name.isBlank()) {
        throw new CommandLine.ParameterException(commandLine, "--covariates: an empty column name in "
            + String.join(",", names));
      }
      if (!seen.add(name)) {
        throw new CommandLine.ParameterException(commandLine, "--covariates: column " + name + " is named twice");
      }
      if (List.of("frequency", "recency", "T", "weights", "customer_id").contains(name)) {
        throw new CommandLine.ParameterException(commandLine, "--covariates: " + name
            + " is a column of the model itself, not a covariate");
      }
    }
  }

  /** Fails on a missing value, naming the file line, the column and the value. */
  private static String value(SummaryCsv csv, String name, int i) {
    String v = csv.texts.get(name).get(i);
    if (MISSING.contains(v.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(csv.where(i) + ": covariate " + name + " is missing ('" + v
          + "'); every customer needs a value");
    }
    return v;
  }

  /** The columns typed from their values: numeric when every value is a number, else categorical. */
  static Covariates infer(SummaryCsv csv, List<String> names) {
    Covariates.Builder builder = Covariates.builder();
    for (String name : names) {
      List<String> values = new ArrayList<>(csv.size());
      boolean numeric = true;
      for (int i = 0; i < csv.size(); i++) {
        String v = value(csv, name, i);
        values.add(v);
        numeric &= NUMBER.matcher(v).matches();
      }
      if (numeric) {
        builder.numeric(name, values.stream().mapToDouble(Double::parseDouble).toArray());
      } else {
        builder.categorical(name, values);
      }
    }
    return builder.build();
  }

  /** The columns coded as the fit recorded them (numeric, or categorical with its levels). */
  static Covariates coded(SummaryCsv csv, List<Covariates.Column> columns, Path fit) {
    Covariates.Builder builder = Covariates.builder();
    for (Covariates.Column c : columns) {
      String name = c.name();
      if (c.categorical()) {
        List<String> values = new ArrayList<>(csv.size());
        for (int i = 0; i < csv.size(); i++) {
          String v = value(csv, name, i);
          if (!c.levels().contains(v)) {
            throw new IllegalArgumentException(csv.where(i) + ": covariate " + name + " has level '" + cut(v)
                + "', which the fit " + fit + " does not know (its levels: " + String.join(", ", c.levels()) + ")");
          }
          values.add(v);
        }
        builder.categorical(name, values, c.levels());
      } else {
        double[] values = new double[csv.size()];
        for (int i = 0; i < csv.size(); i++) {
          String v = value(csv, name, i);
          if (!NUMBER.matcher(v).matches()) {
            throw new IllegalArgumentException(csv.where(i) + ": covariate " + name + " '" + cut(v)
                + "' is not a number (the fit " + fit + " has " + name + " as numeric)");
          }
          values[i] = Double.parseDouble(v);
        }
        builder.numeric(name, values);
      }
    }
    return builder.build();
  }

  /** The fit, one row per customer (a row with weights w counts as w customers). */
  static ModelFit<CovariateModel> fit(SummaryCsv csv, String model, Covariates z) {
    double[] x = csv.column("frequency");
    double[] tx = csv.column("recency");
    double[] t = csv.column("T");
    double[] w = csv.column("weights");
    Covariates customers = z;
    if (w != null) {
      int total = 0;
      for (double wi : w) {
        total = Math.addExact(total, (int) wi);
      }
      int[] row = new int[total];
      int k = 0;
      for (int i = 0; i < w.length; i++) {
        for (int j = 0; j < (int) w[i]; j++) {
          row[k++] = i;
        }
      }
      x = pick(x, row);
      tx = pick(tx, row);
      t = pick(t, row);
      Covariates.Builder expanded = Covariates.builder();
      for (Covariates.Column c : z.columns()) {
        if (!c.categorical()) {
          double[] v = new double[total];
          for (int i = 0; i < total; i++) {
            v[i] = Double.parseDouble(csv.texts.get(c.name()).get(row[i]));
          }
          expanded.numeric(c.name(), v);
        } else {
          List<String> v = new ArrayList<>(total);
          for (int i = 0; i < total; i++) {
            v.add(csv.texts.get(c.name()).get(row[i]));
          }
          expanded.categorical(c.name(), v, c.levels());
        }
      }
      customers = expanded.build();
    }
    try {
      return CovariateModel.fit(model, x, tx, t, customers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(csv.path + ": " + e.getMessage());
    }
  }

  private static double[] pick(double[] v, int[] row) {
    double[] out = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = v[row[i]];
    }
    return out;
  }

  private static String cut(String v) {
    return v.length() <= 40 ? v : v.substring(0, 40) + "...";
  }

  /** The covariates of a fit file: absent or null for a fit without them. */
  static List<Covariates.Column> columns(Path path, @Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException(path + ": covariates must be a non-empty array of"
          + " {\"name\": ..., \"type\": \"numeric\"|\"categorical\", \"levels\": [...]}, got " + node);
    }
    List<Covariates.Column> columns = new ArrayList<>();
    for (JsonNode c : node) {
      String type = c.path("type").asText("");
      if (!c.path("name").isTextual() || !(type.equals("numeric") || type.equals("categorical"))) {
        throw new IllegalArgumentException(path + ": a covariate needs a name and a type numeric or categorical,"
            + " got " + c);
      }
      List<String> levels = new ArrayList<>();
      if (type.equals("categorical")) {
        if (!c.path("levels").isArray() || c.path("levels").size() < 2) {
          throw new IllegalArgumentException(path + ": categorical covariate " + c.get("name").asText()
              + " needs its levels (at least two, the reference first), got " + c.path("levels"));
        }
        c.get("levels").forEach(l -> levels.add(l.asText()));
      }
      columns.add(new Covariates.Column(c.get("name").asText(), levels));
    }
    return columns;
  }
}
