package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, columnar log of purchase transactions: one row per transaction, with a
 * dictionary-encoded customer, the day (epoch day), the amount, and optionally a category and a
 * discount share.
 *
 * <p>Rows are stored in primitive arrays (about 16 bytes a row plus the customer dictionary), so
 * ten million rows fit in a few hundred megabytes. Customer indexes run from 0 to {@link
 * #customerCount()} - 1 in order of first appearance.
 *
 * <pre>{@code
 * TransactionLog log = TransactionLog.builder()
 *     .add("C1", LocalDate.of(2024, 1, 5), 120.00)
 *     .add("C2", LocalDate.of(2024, 2, 1), 35.50, "books", 0.10)
 *     .build();
 * double first = log.amount(0); // 120.0
 * }</pre>
 *
 * <p>Read one from CSV with {@link TransactionLogCsv#read(java.nio.file.Path)}.
 */
public final class TransactionLog {

  /** Returned by {@link #category(int)} for a row without a category. */
  public static final int NO_CATEGORY = -1;

  /** Returned by {@link #amountScale()} when the amounts have no common decimal scale. */
  public static final int UNKNOWN_SCALE = -1;

  /** Amount scales above this are treated as unknown: they are not money. */
  static final int MAX_SCALE = 9;

  final String[] customerIds;
  final int[] customer;
  final int[] day;
  final double[] amount;
  final String[] categoryNames;
  final int @Nullable [] category; // null when the log has no categories
  final double @Nullable [] discountShare; // null when the log has no discount shares
  private final int amountScale;

  TransactionLog(
      String[] customerIds,
      int[] customer,
      int[] day,
      double[] amount,
      String[] categoryNames,
      int[] category,
      double[] discountShare,
      int amountScale) {
    this.customerIds = customerIds;
    this.customer = customer;
    this.day = day;
    this.amount = amount;
    this.categoryNames = categoryNames;
    this.category = category;
    this.discountShare = discountShare;
    this.amountScale = amountScale;
  }

  /** A builder for a log in memory (for example from a host application's purchases). */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of rows (transactions). */
  public int size() {
    return day.length;
  }

  /** The number of distinct customers. */
  public int customerCount() {
    return customerIds.length;
  }

  /** The id of the customer with the given index (0 to {@code customerCount() - 1}). */
  public String customerId(int customerIndex) {
    return customerIds[customerIndex];
  }

  /** The customer index of a row. */
  public int customerIndex(int row) {
    return customer[row];
  }

  /** The day of a row, as an epoch day ({@link LocalDate#toEpochDay()}). */
  public int day(int row) {
    return day[row];
  }

  /** The amount of a row (negative for a net return). */
  public double amount(int row) {
    return amount[row];
  }

  /** Whether the log has a category column. */
  public boolean hasCategories() {
    return category != null;
  }

  /** The number of distinct categories (0 when the log has none). */
  public int categoryCount() {
    return categoryNames.length;
  }

  /** The name of a category index (0 to {@code categoryCount() - 1}). */
  public String categoryName(int categoryIndex) {
    return categoryNames[categoryIndex];
  }

  /** The category index of a row, or {@link #NO_CATEGORY} when it has none. */
  public int category(int row) {
    return category == null ? NO_CATEGORY : category[row];
  }

  /** Whether the log has a discount-share column. */
  public boolean hasDiscountShares() {
    return discountShare != null;
  }

  /**
   * The share of the list price given as discount on a row (0 to 1), or {@code NaN} when the row
   * has none.
   */
  public double discountShare(int row) {
    return discountShare == null ? Double.NaN : discountShare[row];
  }

  /**
   * The largest number of decimal places of any amount (2 for cents), or {@link #UNKNOWN_SCALE}.
   * Sums of such amounts are exact at this scale, which lets summaries remove floating-point
   * noise from their totals.
   */
  public int amountScale() {
    return amountScale;
  }

  @Override
  public String toString() {
    return "TransactionLog[" + size() + " rows, " + customerCount() + " customers]";
  }

  /**
   * Builds a {@link TransactionLog}; each call checks its arguments at once.
   *
   * <p>Not thread-safe. {@link #build()} may be called once.
   */
  public static final class Builder {
    private final Map<String, Integer> customers = new HashMap<>();
    private String[] ids = new String[16];
    private final Map<String, Integer> categories = new HashMap<>();
    private String[] categoryNames = new String[4];
    private int[] customer = new int[16];
    private int[] day = new int[16];
    private double[] amount = new double[16];
    private int[] category; // allocated at the first row with a category
    private double[] discount; // allocated at the first row with a discount share
    private int rows;
    private int scale;
    private boolean built;

    private Builder() {}

    /** Adds a transaction on a date. */
    public Builder add(String customerId, LocalDate date, double amount) {
      requireNonNull(date, "date");
      return add(customerId, date.toEpochDay(), amount, null, Double.NaN);
    }

    /** Adds a transaction with a category (or null) and a discount share (or NaN). */
    public Builder add(
        String customerId, LocalDate date, double amount, @Nullable String category,
        double discountShare) {
      requireNonNull(date, "date");
      return add(customerId, date.toEpochDay(), amount, category, discountShare);
    }

    /** Adds a transaction on an epoch day. */
    public Builder add(String customerId, long epochDay, double amount) {
      return add(customerId, epochDay, amount, null, Double.NaN);
    }

    /**
     * Adds a transaction.
     *
     * @param category the category, or null for none
     * @param discountShare the discount share in [0, 1], or NaN for none
     * @throws IllegalArgumentException naming the bad argument and its value
     */
    public Builder add(
        String customerId, long epochDay, double amount, String category, double discountShare) {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      requireNonNull(customerId, "customerId");
      if (customerId.isEmpty()) {
        throw new IllegalArgumentException("customerId: must not be empty");
      }
      if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("epochDay: " + epochDay + " is out of range");
      }
      if (!Double.isFinite(amount)) {
        throw new IllegalArgumentException(
            "amount: " + amount + " for customer '" + customerId + "' is not a finite number");
      }
      if (!Double.isNaN(discountShare) && !(discountShare >= 0 && discountShare <= 1)) {
        throw new IllegalArgumentException(
            "discountShare: " + discountShare + " is not in [0, 1]");
      }
      if (category != null && category.isEmpty()) {
        throw new IllegalArgumentException("category: must be null or non-empty");
      }
      if (rows == day.length) {
        int capacity = rows + (rows >> 1) + 16;
        customer = Arrays.copyOf(customer, capacity);
        day = Arrays.copyOf(day, capacity);
        this.amount = Arrays.copyOf(this.amount, capacity);
        if (this.category != null) {
          this.category = Arrays.copyOf(this.category, capacity);
        }
        if (discount != null) {
          discount = Arrays.copyOf(discount, capacity);
        }
      }
      Integer index = customers.get(customerId);
      if (index == null) {
        index = customers.size();
        customers.put(customerId, index);
        if (index == ids.length) {
          ids = Arrays.copyOf(ids, index * 2);
        }
        ids[index] = customerId;
      }
      customer[rows] = index;
      day[rows] = (int) epochDay;
      this.amount[rows] = amount;
      if (category != null) {
        if (this.category == null) {
          this.category = new int[day.length];
          Arrays.fill(this.category, 0, rows, NO_CATEGORY);
        }
        Integer c = categories.get(category);
        if (c == null) {
          c = categories.size();
          categories.put(category, c);
          if (c == categoryNames.length) {
            categoryNames = Arrays.copyOf(categoryNames, c * 2);
          }
          categoryNames[c] = category;
        }
        this.category[rows] = c;
      } else if (this.category != null) {
        this.category[rows] = NO_CATEGORY;
      }
      if (!Double.isNaN(discountShare)) {
        if (discount == null) {
          discount = new double[day.length];
          Arrays.fill(discount, 0, rows, Double.NaN);
        }
        discount[rows] = discountShare;
      } else if (discount != null) {
        discount[rows] = Double.NaN;
      }
      if (scale != UNKNOWN_SCALE) {
        int s = Math.max(0, BigDecimal.valueOf(amount).stripTrailingZeros().scale());
        scale = s > MAX_SCALE ? UNKNOWN_SCALE : Math.max(scale, s);
      }
      rows++;
      return this;
    }

    /** The log of the rows added so far. */
    public TransactionLog build() {
      if (built) {
        throw new IllegalStateException("build() was already called");
      }
      built = true;
      return new TransactionLog(
          Arrays.copyOf(ids, customers.size()),
          Arrays.copyOf(customer, rows),
          Arrays.copyOf(day, rows),
          Arrays.copyOf(amount, rows),
          Arrays.copyOf(categoryNames, categories.size()),
          category == null ? null : Arrays.copyOf(category, rows),
          discount == null ? null : Arrays.copyOf(discount, rows),
          scale);
    }
  }
}
