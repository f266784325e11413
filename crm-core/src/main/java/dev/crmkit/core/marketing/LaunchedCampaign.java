package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;

/**
 * A campaign as {@link Marketing} keeps it ({@link Marketing#CAMPAIGNS}): the campaign, the
 * number of its launch (campaigns list in launch order, across restarts and processes) and
 * when it was launched.
 *
 * <pre>{@code
 * crm.store().records(Marketing.CAMPAIGNS).find("spring").map(LaunchedCampaign::campaign);
 * }</pre>
 */
public record LaunchedCampaign(Campaign campaign, long launchNumber, Instant launchedAt) {

  public LaunchedCampaign {
    notNull("campaign", campaign);
    if (launchNumber < 1) {
      throw invalid("launchNumber", launchNumber, "a number from 1");
    }
    notNull("launchedAt", launchedAt);
  }

  /** The campaign's id. */
  @JsonIgnore
  public String id() {
    return campaign.id();
  }

  /**
   * The placeholder customer id a campaign is filed under in the store ({@code campaign:<id>}):
   * a campaign belongs to no customer.
   */
  @JsonIgnore
  CustomerId storeKey() {
    return CustomerId.of("campaign:" + campaign.id());
  }

  LaunchedCampaign with(Campaign value) {
    return new LaunchedCampaign(value, launchNumber, launchedAt);
  }
}
