package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CsvFields;
import dev.crmkit.scoring.table.CustomerSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a strategy produced: per customer one or more named numeric scores, a class label, and an
 * explanation (named contributions: what contributed how much). Columnar and immutable.
 *
 * <p>The classes may be ordered (best first, as A, B, C), which migration reports use for
 * upgrades and downgrades. A strategy may attach a report (a Jackson-serialisable value such as
 * the Lorenz curve of an ABC analysis).
 *
 * <pre>{@code
 * ScoreTable table = ScoreTable.builder("demo", new String[] {"C1", "C2"})
 *     .score("value", new double[] {10, 3})
 *     .labels("class", new String[] {"high", "low"})
 *     .orderedClasses(List.of("high", "low"))
 *     .build();
 * table.writeCsv(writer); // customer_id,value,class
 * }</pre>
 */
public final class ScoreTable {

  /** Made on first use: writing CSV needs none of Jackson's classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final String strategyId;
  private final String[] ids;
  private final String[] scoreNames;
  private final double[][] scores;
  private final String[] explanationNames;
  private final double[][] explanations;
  private final String labelName;
  private final String[] labels;
  private final List<String> classes;
  private final boolean ordered;
  private final @Nullable Object report;
  private volatile Map<String, Integer> index;

  private ScoreTable(Builder b) {
    this.strategyId = b.strategyId;
    this.ids = b.ids;
    this.scoreNames = b.scoreNames.toArray(new String[0]);
    this.scores = b.scores.toArray(new double[0][]);
    this.explanationNames = b.explanationNames.toArray(new String[0]);
    this.explanations = b.explanations.toArray(new double[0][]);
    this.labelName = b.labelName;
    this.labels = b.labels;
    this.ordered = b.ordered;
    if (b.classOrder != null) {
      this.classes = b.classOrder;
    } else {
      this.classes = List.copyOf(new TreeSet<>(Arrays.asList(b.labels)));
    }
    this.report = b.report;
  }

  private ScoreTable(ScoreTable table, @Nullable Object report) {
    this.strategyId = table.strategyId;
    this.ids = table.ids;
    this.scoreNames = table.scoreNames;
    this.scores = table.scores;
    this.explanationNames = table.explanationNames;
    this.explanations = table.explanations;
    this.labelName = table.labelName;
    this.labels = table.labels;
    this.classes = table.classes;
    this.ordered = table.ordered;
    this.report = report;
  }

  /** This table with another report (the columns are shared, not copied). */
  public ScoreTable withReport(@Nullable Object report) {
    return new ScoreTable(this, report);
  }

  /**
   * A builder for a table over these customers (the array is used as is: do not change it).
   */
  public static Builder builder(String strategyId, String[] customerIds) {
    return new Builder(strategyId, customerIds);
  }

  public String strategyId() {
    return strategyId;
  }

  /** The number of customers. */
  public int size() {
    return ids.length;
  }

  public String customerId(int i) {
    return ids[i];
  }

  /** The row of a customer, or -1. */
  public int indexOf(String customerId) {
    Map<String, Integer> map = index;
    if (map == null) {
      map = new HashMap<>(ids.length * 4 / 3 + 1);
      for (int i = 0; i < ids.length; i++) {
        map.put(ids[i], i);
      }
      index = map;
    }
    Integer i = map.get(customerId);
    return i == null ? -1 : i;
  }

  public List<String> scoreNames() {
    return List.of(scoreNames);
  }

  /** Score {@code k} (in the order of {@link #scoreNames()}) of customer {@code i}. */
  public double score(int i, int k) {
    return scores[k][i];
  }

  /** The named score of customer {@code i}. */
  public double score(int i, String name) {
    return scores[column(scoreNames, name, "score")][i];
  }

  /** The name of the class column ("class", "segment", "tier"...). */
  public String labelName() {
    return labelName;
  }

  /** The class of customer {@code i}. */
  public String label(int i) {
    return labels[i];
  }

  /** The classes: best first when {@link #hasOrderedClasses()}, else as declared or by name. */
  public List<String> classes() {
    return classes;
  }

  /** Whether the classes have an order (best first), so that moves are up- or downgrades. */
  public boolean hasOrderedClasses() {
    return ordered;
  }

  public List<String> explanationNames() {
    return List.of(explanationNames);
  }

  /** What contributed how much to customer {@code i}'s score or class. */
  public List<Contribution> explanation(int i) {
    List<Contribution> parts = new ArrayList<>(explanationNames.length);
    for (int k = 0; k < explanationNames.length; k++) {
      parts.add(new Contribution(explanationNames[k], explanations[k][i]));
    }
    return parts;
  }

  /** The named contribution of customer {@code i}. */
  public double explanation(int i, String name) {
    return explanations[column(explanationNames, name, "explanation")][i];
  }

  /** The strategy's report (Jackson-serialisable), or null when it has none. */
  public @Nullable Object report() {
    return report;
  }

  /** The number of customers per class, in the order of {@link #classes()}. */
  public Map<String, Integer> classSizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String c : classes) {
      sizes.put(c, 0);
    }
    for (String label : labels) {
      sizes.merge(label, 1, Integer::sum);
    }
    return sizes;
  }

  /**
   * Customers, transactions, revenue and average order value per class, joining the summary by
   * customer id.
   *
   * @throws ScoringException when a customer of this table is not in the summary
   */
  public List<ClassSummary> classSummary(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, double[]> revenue = new HashMap<>();
    for (String c : classes) {
      counts.put(c, new long[2]);
      revenue.put(c, new double[1]);
    }
    boolean aligned = summary.size() == ids.length;
    double allRevenue = 0;
    for (int i = 0; i < ids.length; i++) {
      int s = aligned && summary.customerId(i).equals(ids[i]) ? i : summary.indexOf(ids[i]);
      if (s < 0) {
        throw new ScoringException(
            "customer '" + ids[i] + "' of the " + strategyId + " scores is not in the summary");
      }
      long[] c = counts.computeIfAbsent(labels[i], k -> new long[2]);
      c[0]++;
      c[1] += summary.transactions(s);
      revenue.computeIfAbsent(labels[i], k -> new double[1])[0] += summary.total(s);
      allRevenue += summary.total(s);
    }
    List<ClassSummary> result = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      double r = revenue.get(e.getKey())[0];
      result.add(
          new ClassSummary(
              e.getKey(),
              (int) c[0],
              c[1],
              r,
              ids.length == 0 ? 0 : (double) c[0] / ids.length,
              allRevenue == 0 ? 0 : r / allRevenue,
              c[1] == 0 ? Double.NaN : r / c[1]));
    }
    return Collections.unmodifiableList(result);
  }

  /**
   * Writes the table as CSV: {@code customer_id}, the explanation columns, the score columns,
   * then the class column. Integral values print without a decimal point; a value that a decimal
   * with at most four places writes exactly prints as the shortest such decimal ({@code 12.5},
   * {@code 0.0005}); other values print as the shortest decimal that reads back as the same
   * double, without an exponent ({@code 0.30000000000000004}); NaN prints empty.
   */
  public void writeCsv(Writer out) {
    requireNonNull(out, "out");
    try {
      StringBuilder line = new StringBuilder(128);
      char[] chunk = new char[0];
      line.append("customer_id");
      for (String name : explanationNames) {
        line.append(',').append(CsvFields.quote(name));
      }
      for (String name : scoreNames) {
        line.append(',').append(CsvFields.quote(name));
      }
      line.append(',').append(CsvFields.quote(labelName)).append('\n');
      for (int i = 0; i < ids.length; i++) {
        line.append(CsvFields.quote(ids[i]));
        for (double[] column : explanations) {
          line.append(',');
          appendNumber(line, column[i]);
        }
        for (double[] column : scores) {
          line.append(',');
          appendNumber(line, column[i]);
        }
        line.append(',').append(CsvFields.quote(labels[i])).append('\n');
        if (line.length() > 1 << 16) {
          chunk = flush(line, chunk, out);
        }
      }
      flush(line, chunk, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the text through one reused array: no String copy of each piece. */
  private static char[] flush(StringBuilder text, char[] chunk, Writer out) throws IOException {
    int n = text.length();
    char[] buffer = chunk.length >= n ? chunk : new char[Math.max(n, 1 << 17)];
    text.getChars(0, n, buffer, 0);
    out.write(buffer, 0, n);
    text.setLength(0);
    return buffer;
  }

  /**
   * Writes the table as JSON: {@code {"strategy", "labelName", "classes", "orderedClasses",
   * "report", "customers": [{"customer_id", "scores": {...}, "<labelName>", "explanation":
   * {...}}]}}. NaN is written as null.
   */
  public void writeJson(Writer out) {
    requireNonNull(out, "out");
    try (JsonGenerator g = new JsonFactory(Json.MAPPER).createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("strategy", strategyId);
      g.writeStringField("labelName", labelName);
      g.writeArrayFieldStart("classes");
      for (String c : classes) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeBooleanField("orderedClasses", ordered);
      if (report != null) {
        g.writeFieldName("report");
        g.writeObject(report);
      }
      g.writeArrayFieldStart("customers");
      for (int i = 0; i < ids.length; i++) {
        g.writeStartObject();
        g.writeStringField("customer_id", ids[i]);
        g.writeObjectFieldStart("scores");
        for (int k = 0; k < scoreNames.length; k++) {
          writeNumber(g, scoreNames[k], scores[k][i]);
        }
        g.writeEndObject();
        g.writeStringField(labelName, labels[i]);
        g.writeObjectFieldStart("explanation");
        for (int k = 0; k < explanationNames.length; k++) {
          writeNumber(g, explanationNames[k], explanations[k][i]);
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeNumber(JsonGenerator g, String name, double v) throws IOException {
    g.writeFieldName(name);
    if (Double.isNaN(v)) {
      g.writeNull();
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  /** Appends a number the way people write it: no exponent, no ".0" on whole numbers. */
  static void appendNumber(StringBuilder sb, double v) {
    if (Double.isNaN(v)) {
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
      return;
    }
    // most values are amounts with a few decimals: the shortest such decimal that reads back as
    // v is written digit by digit, which is much faster than Double.toString
    double a = Math.abs(v);
    if (a < 1e11) {
      long scale = 10;
      for (int places = 1; places <= 4; places++, scale *= 10) {
        long m = Math.round(a * scale);
        if ((double) m / scale == a) {
          if (v < 0) {
            sb.append('-');
          }
          sb.append(m / scale).append('.');
          long fraction = m % scale;
          for (long digit = scale / 10; digit > fraction && digit > 1; digit /= 10) {
            sb.append('0');
          }
          sb.append(fraction);
          return;
        }
      }
    }
    // the shortest decimal that reads back as v (Schubfach, as jackson-core writes JSON
    // numbers: many times faster than Java 17's Double.toString)
    String s = NumberOutput.toString(v, true);
    if (s.indexOf('E') >= 0) {
      s = new BigDecimal(s).toPlainString();
    }
    sb.append(s);
  }


  private int column(String[] names, String name, String kind) {
    for (int k = 0; k < names.length; k++) {
      if (names[k].equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        kind + " '" + name + "' is not in the " + strategyId + " table; it has "
            + Arrays.toString(names));
  }

  @Override
  public String toString() {
    return "ScoreTable[" + strategyId + ", " + ids.length + " customers, " + labelName + " "
        + classSizes() + "]";
  }

  /** Builds a {@link ScoreTable}; each call checks its arguments at once. */
  public static final class Builder {
    private final String strategyId;
    private final String[] ids;
    private final List<String> scoreNames = new ArrayList<>();
    private final List<double[]> scores = new ArrayList<>();
    private final List<String> explanationNames = new ArrayList<>();
    private final List<double[]> explanations = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private String labelName;
    private String[] labels;
    private List<String> classOrder;
    private boolean ordered;
    private @Nullable Object report;

    private Builder(String strategyId, String[] ids) {
      requireNonNull(strategyId, "strategyId");
      requireNonNull(ids, "customerIds");
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == null) {
          throw new IllegalArgumentException("customerIds[" + i + "]: must not be null");
        }
      }
      this.strategyId = strategyId;
      this.ids = ids;
      names.add("customer_id");
    }

    /** Adds a score column (one value per customer). */
    public Builder score(String name, double[] values) {
      checkColumn(name, values);
      scoreNames.add(name);
      scores.add(values);
      return this;
    }

    /**
     * Adds an explanation column: one contribution per customer. Its name must differ from every
     * score column's, the class column's and {@code customer_id}.
     */
    public Builder explanation(String name, double[] values) {
      checkColumn(name, values);
      explanationNames.add(name);
      explanations.add(values);
      return this;
    }

    /** Sets the class column: its name and one non-null label per customer. */
    public Builder labels(String name, String[] values) {
      requireNonNull(values, "labels");
      if (values.length != ids.length) {
        throw new IllegalArgumentException(
            "labels: " + values.length + " values for " + ids.length + " customers");
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          throw new IllegalArgumentException(
              "labels: customer '" + ids[i] + "' has no label");
        }
      }
      checkName(name);
      this.labelName = name;
      this.labels = values;
      return this;
    }

    /** Declares the classes ordered, best first; every label must be one of them. */
    public Builder orderedClasses(List<String> bestFirst) {
      return classes(bestFirst, true);
    }

    /**
     * Declares the classes in display order; every label must be one of them.
     *
     * @param ordered whether the order is a ranking (best first), so moves are up- or downgrades
     */
    public Builder classes(List<String> classes, boolean ordered) {
      List<String> copy = List.copyOf(classes);
      if (new LinkedHashSet<>(copy).size() != copy.size()) {
        throw new IllegalArgumentException("classes: " + copy + " has a class twice");
      }
      this.classOrder = copy;
      this.ordered = ordered;
      return this;
    }

    /** Attaches the strategy's report (a Jackson-serialisable value). */
    public Builder report(Object report) {
      this.report = report;
      return this;
    }

    public ScoreTable build() {
      if (labels == null) {
        throw new IllegalStateException("labels(...) was not called: every customer needs a class");
      }
      if (classOrder != null) {
        Set<String> allowed = Set.copyOf(classOrder);
        for (int i = 0; i < labels.length; i++) {
          if (!allowed.contains(labels[i])) {
            throw new IllegalArgumentException(
                "labels: customer '" + ids[i] + "' has class '" + labels[i]
                    + "', which is not one of " + classOrder);
          }
        }
      }
      return new ScoreTable(this);
    }

    private void checkColumn(String name, double[] values) {
      requireNonNull(values, name);
      if (values.length != ids.length) {
        throw new IllegalArgumentException(
            name + ": " + values.length + " values for " + ids.length + " customers");
      }
      checkName(name);
    }

    private void checkName(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("column name: must not be blank");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("column name '" + name + "' is used twice: scores,"
            + " explanations, the class column and customer_id are columns of one table and need"
            + " distinct names");
      }
    }
  }
}
