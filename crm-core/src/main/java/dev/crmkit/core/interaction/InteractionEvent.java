package dev.crmkit.core.interaction;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * A contact with the customer was logged. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = InteractionEvent.InteractionLogged.class, name = "interaction-logged")
})
public sealed interface InteractionEvent extends DomainEvent {

  record InteractionLogged(Interaction interaction, Instant occurredAt) implements InteractionEvent {
    public InteractionLogged {
      check(interaction, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return interaction.customerId();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
