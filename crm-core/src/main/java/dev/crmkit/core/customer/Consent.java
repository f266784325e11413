package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.Channel;
import java.time.Instant;

/**
 * The customer's latest marketing decision for one channel: opted in ({@code granted}) or
 * withdrawn, and when.
 *
 * <pre>{@code
 * Consent consent = new Consent(Channel.EMAIL, true, clock.instant());
 * }</pre>
 */
public record Consent(Channel channel, boolean granted, Instant decidedAt) {

  public Consent {
    notNull("channel", channel);
    notNull("decidedAt", decidedAt);
  }
}
