package dev.crmkit.scoring.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Time-invariant covariates of the customers, one row per customer: named source columns turned
 * into a numeric design matrix. A numeric column is one design column, as given; a categorical
 * column with k levels is k - 1 dummy columns {@code name=level} (1 for a customer at that level,
 * else 0), the reference level (all dummies 0) being the first level in sorted order, or the
 * first of the levels given.
 *
 * <pre>{@code
 * Covariates z = Covariates.builder()
 *     .numeric("age", new double[] {34, 51, 27})
 *     .categorical("channel", List.of("web", "shop", "web"))
 *     .build();
 * z.names();                       // [age, channel=web]: channel=shop is the reference
 * }</pre>
 */
public final class Covariates implements java.io.Serializable {

  /**
   * A source column and how it is coded: numeric (no levels) or categorical with its levels, the
   * first being the reference.
   *
   * @param name the column's name
   * @param levels empty for a numeric column; else every level, the reference first
   */
  public record Column(String name, List<String> levels) implements java.io.Serializable {
    public Column {
      Objects.requireNonNull(name, "name");
      levels = List.copyOf(levels);
    }

    public boolean categorical() {
      return !levels.isEmpty();
    }

    /** The level all of whose dummies are 0 (categorical columns only). */
    public String reference() {
      if (levels.isEmpty()) {
        throw new IllegalStateException("covariate " + name + " is numeric: it has no reference level");
      }
      return levels.get(0);
    }
  }

  private final List<Column> columns;
  private final List<String> names;
  /** The design column each design name comes from (index into columns). */
  private final int[] source;
  private final double[][] rows;

  private Covariates(List<Column> columns, List<String> names, int[] source, double[][] rows) {
    this.columns = List.copyOf(columns);
    this.names = List.copyOf(names);
    this.source = source;
    this.rows = rows;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The number of customers (rows). */
  public int size() {
    return rows.length;
  }

  /** The names of the design columns: numeric columns by name, dummies as {@code name=level}. */
  public List<String> names() {
    return names;
  }

  /** The source columns in the order added, with their coding. */
  public List<Column> columns() {
    return columns;
  }

  /** The design matrix entry of a customer (row) and a design column. */
  public double value(int row, int column) {
    return rows[row][column];
  }

  /** A row of the design matrix, shared: not to be changed. */
  double[] row(int i) {
    return rows[i];
  }

  /**
   * Fails when a design column is the same for every customer: its coefficient and the model's
   * own scale parameter cannot be told apart.
   */
  void checkIdentified() {
    if (rows.length == 0) {
      throw new IllegalArgumentException("covariates: no customers");
    }
    for (Column c : columns) {
      if (c.levels().size() == 1) {
        throw new IllegalArgumentException("covariate " + c.name() + ": every customer has level '"
            + cut(c.levels().get(0)) + "'; a column that never varies is not identified; leave it out");
      }
    }
    for (int k = 0; k < names.size(); k++) {
      double first = rows[0][k];
      boolean constant = true;
      for (double[] row : rows) {
        if (row[k] != first) {
          constant = false;
          break;
        }
      }
      if (!constant) {
        continue;
      }
      Column c = columns.get(source[k]);
      if (!c.categorical()) {
        throw new IllegalArgumentException("covariate " + c.name() + " is " + first + " for every customer:"
            + " a constant is not identified (the model's alpha, beta, a and b already hold it); leave it out");
      }
      String level = names.get(k).substring(c.name().length() + 1);
      throw new IllegalArgumentException("covariate " + c.name() + (first == 0 ? ": no customer has level '"
          + cut(level) + "'" : ": every customer has level '" + cut(level) + "'")
          + "; a level that never varies is not identified; leave the column out or merge the level");
    }
  }

  /** Means and standard deviations of the design columns (the fit standardises with them). */
  double[][] moments() {
    int k = names.size();
    double[] mean = new double[k];
    double[] sd = new double[k];
    for (double[] row : rows) {
      for (int j = 0; j < k; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < k; j++) {
      mean[j] /= rows.length;
    }
    for (double[] row : rows) {
      for (int j = 0; j < k; j++) {
        double d = row[j] - mean[j];
        sd[j] += d * d;
      }
    }
    for (int j = 0; j < k; j++) {
      sd[j] = Math.sqrt(sd[j] / rows.length);
    }
    return new double[][] {mean, sd};
  }

  static String cut(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }

  /** Columns added one at a time; {@link #build} checks that they have the same number of rows. */
  public static final class Builder {
    private final List<Column> columns = new ArrayList<>();
    private final List<double[]> numeric = new ArrayList<>();
    private final List<int[]> codes = new ArrayList<>();
    private int size = -1;
    private @Nullable String first;

    private Builder() {}

    /**
     * A numeric column, used as given.
     *
     * @throws IllegalArgumentException naming the column and the row of a missing (NaN) or
     *     infinite value, a repeated name, or a row count that differs from the first column's
     */
    public Builder numeric(String name, double[] values) {
      checkName(name, values.length);
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException("covariate " + name + ", row " + i + ": "
              + (Double.isNaN(values[i]) ? "missing value (NaN)" : "value " + values[i] + " is not finite"));
        }
      }
      columns.add(new Column(name, List.of()));
      numeric.add(values.clone());
      codes.add(new int[0]);
      return this;
    }

    /**
     * A categorical column: its levels are the distinct values in sorted order, the first being
     * the reference.
     *
     * @throws IllegalArgumentException naming the column and the row of a missing (null or
     *     blank) value, a repeated name, or a row count that differs from the first column's
     */
    public Builder categorical(String name, List<String> values) {
      checkValues(name, values);
      return categorical(name, values, List.copyOf(new TreeSet<>(values)));
    }

    /**
     * A categorical column with the levels given, the first being the reference (as a fit
     * recorded them, so that new customers are coded as the fitted ones were).
     *
     * @throws IllegalArgumentException as {@link #categorical(String, List)}, and for a value
     *     that is not one of the levels or levels that repeat
     */
    public Builder categorical(String name, List<String> values, List<String> levels) {
      checkName(name, values.size());
      checkValues(name, values);
      if (levels.isEmpty() || new TreeSet<>(levels).size() != levels.size()) {
        throw new IllegalArgumentException("covariate " + name + ": levels must be distinct and not empty, got "
            + levels);
      }
      int[] code = new int[values.size()];
      for (int i = 0; i < code.length; i++) {
        code[i] = levels.indexOf(values.get(i));
        if (code[i] < 0) {
          throw new IllegalArgumentException("covariate " + name + ", row " + i + ": level '" + cut(values.get(i))
              + "' is not one of " + levels);
        }
      }
      columns.add(new Column(name, levels));
      numeric.add(new double[0]);
      codes.add(code);
      return this;
    }

    private static void checkValues(String name, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException("covariate " + name + ", row " + i + ": missing value");
        }
      }
    }

    private void checkName(String name, int rows) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a covariate needs a name, got '" + name + "'");
      }
      for (Column c : columns) {
        if (c.name().equals(name)) {
          throw new IllegalArgumentException("covariate " + name + " is given twice");
        }
      }
      if (size >= 0 && rows != size) {
        throw new IllegalArgumentException("covariate " + name + " has " + rows + " rows, " + first + " has "
            + size + ": every column needs one value per customer");
      }
      if (size < 0) {
        size = rows;
        first = name;
      }
    }

    /**
     * The covariates.
     *
     * @throws IllegalArgumentException when no column was added
     */
    public Covariates build() {
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("covariates: no column was added");
      }
      List<String> names = new ArrayList<>();
      List<Integer> source = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        if (!column.categorical()) {
          names.add(column.name());
          source.add(c);
        }
        for (int l = 1; l < column.levels().size(); l++) {
          names.add(column.name() + "=" + column.levels().get(l));
          source.add(c);
        }
      }
      double[][] rows = new double[size][names.size()];
      for (int i = 0; i < size; i++) {
        int k = 0;
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          if (!column.categorical()) {
            rows[i][k++] = numeric.get(c)[i];
            continue;
          }
          int code = codes.get(c)[i];
          for (int l = 1; l < column.levels().size(); l++) {
            rows[i][k++] = code == l ? 1 : 0;
          }
        }
      }
      int[] src = source.stream().mapToInt(Integer::intValue).toArray();
      return new Covariates(columns, Collections.unmodifiableList(names), src, rows);
    }
  }

  @Override
  public String toString() {
    return "Covariates" + names + " of " + rows.length + " customers";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Covariates other && columns.equals(other.columns) && Arrays.deepEquals(rows, other.rows);
  }

  @Override
  public int hashCode() {
    return 31 * columns.hashCode() + rows.length;
  }
}
