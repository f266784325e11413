package dev.crmkit.scoring.table;

import java.util.Arrays;

/**
 * Folds the rows of a transaction CSV, a {@link RowBatch} at a time and in file order, into
 * per-customer aggregates, then into the {@link CustomerSummary} that {@link
 * CustomerSummary#of} gives for the log of the same file: the same customers in the same order
 * (of their first row), the same sums added in the same order, the same days.
 *
 * <p>Per customer code c it keeps one 32-byte record, {@code agg[4c .. 4c + 3]}: transactions
 * and days stored, first day and last day stored, total, the first day's total. A batch first
 * loads the records of all its customers, then updates them, so that the misses overlap. The
 * days are kept as (customer, day) pairs, skipping a customer's repeats of the day it stored
 * last, and grouped by customer at the end.
 */
final class SummaryAggregator {
  private final int asOfDay;
  private final boolean discounts;
  private final ByteKeyDictionary customers;
  private long[] agg;
  private CategoryTotals categoryTotals; // by (customer code, category); null without the column
  private double[] returns; // per customer code: the sum of its returns (negative amounts)
  private double[] discountSum;
  private int[] discountCount;
  private int[] pairCustomer;
  private int[] pairDay;
  private int pairs;
  private long rowsAfterAsOf;
  private long touched; // keeps the early loads from being optimised away

  /**
   * @param expectedRows a guess of the file's rows: sizes the (customer, day) pairs (one per row
   *     at most) and the dictionary (a customer per 8 rows); both grow when it was too small
   */
  SummaryAggregator(int asOfDay, boolean categories, boolean discounts, long expectedRows) {
    this.asOfDay = asOfDay;
    this.discounts = discounts;
    int rows = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, expectedRows));
    int expectedCustomers = Math.max(1024, rows / 8);
    customers = new ByteKeyDictionary(expectedCustomers);
    agg = new long[4 * expectedCustomers];
    categoryTotals = categories ? new CategoryTotals(expectedCustomers * 4) : null;
    returns = new double[expectedCustomers];
    if (discounts) {
      discountSum = new double[expectedCustomers];
      discountCount = new int[expectedCustomers];
    }
    pairCustomer = new int[rows];
    pairDay = new int[rows];
  }

  void accept(RowBatch batch) {
    int n = batch.rows;
    if (n == 0) {
      return;
    }
    int[] code = batch.code;
    customers.internAll(batch.keys, batch.keyStart, batch.keyHash, n, code);
    int needed = customers.size();
    if (needed * 4L > agg.length) {
      growCustomers(needed);
    }
    long[] a = agg;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      // load every customer's record first, both ends (it may straddle two cache lines): the
      // misses overlap
      int j = 4 * code[i];
      sum += a[j] + a[j + 3];
    }
    touched += sum;
    int[] day = batch.day;
    double[] amount = batch.amount;
    for (int i = 0; i < n; i++) {
      int d = day[i];
      if (d > asOfDay) {
        rowsAfterAsOf++;
        continue;
      }
      int k = code[i];
      int j = 4 * k;
      double value = amount[i];
      if (value < 0) {
        // a return: netted against the total, never a transaction
        returns[k] += value;
        int cat = batch.category[i];
        if (cat >= 0) {
          categoryTotals.add(k, cat, value);
        }
        continue;
      }
      long head = a[j];
      if (head == 0) {
        a[j] = (1L << 32) | 1;
        a[j + 1] = days(d, d);
        a[j + 2] = Double.doubleToRawLongBits(0.0 + value); // as a sum from 0: -0.0 becomes 0.0
        a[j + 3] = Double.doubleToRawLongBits(value);
        pair(k, d);
      } else {
        long span = a[j + 1];
        int first = (int) (span >> 32);
        int last = (int) span;
        a[j + 2] = Double.doubleToRawLongBits(Double.longBitsToDouble(a[j + 2]) + value);
        if (d < first) {
          first = d;
          a[j + 3] = Double.doubleToRawLongBits(value);
        } else if (d == first) {
          a[j + 3] = Double.doubleToRawLongBits(Double.longBitsToDouble(a[j + 3]) + value);
        }
        head += 1L << 32;
        if (d != last) {
          pair(k, d);
          head++;
          last = d;
        }
        a[j] = head;
        a[j + 1] = days(first, last);
      }
      int cat = batch.category[i];
      if (cat >= 0) { // only with a category column
        categoryTotals.add(k, cat, value);
      }
      if (discounts) {
        double share = batch.share[i];
        if (!Double.isNaN(share)) {
          discountSum[k] += share;
          discountCount[k]++;
        }
      }
    }
  }

  /**
   * Writes each customer's stored days to {@code days[offsets[k] ..]}, in the order they were
   * stored. With many pairs two threads share the work, each writing the customers of its half
   * (each reads all pairs, but the random writes, the slow part, are split).
   */
  private void groupDays(int[] index, boolean identity, int[] offsets, int[] days) {
    int n = offsets.length - 1;
    int[] pc = pairCustomer;
    int[] pd = pairDay;
    int count = pairs;
    int parts = count >= PARALLEL_PAIRS ? Math.min(2, Runtime.getRuntime().availableProcessors()) : 1;
    CustomerSummary.runParts(
        parts,
        part -> {
          int from = (int) ((long) n * part / parts);
          int to = (int) ((long) n * (part + 1) / parts);
          int[] pos = Arrays.copyOfRange(offsets, from, to);
          for (int p = 0; p < count; p++) {
            int k = identity ? pc[p] : index[pc[p]];
            if (k >= from && k < to) {
              days[pos[k - from]++] = pd[p];
            }
          }
        });
  }

  /** From this many stored days (or customers) on, two threads group them (or name them). */
  private static final int PARALLEL_PAIRS = 1 << 20;

  private static long days(int first, int last) {
    return ((long) first << 32) | (last & 0xFFFFFFFFL);
  }

  private void pair(int customer, int day) {
    if (pairs == pairCustomer.length) {
      int next = CsvChunk.grown(pairs, pairs + 1, "more purchase days than a summary can hold");
      pairCustomer = Arrays.copyOf(pairCustomer, next);
      pairDay = Arrays.copyOf(pairDay, next);
    }
    pairCustomer[pairs] = customer;
    pairDay[pairs] = day;
    pairs++;
  }

  private void growCustomers(int needed) {
    int capacity = (int) Math.min(Integer.MAX_VALUE / 4 - 8,
        Math.max(needed, agg.length / 4 + (agg.length / 8)));
    agg = Arrays.copyOf(agg, 4 * capacity);
    returns = Arrays.copyOf(returns, capacity);
    if (discounts) {
      discountSum = Arrays.copyOf(discountSum, capacity);
      discountCount = Arrays.copyOf(discountCount, capacity);
    }
  }

  /**
   * The summary of everything accepted. The aggregator's memory is released as it goes, in the
   * order that keeps the peak low: the days are grouped by customer while the pairs are alive,
   * the customer ids are made last.
   */
  CustomerSummary summary(String[] categoryNames, int scale, InteractionLog interactions) {
    int all = customers.size();
    customers.freeLookup();
    long[] a = agg;
    int[] index = new int[all]; // customer code -> summary row, or -1 without a row as of the date
    int n = 0;
    for (int c = 0; c < all; c++) {
      index[c] = a[4 * c] != 0 ? n++ : -1;
    }
    int[] transactions = new int[n];
    int[] offsets = new int[n + 1];
    double[] total = new double[n];
    double[] firstDayTotal = new double[n];
    double[] sums = discounts ? new double[n] : null;
    int[] counts = discounts ? new int[n] : null;
    for (int c = 0; c < all; c++) {
      int k = index[c];
      if (k < 0) {
        continue;
      }
      int j = 4 * c;
      transactions[k] = (int) (a[j] >>> 32);
      offsets[k + 1] = offsets[k] + (int) a[j];
      total[k] = Double.longBitsToDouble(a[j + 2]) + returns[c];
      firstDayTotal[k] = Double.longBitsToDouble(a[j + 3]);
      if (discounts) {
        sums[k] = discountSum[c];
        counts[k] = discountCount[c];
      }
    }
    agg = null;
    a = null;
    discountSum = null;
    discountCount = null;
    // customers with returns only: kept aside, in order of first appearance
    int[] unmatchedRow = new int[all];
    int unmatchedCount = 0;
    for (int c = 0; c < all; c++) {
      unmatchedRow[c] = index[c] < 0 && returns[c] < 0 ? unmatchedCount++ : -1;
    }
    String[] unmatchedIds = new String[unmatchedCount];
    double[] unmatchedTotals = new double[unmatchedCount];
    for (int c = 0; c < all; c++) {
      if (unmatchedRow[c] >= 0) {
        unmatchedIds[unmatchedRow[c]] = customers.key(c);
        unmatchedTotals[unmatchedRow[c]] = returns[c];
      }
    }
    returns = null;
    CategoryTotals.Sparse categoryTable = null;
    CategoryTotals.Sparse unmatchedCategories = null;
    if (categoryTotals != null) {
      if (unmatchedCount > 0) {
        unmatchedCategories = categoryTotals.copy().rows(unmatchedRow, unmatchedCount);
      } else {
        unmatchedCategories = new CategoryTotals.Sparse(new int[1], new int[0], new double[0]);
      }
      categoryTable = categoryTotals.rows(index, n);
      categoryTotals = null;
    }
    int[] days = new int[offsets[n]];
    groupDays(index, n == all, offsets, days);
    pairCustomer = null;
    pairDay = null;
    String[] ids = new String[n];
    int parts = all >= PARALLEL_PAIRS ? Math.min(2, Runtime.getRuntime().availableProcessors()) : 1;
    CustomerSummary.runParts(
        parts,
        part -> {
          for (int c = (int) ((long) all * part / parts), to = (int) ((long) all * (part + 1) / parts);
              c < to; c++) {
            if (index[c] >= 0) {
              ids[index[c]] = customers.key(c);
            }
          }
        });
    return CustomerSummary.finish(
        asOfDay, ids, transactions, offsets, days, total, firstDayTotal, categoryNames,
        categoryTable, sums, counts, interactions,
        new CustomerSummary.UnmatchedReturns(unmatchedIds, unmatchedTotals, unmatchedCategories),
        rowsAfterAsOf, scale);
  }
}
