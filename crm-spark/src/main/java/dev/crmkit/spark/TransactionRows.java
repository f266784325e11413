package dev.crmkit.spark;

import dev.crmkit.scoring.table.TransactionLog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the rows of a partition into the library's {@link TransactionLog}, checking each value.
 * The column positions are resolved once on the driver, so this object is all a task needs.
 */
final class TransactionRows implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  // names, not the TransactionColumns record: its Optionals are not serializable
  private final String customerName;
  private final String dateName;
  private final String amountName;
  private final String discountName;
  private final int customer;
  private final int date;
  private final int amount;
  private final int category; // -1 when none
  private final int discount; // -1 when none

  private TransactionRows(TransactionColumns names, StructType schema) {
    this.customerName = names.customerId();
    this.dateName = names.date();
    this.amountName = names.amount();
    this.discountName = names.discountShare().orElse(null);
    this.customer = field(schema, "customerId", customerName,
        t -> t == DataTypes.StringType || t == DataTypes.IntegerType || t == DataTypes.LongType,
        "string, int or bigint");
    this.date = field(schema, "date", dateName,
        t -> t == DataTypes.DateType || t == DataTypes.StringType, "date or an ISO yyyy-MM-dd string");
    this.amount = field(schema, "amount", amountName, t -> t instanceof NumericType, "a numeric type");
    this.category = names.category().map(c -> field(schema, "category", c,
        t -> t == DataTypes.StringType, "string")).orElse(-1);
    this.discount = names.discountShare().map(c -> field(schema, "discountShare", c,
        t -> t instanceof NumericType, "a numeric type")).orElse(-1);
  }

  /** Checks that the columns exist with usable types; the error names the column and its type. */
  static TransactionRows of(Dataset<Row> transactions, TransactionColumns columns) {
    return new TransactionRows(columns, transactions.schema());
  }

  /**
   * Checks that every role's column is in the input, before any type is looked at: the same
   * wording for every role ({@code "amount column 'net' is not in the transactions; columns:
   * [...]"}).
   */
  static void present(Dataset<Row> transactions, TransactionColumns columns) {
    List<String> known = List.of(transactions.columns());
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put("customerId", columns.customerId());
    roles.put("date", columns.date());
    roles.put("amount", columns.amount());
    columns.category().ifPresent(c -> roles.put("category", c));
    columns.discountShare().ifPresent(c -> roles.put("discountShare", c));
    for (Map.Entry<String, String> role : roles.entrySet()) {
      if (!known.contains(role.getValue())) {
        throw missing(role.getKey(), role.getValue(), known);
      }
    }
  }

  private static IllegalArgumentException missing(String role, String column, List<String> known) {
    return new IllegalArgumentException(
        role + " column '" + column + "' is not in the transactions; columns: " + known);
  }

  private interface TypeCheck {
    boolean accepts(DataType type);
  }

  private static int field(StructType schema, String role, String column, TypeCheck check, String expected) {
    List<String> known = new ArrayList<>();
    for (int i = 0; i < schema.fields().length; i++) {
      StructField f = schema.fields()[i];
      if (f.name().equals(column)) {
        if (!check.accepts(f.dataType())) {
          throw new IllegalArgumentException(role + " column '" + column + "' has type "
              + f.dataType().simpleString() + "; expected " + expected);
        }
        return i;
      }
      known.add(f.name());
    }
    throw missing(role, column, known);
  }

  /** The rows of one partition as a log. */
  TransactionLog log(Iterator<Row> rows) {
    TransactionLog.Builder log = TransactionLog.builder();
    while (rows.hasNext()) {
      Row row = rows.next();
      String id = customerId(row);
      long day = epochDay(row, id);
      double value = number(row, amount, amountName, id);
      String cat = category < 0 || row.isNullAt(category) ? null : row.getString(category);
      double share = discount < 0 || row.isNullAt(discount)
          ? Double.NaN : number(row, discount, discountName, id);
      try {
        log.add(id, day, value, cat, share);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("transaction of customer '" + id + "' on "
            + LocalDate.ofEpochDay(day) + ": " + e.getMessage(), e);
      }
    }
    return log.build();
  }

  /** The customer ids, epoch days and amounts of one partition, as parallel columns. */
  String customerId(Row row) {
    if (row.isNullAt(customer)) {
      throw new IllegalArgumentException("column '" + customerName + "': null customer id in " + row);
    }
    Object id = row.get(customer);
    String text = id.toString();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("column '" + customerName + "': empty customer id in " + row);
    }
    return text;
  }

  long epochDay(Row row, String id) {
    if (row.isNullAt(date)) {
      throw new IllegalArgumentException(
          "column '" + dateName + "': null date for customer '" + id + "' in " + row);
    }
    Object value = row.get(date);
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toEpochDay();
    }
    if (value instanceof LocalDate d) {
      return d.toEpochDay();
    }
    try {
      return LocalDate.parse((String) value).toEpochDay();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("column '" + dateName + "': '" + value + "' for customer '" + id
          + "' is not a date (expected yyyy-MM-dd)", e);
    }
  }

  double amount(Row row, String id) {
    return number(row, amount, amountName, id);
  }

  private static double number(Row row, int index, String column, String id) {
    if (row.isNullAt(index)) {
      throw new IllegalArgumentException("column '" + column + "': null for customer '" + id + "' in " + row);
    }
    Object value = row.get(index);
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return ((Number) value).doubleValue();
  }
}
