package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.nonNegative;
import static dev.crmkit.core.internal.Checks.positive;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;

/**
 * One returned line of a {@link Return}: how many units of an order's line came back and the
 * refund (units times the unit price paid). The product's sku and category are repeated from the
 * order so that a return can be netted by product without looking the order up.
 *
 * <pre>{@code
 * new ReturnLine(1, "XPS-13", "laptops", 1, Money.of("1199", "USD"));
 * }</pre>
 */
public record ReturnLine(int lineNumber, String sku, String category, int quantity, Money refund) {

  public ReturnLine {
    positive("lineNumber", lineNumber);
    sku = text("sku", sku);
    category = text("category", category);
    positive("quantity", quantity);
    nonNegative("refund", refund);
  }
}
