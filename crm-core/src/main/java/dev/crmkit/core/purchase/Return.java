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
 * Goods that came back from one {@link Order}: which lines, how many units, the refund, when,
 * through which channel and why. Across all returns of an order, no line ever comes back more
 * often than it was bought ({@code Crm.recordReturn} enforces it).
 *
 * <pre>{@code
 * Return r = crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1).reason("damaged"));
 * r.refund(); // 1199.00 USD
 * }</pre>
 */
public record Return(
    String id,
    String orderId,
    CustomerId customerId,
    Instant returnedAt,
    Channel channel,
    Currency currency,
    List<ReturnLine> lines,
    Optional<String> reason) {

  public Return {
    Ids.check("returnId", id);
    Ids.check("orderId", orderId);
    notNull("customerId", customerId);
    notNull("returnedAt", returnedAt);
    notNull("channel", channel);
    notNull("currency", currency);
    lines = list("lines", lines);
    if (lines.isEmpty()) {
      throw invalid("lines", lines, "at least one returned line");
    }
    Set<Integer> numbers = new HashSet<>();
    for (ReturnLine line : lines) {
      if (!numbers.add(line.lineNumber())) {
        throw invalid("lines.lineNumber", line.lineNumber(), "each order line at most once");
      }
      if (!line.refund().currency().equals(currency)) {
        throw invalid("lines[" + line.lineNumber() + "].refund", line.refund(),
            "an amount in the return's currency " + currency);
      }
    }
    reason = optionalText("reason", reason);
  }

  /** The total refunded. */
  public Money refund() {
    return lines.stream().map(ReturnLine::refund).reduce(Money.zero(currency), Money::plus);
  }
}
