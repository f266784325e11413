package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import java.math.BigDecimal;
import java.util.List;

/**
 * A purchase that may earn points: its order id and the lines the member paid for.
 *
 * <pre>{@code
 * Purchase p = new Purchase(CustomerId.of("C-1"), "O-1001", List.of(
 *     new Purchase.Line("ESP-1", "coffee", 2, Money.of("7.00", "EUR"))));
 * }</pre>
 */
public record Purchase(CustomerId member, String orderId, List<Line> lines) {

  public Purchase {
    requireNonNull(member, "member");
    orderId = Checks.text("orderId", orderId);
    requireNonNull(lines, "lines");
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("lines: purchase " + orderId + " has no lines");
    }
    lines = List.copyOf(lines);
    var currency = lines.get(0).paid().currency();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).paid().currency().equals(currency)) {
        throw new IllegalArgumentException(
            "lines[" + i + "].paid: " + lines.get(i).paid() + " is not in " + currency
                + " like the first line");
      }
    }
  }

  /** The amount paid for all lines. */
  public Money total() {
    Money sum = Money.zero(lines.get(0).paid().currency());
    for (Line line : lines) {
      sum = sum.plus(line.paid());
    }
    return sum;
  }

  /**
   * One line: the SKU, its product category, the quantity and the amount paid for the line
   * (after discounts; not negative).
   */
  public record Line(String sku, String category, int quantity, Money paid) {
    public Line {
      sku = Checks.text("sku", sku);
      category = Checks.text("category", category);
      if (quantity < 1) {
        throw new IllegalArgumentException("quantity: " + quantity + " must be at least 1");
      }
      requireNonNull(paid, "paid");
      if (paid.amount().signum() < 0) {
        throw new IllegalArgumentException("paid: " + paid + " must not be negative");
      }
    }

    BigDecimal amount() {
      return paid.amount();
    }
  }
}
