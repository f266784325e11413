package dev.crmkit.scoring.clv;

import java.util.Objects;

/**
 * Customer lifetime value: the expected discounted margin over a horizon, from a transaction
 * model (how many purchases, month by month) and the Gamma-Gamma spend model (how much each).
 *
 * <p>CLV = margin × E[spend] × Σ over months m = 1..N of
 * (E[Y(m·u)] - E[Y((m-1)·u)]) / (1 + d)^m, where E[Y(t)] is the conditional expected number of
 * purchases in the next t time units, u the time units per month and d the monthly discount
 * rate (lifetimes' convention). A customer with no repeat purchase is valued with the
 * population mean spend.
 *
 * <pre>{@code
 * Clv clv = Clv.of(bgNbd, gammaGamma, TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);
 * double value = clv.value(2, 30.43, 38.86, 22.35);
 * double past = Clv.historic(150.0, 0.3);   // 45.0: the margin on what was spent
 * }</pre>
 *
 * @param transactions the purchase model
 * @param spend the spend model
 * @param unitsPerMonth time units of the transaction model per month (4.348 for weeks)
 * @param horizonMonths months to value, at least 1
 * @param monthlyDiscountRate d &ge; 0
 * @param margin the share of spend that is profit, in (0, 1] (1 values revenue)
 */
public record Clv(TransactionModel transactions, GammaGamma spend, double unitsPerMonth, int horizonMonths,
    double monthlyDiscountRate, double margin) implements java.io.Serializable {

  public Clv {
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(spend, "spend");
    Checks.positive("units per month", unitsPerMonth);
    if (horizonMonths < 1) {
      throw new IllegalArgumentException("horizon must be at least 1 month, got " + horizonMonths);
    }
    if (!(monthlyDiscountRate >= 0) || Double.isInfinite(monthlyDiscountRate)) {
      throw new IllegalArgumentException("discount rate must be finite and >= 0, got " + monthlyDiscountRate);
    }
    if (!(margin > 0 && margin <= 1)) {
      throw new IllegalArgumentException("margin must be in (0, 1], got " + margin);
    }
  }

  /** The same as the canonical constructor, for symmetry with the other factories. */
  public static Clv of(TransactionModel transactions, GammaGamma spend, double unitsPerMonth, int horizonMonths,
      double monthlyDiscountRate, double margin) {
    return new Clv(transactions, spend, unitsPerMonth, horizonMonths, monthlyDiscountRate, margin);
  }

  /** The CLV of a customer with this history and mean repeat spend (ignored when x = 0). */
  public double value(double frequency, double recency, double T, double monetaryValue) {
    return margin * spend.expectedAverageValue(frequency, monetaryValue)
        * discountedPurchases(frequency, recency, T);
  }

  /**
   * The CLV of a customer whose purchases are known but whose spend per purchase is not usable
   * (for example repeat purchases netted to zero or less by returns): the spend model's population
   * mean per purchase stands in for the customer's own.
   */
  public double valueAtPopulationSpend(double frequency, double recency, double T) {
    return margin * spend.expectedAverageValue(0, 0) * discountedPurchases(frequency, recency, T);
  }

  /** The expected purchases month by month over the horizon, each discounted to today (also {@link Bootstrap}'s). */
  double discountedPurchases(double frequency, double recency, double T) {
    double sum = 0;
    double previous = 0;
    for (int m = 1; m <= horizonMonths; m++) {
      double cumulative = transactions.conditionalExpectedPurchases(m * unitsPerMonth, frequency, recency, T);
      sum += (cumulative - previous) / Math.pow(1 + monthlyDiscountRate, m);
      previous = cumulative;
    }
    return sum;
  }

  /**
   * Historic CLV for customers with no model: the margin on what they spent. A negative total
   * (returns of purchases made before the period outweigh the purchases in it) gives a negative
   * historic value: that customer cost money in the period.
   */
  public static double historic(double totalSpend, double margin) {
    if (!Double.isFinite(totalSpend)) {
      throw new IllegalArgumentException("total spend must be a finite number, got " + totalSpend);
    }
    if (!(margin > 0 && margin <= 1)) {
      throw new IllegalArgumentException("margin must be in (0, 1], got " + margin);
    }
    return margin * totalSpend;
  }
}
