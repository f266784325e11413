package dev.crmkit.scoring.table;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of a small CSV file split into fields, and a field quoted for writing: the rules every
 * CSV reader and writer of crmkit shares (comma separated; a field may be quoted, with {@code ""}
 * for a quote inside; a quoted field cannot span lines). The transaction log has its own
 * byte-level parser for speed; this is for attribute, buying-power, interaction and summary files.
 *
 * <pre>{@code
 * List<String> fields = CsvFields.split("a.csv", 2, "C1,\"Smith, J.\",3");  // [C1, Smith, J., 3]
 * String text = CsvFields.quote("Smith, J.");                              // "Smith, J." in quotes
 * }</pre>
 */
public final class CsvFields {

  private CsvFields() {}

  /**
   * Splits one line into its fields.
   *
   * @param source the file name, for the error
   * @param line the line number, for the error
   * @throws MalformedRowException when a quoted field is not closed
   */
  public static List<String> split(String source, long line, String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new MalformedRowException(source, line, null, null, "has a quote that is not closed", text);
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * The first line of a file as a header: without a leading byte-order mark.
   *
   * @param firstLine the line read, or null for an empty file
   * @param expected what the header should name, for the error
   * @throws MalformedRowException on line 1 when the file is empty or the line blank
   */
  public static String header(String source, @Nullable String firstLine, String expected) {
    if (firstLine == null || firstLine.isBlank()) {
      throw new MalformedRowException(source, 1, null, null, "is empty; expected a header " + expected, null);
    }
    return firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine;
  }

  /** The text as a CSV field: in quotes (inner quotes doubled) when it holds a comma, a quote or a line break. */
  public static String quote(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return '"' + text.replace("\"", "\"\"") + '"';
      }
    }
    return text;
  }
}
