package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Per customer, what the transaction log says as of a date: first and last purchase day, number
 * of transactions, distinct purchase days, total and mean value, recency, tenure, totals per
 * category, mean discount share and, when interactions are given, the number of interactions.
 *
 * <p>Only rows on or before the as-of date count; {@link #rowsAfterAsOf()} says how many were
 * left out. A row of the summary is a customer with at least one transaction as of the date.
 * Interactions of customers without one are kept aside ({@link
 * #interactionsWithoutPurchases()}) so that merging stays exact.
 *
 * <p>Summaries are mergeable: the {@link #merge(CustomerSummary)} of the summaries of two
 * partitions of the rows equals the summary of all rows, so they can be computed in parallel
 * or in a distributed engine. Totals are double sums; when the log's amounts have a known decimal
 * scale (for example cents) totals are rounded to it, which removes floating-point noise and
 * keeps the sums exact for totals below 2<sup>53</sup> units.
 *
 * <pre>{@code
 * CustomerSummary summary = CustomerSummary.of(log, LocalDate.of(2024, 12, 31));
 * for (int i = 0; i < summary.size(); i++) {
 *   System.out.println(summary.customerId(i) + " " + summary.recency(i) + " " + summary.total(i));
 * }
 * }</pre>
 *
 * <p>Summaries are {@link Serializable} so that a distributed engine can ship the partial
 * summaries of its partitions to be merged (crm-spark does).
 */
public final class CustomerSummary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int asOf;
  private final String[] ids;
  private final int[] transactions;
  private final int[] dayOffsets; // customer i's distinct days are days[dayOffsets[i] .. [i+1])
  private final int[] days;
  private final double[] total;
  // the first purchase day's total: with it the mean of the repeat days (Gamma-Gamma's input)
  // follows from the total, and it merges (the earlier first day wins, equal ones add up)
  private final double[] firstDayTotal;
  private final String[] categoryNames;
  // the categories a customer bought in: categoryCodes[categoryOffsets[i] .. [i + 1]), ascending,
  // their totals in categoryValues alike; null without a category column
  private final CategoryTotals.Sparse categoryTotals;
  private final double[] discountSum; // null when the log has no discount shares
  private final int[] discountCount;
  private final int[] interactions; // null when no interactions were given
  private final String[] idleIds; // customers with interactions but no purchase yet
  private final int[] idleInteractions;
  // returns (negative amounts) of customers without a purchase as of the date, kept for merging
  private final UnmatchedReturns unmatched;
  private final long rowsAfterAsOf;
  private final int amountScale;
  private final CustomerAttributes attributes; // null when none were attached
  private final int[] attributeRow; // summary row -> attribute row, -1 when the customer has none
  private transient volatile Map<String, Integer> index; // rebuilt on demand

  /** Built-in metric names of {@link #metric(String)}. */
  public static final List<String> METRICS =
      List.of(
          "revenue", "transactions", "repurchases", "distinct_days", "mean_value", "recency",
          "tenure", "interactions", "discount_share", "repeat_mean_value");

  private CustomerSummary(
      int asOf,
      String[] ids,
      int[] transactions,
      int[] dayOffsets,
      int[] days,
      double[] total,
      double[] firstDayTotal,
      String[] categoryNames,
      CategoryTotals.Sparse categoryTotals,
      double[] discountSum,
      int[] discountCount,
      int[] interactions,
      String[] idleIds,
      int[] idleInteractions,
      UnmatchedReturns unmatched,
      long rowsAfterAsOf,
      int amountScale) {
    this.asOf = asOf;
    this.ids = ids;
    this.transactions = transactions;
    this.dayOffsets = dayOffsets;
    this.days = days;
    this.total = total;
    this.firstDayTotal = firstDayTotal;
    this.categoryNames = categoryNames;
    this.categoryTotals = categoryTotals;
    this.discountSum = discountSum;
    this.discountCount = discountCount;
    this.interactions = interactions;
    this.idleIds = idleIds;
    this.idleInteractions = idleInteractions;
    this.unmatched = unmatched;
    this.rowsAfterAsOf = rowsAfterAsOf;
    this.amountScale = amountScale;
    this.attributes = null;
    this.attributeRow = null;
  }

  private CustomerSummary(CustomerSummary s, CustomerAttributes attributes, int[] attributeRow) {
    this.asOf = s.asOf;
    this.ids = s.ids;
    this.transactions = s.transactions;
    this.dayOffsets = s.dayOffsets;
    this.days = s.days;
    this.total = s.total;
    this.firstDayTotal = s.firstDayTotal;
    this.categoryNames = s.categoryNames;
    this.categoryTotals = s.categoryTotals;
    this.discountSum = s.discountSum;
    this.discountCount = s.discountCount;
    this.interactions = s.interactions;
    this.idleIds = s.idleIds;
    this.idleInteractions = s.idleInteractions;
    this.unmatched = s.unmatched;
    this.rowsAfterAsOf = s.rowsAfterAsOf;
    this.amountScale = s.amountScale;
    this.attributes = attributes;
    this.attributeRow = attributeRow;
    this.index = s.index;
  }

  /**
   * This summary with customer attributes joined by customer id (the columns are shared). A
   * customer without a row in the attributes has missing values; attribute rows of customers not
   * in the summary are not used.
   */
  public CustomerSummary withAttributes(CustomerAttributes attributes) {
    requireNonNull(attributes, "attributes");
    int[] rows = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = attributes.indexOf(ids[i]);
    }
    return new CustomerSummary(this, attributes, rows);
  }

  /** Whether attributes are attached. */
  public boolean hasAttributes() {
    return attributes != null;
  }

  /** The names of the attached attribute columns (empty when none). */
  public List<String> attributeColumns() {
    return attributes == null ? List.of() : attributes.columns();
  }

  /** A customer's attribute value, or null when missing. */
  public @Nullable String attribute(int i, String column) {
    if (attributes == null) {
      throw new IllegalArgumentException(
          "attribute column '" + column + "': the summary has no attributes attached");
    }
    int k = attributes.column(column);
    return attributeRow[i] < 0 ? null : attributes.value(attributeRow[i], k);
  }

  /**
   * A numeric column per customer, NaN where missing: one of {@link #METRICS}, {@code
   * category:<name>} (the total in that category), or a numeric attribute column.
   *
   * @throws IllegalArgumentException for an unknown name (listing the known ones), or an
   *     attribute value that is not a number (naming the customer and the value)
   */
  public double[] metric(String name) {
    requireNonNull(name, "name");
    int n = ids.length;
    double[] out = new double[n];
    switch (name) {
      case "revenue":
        return total.clone();
      case "transactions":
        for (int i = 0; i < n; i++) {
          out[i] = transactions[i];
        }
        return out;
      case "repurchases":
        for (int i = 0; i < n; i++) {
          out[i] = transactions[i] - 1;
        }
        return out;
      case "distinct_days":
        for (int i = 0; i < n; i++) {
          out[i] = distinctDays(i);
        }
        return out;
      case "mean_value":
        for (int i = 0; i < n; i++) {
          out[i] = mean(i);
        }
        return out;
      case "recency":
        for (int i = 0; i < n; i++) {
          out[i] = recency(i);
        }
        return out;
      case "tenure":
        for (int i = 0; i < n; i++) {
          out[i] = tenure(i);
        }
        return out;
      case "interactions":
        if (interactions == null) {
          throw new IllegalArgumentException(
              "metric 'interactions': the summary was made without interactions");
        }
        for (int i = 0; i < n; i++) {
          out[i] = interactions[i];
        }
        return out;
      case "discount_share":
        for (int i = 0; i < n; i++) {
          out[i] = meanDiscountShare(i);
        }
        return out;
      case "repeat_mean_value":
        for (int i = 0; i < n; i++) {
          out[i] = repeatMean(i);
        }
        return out;
      default:
        break;
    }
    if (name.startsWith("category:")) {
      int k = Arrays.asList(categoryNames).indexOf(name.substring("category:".length()));
      if (k >= 0) {
        for (int i = 0; i < n; i++) {
          out[i] = categoryTotal(i, k);
        }
        return out;
      }
    }
    if (attributes != null && attributes.columns().contains(name)) {
      int k = attributes.column(name);
      for (int i = 0; i < n; i++) {
        String v = attributeRow[i] < 0 ? null : attributes.value(attributeRow[i], k);
        if (v == null) {
          out[i] = Double.NaN;
        } else {
          try {
            out[i] = Double.parseDouble(v.strip());
          } catch (NumberFormatException e) {
            out[i] = Double.NaN;
          }
          if (!Double.isFinite(out[i])) {
            throw new IllegalArgumentException(
                "attribute '" + name + "' of customer '" + ids[i] + "': '" + v
                    + "' is not a finite number");
          }
        }
      }
      return out;
    }
    List<String> known = new ArrayList<>(METRICS);
    for (String c : categoryNames) {
      known.add("category:" + c);
    }
    known.addAll(attributeColumns());
    throw new IllegalArgumentException("metric '" + name + "' is unknown; known: " + known);
  }

  /** Summarises the rows of the log on or before {@code asOf}. */
  public static CustomerSummary of(TransactionLog log, LocalDate asOf) {
    return of(log, asOf, null);
  }

  /**
   * Summarises the rows of the log on or before {@code asOf}, with the number of interactions
   * of each customer on or before that date.
   *
   * @param interactions the interactions, or null for none (then {@link #hasInteractions()} is
   *     false)
   */
  public static CustomerSummary of(
      TransactionLog log, LocalDate asOf, @Nullable InteractionLog interactions) {
    requireNonNull(log, "log");
    int parts =
        log.size() >= PARALLEL_ROWS ? Math.min(Runtime.getRuntime().availableProcessors(), 8) : 1;
    return of(log, asOf, interactions, parts);
  }

  /** {@link #of(TransactionLog, LocalDate, InteractionLog)} with the passes split in parts. */
  static CustomerSummary of(
      TransactionLog log, LocalDate asOf, InteractionLog interactions, int parts) {
    requireNonNull(log, "log");
    requireNonNull(asOf, "asOf");
    int asOfDay = Math.toIntExact(asOf.toEpochDay());
    int logCustomers = log.customerCount();
    int rows = log.size();
    int[] customer = log.customer;
    int[] day = log.day;
    double[] amount = log.amount;

    // counts are integers, so counting row ranges in parallel and adding up is exact
    int[][] partCounts = new int[parts][];
    long[] partAfter = new long[parts];
    runParts(
        parts,
        p -> {
          int[] c = new int[logCustomers];
          long a = 0;
          int to = (int) ((long) rows * (p + 1) / parts);
          for (int r = (int) ((long) rows * p / parts); r < to; r++) {
            if (day[r] <= asOfDay) {
              if (!(amount[r] < 0)) { // a return is not a transaction
                c[customer[r]]++;
              }
            } else {
              a++;
            }
          }
          partCounts[p] = c;
          partAfter[p] = a;
        });
    int[] count = partCounts[0];
    long after = partAfter[0];
    for (int p = 1; p < parts; p++) {
      int[] c = partCounts[p];
      for (int i = 0; i < logCustomers; i++) {
        count[i] += c[i];
      }
      after += partAfter[p];
      partCounts[p] = null;
    }
    int[] map = new int[logCustomers];
    int n = 0;
    for (int c = 0; c < logCustomers; c++) {
      map[c] = count[c] > 0 ? n++ : -1;
    }
    String[] ids = new String[n];
    int[] transactions = new int[n];
    int[] offsets = new int[n + 1];
    for (int c = 0; c < logCustomers; c++) {
      int k = map[c];
      if (k >= 0) {
        ids[k] = log.customerIds[c];
        transactions[k] = count[c];
        offsets[k + 1] = offsets[k] + count[c];
      }
    }
    count = null; // free before the large arrays below
    int[] pos = Arrays.copyOf(offsets, n);
    int[] days = new int[offsets[n]];
    double[] total = new double[n];
    double[] firstDayTotal = new double[n];
    int[] firstDay = new int[n];
    Arrays.fill(firstDay, Integer.MAX_VALUE);
    int[] category = log.category;
    double[] share = log.discountShare;
    double[] discountSum = share == null ? null : new double[n];
    int[] discountCount = share == null ? null : new int[n];
    // each part handles a range of customers over all rows in row order: every customer's
    // additions happen in the same order as in one sequential pass, so the sums are identical
    int summaryCustomers = n;
    int[] positions = pos;
    int[] purchaseDays = days;
    CategoryTotals[] partCategories = new CategoryTotals[parts];
    double[] returns = new double[n];
    int[] firstDays = firstDay;
    runParts(
        parts,
        p -> {
          int kFrom = (int) ((long) summaryCustomers * p / parts);
          int kTo = (int) ((long) summaryCustomers * (p + 1) / parts);
          int[] pos0 = positions;
          int[] days0 = purchaseDays;
          CategoryTotals categoryTotals0 =
              category == null ? null : new CategoryTotals((kTo - kFrom) * 4);
          partCategories[p] = categoryTotals0;
          int[] firstDay0 = firstDays;
          for (int r = 0; r < rows; r++) {
            if (day[r] <= asOfDay) {
              int k = map[customer[r]];
              if (k < kFrom || k >= kTo) {
                continue;
              }
              if (amount[r] < 0) {
                // a return: netted against the total, never a transaction
                returns[k] += amount[r];
                if (category != null && category[r] >= 0) {
                  categoryTotals0.add(k, category[r], amount[r]);
                }
                continue;
              }
              days0[pos0[k]++] = day[r];
              total[k] += amount[r];
              if (day[r] < firstDay0[k]) {
                firstDay0[k] = day[r];
                firstDayTotal[k] = amount[r];
              } else if (day[r] == firstDay0[k]) {
                firstDayTotal[k] += amount[r];
              }
              if (category != null && category[r] >= 0) {
                categoryTotals0.add(k, category[r], amount[r]);
              }
              if (share != null && !Double.isNaN(share[r])) {
                discountSum[k] += share[r];
                discountCount[k]++;
              }
            }
          }
        });
    pos = null;
    firstDay = null;
    for (int k = 0; k < n; k++) {
      total[k] += returns[k];
    }
    CategoryTotals.Sparse categoryTotals =
        category == null ? null : CategoryTotals.merge(partCategories, n);
    // returns of customers without a purchase as of the date, in row order
    int[] unmatchedRow = new int[logCustomers];
    Arrays.fill(unmatchedRow, -1);
    List<String> unmatchedIds = new ArrayList<>();
    double[] unmatchedTotals = new double[16];
    CategoryTotals unmatchedCategories = category == null ? null : new CategoryTotals(16);
    for (int r = 0; r < rows; r++) {
      if (day[r] <= asOfDay && amount[r] < 0 && map[customer[r]] < 0) {
        int c = customer[r];
        if (unmatchedRow[c] < 0) {
          unmatchedRow[c] = unmatchedIds.size();
          unmatchedIds.add(log.customerIds[c]);
          if (unmatchedIds.size() > unmatchedTotals.length) {
            unmatchedTotals = Arrays.copyOf(unmatchedTotals, unmatchedTotals.length * 2);
          }
        }
        unmatchedTotals[unmatchedRow[c]] += amount[r];
        if (category != null && category[r] >= 0) {
          unmatchedCategories.add(unmatchedRow[c], category[r], amount[r]);
        }
      }
    }
    UnmatchedReturns unmatched =
        new UnmatchedReturns(
            unmatchedIds.toArray(new String[0]),
            Arrays.copyOf(unmatchedTotals, unmatchedIds.size()),
            unmatchedCategories == null ? null : unmatchedCategories.rows(null, unmatchedIds.size()));
    return finish(
        asOfDay, ids, transactions, offsets, days, total, firstDayTotal, log.categoryNames.clone(),
        categoryTotals, discountSum, discountCount, interactions, unmatched, after,
        log.amountScale());
  }

  /**
   * The summary of columns gathered per customer (by {@link #of} or the CSV summariser): rounds
   * the totals to the amounts' scale, sorts each customer's days ({@code days[offsets[k] ..
   * offsets[k + 1])}, repeats allowed) keeping each once, and counts the interactions.
   */
  static CustomerSummary finish(
      int asOfDay,
      String[] ids,
      int[] transactions,
      int[] offsets,
      int[] days,
      double[] total,
      double[] firstDayTotal,
      String[] categoryNames,
      CategoryTotals.Sparse categoryTotals,
      double[] discountSum,
      int[] discountCount,
      InteractionLog interactions,
      UnmatchedReturns unmatched,
      long after,
      int scale) {
    int n = ids.length;
    roundAll(unmatched.totals(), scale);
    if (unmatched.categories() != null) {
      roundAll(unmatched.categories().total(), scale);
    }
    roundAll(total, scale);
    roundAll(firstDayTotal, scale);
    if (categoryTotals != null) {
      roundAll(categoryTotals.total(), scale);
    }
    int[] dayOffsets = new int[n + 1];
    int distinct = sortDistinct(days, offsets, dayOffsets);
    if (distinct < days.length * 3L / 4) {
      days = Arrays.copyOf(days, distinct); // worth a copy only when much is unused
    }

    int[] interactionCounts = null;
    String[] idleIds = new String[0];
    int[] idleCounts = new int[0];
    if (interactions != null) {
      interactionCounts = new int[n];
      Map<String, Integer> index = indexOf(ids);
      Map<String, Integer> idle = new LinkedHashMap<>();
      for (int r = 0; r < interactions.size(); r++) {
        if (interactions.day(r) <= asOfDay) {
          Integer k = index.get(interactions.customerId(r));
          if (k != null) {
            interactionCounts[k]++;
          } else {
            idle.merge(interactions.customerId(r), 1, Integer::sum);
          }
        }
      }
      idleIds = idle.keySet().toArray(new String[0]);
      idleCounts = idle.values().stream().mapToInt(Integer::intValue).toArray();
    }
    return new CustomerSummary(
        asOfDay, ids, transactions, dayOffsets, days, total, firstDayTotal, categoryNames,
        categoryTotals, discountSum, discountCount, interactionCounts, idleIds, idleCounts, unmatched,
        after,
        scale);
  }

  /** Logs at least this long are summarised by several threads. */
  private static final int PARALLEL_ROWS = 1 << 20;

  /** Runs {@code part.accept(p)} for p in 0..parts-1, on the common pool and this thread. */
  static void runParts(int parts, java.util.function.IntConsumer part) {
    if (parts == 1) {
      part.accept(0);
      return;
    }
    CompletableFuture<?>[] others = new CompletableFuture<?>[parts - 1];
    for (int p = 1; p < parts; p++) {
      int q = p;
      others[p - 1] = CompletableFuture.runAsync(() -> part.accept(q));
    }
    part.accept(0);
    for (CompletableFuture<?> f : others) {
      try {
        f.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
  }

  /** Sorts each customer's days and keeps each day once, compacting in place. */
  private static int sortDistinct(int[] days, int[] offsets, int[] newOffsets) {
    int n = offsets.length - 1;
    int w = 0;
    for (int k = 0; k < n; k++) {
      int from = offsets[k];
      int to = offsets[k + 1];
      boolean sorted = true;
      for (int i = from + 1; i < to; i++) {
        if (days[i] < days[i - 1]) {
          sorted = false;
          break;
        }
      }
      if (!sorted) {
        Arrays.sort(days, from, to);
      }
      newOffsets[k] = w;
      days[w++] = days[from];
      for (int i = from + 1; i < to; i++) {
        if (days[i] != days[w - 1]) {
          days[w++] = days[i];
        }
      }
    }
    newOffsets[n] = w;
    return w;
  }

  private static void roundAll(double[] values, int scale) {
    if (scale == TransactionLog.UNKNOWN_SCALE) {
      return;
    }
    double factor = Math.pow(10, scale);
    for (int i = 0; i < values.length; i++) {
      values[i] = round(values[i], factor);
    }
  }

  private static double round(double value, double factor) {
    double scaled = value * factor;
    // beyond 2^52 units every double is already an integer number of units
    return Math.abs(scaled) < 0x1p52 ? Math.rint(scaled) / factor : value;
  }

  private static Map<String, Integer> indexOf(String[] ids) {
    Map<String, Integer> index = new HashMap<>(ids.length * 4 / 3 + 1);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    return index;
  }

  /** The number of customers (rows). */
  public int size() {
    return ids.length;
  }

  public LocalDate asOf() {
    return LocalDate.ofEpochDay(asOf);
  }

  /** The as-of date as an epoch day. */
  public int asOfDay() {
    return asOf;
  }

  public String customerId(int i) {
    return ids[i];
  }

  /** The row of a customer id, or -1 when the summary has no such customer. */
  public int indexOf(String customerId) {
    Map<String, Integer> map = index;
    if (map == null) {
      map = indexOf(ids);
      index = map;
    }
    Integer i = map.get(customerId);
    return i == null ? -1 : i;
  }

  /** The epoch day of the customer's first purchase. */
  public int firstDay(int i) {
    return days[dayOffsets[i]];
  }

  /** The epoch day of the customer's last purchase on or before the as-of date. */
  public int lastDay(int i) {
    return days[dayOffsets[i + 1] - 1];
  }

  /** The number of transactions (rows). */
  public int transactions(int i) {
    return transactions[i];
  }

  /** The number of distinct days with a purchase. */
  public int distinctDays(int i) {
    return dayOffsets[i + 1] - dayOffsets[i];
  }

  /** The distinct purchase days (epoch days), ascending. */
  public int[] purchaseDays(int i) {
    return Arrays.copyOfRange(days, dayOffsets[i], dayOffsets[i + 1]);
  }

  /** The sum of the amounts. */
  public double total(int i) {
    return total[i];
  }

  /** The mean amount per transaction. */
  public double mean(int i) {
    return total[i] / transactions[i];
  }

  /** The total of the amounts on the first purchase day. */
  public double firstDayTotal(int i) {
    return firstDayTotal[i];
  }

  /**
   * The mean value of the repeat purchase days, each day's value being its total: (total - first
   * day's total) / (distinct days - 1), or 0 for a customer who bought on one day only. This is
   * the monetary value of the customer-base-analysis convention that the Gamma-Gamma spend model
   * reads.
   */
  public double repeatMean(int i) {
    int repeats = distinctDays(i) - 1;
    if (repeats == 0) {
      return 0;
    }
    double repeatTotal = total[i] - firstDayTotal[i];
    if (amountScale != TransactionLog.UNKNOWN_SCALE) {
      repeatTotal = round(repeatTotal, Math.pow(10, amountScale));
    }
    return repeatTotal / repeats;
  }

  /** Days from the last purchase to the as-of date (0 when the customer bought that day). */
  public int recency(int i) {
    return asOf - lastDay(i);
  }

  /** Days from the first purchase to the as-of date. */
  public int tenure(int i) {
    return asOf - firstDay(i);
  }

  /** The number of categories (0 when the log had none). */
  public int categoryCount() {
    return categoryNames.length;
  }

  public String categoryName(int k) {
    return categoryNames[k];
  }

  /** The customer's total in category {@code k}. */
  public double categoryTotal(int i, int k) {
    if (categoryTotals == null) {
      throw new IndexOutOfBoundsException("category " + k + ": the summary has no categories");
    }
    Objects.checkIndex(k, categoryNames.length);
    int at = Arrays.binarySearch(
        categoryTotals.category(), categoryTotals.offsets()[i], categoryTotals.offsets()[i + 1], k);
    return at < 0 ? 0.0 : categoryTotals.total()[at];
  }

  /** Whether the transactions carried discount shares. */
  public boolean hasDiscountShares() {
    return discountSum != null;
  }

  /** The mean discount share of the customer's rows that have one, or NaN when none has. */
  public double meanDiscountShare(int i) {
    return discountSum == null || discountCount[i] == 0
        ? Double.NaN
        : discountSum[i] / discountCount[i];
  }

  /** Whether interactions were given. */
  public boolean hasInteractions() {
    return interactions != null;
  }

  /** The customer's number of interactions on or before the as-of date. */
  public int interactions(int i) {
    if (interactions == null) {
      throw new IllegalStateException("the summary was made without interactions");
    }
    return interactions[i];
  }

  /** Customers with interactions but no purchase as of the date, and their interaction counts. */
  public Map<String, Integer> interactionsWithoutPurchases() {
    Map<String, Integer> idle = new LinkedHashMap<>();
    for (int i = 0; i < idleIds.length; i++) {
      idle.put(idleIds[i], idleInteractions[i]);
    }
    return idle;
  }

  /**
   * Customers with returns (negative amounts) but no purchase as of the date, and the sum of
   * those returns: they have no row; the sums are kept so that merging stays exact.
   */
  public Map<String, Double> returnsWithoutPurchases() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < unmatched.ids().length; i++) {
      out.put(unmatched.ids()[i], unmatched.totals()[i]);
    }
    return out;
  }

  /** Returns of customers without a purchase: ids, sums and per-category sums (rows alike). */
  record UnmatchedReturns(String[] ids, double[] totals, CategoryTotals.Sparse categories)
      implements Serializable {}

  /** The number of log rows after the as-of date, which the summary does not count. */
  public long rowsAfterAsOf() {
    return rowsAfterAsOf;
  }

  /** The decimal scale the totals are rounded to, or {@link TransactionLog#UNKNOWN_SCALE}. */
  public int amountScale() {
    return amountScale;
  }

  /** One customer's summary as a value (for tests, reports and small tables). */
  public Row row(int i) {
    Map<String, Double> byCategory = new LinkedHashMap<>();
    for (int k = 0; k < categoryNames.length; k++) {
      byCategory.put(categoryNames[k], categoryTotal(i, k));
    }
    List<LocalDate> dates = new ArrayList<>();
    for (int d : purchaseDays(i)) {
      dates.add(LocalDate.ofEpochDay(d));
    }
    return new Row(
        ids[i],
        transactions[i],
        dates,
        total[i],
        firstDayTotal[i],
        byCategory,
        meanDiscountShare(i),
        interactions == null ? OptionalInt.empty() : OptionalInt.of(interactions[i]));
  }

  /**
   * The summary of the union of the rows of this summary and another one, as of the same date.
   *
   * @throws IllegalArgumentException when the as-of dates differ, or only one of them was made
   *     with interactions
   */
  public CustomerSummary merge(CustomerSummary other) {
    requireNonNull(other, "other");
    if (other.asOf != asOf) {
      throw new IllegalArgumentException(
          "other: as of " + other.asOf() + ", but this summary is as of " + asOf()
              + "; only summaries as of the same date merge");
    }
    if (attributes != null || other.attributes != null) {
      throw new IllegalArgumentException(
          "other: summaries with attributes do not merge; merge first, then attach attributes");
    }
    if ((interactions == null) != (other.interactions == null)) {
      throw new IllegalArgumentException(
          "other: only one of the summaries has interaction counts; both or neither must");
    }
    // customers: ours first, then the other's new ones, in their order
    Map<String, Integer> index = new HashMap<>(indexOf(ids));
    List<String> merged = new ArrayList<>(Arrays.asList(ids));
    int[] otherRow = new int[other.ids.length];
    for (int j = 0; j < other.ids.length; j++) {
      Integer k = index.get(other.ids[j]);
      if (k == null) {
        k = merged.size();
        index.put(other.ids[j], k);
        merged.add(other.ids[j]);
      }
      otherRow[j] = k;
    }
    int n = merged.size();
    int[] fromOther = new int[n];
    Arrays.fill(fromOther, -1);
    for (int j = 0; j < otherRow.length; j++) {
      fromOther[otherRow[j]] = j;
    }
    // categories: union by name
    Map<String, Integer> categoryIndex = new LinkedHashMap<>();
    for (String name : categoryNames) {
      categoryIndex.putIfAbsent(name, categoryIndex.size());
    }
    for (String name : other.categoryNames) {
      categoryIndex.putIfAbsent(name, categoryIndex.size());
    }
    int categories = categoryIndex.size();
    int[] otherCategory = new int[other.categoryNames.length];
    for (int k = 0; k < otherCategory.length; k++) {
      otherCategory[k] = categoryIndex.get(other.categoryNames[k]);
    }
    boolean withCategories = categoryTotals != null || other.categoryTotals != null;

    int scale =
        amountScale == TransactionLog.UNKNOWN_SCALE || other.amountScale == TransactionLog.UNKNOWN_SCALE
            ? TransactionLog.UNKNOWN_SCALE
            : Math.max(amountScale, other.amountScale);
    int[] transactions = new int[n];
    int[] dayOffsets = new int[n + 1];
    int[] days = new int[this.days.length + other.days.length];
    double[] total = new double[n];
    double[] firstDayTotal = new double[n];
    CategoryTotals categoryTable =
        withCategories
            ? new CategoryTotals(pairs(categoryTotals) + pairs(other.categoryTotals))
            : null;
    // a part without discount shares simply had no row with one
    boolean withDiscounts = this.discountSum != null || other.discountSum != null;
    double[] discountSum = withDiscounts ? new double[n] : null;
    int[] discountCount = withDiscounts ? new int[n] : null;
    int[] interactions = this.interactions == null ? null : new int[n];
    int w = 0;
    for (int k = 0; k < n; k++) {
      int mine = k < ids.length ? k : -1;
      int theirs = fromOther[k];
      dayOffsets[k] = w;
      w = mergeDays(mine, theirs, other, days, w);
      if (mine >= 0 && (theirs < 0 || firstDay(mine) <= other.firstDay(theirs))) {
        firstDayTotal[k] += this.firstDayTotal[mine];
      }
      if (theirs >= 0 && (mine < 0 || other.firstDay(theirs) <= firstDay(mine))) {
        firstDayTotal[k] += other.firstDayTotal[theirs];
      }
      if (mine >= 0) {
        transactions[k] += this.transactions[mine];
        total[k] += this.total[mine];
        if (this.categoryTotals != null) {
          CategoryTotals.Sparse t = this.categoryTotals;
          for (int e = t.offsets()[mine]; e < t.offsets()[mine + 1]; e++) {
            categoryTable.add(k, t.category()[e], t.total()[e]);
          }
        }
        if (this.discountSum != null) {
          discountSum[k] += this.discountSum[mine];
          discountCount[k] += this.discountCount[mine];
        }
        if (interactions != null) {
          interactions[k] += this.interactions[mine];
        }
      }
      if (theirs >= 0) {
        transactions[k] += other.transactions[theirs];
        total[k] += other.total[theirs];
        if (other.categoryTotals != null) {
          CategoryTotals.Sparse t = other.categoryTotals;
          for (int e = t.offsets()[theirs]; e < t.offsets()[theirs + 1]; e++) {
            categoryTable.add(k, otherCategory[t.category()[e]], t.total()[e]);
          }
        }
        if (other.discountSum != null) {
          discountSum[k] += other.discountSum[theirs];
          discountCount[k] += other.discountCount[theirs];
        }
        if (interactions != null) {
          interactions[k] += other.interactions[theirs];
        }
      }
    }
    dayOffsets[n] = w;
    days = Arrays.copyOf(days, w);
    // returns of customers who had no purchase in one part: netted now, or kept aside
    Map<String, Integer> unmatchedIndex = new LinkedHashMap<>();
    double[] unmatchedTotals = new double[unmatched.ids().length + other.unmatched.ids().length];
    CategoryTotals unmatchedCategories = withCategories ? new CategoryTotals(16) : null;
    for (CustomerSummary part : List.of(this, other)) {
      UnmatchedReturns u = part.unmatched;
      for (int i = 0; i < u.ids().length; i++) {
        Integer k = index.get(u.ids()[i]);
        if (k != null) {
          total[k] += u.totals()[i];
        } else {
          k = unmatchedIndex.computeIfAbsent(u.ids()[i], id -> unmatchedIndex.size());
          unmatchedTotals[k] += u.totals()[i];
        }
        if (u.categories() != null) {
          CategoryTotals into = index.containsKey(u.ids()[i]) ? categoryTable : unmatchedCategories;
          int[] names = part == this ? null : otherCategory;
          for (int e = u.categories().offsets()[i]; e < u.categories().offsets()[i + 1]; e++) {
            int c = u.categories().category()[e];
            into.add(k, names == null ? c : names[c], u.categories().total()[e]);
          }
        }
      }
    }
    int unmatchedCount = unmatchedIndex.size();
    UnmatchedReturns mergedUnmatched =
        new UnmatchedReturns(
            unmatchedIndex.keySet().toArray(new String[0]),
            Arrays.copyOf(unmatchedTotals, unmatchedCount),
            unmatchedCategories == null ? null : unmatchedCategories.rows(null, unmatchedCount));
    roundAll(mergedUnmatched.totals(), scale);
    if (mergedUnmatched.categories() != null) {
      roundAll(mergedUnmatched.categories().total(), scale);
    }
    roundAll(total, scale);
    roundAll(firstDayTotal, scale);
    CategoryTotals.Sparse categoryTotals = null;
    if (categoryTable != null) {
      categoryTotals = categoryTable.rows(null, n);
      roundAll(categoryTotals.total(), scale);
    }
    // interactions of customers who had no purchase in one part
    String[] idleIds = new String[0];
    int[] idleCounts = new int[0];
    if (interactions != null) {
      Map<String, Integer> idle = new LinkedHashMap<>();
      for (CustomerSummary part : List.of(this, other)) {
        for (int i = 0; i < part.idleIds.length; i++) {
          Integer k = index.get(part.idleIds[i]);
          if (k != null) {
            interactions[k] += part.idleInteractions[i];
          } else {
            idle.merge(part.idleIds[i], part.idleInteractions[i], Integer::sum);
          }
        }
      }
      idleIds = idle.keySet().toArray(new String[0]);
      idleCounts = idle.values().stream().mapToInt(Integer::intValue).toArray();
    }
    return new CustomerSummary(
        asOf, merged.toArray(new String[0]), transactions, dayOffsets, days, total, firstDayTotal,
        categoryIndex.keySet().toArray(new String[0]), categoryTotals, discountSum, discountCount,
        interactions, idleIds, idleCounts, mergedUnmatched, rowsAfterAsOf + other.rowsAfterAsOf,
        scale);
  }

  private static int pairs(CategoryTotals.Sparse totals) {
    return totals == null ? 0 : totals.category().length;
  }

  private int mergeDays(int mine, int theirs, CustomerSummary other, int[] out, int w) {
    int i = mine >= 0 ? dayOffsets[mine] : 0;
    int iEnd = mine >= 0 ? dayOffsets[mine + 1] : 0;
    int j = theirs >= 0 ? other.dayOffsets[theirs] : 0;
    int jEnd = theirs >= 0 ? other.dayOffsets[theirs + 1] : 0;
    int start = w;
    while (i < iEnd || j < jEnd) {
      int next;
      if (j >= jEnd || (i < iEnd && days[i] <= other.days[j])) {
        next = days[i++];
      } else {
        next = other.days[j++];
      }
      if (w == start || out[w - 1] != next) {
        out[w++] = next;
      }
    }
    return w;
  }

  /**
   * One customer's summary.
   *
   * @param purchaseDates the distinct purchase dates, ascending
   * @param firstDayTotal the total of the first purchase day
   * @param categoryTotals the total per category name (empty when the log had no categories)
   * @param meanDiscountShare NaN when no row of the customer had a discount share
   * @param interactions empty when the summary was made without interactions
   */
  public record Row(
      String customerId,
      int transactions,
      List<LocalDate> purchaseDates,
      double total,
      double firstDayTotal,
      Map<String, Double> categoryTotals,
      double meanDiscountShare,
      OptionalInt interactions) {
    public Row {
      purchaseDates = List.copyOf(purchaseDates);
      categoryTotals = Map.copyOf(categoryTotals);
    }
  }
}
