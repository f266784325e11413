package dev.crmkit.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.crmkit.core.CustomerId;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.internal.Checks;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import java.time.Instant;

/**
 * Something that happened to the customer base, published by the {@code Crm} facade after the
 * change is stored. Every event names the customer it concerns and when it happened (by the
 * facade's clock).
 *
 * <pre>{@code
 * bus.subscribe(DomainEvent.PurchaseRecorded.class, e -> loyalty.earn(e.order()));
 * }</pre>
 *
 * <p>JSON form: an object with a {@code "type"} property naming the event.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DomainEvent.CustomerRegistered.class, name = "customer-registered"),
  @JsonSubTypes.Type(value = DomainEvent.CustomersMerged.class, name = "customers-merged"),
  @JsonSubTypes.Type(value = DomainEvent.ConsentRecorded.class, name = "consent-recorded"),
  @JsonSubTypes.Type(value = DomainEvent.OwnershipChanged.class, name = "ownership-changed"),
  @JsonSubTypes.Type(value = DomainEvent.ContactSaved.class, name = "contact-saved"),
  @JsonSubTypes.Type(value = DomainEvent.PurchaseRecorded.class, name = "purchase-recorded"),
  @JsonSubTypes.Type(value = DomainEvent.ReturnRecorded.class, name = "return-recorded"),
  @JsonSubTypes.Type(value = DomainEvent.InteractionLogged.class, name = "interaction-logged")
})
public sealed interface DomainEvent {

  CustomerId customerId();

  Instant occurredAt();

  /** A customer was registered. */
  record CustomerRegistered(Customer customer, Instant occurredAt) implements DomainEvent {
    public CustomerRegistered {
      check(customer, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return customer.id();
    }
  }

  /** A record was merged into a survivor; {@code survivor} is the survivor's new version. */
  record CustomersMerged(Customer survivor, MergeReport report, Instant occurredAt)
      implements DomainEvent {
    public CustomersMerged {
      check(survivor, occurredAt);
      check(report, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return survivor.id();
    }
  }

  /** A marketing consent was given or withdrawn. */
  record ConsentRecorded(CustomerId customerId, Consent consent, Instant occurredAt)
      implements DomainEvent {
    public ConsentRecorded {
      check(customerId, occurredAt);
      check(consent, occurredAt);
    }
  }

  /** The account owners changed; {@code customer} is the new version. */
  record OwnershipChanged(Customer customer, Instant occurredAt) implements DomainEvent {
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
      implements DomainEvent {
    public ContactSaved {
      check(customerId, occurredAt);
      check(contact, occurredAt);
    }
  }

  record PurchaseRecorded(Order order, Instant occurredAt) implements DomainEvent {
    public PurchaseRecorded {
      check(order, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return order.customerId();
    }
  }

  record ReturnRecorded(Return returned, Instant occurredAt) implements DomainEvent {
    public ReturnRecorded {
      check(returned, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return returned.customerId();
    }
  }

  record InteractionLogged(Interaction interaction, Instant occurredAt) implements DomainEvent {
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
