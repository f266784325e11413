package dev.crmkit.spark;

import java.util.Optional;

/**
 * Which columns of a transactions DataFrame hold the customer id, the date, the amount and,
 * optionally, the category and the discount share.
 *
 * <p>Accepted column types: customer id string, integer or long (numbers become their decimal
 * text); date a {@code DateType} or an ISO {@code yyyy-MM-dd} string; amount and discount share
 * any numeric type; category a string. A null in a required column, or an unparsable date, stops
 * the job with an error naming the column, the value and the customer.
 *
 * <pre>{@code
 * TransactionColumns columns = TransactionColumns.of("cust", "order_date", "net_amount")
 *     .withCategory("department");
 * }</pre>
 *
 * @param customerId the customer id column
 * @param date the date column
 * @param amount the amount column (negative for a net return)
 * @param category the category column, if any (a null value means none)
 * @param discountShare the discount share column, if any (a null value means none)
 */
public record TransactionColumns(
    String customerId, String date, String amount, Optional<String> category, Optional<String> discountShare) {

  public TransactionColumns {
    check("customerId", customerId);
    check("date", date);
    check("amount", amount);
    if (category == null || discountShare == null) {
      throw new IllegalArgumentException("category and discountShare must be Optional, not null");
    }
    category.ifPresent(c -> check("category", c));
    discountShare.ifPresent(c -> check("discountShare", c));
  }

  /** The three required columns; no category, no discount share. */
  public static TransactionColumns of(String customerId, String date, String amount) {
    return new TransactionColumns(customerId, date, amount, Optional.empty(), Optional.empty());
  }

  /** The columns {@code customer_id}, {@code date}, {@code amount}, as in crm-scoring's CSV. */
  public static TransactionColumns defaults() {
    return of("customer_id", "date", "amount");
  }

  /** These columns with a category column. */
  public TransactionColumns withCategory(String column) {
    return new TransactionColumns(customerId, date, amount, Optional.of(column), discountShare);
  }

  /** These columns with a discount share column. */
  public TransactionColumns withDiscountShare(String column) {
    return new TransactionColumns(customerId, date, amount, category, Optional.of(column));
  }

  private static void check(String field, String column) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException(field + ": a column name is required, got '" + column + "'");
    }
  }
}
