package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;

/**
 * One group of the customer base by a {@link Dimension}: how many live customers, how many of
 * them bought (in the currency), their revenue net of returns, and the revenue per customer
 * (rounded half-even to the currency's minor unit; the revenue itself is exact).
 * {@code otherCurrencyOrders} counts the group's orders in other currencies, not summed.
 *
 * <pre>{@code
 * for (TargetGroup g : marketing.targetGroups(Dimension.INDUSTRY, "EUR")) {
 *   System.out.println(g.group() + " " + g.customers() + " " + g.revenue());
 * }
 * }</pre>
 */
public record TargetGroup(String group, long customers, long buyers, Money revenue,
    Money revenuePerCustomer, long otherCurrencyOrders) {

  public TargetGroup {
    text("group", group);
    notNull("revenue", revenue);
    notNull("revenuePerCustomer", revenuePerCustomer);
  }
}
