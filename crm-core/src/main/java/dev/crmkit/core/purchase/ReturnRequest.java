package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.positive;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A return to record, handed to {@code Crm.recordReturn}: which lines of an order came back and
 * how many units of each. The channel defaults to the order's, the time to the facade's clock.
 *
 * <pre>{@code
 * crm.recordReturn(ReturnRequest.of("O-1").line(1, 2).reason("wrong size"));
 * }</pre>
 */
public final class ReturnRequest {

  private final String orderId;
  private final Map<Integer, Integer> quantities = new LinkedHashMap<>();
  private Optional<String> returnId = Optional.empty();
  private Optional<Instant> returnedAt = Optional.empty();
  private Optional<Channel> channel = Optional.empty();
  private Optional<String> reason = Optional.empty();

  private ReturnRequest(String orderId) {
    this.orderId = Ids.check("orderId", orderId);
  }

  public static ReturnRequest of(String orderId) {
    return new ReturnRequest(orderId);
  }

  /** Units of the order's line {@code lineNumber} that came back. */
  public ReturnRequest line(int lineNumber, int quantity) {
    positive("lineNumber", lineNumber);
    positive("quantity", quantity);
    if (quantities.containsKey(lineNumber)) {
      throw invalid("lineNumber", lineNumber, "each order line once per return");
    }
    quantities.put(lineNumber, quantity);
    return this;
  }

  public ReturnRequest returnId(String value) {
    returnId = Optional.of(Ids.check("returnId", value));
    return this;
  }

  public ReturnRequest returnedAt(Instant value) {
    returnedAt = Optional.of(notNull("returnedAt", value));
    return this;
  }

  public ReturnRequest channel(Channel value) {
    channel = Optional.of(notNull("channel", value));
    return this;
  }

  public ReturnRequest reason(String value) {
    reason = Optional.of(text("reason", value));
    return this;
  }

  public String orderId() {
    return orderId;
  }

  public Optional<String> requestedReturnId() {
    return returnId;
  }

  /**
   * Checks the request against the order and its earlier returns and builds the return.
   *
   * <p>For the facade, which lives in another package: hosts record through {@code Crm}, which
   * runs this check and the store as one step under its lock.
   *
   * @throws IllegalArgumentException naming the line and quantities when a line is unknown, when
   *     more would come back than was bought, or when the return predates the order
   */
  public Return toReturn(
      Order order, Collection<Return> earlierReturns, String defaultId, Instant defaultTime) {
    notNull("order", order);
    if (!order.id().equals(orderId)) {
      throw invalid("orderId", order.id(), "the order " + orderId + " this request is for");
    }
    if (quantities.isEmpty()) {
      throw invalid("lines", "[]", "at least one returned line");
    }
    Instant at = returnedAt.orElse(defaultTime);
    if (at.isBefore(order.orderedAt())) {
      throw invalid("returnedAt", at, "a time not before the order's " + order.orderedAt());
    }
    Map<Integer, Integer> alreadyReturned = new LinkedHashMap<>();
    for (Return earlier : earlierReturns) {
      for (ReturnLine line : earlier.lines()) {
        alreadyReturned.merge(line.lineNumber(), line.quantity(), Integer::sum);
      }
    }
    List<ReturnLine> lines = new ArrayList<>();
    quantities.forEach(
        (lineNumber, quantity) -> {
          LineItem bought =
              order.line(lineNumber).orElseThrow(() -> invalid("lineNumber", lineNumber,
                  "a line of order " + orderId + " (it has lines 1 to " + order.lines().size()
                      + ")"));
          int before = alreadyReturned.getOrDefault(lineNumber, 0);
          if (before + quantity > bought.quantity()) {
            throw invalid("quantity", quantity,
                "at most " + (bought.quantity() - before) + " for line " + lineNumber
                    + " of order " + orderId + " (bought " + bought.quantity()
                    + ", already returned " + before + ")");
          }
          lines.add(new ReturnLine(lineNumber, bought.sku(), bought.category(), quantity,
              bought.unitPricePaid().times(quantity)));
        });
    return new Return(returnId.orElse(defaultId), orderId, order.customerId(), at,
        channel.orElse(order.channel()), order.currency(), lines, reason);
  }
}
