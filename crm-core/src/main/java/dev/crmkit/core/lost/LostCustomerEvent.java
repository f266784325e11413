package dev.crmkit.core.lost;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * A customer left, or was the subject of a win-back attempt. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = LostCustomerEvent.CustomerLeft.class, name = "customer-left"),
  @JsonSubTypes.Type(value = LostCustomerEvent.WinBackAttempted.class, name = "win-back-attempted")
})
public sealed interface LostCustomerEvent extends DomainEvent {

  /** Why a customer left was recorded. */
  record CustomerLeft(Departure departure, Instant occurredAt) implements LostCustomerEvent {
    public CustomerLeft {
      check(departure, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return departure.customerId();
    }
  }
  record WinBackAttempted(WinBackAttempt attempt, Instant occurredAt) implements LostCustomerEvent {
    public WinBackAttempted {
      check(attempt, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return attempt.customerId();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
