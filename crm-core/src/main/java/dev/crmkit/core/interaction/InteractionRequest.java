package dev.crmkit.core.interaction;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An interaction to log, handed to {@code Crm.logInteraction}; the time defaults to the facade's
 * clock and the id is made by the facade unless given.
 *
 * <pre>{@code
 * InteractionRequest.of(id, Channel.EMAIL, InteractionType.CAMPAIGN_CONTACT, Direction.OUTBOUND)
 *     .campaign("spring-2026").notes("newsletter");
 * }</pre>
 */
public final class InteractionRequest {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/#-]{0,127}");

  private final CustomerId customerId;
  private final Channel channel;
  private final InteractionType type;
  private final Direction direction;
  private Optional<String> id = Optional.empty();
  private Optional<Instant> occurredAt = Optional.empty();
  private Optional<String> contactId = Optional.empty();
  private Optional<String> agent = Optional.empty();
  private Optional<String> campaignId = Optional.empty();
  private String notes = "";
  private Optional<String> outcome = Optional.empty();

  private InteractionRequest(
      CustomerId customerId, Channel channel, InteractionType type, Direction direction) {
    this.customerId = notNull("customerId", customerId);
    this.channel = notNull("channel", channel);
    this.type = notNull("type", type);
    this.direction = notNull("direction", direction);
  }

  public static InteractionRequest of(
      CustomerId customerId, Channel channel, InteractionType type, Direction direction) {
    return new InteractionRequest(customerId, channel, type, direction);
  }

  static String checkId(String value) {
    notNull("interactionId", value);
    if (!ID.matcher(value).matches()) {
      throw invalid("interactionId", value, "1 to 128 letters, digits or _ . : / # -");
    }
    return value;
  }

  public InteractionRequest id(String value) {
    id = Optional.of(checkId(value));
    return this;
  }

  public InteractionRequest occurredAt(Instant value) {
    occurredAt = Optional.of(notNull("occurredAt", value));
    return this;
  }

  /** The contact person: for an organization, the id of one of its contacts. */
  public InteractionRequest contact(String value) {
    contactId = Optional.of(text("contactId", value));
    return this;
  }

  public InteractionRequest agent(String value) {
    agent = Optional.of(text("agent", value));
    return this;
  }

  public InteractionRequest campaign(String value) {
    campaignId = Optional.of(text("campaignId", value));
    return this;
  }

  public InteractionRequest notes(String value) {
    notes = freeText("notes", notNull("notes", value));
    return this;
  }

  public InteractionRequest outcome(String value) {
    outcome = Optional.of(text("outcome", value));
    return this;
  }

  public CustomerId customerId() {
    return customerId;
  }

  public Optional<String> contactId() {
    return contactId;
  }

  public Optional<String> requestedId() {
    return id;
  }

  /**
   * The interaction, with the id and time the facade supplies when the request has none.
   *
   * <p>For the facade, which lives in another package: hosts record through {@code Crm}, which
   * supplies ids and times, resolves merged ids, checks under its lock and publishes the event.
   */
  public Interaction toInteraction(String defaultId, Instant defaultTime, CustomerId resolved) {
    return new Interaction(id.orElse(defaultId), resolved, occurredAt.orElse(defaultTime),
        channel, type, direction, contactId, agent, campaignId, notes, outcome);
  }
}
