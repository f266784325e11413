package dev.crmkit.scoring.table;

import dev.crmkit.scoring.base.ScoringException;
import org.jspecify.annotations.Nullable;

/**
 * A row of an input file that cannot be read: names the file, the line, the field, the value
 * and the text of the line. A {@link ScoringException}.
 *
 * <pre>{@code
 * try {
 *   TransactionLogCsv.read(path);
 * } catch (MalformedRowException e) {
 *   System.err.println(e.getMessage()); // tx.csv line 17: field 'date': '2024-13-01' is not ...
 * }
 * }</pre>
 */
public final class MalformedRowException extends ScoringException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String field;
  private final String value;
  private final String problem;
  private final String lineText;

  public MalformedRowException(
      String source, long line, String field, String value, String problem, String lineText) {
    super(message(source, line, field, value, problem, lineText));
    this.source = source;
    this.line = line;
    this.field = field;
    this.value = value;
    this.problem = problem;
    this.lineText = lineText;
  }

  private static String message(
      String source, long line, @Nullable String field, @Nullable String value, String problem,
      @Nullable String lineText) {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(" line ").append(line).append(": ");
    if (field != null) {
      sb.append("field '").append(field).append("': ");
    }
    if (value != null) {
      sb.append('\'').append(value).append("' ");
    }
    sb.append(problem);
    if (lineText != null) {
      sb.append(" in \"").append(lineText).append('"');
    }
    return sb.toString();
  }

  /** The file (or other source) the row came from. */
  public String source() {
    return source;
  }

  /** The 1-based line number in the file (the header is line 1). */
  public long line() {
    return line;
  }

  /** The column whose value is bad, or null when the problem is with the whole line. */
  public @Nullable String field() {
    return field;
  }

  /** The bad value as written, or null when the field is missing. */
  public @Nullable String value() {
    return value;
  }

  /** What is wrong and what was expected. */
  public String problem() {
    return problem;
  }

  /** The text of the line (shortened when very long). */
  public String lineText() {
    return lineText;
  }
}
