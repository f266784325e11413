package dev.crmkit.core.purchase;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * An order or a return was recorded. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = PurchaseEvent.PurchaseRecorded.class, name = "purchase-recorded"),
  @JsonSubTypes.Type(value = PurchaseEvent.ReturnRecorded.class, name = "return-recorded")
})
public sealed interface PurchaseEvent extends DomainEvent {

  record PurchaseRecorded(Order order, Instant occurredAt) implements PurchaseEvent {
    public PurchaseRecorded {
      check(order, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return order.customerId();
    }
  }
  record ReturnRecorded(Return returned, Instant occurredAt) implements PurchaseEvent {
    public ReturnRecorded {
      check(returned, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return returned.customerId();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
