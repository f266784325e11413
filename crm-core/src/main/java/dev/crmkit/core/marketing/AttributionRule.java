package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

/**
 * How a purchase is attributed to a campaign. {@link Kind#CAMPAIGN_CODE}: the campaign whose id
 * the order carries. {@link Kind#FIRST_TOUCH} / {@link Kind#LAST_TOUCH}: among the customer's
 * interactions naming a campaign in the {@code days} before the order (the order's own instant
 * included), the earliest / the latest (at the same instant, the smaller interaction id).
 *
 * <pre>{@code
 * Marketing.builder(crm).clock(clock).attribution(AttributionRule.lastTouch(30)).build();
 * }</pre>
 */
public record AttributionRule(Kind kind, int days) {

  /** Which rule. */
  public enum Kind {
    CAMPAIGN_CODE,
    FIRST_TOUCH,
    LAST_TOUCH
  }

  public AttributionRule {
    notNull("kind", kind);
    if (kind == Kind.CAMPAIGN_CODE && days != 0) {
      throw invalid("days", days, "0: the campaign-code rule has no window");
    }
    if (kind != Kind.CAMPAIGN_CODE && (days < 1 || days > 3660)) {
      throw invalid("days", days, "a window of 1 to 3660 days");
    }
  }

  public static AttributionRule campaignCode() {
    return new AttributionRule(Kind.CAMPAIGN_CODE, 0);
  }

  public static AttributionRule firstTouch(int days) {
    return new AttributionRule(Kind.FIRST_TOUCH, days);
  }

  public static AttributionRule lastTouch(int days) {
    return new AttributionRule(Kind.LAST_TOUCH, days);
  }

  @Override
  public String toString() {
    return kind == Kind.CAMPAIGN_CODE ? "campaign code"
        : (kind == Kind.FIRST_TOUCH ? "first touch" : "last touch") + " within " + days + " days";
  }
}
