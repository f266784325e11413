package dev.crmkit.core.customer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * A change to a customer record: registration, consent, account owners, contacts. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = CustomerEvent.CustomerRegistered.class, name = "customer-registered"),
  @JsonSubTypes.Type(value = CustomerEvent.ConsentRecorded.class, name = "consent-recorded"),
  @JsonSubTypes.Type(value = CustomerEvent.OwnershipChanged.class, name = "ownership-changed"),
  @JsonSubTypes.Type(value = CustomerEvent.ContactSaved.class, name = "contact-saved")
})
public sealed interface CustomerEvent extends DomainEvent {

  /** A customer was registered. */
  record CustomerRegistered(Customer customer, Instant occurredAt) implements CustomerEvent {
    public CustomerRegistered {
      check(customer, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return customer.id();
    }
  }
  /** A marketing consent was given or withdrawn. */
  record ConsentRecorded(CustomerId customerId, Consent consent, Instant occurredAt)
      implements CustomerEvent {
    public ConsentRecorded {
      check(customerId, occurredAt);
      check(consent, occurredAt);
    }
  }
  /** The account owners changed; {@code customer} is the new version. */
  record OwnershipChanged(Customer customer, Instant occurredAt) implements CustomerEvent {
    public OwnershipChanged {
      check(customer, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return customer.id();
    }
  }
  /** A contact person of an organization was added or changed. */
  record ContactSaved(CustomerId customerId, Contact contact, Instant occurredAt)
      implements CustomerEvent {
    public ContactSaved {
      check(customerId, occurredAt);
      check(contact, occurredAt);
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
