package dev.crmkit.cli;

import dev.crmkit.scoring.clv.CbsRows;
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
  final List<String> ids;
  final Map<String, double[]> columns = new HashMap<>();
  /** Columns read as text (covariates), values stripped. */
  final Map<String, List<String>> texts = new HashMap<>();
  private int[] lines = new int[1024];
  private int size;

  private SummaryCsv(Path path) {
    this.path = path;
    this.ids = new IdList();
  }

  int size() {
    return size;
  }

  double[] column(String name) {
    return columns.get(name);
  }

  /** The ids, made into strings when asked for (most fits never ask). */
  private final class IdList extends java.util.AbstractList<String> {
    @Override
    public String get(int i) {
      java.util.Objects.checkIndex(i, size);
      if (idBytes == null) {
        return Integer.toString(i + 1);
      }
      String id = new String(idBytes, idStart[i], idEnd[i] - idStart[i], StandardCharsets.UTF_8);
      return idQuoted[i] ? CsvFields.split(path.toString(), lines[i], id).get(idColumn) : id;
    }

    @Override
    public int size() {
      return size;
    }
  }

  private byte[] idBytes; // the file, when it has a customer_id column
  private int[] idStart = new int[0];
  private int[] idEnd = new int[0];
  private boolean[] idQuoted = new boolean[0];

  /**
   * Reads the required numeric columns and those optional ones that are present; the customer id
   * is the {@code customer_id} column or, without one, the row number (1-based).
   *
   * <p>The file is read at once and parsed as bytes; a line with a quote goes through {@link
   * CsvFields#split}.
   */
  static SummaryCsv read(Path path, List<String> required, List<String> optional) {
    return read(path, required, optional, List.of());
  }

  /**
   * As {@link #read(Path, List, List)}, and the {@code text} columns (required) kept as their
   * stripped text, unchecked: the covariates, whose type the caller decides.
   */
  static SummaryCsv read(Path path, List<String> required, List<String> optional, List<String> text) {
    byte[] b;
    try {
      b = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(path + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
    int p = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      p = 3;
    }
    int headerEnd = lineEnd(b, p);
    if (headerEnd == p && headerEnd >= b.length) {
      throw new IllegalArgumentException(path + ": the file is empty; expected a header with "
          + String.join(",", required));
    }
    String header = new String(b, p, trimCr(b, p, headerEnd) - p, StandardCharsets.UTF_8);
    List<String> names = CsvFields.split(path.toString(), 1, header);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i).strip(), i);
    }
    List<String> needed = new ArrayList<>(required);
    needed.addAll(text);
    for (String name : needed) {
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
    int fieldCount = names.size();
    // the wanted column of each field, -1 for none
    int[] want = new int[fieldCount];
    java.util.Arrays.fill(want, -1);
    for (int k = 0; k < wanted.size(); k++) {
      want[index.get(wanted.get(k))] = k;
    }
    int[] wantText = new int[fieldCount];
    java.util.Arrays.fill(wantText, -1);
    for (int k = 0; k < text.size(); k++) {
      wantText[index.get(text.get(k))] = k;
    }
    int idCol = idColumn == null ? -1 : idColumn;
    SummaryCsv csv = new SummaryCsv(path);
    if (idCol >= 0) {
      csv.idBytes = b;
      csv.idColumn = idCol;
    }
    int capacity = Math.max(16, b.length / 24);
    double[][] values = new double[wanted.size()][capacity];
    String[][] strings = new String[text.size()][capacity];
    csv.lines = new int[capacity];
    if (idCol >= 0) {
      csv.idStart = new int[capacity];
      csv.idEnd = new int[capacity];
      csv.idQuoted = new boolean[capacity];
    }
    int line = 1;
    p = headerEnd + 1;
    int n = 0;
    while (p < b.length) {
      int end = lineEnd(b, p);
      line++;
      int e = trimCr(b, p, end);
      if (blank(b, p, e)) {
        p = end + 1;
        continue;
      }
      if (n == csv.lines.length) {
        int next = n + (n >> 1) + 16;
        for (int k = 0; k < values.length; k++) {
          values[k] = java.util.Arrays.copyOf(values[k], next);
        }
        for (int k = 0; k < strings.length; k++) {
          strings[k] = java.util.Arrays.copyOf(strings[k], next);
        }
        csv.lines = java.util.Arrays.copyOf(csv.lines, next);
        if (idCol >= 0) {
          csv.idStart = java.util.Arrays.copyOf(csv.idStart, next);
          csv.idEnd = java.util.Arrays.copyOf(csv.idEnd, next);
          csv.idQuoted = java.util.Arrays.copyOf(csv.idQuoted, next);
        }
      }
      if (indexOf(b, p, e, (byte) '"') >= 0) {
        // quoted fields: the general splitter
        List<String> fields = CsvFields.split(path.toString(), line, new String(b, p, e - p, StandardCharsets.UTF_8));
        if (fields.size() < fieldCount) {
          throw new IllegalArgumentException(path + " line " + line + ": " + fields.size()
              + " fields where the header has " + fieldCount);
        }
        for (int k = 0; k < wanted.size(); k++) {
          values[k][n] = number(path, line, wanted.get(k), fields.get(index.get(wanted.get(k))).strip());
        }
        for (int k = 0; k < text.size(); k++) {
          strings[k][n] = fields.get(index.get(text.get(k))).strip();
        }
        if (idCol >= 0) {
          if (fields.get(idCol).isBlank()) {
            throw new IllegalArgumentException(path + " line " + line + ": customer_id is empty");
          }
          // the whole line: the id is re-split from it when asked for
          csv.idStart[n] = p;
          csv.idEnd[n] = e;
          csv.idQuoted[n] = true;
        }
      } else {
        int f = 0;
        int q = p;
        while (true) {
          int fe = q;
          while (fe < e && b[fe] != ',') {
            fe++;
          }
          if (f < fieldCount) {
            int k = want[f];
            if (k >= 0) {
              values[k][n] = fastNumber(path, line, wanted.get(k), b, q, fe);
            }
            if (wantText[f] >= 0) {
              strings[wantText[f]][n] = new String(b, q, fe - q, StandardCharsets.UTF_8).strip();
            }
            if (f == idCol) {
              if (blank(b, q, fe)) {
                throw new IllegalArgumentException(path + " line " + line + ": customer_id is empty");
              }
              csv.idStart[n] = q;
              csv.idEnd[n] = fe;
            }
          }
          f++;
          if (fe >= e) {
            break;
          }
          q = fe + 1;
        }
        if (f < fieldCount) {
          throw new IllegalArgumentException(path + " line " + line + ": " + f
              + " fields where the header has " + fieldCount);
        }
      }
      csv.lines[n] = line;
      n++;
      p = end + 1;
    }
    csv.size = n;
    for (int k = 0; k < wanted.size(); k++) {
      csv.columns.put(wanted.get(k), java.util.Arrays.copyOf(values[k], n));
    }
    for (int k = 0; k < text.size(); k++) {
      csv.texts.put(text.get(k), java.util.Arrays.asList(java.util.Arrays.copyOf(strings[k], n)));
    }
    return csv;
  }

  private int idColumn = -1;

  /**
   * The fast path of {@code crm clv fit} for the continuous-time models: the file parsed in two
   * halves on two threads, each row checked and counted straight into a table of distinct
   * (frequency, recency, T) triples, so no per-customer array is made and the fit gets its
   * compressed rows directly. Returns null for anything unusual (quotes, a number that is not
   * plain digits, a short line, an empty customer_id, a row the checks refuse): the caller then
   * reads the file with {@link #read} and its checks, which report the line and the reason.
   */
  static CbsRows compressedHistories(Path path) {
    byte[] b;
    try {
      b = Files.readAllBytes(path);
    } catch (IOException e) {
      return null;
    }
    int p = 0;
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      p = 3;
    }
    int headerEnd = lineEnd(b, p);
    String header = new String(b, p, trimCr(b, p, headerEnd) - p, StandardCharsets.UTF_8);
    if (header.indexOf('"') >= 0) {
      return null;
    }
    String[] names = header.split(",", -1);
    int[] col = {-1, -1, -1, -1, -1}; // frequency, recency, T, weights, customer_id
    List<String> wanted = List.of("frequency", "recency", "T", "weights", "customer_id");
    for (int i = names.length - 1; i >= 0; i--) { // the first of duplicate names wins, as in read
      int k = wanted.indexOf(names[i].strip());
      if (k >= 0) {
        col[k] = i;
      }
    }
    if (col[0] < 0 || col[1] < 0 || col[2] < 0) {
      return null;
    }
    int start = headerEnd + 1;
    int mid = Math.min(b.length, Math.max(start, start + (b.length - start) / 2));
    while (mid < b.length && b[mid - 1] != '\n') {
      mid++;
    }
    int split = mid;
    java.util.concurrent.CompletableFuture<CbsRows.Builder> second =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> PlainRows.parse(b, split, b.length, col, names.length));
    CbsRows.Builder first = PlainRows.parse(b, start, split, col, names.length);
    CbsRows.Builder other = second.join();
    if (first == null || other == null || first.added() + other.added() == 0) {
      return null;
    }
    return first.addAll(other).build();
  }

  /** The plain lines of a summary file, merged into distinct rows as they are read. */
  private static final class PlainRows {

    /** The rows of b[from, to), or null when one is anything but plain and valid. */
    static CbsRows.Builder parse(byte[] b, int from, int to, int[] col, int fieldCount) {
      CbsRows.Builder table = new CbsRows.Builder();
      double[] v = new double[4];
      int p = from;
      while (p < to) {
        int end = lineEnd(b, p);
        if (end > to) {
          end = to;
        }
        int e = trimCr(b, p, end);
        if (!blank(b, p, e)) {
          v[3] = 1;
          int f = 0;
          int q = p;
          while (true) {
            int fe = q;
            while (fe < e && b[fe] != ',') {
              if (b[fe] == '"') {
                return null;
              }
              fe++;
            }
            for (int k = 0; k < 4; k++) {
              if (f == col[k]) {
                double value = plain(b, q, fe);
                if (value < 0) {
                  return null;
                }
                v[k] = value;
              }
            }
            if (f == col[4] && blank(b, q, fe)) {
              return null;
            }
            f++;
            if (fe >= e) {
              break;
            }
            q = fe + 1;
          }
          double x = v[0];
          double tx = v[1];
          double t = v[2];
          double w = v[3];
          if (f < fieldCount || x != Math.rint(x) || tx > t || (x == 0 && tx > 0) || w < 1 || w != Math.rint(w)) {
            return null;
          }
          table.add(x, tx, t, w);
        }
        p = end + 1;
      }
      return table;
    }

    /**
     * Digits with at most one point (at most 15 digits), else -1. Both operands of the division
     * are exact doubles: one correctly rounded division, as {@code Double.parseDouble} gives.
     */
    static double plain(byte[] b, int s, int e) {
      long mantissa = 0;
      int digits = 0;
      int fraction = -1;
      for (int i = s; i < e; i++) {
        int c = b[i];
        if (c >= '0' && c <= '9') {
          mantissa = mantissa * 10 + (c - '0');
          if (++digits > 15) {
            return -1;
          }
          if (fraction >= 0) {
            fraction++;
          }
        } else if (c == '.' && fraction < 0) {
          fraction = 0;
        } else {
          return -1;
        }
      }
      if (digits == 0) {
        return -1;
      }
      int f = Math.max(fraction, 0);
      return f == 0 ? mantissa : mantissa / POW10[f];
    }
  }

  private static int lineEnd(byte[] b, int p) {
    int i = indexOf(b, p, b.length, (byte) '\n');
    return i < 0 ? b.length : i;
  }

  private static int trimCr(byte[] b, int p, int e) {
    return e > p && b[e - 1] == '\r' ? e - 1 : e;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /** A plain decimal (digits, at most one point, at most 15 digits) without a string; else slow. */
  private static double fastNumber(Path path, int line, String name, byte[] b, int s, int e) {
    double v = PlainRows.plain(b, s, e);
    if (v >= 0) {
      return v;
    }
    return number(path, line, name, new String(b, s, e - s, StandardCharsets.UTF_8).strip());
  }

  /** The line a row came from, for error messages. */
  String where(int row) {
    return path + " line " + lines[row];
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
