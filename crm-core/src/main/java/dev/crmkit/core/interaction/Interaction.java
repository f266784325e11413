package dev.crmkit.core.interaction;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * One touchpoint between a customer and the company, inbound or outbound: when, through which
 * channel, what it was about, with which contact person (for an organization: the id of one of
 * its contacts), handled by which agent, for which campaign, with notes and outcome.
 *
 * <pre>{@code
 * Interaction call = crm.logInteraction(
 *     InteractionRequest.of(customerId, Channel.HOTLINE, InteractionType.COMPLAINT, Direction.INBOUND)
 *         .agent("agent-7").notes("screen flickers").outcome("repair booked"));
 * }</pre>
 */
public record Interaction(
    String id,
    CustomerId customerId,
    Instant occurredAt,
    Channel channel,
    InteractionType type,
    Direction direction,
    Optional<String> contactId,
    Optional<String> agent,
    Optional<String> campaignId,
    String notes,
    Optional<String> outcome) {

  public Interaction {
    InteractionRequest.checkId(id);
    notNull("customerId", customerId);
    notNull("occurredAt", occurredAt);
    notNull("channel", channel);
    notNull("type", type);
    notNull("direction", direction);
    contactId = optionalText("contactId", contactId);
    agent = optionalText("agent", agent);
    campaignId = optionalText("campaignId", campaignId);
    notes = freeText("notes", notes);
    outcome = optionalText("outcome", outcome);
  }
}
