package dev.crmkit.core.privacy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;
import java.util.Set;

/**
 * Personal data was erased. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = PrivacyEvent.CustomerErased.class, name = "customer-erased")
})
public sealed interface PrivacyEvent extends DomainEvent {

  /**
   * The personal data of a customer and of the records merged into it ({@code records}) was
   * replaced by pseudonyms. Carries no personal data itself.
   */
  record CustomerErased(CustomerId customerId, Set<CustomerId> records, Instant occurredAt)
      implements PrivacyEvent {
    public CustomerErased {
      check(customerId, occurredAt);
      records = Checks.sortedSet("records", records);
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
