package dev.crmkit.cli;

import dev.crmkit.scoring.table.CsvFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A summary CSV read by header name ({@code frequency, recency, T, ...}): the input of {@code crm
 * clv}. Every value is checked as it is read, and an error names the file, the line, the column,
 * the value and the reason.
 */
final class SummaryCsv {

  final Path path;
  final List<String> ids = new ArrayList<>();
  final Map<String, double[]> columns = new HashMap<>();
  final List<Integer> lines = new ArrayList<>();
  private SummaryCsv(Path path) {
    this.path = path;
  }

  int size() {
    return ids.size();
  }

  double[] column(String name) {
    return columns.get(name);
  }

  /**
   * Reads the required numeric columns and those optional ones that are present; the customer id
   * is the {@code customer_id} column or, without one, the row number (1-based).
   */
  static SummaryCsv read(Path path, List<String> required, List<String> optional) {
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new IllegalArgumentException(path + ": the file is empty; expected a header with "
            + String.join(",", required));
      }
      List<String> names = CsvFields.split(path.toString(), 1, stripBom(header));
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        index.putIfAbsent(names.get(i).strip(), i);
      }
      for (String name : required) {
        if (!index.containsKey(name)) {
          throw new IllegalArgumentException(path + " line 1: the header has no column '" + name
              + "' (found " + String.join(",", names) + ")");
        }
      }
      List<String> wanted = new ArrayList<>(required);
      for (String name : optional) {
        if (index.containsKey(name)) {
          wanted.add(name);
        }
      }
      Integer idColumn = index.get("customer_id");
      SummaryCsv csv = new SummaryCsv(path);
      List<double[]> rows = new ArrayList<>();
      String text;
      int line = 1;
      while ((text = in.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        List<String> fields = CsvFields.split(path.toString(), line, text);
        if (fields.size() < names.size()) {
          throw new IllegalArgumentException(path + " line " + line + ": " + fields.size()
              + " fields where the header has " + names.size());
        }
        double[] row = new double[wanted.size()];
        for (int k = 0; k < wanted.size(); k++) {
          String name = wanted.get(k);
          String value = fields.get(index.get(name)).strip();
          row[k] = number(path, line, name, value);
        }
        String id = idColumn == null ? Integer.toString(rows.size() + 1) : fields.get(idColumn);
        if (idColumn != null && id.isBlank()) {
          throw new IllegalArgumentException(path + " line " + line + ": customer_id is empty");
        }
        csv.ids.add(id);
        csv.lines.add(line);
        rows.add(row);
      }
      for (int k = 0; k < wanted.size(); k++) {
        double[] column = new double[rows.size()];
        for (int i = 0; i < column.length; i++) {
          column[i] = rows.get(i)[k];
        }
        csv.columns.put(wanted.get(k), column);
      }
      return csv;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(path + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  /** The line a row came from, for error messages. */
  String where(int row) {
    return path + " line " + lines.get(row);
  }

  private static double number(Path path, int line, String name, String value) {
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + " line " + line + ": " + name + " '" + value + "' is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(path + " line " + line + ": " + name + " '" + value + "' is not finite");
    }
    if (v < 0) {
      throw new IllegalArgumentException(path + " line " + line + ": " + name + " " + value + " is negative");
    }
    return v;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }


  /** A number as CSV text: whole numbers without a fraction, others in full precision. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
