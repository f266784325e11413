package dev.crmkit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A transaction CSV with what real retail logs carry (as the UCI Online Retail data does):
 * cancelled invoices (negative amounts), rows without a customer, date-times ({@code M/d/yyyy
 * H:mm}), exact duplicate rows and a product-description category with thousands of values.
 * Seeded; {@link #expected()} says what was written, for assertions.
 *
 * <pre>{@code
 * MessyRetailLog.Written w = MessyRetailLog.builder().seed(7).customers(300).write(dir.resolve("tx.csv"));
 * }</pre>
 */
public final class MessyRetailLog {

  private long seed = 1;
  private int customers = 200;
  private int categories = 4000;
  private char delimiter = ',';
  private boolean decimalComma;
  private boolean withCategory = true;
  private int months = 12;

  private MessyRetailLog() {}

  public static MessyRetailLog builder() {
    return new MessyRetailLog();
  }

  public MessyRetailLog seed(long seed) {
    this.seed = seed;
    return this;
  }

  public MessyRetailLog customers(int customers) {
    this.customers = customers;
    return this;
  }

  /** The number of distinct product descriptions (default 4,000). */
  public MessyRetailLog categories(int categories) {
    this.categories = categories;
    return this;
  }

  /** Whether the category column is written (default yes). */
  public MessyRetailLog withCategory(boolean with) {
    this.withCategory = with;
    return this;
  }

  /** {@code ;} with amounts as {@code 1.234,50}, as European exports are. */
  public MessyRetailLog european() {
    this.delimiter = ';';
    this.decimalComma = true;
    return this;
  }

  /** Months of data from 2010-12-01 (default 12). */
  public MessyRetailLog months(int months) {
    this.months = months;
    return this;
  }

  /**
   * What was written.
   *
   * @param path the file
   * @param rows data rows (blank lines aside)
   * @param returnRows rows with a negative amount (by customers)
   * @param rowsWithoutCustomer rows with an empty customer id
   * @param duplicateRows rows that repeat the row before them exactly
   * @param firstReturnLine the file line (header = 1) of the first return row of a customer
   * @param firstReturnRow that line's text
   * @param firstMissingCustomerLine the file line of the first row without a customer
   */
  public record Written(
      Path path,
      int rows,
      int returnRows,
      int rowsWithoutCustomer,
      int duplicateRows,
      long firstReturnLine,
      String firstReturnRow,
      long firstMissingCustomerLine) {}

  private @Nullable Written expected;

  /** The last write's account, or null before one. */
  public @Nullable Written expected() {
    return expected;
  }

  /** Writes the file (UTF-8, header {@code invoice,customer_id,date,amount[,category],country}). */
  public Written write(Path path) {
    Random random = new Random(seed);
    String d = String.valueOf(delimiter);
    List<String> names = new ArrayList<>();
    String[] words = {"WHITE", "HANGING", "HEART", "T-LIGHT", "HOLDER", "LANTERN", "CREAM", "CUPID",
        "HEARTS", "COAT", "HANGER", "KNITTED", "UNION", "FLAG", "HOT", "WATER", "BOTTLE", "RED",
        "WOOLLY", "SET", "OF", "BABUSHKA", "NESTING", "BOXES", "GLASS", "STAR", "FROSTED", "LIGHT"};
    for (int k = 0; k < categories; k++) {
      names.add(words[k % words.length] + " " + words[(k / words.length) % words.length] + " " + k);
    }
    int rows = 0;
    int returns = 0;
    int missing = 0;
    int duplicates = 0;
    long line = 1;
    long firstReturnLine = -1;
    String firstReturnRow = null;
    long firstMissingLine = -1;
    int invoice = 536365;
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("invoice" + d + "customer_id" + d + "date" + d + "amount" + (withCategory ? d + "category" : "")
          + d + "country\n");
      for (int c = 0; c < customers; c++) {
        String id = Integer.toString(12346 + c);
        // BG/NBD-like: a customer's own mean gap between visits, dropping out after any visit
        double meanGap = 3 + random.nextDouble() * random.nextDouble() * 120;
        double dropout = 0.05 + 0.5 * random.nextDouble();
        int day = random.nextInt(Math.max(1, months * 15));
        for (int v = 0; v == 0 || (day < months * 30 && random.nextDouble() > dropout); v++) {
          if (v > 0) {
            day += 1 + (int) (-meanGap * Math.log(1 - random.nextDouble()));
            if (day >= months * 30) {
              break;
            }
          }
          int hour = 8 + random.nextInt(10);
          int minute = random.nextInt(60);
          java.time.LocalDate date = java.time.LocalDate.of(2010, 12, 1).plusDays(day);
          String when = String.format(Locale.ROOT, "%d/%d/%d %d:%02d", date.getMonthValue(),
              date.getDayOfMonth(), date.getYear(), hour, minute);
          invoice++;
          int lines = 1 + random.nextInt(6);
          for (int l = 0; l < lines; l++) {
            boolean cancel = v > 0 && random.nextInt(12) == 0;
            double amount = Math.round((0.5 + random.nextDouble() * (random.nextInt(30) == 0 ? 3000 : 40)) * 100) / 100.0;
            if (cancel) {
              amount = -amount;
            }
            String row = (cancel ? "C" : "") + invoice + d + id + d + when + d + number(amount)
                + (withCategory ? d + quote(names.get(random.nextInt(names.size()))) : "") + d + "United Kingdom";
            w.write(row + "\n");
            line++;
            rows++;
            if (cancel) {
              returns++;
              if (firstReturnLine < 0) {
                firstReturnLine = line;
                firstReturnRow = row;
              }
            }
            if (random.nextInt(40) == 0) {
              w.write(row + "\n"); // an exact duplicate, as exports repeat lines
              line++;
              rows++;
              duplicates++;
              if (cancel) {
                returns++;
              }
            }
            if (random.nextInt(15) == 0) {
              String anonymous = invoice + d + "" + d + when + d + number(Math.round(random.nextDouble() * 2000) / 100.0 + 0.01)
                  + (withCategory ? d + quote(names.get(random.nextInt(names.size()))) : "") + d + "EIRE";
              w.write(anonymous + "\n");
              line++;
              rows++;
              missing++;
              if (firstMissingLine < 0) {
                firstMissingLine = line;
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    expected = new Written(path, rows, returns, missing, duplicates, firstReturnLine, firstReturnRow,
        firstMissingLine);
    return expected;
  }

  private String number(double amount) {
    String s = String.format(Locale.ROOT, "%.2f", amount);
    if (!decimalComma) {
      return s;
    }
    // 1234.50 -> 1.234,50
    boolean negative = s.startsWith("-");
    String digits = negative ? s.substring(1) : s;
    String whole = digits.substring(0, digits.indexOf('.'));
    String fraction = digits.substring(digits.indexOf('.') + 1);
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        grouped.append('.');
      }
      grouped.append(whole.charAt(i));
    }
    return (negative ? "-" : "") + grouped + "," + fraction;
  }

  private String quote(String text) {
    return text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0 ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
