package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;
import dev.crmkit.core.sales.Ratio;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a campaign (with {@code includesSubCampaigns}: and every campaign nested under it)
 * brought, under the attribution rule in force.
 *
 * <ul>
 *   <li>{@code reached}: customers with an interaction naming the campaign or an order
 *       attributed to it; {@code responded}: those with an inbound one; {@code converted}: those
 *       with an attributed order.
 *   <li>{@code responseRate} = responded / reached, {@code conversionRate} = converted /
 *       reached (empty when nobody was reached).
 *   <li>{@code revenue}: amount paid on the attributed orders minus what their returns refunded;
 *       {@code margin}: revenue minus the unit costs of what was kept.
 *   <li>{@code roi} = (margin - cost) / cost, to 16 significant digits; empty when the cost is
 *       zero.
 *   <li>{@code otherCurrencyOrders}: attributed orders in another currency than the budget's,
 *       listed and not summed.
 * </ul>
 *
 * <pre>{@code
 * CampaignReturn r = marketing.campaignReturn("spring-launch");
 * r.roi().ifPresent(roi -> System.out.println("ROI " + roi));
 * }</pre>
 */
public record CampaignReturn(
    String campaignId,
    boolean includesSubCampaigns,
    AttributionRule rule,
    long reached,
    long responded,
    long converted,
    Optional<Ratio> responseRate,
    Optional<Ratio> conversionRate,
    long orders,
    Money revenue,
    Money margin,
    Money cost,
    Optional<BigDecimal> roi,
    List<String> otherCurrencyOrders) {

  public CampaignReturn {
    text("campaignId", campaignId);
    notNull("rule", rule);
    responseRate = optional(responseRate);
    conversionRate = optional(conversionRate);
    notNull("revenue", revenue);
    notNull("margin", margin);
    notNull("cost", cost);
    roi = optional(roi);
    otherCurrencyOrders = list("otherCurrencyOrders", otherCurrencyOrders);
  }
}
