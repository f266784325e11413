package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.Money;
import java.util.EnumSet;
import java.util.Set;

/**
 * When to raise a {@code LargeDealAlert}: for opportunities whose amount is above
 * {@code threshold} (same currency; deals in other currencies never match), on the triggers
 * chosen: {@link Trigger#AMOUNT} when such a deal is opened or its amount is raised above the
 * threshold, {@link Trigger#STAGE_CHANGE} whenever such a deal changes stage.
 *
 * <pre>{@code
 * LargeDealRule rule = LargeDealRule.above(Money.of("100000", "EUR"), Trigger.AMOUNT, Trigger.STAGE_CHANGE);
 * }</pre>
 */
public record LargeDealRule(Money threshold, Set<Trigger> triggers) {

  /** What makes a large deal raise an alert. */
  public enum Trigger {
    AMOUNT,
    STAGE_CHANGE
  }

  public LargeDealRule {
    notNull("threshold", threshold);
    if (threshold.isNegative()) {
      throw invalid("threshold", threshold, "an amount of zero or more");
    }
    notNull("triggers", triggers);
    if (triggers.isEmpty()) {
      throw invalid("triggers", triggers, "at least one of " + Set.of(Trigger.values()));
    }
    triggers = java.util.Collections.unmodifiableSet(EnumSet.copyOf(triggers));
  }

  public static LargeDealRule above(Money threshold, Trigger first, Trigger... more) {
    EnumSet<Trigger> all = EnumSet.of(notNull("trigger", first), more);
    return new LargeDealRule(threshold, all);
  }

  /** True when the deal is in the threshold's currency and its amount is above it. */
  public boolean isLarge(Money amount) {
    return amount.currency().equals(threshold.currency()) && amount.compareTo(threshold) > 0;
  }
}
