package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An immutable, columnar log of customer interactions (contacts, complaints, suggestions...):
 * one row per interaction, with the customer id and the day. {@link CustomerSummary} counts
 * them per customer.
 *
 * <pre>{@code
 * InteractionLog interactions = InteractionLog.builder()
 *     .add("C1", LocalDate.of(2024, 1, 9))
 *     .build();
 * InteractionLog fromFile = InteractionLog.readCsv(Path.of("interactions.csv"));
 * }</pre>
 *
 * <p>CSV form: a header naming at least {@code customer_id} and {@code date} (ISO {@code
 * yyyy-MM-dd}), in any order and case; other columns are ignored; one row per interaction.
 */
public final class InteractionLog {

  private final String[] customerIds;
  private final int[] days;

  private InteractionLog(String[] customerIds, int[] days) {
    this.customerIds = customerIds;
    this.days = days;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a CSV file of interactions: a header with {@code customer_id} and {@code date} columns
   * (others ignored), then one row per interaction.
   *
   * @throws MalformedRowException naming the file, the line, the field and the value for a
   *     missing column, a row with too few fields, an empty customer id or a bad date
   */
  public static InteractionLog readCsv(Path path) {
    requireNonNull(path, "path");
    String source = path.toString();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String header = CsvFields.header(source, in.readLine(), "with customer_id,date");
      List<String> names = CsvFields.split(source, 1, header);
      int idColumn = column(names, TransactionLogCsv.CUSTOMER_ID, source, header);
      int dateColumn = column(names, "date", source, header);
      int needed = Math.max(idColumn, dateColumn) + 1;
      Builder builder = new Builder();
      long line = 1;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        List<String> fields = CsvFields.split(source, line, text);
        if (fields.size() < needed) {
          throw new MalformedRowException(
              source, line, null, null,
              "has " + fields.size() + " fields; the header has " + names.size(), text);
        }
        String id = fields.get(idColumn).strip();
        if (id.isEmpty()) {
          throw new MalformedRowException(
              source, line, TransactionLogCsv.CUSTOMER_ID, "", "is empty", text);
        }
        String date = fields.get(dateColumn).strip();
        try {
          builder.add(id, LocalDate.parse(date));
        } catch (DateTimeParseException e) {
          throw new MalformedRowException(
              source, line, "date", date, "is not a date (expected yyyy-MM-dd)", text);
        }
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private static int column(List<String> names, String name, String source, String header) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return i;
      }
    }
    throw new MalformedRowException(source, 1, name, null, "is missing from the header", header);
  }

  public int size() {
    return days.length;
  }

  public String customerId(int row) {
    return customerIds[row];
  }

  /** The day of a row, as an epoch day. */
  public int day(int row) {
    return days[row];
  }

  /** Builds an {@link InteractionLog}; each call checks its arguments at once. */
  public static final class Builder {
    private String[] ids = new String[16];
    private int[] days = new int[16];
    private int rows;

    private Builder() {}

    public Builder add(String customerId, LocalDate date) {
      requireNonNull(date, "date");
      return add(customerId, date.toEpochDay());
    }

    public Builder add(String customerId, long epochDay) {
      requireNonNull(customerId, "customerId");
      if (customerId.isEmpty()) {
        throw new IllegalArgumentException("customerId: must not be empty");
      }
      if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("epochDay: " + epochDay + " is out of range");
      }
      if (rows == days.length) {
        ids = Arrays.copyOf(ids, rows * 2);
        days = Arrays.copyOf(days, rows * 2);
      }
      ids[rows] = customerId;
      days[rows] = (int) epochDay;
      rows++;
      return this;
    }

    public InteractionLog build() {
      return new InteractionLog(Arrays.copyOf(ids, rows), Arrays.copyOf(days, rows));
    }
  }
}
