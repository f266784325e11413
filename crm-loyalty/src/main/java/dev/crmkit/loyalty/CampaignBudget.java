package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

/**
 * A campaign's points budget ({@link LoyaltyProgram.Campaign#budget()}) and the extra points
 * its purchases have drawn from it so far; {@code used} never exceeds {@code budget}.
 *
 * <pre>{@code
 * long left = loyalty.campaignBudget("double-march").remaining();
 * }</pre>
 */
public record CampaignBudget(String campaign, long budget, long used) {
  public CampaignBudget {
    requireNonNull(campaign, "campaign");
    if (used < 0 || used > budget) {
      throw new IllegalStateException("campaign '" + campaign + "' has drawn " + used + " of its " + budget
          + " budget points: outside 0 to " + budget);
    }
  }

  /** The points still to be granted. */
  public long remaining() {
    return budget - used;
  }
}
