package dev.crmkit.core.purchase;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * A purchase to record, handed to {@code Crm.recordPurchase}. Lines are numbered 1, 2, ... in
 * the order they are added. Without {@link #orderedAt} the facade's clock gives the time;
 * without {@link #orderId} the facade makes an id.
 *
 * <pre>{@code
 * OrderRequest.of(customerId, Channel.STORE, "EUR")
 *     .line("A-CLASS", "cars", 1, Money.of("35000", "EUR"), Money.of("33500", "EUR"))
 *     .campaign("spring-2026");
 * }</pre>
 */
public final class OrderRequest {

  private final CustomerId customerId;
  private final Channel channel;
  private final Currency currency;
  private final List<LineItem> lines = new ArrayList<>();
  private Optional<String> orderId = Optional.empty();
  private Optional<Instant> orderedAt = Optional.empty();
  private Optional<String> campaignId = Optional.empty();

  private OrderRequest(CustomerId customerId, Channel channel, Currency currency) {
    this.customerId = notNull("customerId", customerId);
    this.channel = notNull("channel", channel);
    this.currency = notNull("currency", currency);
  }

  public static OrderRequest of(CustomerId customerId, Channel channel, String currencyCode) {
    return new OrderRequest(customerId, channel, Money.zero(currencyCode).currency());
  }

  public OrderRequest line(
      String sku, String category, int quantity, Money unitListPrice, Money unitPricePaid) {
    LineItem line =
        new LineItem(lines.size() + 1, sku, category, quantity, unitListPrice, unitPricePaid);
    if (!unitListPrice.currency().equals(currency)) {
      throw Checks.invalid(
          "unitListPrice", unitListPrice, "an amount in the order's currency " + currency);
    }
    lines.add(line);
    return this;
  }

  public OrderRequest orderId(String value) {
    orderId = Optional.of(Ids.check("orderId", value));
    return this;
  }

  public OrderRequest orderedAt(Instant value) {
    orderedAt = Optional.of(notNull("orderedAt", value));
    return this;
  }

  public OrderRequest campaign(String value) {
    campaignId = Optional.of(text("campaignId", value));
    return this;
  }

  public CustomerId customerId() {
    return customerId;
  }

  public Optional<String> requestedOrderId() {
    return orderId;
  }

  /**
   * The order, with the id and time the facade supplies when the request has none.
   *
   * <p>For the facade, which lives in another package: hosts record through {@code Crm}, which
   * supplies ids and times, resolves merged ids, checks under its lock and publishes the event.
   */
  public Order toOrder(String defaultId, Instant defaultTime, CustomerId resolvedCustomer) {
    return new Order(orderId.orElse(defaultId), resolvedCustomer, orderedAt.orElse(defaultTime),
        channel, currency, lines, campaignId);
  }
}
