package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A purchase: what a customer bought, when, through which channel, in one currency, optionally
 * linked to the campaign that brought it.
 *
 * <pre>{@code
 * Order order = crm.recordPurchase(OrderRequest.of(customerId, Channel.WEB, "USD")
 *     .line("XPS-13", "laptops", 1, Money.of("1299", "USD"), Money.of("1199", "USD")));
 * order.amountPaid(); // 1199.00 USD
 * }</pre>
 */
public record Order(
    String id,
    CustomerId customerId,
    Instant orderedAt,
    Channel channel,
    Currency currency,
    List<LineItem> lines,
    Optional<String> campaignId) {

  public Order {
    Ids.check("orderId", id);
    notNull("customerId", customerId);
    notNull("orderedAt", orderedAt);
    notNull("channel", channel);
    notNull("currency", currency);
    lines = list("lines", lines);
    if (lines.isEmpty()) {
      throw invalid("lines", lines, "at least one line item");
    }
    Set<Integer> numbers = new HashSet<>();
    for (LineItem line : lines) {
      if (!numbers.add(line.lineNumber())) {
        throw invalid("lines.lineNumber", line.lineNumber(), "line numbers unique in the order");
      }
      if (!line.unitListPrice().currency().equals(currency)) {
        throw invalid("lines[" + line.lineNumber() + "].unitListPrice", line.unitListPrice(),
            "an amount in the order's currency " + currency);
      }
    }
    campaignId = optionalText("campaignId", campaignId);
  }

  public Optional<LineItem> line(int lineNumber) {
    return lines.stream().filter(l -> l.lineNumber() == lineNumber).findFirst();
  }

  /** What the customer paid for the whole order. */
  public Money amountPaid() {
    return lines.stream().map(LineItem::amountPaid).reduce(Money.zero(currency), Money::plus);
  }

  /** The order at list prices. */
  public Money listAmount() {
    return lines.stream().map(LineItem::listAmount).reduce(Money.zero(currency), Money::plus);
  }

  public Money discount() {
    return listAmount().minus(amountPaid());
  }
}
