package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-customer values that transactions do not give: the population (organization or
 * individual), margin, CLV, social influence, credit, growth potential, buying power... Text
 * columns; strategies read a column as numbers through {@link CustomerSummary#metric(String)}.
 * An empty value is missing.
 *
 * <pre>{@code
 * CustomerAttributes attributes = CustomerAttributes.builder("population", "credit")
 *     .add("C1", "organization", "80")
 *     .build();
 * CustomerSummary withAttributes = summary.withAttributes(attributes);
 * }</pre>
 *
 * <p>CSV form: a header {@code customer_id,<column>,...}, one row per customer.
 */
public final class CustomerAttributes implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final String[] ids;
  private final List<String> columns;
  private final String[][] values; // [column][row]; null = missing
  private final Map<String, Integer> index;

  private CustomerAttributes(String[] ids, List<String> columns, String[][] values) {
    this.ids = ids;
    this.columns = columns;
    this.values = values;
    this.index = new HashMap<>(ids.length * 4 / 3 + 1);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
  }

  /** A builder for a table with these columns (besides the customer id). */
  public static Builder builder(String... columns) {
    return new Builder(List.of(columns));
  }

  /**
   * Reads a CSV file: a header {@code customer_id,<column>,...}, then one row per customer.
   *
   * @throws MalformedRowException naming the line for a row with the wrong number of fields, an
   *     empty or repeated customer id
   */
  public static CustomerAttributes readCsv(Path path) {
    requireNonNull(path, "path");
    String source = path.toString();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String header = CsvFields.header(source, in.readLine(), "customer_id,<column>,...");
      List<String> names = CsvFields.split(source, 1, header);
      if (!names.get(0).strip().toLowerCase(Locale.ROOT).equals(TransactionLogCsv.CUSTOMER_ID)) {
        throw new MalformedRowException(
            source, 1, TransactionLogCsv.CUSTOMER_ID, null, "must be the first column", header);
      }
      List<String> columns = new ArrayList<>();
      for (String name : names.subList(1, names.size())) {
        columns.add(name.strip());
      }
      Builder builder = new Builder(columns);
      long line = 1;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        List<String> fields = CsvFields.split(source, line, text);
        if (fields.size() != names.size()) {
          throw new MalformedRowException(
              source, line, null, null,
              "has " + fields.size() + " fields; the header has " + names.size(), text);
        }
        try {
          builder.add(fields.get(0), fields.subList(1, fields.size()).toArray(new String[0]));
        } catch (IllegalArgumentException e) {
          throw new MalformedRowException(
              source, line, TransactionLogCsv.CUSTOMER_ID, fields.get(0), e.getMessage(), text);
        }
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  public int size() {
    return ids.length;
  }

  public List<String> columns() {
    return columns;
  }

  public String customerId(int row) {
    return ids[row];
  }

  /** The row of a customer, or -1. */
  public int indexOf(String customerId) {
    Integer i = index.get(customerId);
    return i == null ? -1 : i;
  }

  /** The value, or null when missing. */
  public @Nullable String value(int row, String column) {
    return values[column(column)][row];
  }

  int column(String column) {
    int k = columns.indexOf(column);
    if (k < 0) {
      throw new IllegalArgumentException(
          "attribute column '" + column + "' does not exist; the columns are " + columns);
    }
    return k;
  }

  String value(int row, int column) {
    return values[column][row];
  }

  /** Builds a {@link CustomerAttributes}; each call checks its arguments at once. */
  public static final class Builder {
    private final List<String> columns;
    private final List<String> ids = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, Integer> seen = new HashMap<>();

    private Builder(List<String> columns) {
      for (String c : columns) {
        if (c == null || c.isBlank()) {
          throw new IllegalArgumentException("columns: a column name is blank");
        }
      }
      if (new LinkedHashSet<>(columns).size() != columns.size()) {
        throw new IllegalArgumentException("columns: " + columns + " has a name twice");
      }
      if (columns.contains(TransactionLogCsv.CUSTOMER_ID)) {
        throw new IllegalArgumentException("columns: customer_id is the key, not a column");
      }
      this.columns = List.copyOf(columns);
    }

    /** Adds a customer's values, one per column; null or empty means missing. */
    public Builder add(String customerId, String... values) {
      requireNonNull(customerId, "customerId");
      if (customerId.isEmpty()) {
        throw new IllegalArgumentException("is empty");
      }
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(
            "customer '" + customerId + "' has " + values.length + " values for " + columns.size()
                + " columns " + columns);
      }
      if (seen.putIfAbsent(customerId, ids.size()) != null) {
        throw new IllegalArgumentException("customer '" + customerId + "' appears twice");
      }
      String[] row = Arrays.copyOf(values, values.length);
      for (int i = 0; i < row.length; i++) {
        if (row[i] != null && row[i].isEmpty()) {
          row[i] = null;
        }
      }
      ids.add(customerId);
      rows.add(row);
      return this;
    }

    public CustomerAttributes build() {
      String[][] values = new String[columns.size()][ids.size()];
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < columns.size(); c++) {
          values[c][r] = rows.get(r)[c];
        }
      }
      return new CustomerAttributes(ids.toArray(new String[0]), columns, values);
    }
  }
}
