package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.internal.Checks;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A marketing campaign: its id (the code orders and interactions carry), name, parent campaign
 * (campaigns nest), channel, target segment, budget and the actual cost booked so far (in the
 * budget's currency).
 *
 * <pre>{@code
 * Campaign spring = Campaign.of("spring-launch", "Spring launch", Channel.EMAIL,
 *     TargetSegment.profile().region("Berlin"), Money.of("20000", "EUR"));
 * Campaign mailing = Campaign.of("spring-mail", "Spring mailing", Channel.LETTER,
 *     TargetSegment.scoreClass("abc", "A"), Money.of("5000", "EUR")).withParent("spring-launch");
 * }</pre>
 */
@dev.crmkit.core.base.CheckReturnValue
public record Campaign(
    String id,
    String name,
    Optional<String> parentId,
    Channel channel,
    TargetSegment segment,
    Money budget,
    Money actualCost) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

  public Campaign {
    notNull("campaign.id", id);
    if (!ID.matcher(id).matches()) {
      throw invalid("campaign.id", id, "1 to 64 letters, digits, '_', '.', ':' or '-'");
    }
    name = text("campaign.name", name);
    parentId = optionalText("campaign.parentId", parentId);
    if (parentId.isPresent() && parentId.get().equals(id)) {
      throw invalid("campaign.parentId", id, "another campaign than the campaign itself");
    }
    notNull("campaign.channel", channel);
    notNull("campaign.segment", segment);
    Checks.nonNegative("campaign.budget", budget);
    Checks.nonNegative("campaign.actualCost", actualCost);
    if (!actualCost.currency().equals(budget.currency())) {
      throw invalid("campaign.actualCost", actualCost, "an amount in the budget's currency "
          + budget.currency());
    }
  }

  /** A campaign with no cost booked yet. */
  public static Campaign of(String id, String name, Channel channel, TargetSegment segment,
      Money budget) {
    return new Campaign(id, name, Optional.empty(), channel, segment, budget,
        Money.zero(notNull("campaign.budget", budget).currency()));
  }

  public Campaign withParent(String value) {
    return new Campaign(id, name, Optional.of(value), channel, segment, budget, actualCost);
  }

  Campaign withCost(Money value) {
    return new Campaign(id, name, parentId, channel, segment, budget, value);
  }
}
