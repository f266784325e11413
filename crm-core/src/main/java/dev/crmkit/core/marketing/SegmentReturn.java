package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Money;

/**
 * A campaign's return within one group of customers (by a {@link Dimension}): customers
 * reached and converted, attributed orders, revenue and margin as in {@link CampaignReturn}.
 * The campaign's cost is not split over groups.
 *
 * <pre>{@code
 * marketing.segmentReturns("spring-launch", Dimension.REGION).forEach(System.out::println);
 * }</pre>
 */
public record SegmentReturn(String group, long reached, long converted, long orders,
    Money revenue, Money margin) {

  public SegmentReturn {
    text("group", group);
    notNull("revenue", revenue);
    notNull("margin", margin);
  }
}
