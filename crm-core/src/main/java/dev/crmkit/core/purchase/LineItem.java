package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.nonNegative;
import static dev.crmkit.core.internal.Checks.positive;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;

/**
 * One line of an {@link Order}: a quantity of one product at its unit list price and the unit
 * price actually paid, so that discounts are visible. Both prices are per unit, which keeps every
 * amount, refunds included, exact.
 *
 * <pre>{@code
 * LineItem line = new LineItem(1, "XPS-13", "laptops", 2, Money.of("1299", "USD"), Money.of("1199", "USD"));
 * line.amountPaid(); // 2398.00 USD
 * line.discount();   // 200.00 USD
 * }</pre>
 */
public record LineItem(
    int lineNumber,
    String sku,
    String category,
    int quantity,
    Money unitListPrice,
    Money unitPricePaid) {

  public LineItem {
    positive("lineNumber", lineNumber);
    sku = text("sku", sku);
    category = text("category", category);
    positive("quantity", quantity);
    nonNegative("unitListPrice", unitListPrice);
    nonNegative("unitPricePaid", unitPricePaid);
    if (!unitListPrice.currency().equals(unitPricePaid.currency())) {
      throw Checks.invalid(
          "unitPricePaid", unitPricePaid, "the currency of the list price " + unitListPrice);
    }
  }

  /** Quantity times the unit list price. */
  public Money listAmount() {
    return unitListPrice.times(quantity);
  }

  /** Quantity times the unit price paid. */
  public Money amountPaid() {
    return unitPricePaid.times(quantity);
  }

  /** List amount minus amount paid (negative for a surcharge). */
  public Money discount() {
    return listAmount().minus(amountPaid());
  }
}
