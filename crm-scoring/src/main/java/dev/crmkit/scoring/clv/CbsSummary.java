package dev.crmkit.scoring.clv;

import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-customer summary of a transaction log in the customer-base-analysis convention, as a
 * columnar table.
 *
 * <p>Purchases by one customer on one day are one transaction, its value the day's total. For
 * each customer whose first purchase is on or before the calibration end: frequency = repeat
 * transaction days in the calibration period (the first is not counted); recency = first to last
 * transaction day of the calibration period; T = first transaction day to the calibration end
 * (the calibration end is a date, and T is measured to that date: a customer who first bought on
 * 1997-01-01 has T = 272 days = 38.86 weeks at a calibration end of 1997-09-30, as in the
 * published CDNOW data); monetary value = mean of the repeat transactions (0 when none). With an
 * observation end: the transactions after the calibration end up to and including the
 * observation end give frequency_holdout (transaction days), monetary_value_holdout (their mean,
 * 0 when none) and duration_holdout (calibration end to observation end). Transactions after the
 * observation end (or, without one, after the calibration end) are outside the summary by
 * definition.
 *
 * <pre>{@code
 * CbsSummary summary = CbsSummary.builder(LocalDate.of(1997, 9, 30))
 *     .observationEnd(LocalDate.of(1998, 6, 30))
 *     .timeUnit(TimeUnit.WEEKS)
 *     .build(customerIds, dates, amounts);
 * ModelFit<BgNbd> fit = BgNbd.fit(summary.rows());
 * }</pre>
 */
public final class CbsSummary {

  private final TimeUnit timeUnit;
  private final LocalDate calibrationEnd;
  private final LocalDate observationEnd;
  private final String[] customerIds;
  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] monetaryValue;
  private final double[] totalValue;
  private final double[] frequencyHoldout;
  private final double[] monetaryValueHoldout;
  private final double durationHoldout;
  private final double[] holdoutByPeriod;

  private CbsSummary(Builder b, String[] ids, double[][] columns, double[] holdoutByPeriod) {
    this.holdoutByPeriod = holdoutByPeriod;
    this.timeUnit = b.timeUnit;
    this.calibrationEnd = b.calibrationEnd;
    this.observationEnd = b.observationEnd;
    this.customerIds = ids;
    this.frequency = columns[0];
    this.recency = columns[1];
    this.age = columns[2];
    this.monetaryValue = columns[3];
    this.totalValue = columns[4];
    this.frequencyHoldout = b.observationEnd == null ? null : columns[5];
    this.monetaryValueHoldout = b.observationEnd == null ? null : columns[6];
    this.durationHoldout = b.observationEnd == null ? Double.NaN
        : (b.observationEnd.toEpochDay() - b.calibrationEnd.toEpochDay()) / b.timeUnit.days();
  }

  /** A builder with this calibration end (inclusive); weeks unless set otherwise. */
  public static Builder builder(LocalDate calibrationEnd) {
    return new Builder(calibrationEnd);
  }

  /** Settings of a summary, each checked when set. */
  public static final class Builder {
    private final LocalDate calibrationEnd;
    private LocalDate observationEnd;
    private TimeUnit timeUnit = TimeUnit.WEEKS;
    private boolean netReturns;

    private Builder(LocalDate calibrationEnd) {
      this.calibrationEnd = Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    }

    /** The end of the holdout period (inclusive); after the calibration end. */
    public Builder observationEnd(LocalDate observationEnd) {
      Objects.requireNonNull(observationEnd, "observationEnd");
      if (!observationEnd.isAfter(calibrationEnd)) {
        throw new IllegalArgumentException("observation end " + observationEnd
            + " must be after the calibration end " + calibrationEnd);
      }
      this.observationEnd = observationEnd;
      return this;
    }

    public Builder timeUnit(TimeUnit timeUnit) {
      this.timeUnit = Objects.requireNonNull(timeUnit, "timeUnit");
      return this;
    }

    /**
     * Whether negative amounts (returns, cancellations) are netted instead of rejected (default:
     * rejected). A return is never a transaction: it counts in no frequency, recency or T; its
     * amount is subtracted from the value of the period it falls in (on or before the first
     * purchase day: the total only; later in the calibration period: the repeat value; in the
     * holdout: the holdout value). Mean values are at least 0. A customer with returns only
     * has no row.
     */
    public Builder netReturns(boolean net) {
      this.netReturns = net;
      return this;
    }

    /**
     * Summarises transactions given as parallel columns of customer id, date and amount.
     *
     * @throws IllegalArgumentException naming the transaction (0-based) for a missing id or
     *     date, or an amount that is negative or not finite
     */
    public CbsSummary build(String[] customerIds, LocalDate[] dates, double[] amounts) {
      int n = customerIds.length;
      if (dates.length != n || amounts.length != n) {
        throw new IllegalArgumentException("customer ids, dates and amounts must have the same length, got "
            + n + ", " + dates.length + ", " + amounts.length);
      }
      Map<String, Integer> codes = new HashMap<>();
      int[] code = new int[n];
      int[] days = new int[n];
      String[] dictionary = new String[Math.max(16, n)];
      for (int i = 0; i < n; i++) {
        if (customerIds[i] == null || dates[i] == null) {
          throw new IllegalArgumentException("transaction " + i + ": customer id and date are required");
        }
        Integer c = codes.get(customerIds[i]);
        if (c == null) {
          c = codes.size();
          codes.put(customerIds[i], c);
          dictionary[c] = customerIds[i];
        }
        code[i] = c;
        days[i] = Math.toIntExact(dates[i].toEpochDay());
      }
      return build(code, Arrays.copyOf(dictionary, codes.size()), days, amounts);
    }

    /** Summarises a columnar transaction log (its customers keep the log's order). */
    public CbsSummary build(TransactionLog log) {
      Objects.requireNonNull(log, "log");
      int n = log.size();
      int[] codes = new int[n];
      int[] days = new int[n];
      double[] amounts = new double[n];
      for (int i = 0; i < n; i++) {
        codes[i] = log.customerIndex(i);
        days[i] = log.day(i);
        amounts[i] = log.amount(i);
      }
      String[] dictionary = new String[log.customerCount()];
      for (int c = 0; c < dictionary.length; c++) {
        dictionary[c] = log.customerId(c);
      }
      return build(codes, dictionary, days, amounts);
    }

    /**
     * Summarises dictionary-encoded transactions: customer codes index {@code dictionary}, days
     * are epoch days ({@link LocalDate#toEpochDay()}). Customers appear in dictionary order.
     *
     * @throws IllegalArgumentException naming the transaction (0-based) for a code outside the
     *     dictionary or an amount that is negative or not finite
     */
    public CbsSummary build(int[] customerCodes, String[] dictionary, int[] epochDays, double[] amounts) {
      int n = customerCodes.length;
      if (epochDays.length != n || amounts.length != n) {
        throw new IllegalArgumentException("customer codes, days and amounts must have the same length, got "
            + n + ", " + epochDays.length + ", " + amounts.length);
      }
      int customers = dictionary.length;
      int[] start = new int[customers + 1];
      for (int i = 0; i < n; i++) {
        int c = customerCodes[i];
        if (c < 0 || c >= customers) {
          throw new IllegalArgumentException("transaction " + i + ": customer code " + c
              + " is outside the dictionary of " + customers);
        }
        if (netReturns ? !Double.isFinite(amounts[i]) : !(amounts[i] >= 0) || Double.isInfinite(amounts[i])) {
          throw new IllegalArgumentException("transaction " + i + ": amount must be finite and >= 0, got "
              + amounts[i]);
        }
        start[c + 1]++;
      }
      for (int c = 0; c < customers; c++) {
        start[c + 1] += start[c];
      }
      // counting sort by customer, then each customer's transactions by day
      long[] byCustomer = new long[n];
      int[] fill = Arrays.copyOf(start, customers);
      for (int i = 0; i < n; i++) {
        // day (offset to stay positive) in the high bits, the transaction in the low 32
        byCustomer[fill[customerCodes[i]]++] = ((long) epochDays[i] + (1L << 30)) << 32 | i;
      }
      long cal = calibrationEnd.toEpochDay();
      long obs = observationEnd == null ? cal : observationEnd.toEpochDay();
      double unit = timeUnit.days();
      int columns = observationEnd == null ? 5 : 7;
      double[][] out = new double[columns][customers];
      String[] ids = new String[customers];
      int kept = 0;
      double[] byPeriod = new double[observationEnd == null ? 0 : (int) Math.ceil((obs - cal) / unit)];
      for (int c = 0; c < customers; c++) {
        int from = start[c];
        int to = start[c + 1];
        if (from == to) {
          continue;
        }
        Arrays.sort(byCustomer, from, to);
        long first = Long.MAX_VALUE; // the first purchase day (returns are not purchases)
        for (int k = from; k < to; k++) {
          if (amounts[(int) byCustomer[k]] >= 0) {
            first = (byCustomer[k] >>> 32) - (1L << 30);
            break;
          }
        }
        if (first > cal) {
          continue;
        }
        int repeat = -1;
        long last = first;
        double repeatValue = 0;
        double total = 0;
        int holdout = 0;
        double holdoutValue = 0;
        long day = Long.MIN_VALUE;
        double dayValue = 0;
        boolean dayPurchase = false;
        for (int k = from; k <= to; k++) {
          long d = k < to ? (byCustomer[k] >>> 32) - (1L << 30) : Long.MAX_VALUE;
          if (d != day && day != Long.MIN_VALUE) {
            // close the previous transaction day
            if (!dayPurchase) {
              // returns only: netted against the value of the period they fall in
              if (day <= cal) {
                total += dayValue;
                if (day > first) {
                  repeatValue += dayValue;
                }
              } else if (day <= obs) {
                holdoutValue += dayValue;
              }
            } else if (day <= cal) {
              repeat++;
              total += dayValue;
              if (repeat > 0) {
                repeatValue += dayValue;
              }
              last = day;
            } else if (day <= obs) {
              holdout++;
              holdoutValue += dayValue;
              // day cal + 1 is in period 0; a period is one time unit
              byPeriod[(int) Math.min(byPeriod.length - 1, Math.floor((day - cal - 1) / unit))]++;
            }
            dayValue = 0;
            dayPurchase = false;
          }
          if (k < to) {
            day = d;
            double amount = amounts[(int) byCustomer[k]];
            dayValue += amount;
            dayPurchase |= amount >= 0;
          }
        }
        ids[kept] = dictionary[c];
        out[0][kept] = repeat;
        out[1][kept] = (last - first) / unit;
        out[2][kept] = (cal - first) / unit;
        out[3][kept] = repeat == 0 ? 0 : Math.max(0, repeatValue / repeat);
        out[4][kept] = total;
        if (observationEnd != null) {
          out[5][kept] = holdout;
          out[6][kept] = holdout == 0 ? 0 : Math.max(0, holdoutValue / holdout);
        }
        kept++;
      }
      for (int j = 0; j < columns; j++) {
        out[j] = Arrays.copyOf(out[j], kept);
      }
      return new CbsSummary(this, Arrays.copyOf(ids, kept), out, byPeriod);
    }
  }

  /** The number of customers in the summary. */
  public int size() {
    return customerIds.length;
  }

  public TimeUnit timeUnit() {
    return timeUnit;
  }

  public LocalDate calibrationEnd() {
    return calibrationEnd;
  }

  public Optional<LocalDate> observationEnd() {
    return Optional.ofNullable(observationEnd);
  }

  public boolean hasHoldout() {
    return observationEnd != null;
  }

  public String customerId(int i) {
    return customerIds[i];
  }

  public double frequency(int i) {
    return frequency[i];
  }

  public double recency(int i) {
    return recency[i];
  }

  public double T(int i) {
    return age[i];
  }

  public double monetaryValue(int i) {
    return monetaryValue[i];
  }

  /** The total value of the customer's calibration transactions, first purchase included. */
  public double totalValue(int i) {
    return totalValue[i];
  }

  public double frequencyHoldout(int i) {
    return holdout(frequencyHoldout)[i];
  }

  public double monetaryValueHoldout(int i) {
    return holdout(monetaryValueHoldout)[i];
  }

  /** The length of the holdout period in the summary's time unit (the same for everyone). */
  public double durationHoldout() {
    holdout(frequencyHoldout);
    return durationHoldout;
  }

  /**
   * Holdout transactions of all customers per period of one time unit after the calibration end
   * (the last period may be partial): the actual side of the tracking curve.
   */
  public double[] holdoutTransactionsByPeriod() {
    holdout(frequencyHoldout);
    return holdoutByPeriod.clone();
  }

  private double[] holdout(double[] column) {
    if (column == null) {
      throw new IllegalStateException("this summary has no holdout: it was built without an observation end");
    }
    return column;
  }

  /** The (frequency, recency, T) rows of every customer, compressed, for the transaction models. */
  public CbsRows rows() {
    return CbsRows.of(frequency, recency, age);
  }

  /**
   * The (frequency, monetary value) rows of the customers with at least one repeat purchase and
   * a positive mean repeat value (netted returns can bring it to 0; such customers are left out
   * of the spend model's fit).
   */
  public SpendRows spendRows() {
    int repeaters = 0;
    for (int i = 0; i < frequency.length; i++) {
      if (frequency[i] > 0 && monetaryValue[i] > 0) {
        repeaters++;
      }
    }
    double[] x = new double[repeaters];
    double[] m = new double[repeaters];
    int j = 0;
    for (int i = 0; i < frequency.length; i++) {
      // a repeat spend netted to 0 by returns says nothing of the spend process: left out
      if (frequency[i] > 0 && monetaryValue[i] > 0) {
        x[j] = frequency[i];
        m[j++] = monetaryValue[i];
      }
    }
    return SpendRows.of(x, m);
  }
}
