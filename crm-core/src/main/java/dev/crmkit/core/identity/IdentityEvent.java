package dev.crmkit.core.identity;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * A change to who is who: two records of one customer were merged. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = IdentityEvent.CustomersMerged.class, name = "customers-merged")
})
public sealed interface IdentityEvent extends DomainEvent {

  /** A record was merged into a survivor; {@code survivor} is the survivor's new version. */
  record CustomersMerged(Customer survivor, MergeReport report, Instant occurredAt)
      implements IdentityEvent {
    public CustomersMerged {
      check(survivor, occurredAt);
      check(report, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return survivor.id();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
