package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * An immutable, columnar log of customer interactions (contacts, complaints, suggestions...):
 * one row per interaction, with the customer id and the day. {@link CustomerSummary} counts
 * them per customer.
 *
 * <pre>{@code
 * InteractionLog interactions = InteractionLog.builder()
 *     .add("C1", LocalDate.of(2024, 1, 9))
 *     .build();
 * }</pre>
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
