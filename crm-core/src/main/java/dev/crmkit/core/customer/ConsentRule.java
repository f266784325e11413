package dev.crmkit.core.customer;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.Channel;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When a customer may be contacted for marketing through a channel. The customer's latest
 * decision for the channel ({@link Customer#consents()}) always counts: a withdrawal forbids, an
 * opt-in allows. The rule decides the case of <em>no decision</em>: on an opt-in channel nobody is
 * contacted without a recorded opt-in (as EU e-mail and SMS marketing requires); on an opt-out
 * channel everybody is until they withdraw.
 *
 * <pre>{@code
 * ConsentRule.optIn();                                  // the default: every channel opt-in
 * ConsentRule.optInFor(Channel.EMAIL, Channel.PHONE);   // those opt-in, the others opt-out
 * ConsentRule.optOut();                                 // every channel opt-out
 * }</pre>
 */
public final class ConsentRule {

  private static final ConsentRule OPT_IN = new ConsentRule(EnumSet.allOf(Channel.class));
  private static final ConsentRule OPT_OUT = new ConsentRule(EnumSet.noneOf(Channel.class));

  private final Set<Channel> optIn;

  private ConsentRule(Set<Channel> optIn) {
    this.optIn = Set.copyOf(optIn);
  }

  /** Every channel needs a recorded opt-in (the default of {@code Marketing}). */
  public static ConsentRule optIn() {
    return OPT_IN;
  }

  /** Every channel may be used until the customer withdraws. */
  public static ConsentRule optOut() {
    return OPT_OUT;
  }

  /** These channels need a recorded opt-in; the others may be used until a withdrawal. */
  public static ConsentRule optInFor(Channel first, Channel... more) {
    EnumSet<Channel> set = EnumSet.of(notNull("first", first));
    for (Channel c : notNull("more", more)) {
      set.add(notNull("more", c));
    }
    return new ConsentRule(set);
  }

  /** Whether the channel needs a recorded opt-in. */
  public boolean needsOptIn(Channel channel) {
    return optIn.contains(notNull("channel", channel));
  }

  /** Whether the customer may be contacted through the channel. */
  public boolean allows(Customer customer, Channel channel) {
    return refusal(customer, channel).isEmpty();
  }

  /** Why the customer may not be contacted through the channel; empty when they may. */
  public Optional<String> refusal(Customer customer, Channel channel) {
    notNull("customer", customer);
    notNull("channel", channel);
    Consent decision = customer.consents().get(channel);
    if (decision != null) {
      return decision.granted() ? Optional.empty()
          : Optional.of("consent withdrawn at " + decision.decidedAt());
    }
    return needsOptIn(channel)
        ? Optional.of("no consent recorded for " + channel + " (an opt-in channel)")
        : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsentRule r && r.optIn.equals(optIn);
  }

  @Override
  public int hashCode() {
    return optIn.hashCode();
  }

  @Override
  public String toString() {
    return optIn.isEmpty() ? "ConsentRule[opt-out]"
        : optIn.size() == Channel.values().length ? "ConsentRule[opt-in]"
        : "ConsentRule[opt-in for " + EnumSet.copyOf(optIn) + ", opt-out otherwise]";
  }
}
