package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import dev.crmkit.core.base.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A member's tier at one moment: the level, whether it was assigned by hand (the automatic rules
 * then leave it alone until released), and the basis value (points or spend) in the current
 * window.
 *
 * <pre>{@code
 * TierStatus t = loyalty.tier(member);
 * boolean gold = t.tier().equals("gold");
 * }</pre>
 */
public record TierStatus(CustomerId member, Instant asOf, String tier, boolean manual, BigDecimal qualifying) {
  public TierStatus {
    requireNonNull(member, "member");
    requireNonNull(asOf, "asOf");
    requireNonNull(tier, "tier");
    requireNonNull(qualifying, "qualifying");
  }
}
