package dev.crmkit.core.service;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * Something happened to a service case: opened, moved, updated or escalated. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = ServiceEvent.CaseOpened.class, name = "case-opened"),
  @JsonSubTypes.Type(value = ServiceEvent.CaseStatusChanged.class, name = "case-status-changed"),
  @JsonSubTypes.Type(value = ServiceEvent.CaseUpdated.class, name = "case-updated"),
  @JsonSubTypes.Type(value = ServiceEvent.CaseEscalated.class, name = "case-escalated")
})
public sealed interface ServiceEvent extends DomainEvent {

  /** A service case was opened. */
  record CaseOpened(ServiceCase serviceCase, Instant occurredAt) implements ServiceEvent {
    public CaseOpened {
      check(serviceCase, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return serviceCase.customerId();
    }
  }
  /** A case moved from {@code from} to its current status. */
  record CaseStatusChanged(ServiceCase serviceCase, CaseStatus from, Instant occurredAt)
      implements ServiceEvent {
    public CaseStatusChanged {
      check(serviceCase, occurredAt);
      check(from, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return serviceCase.customerId();
    }
  }
  /** A case got another owner or a satisfaction rating. */
  record CaseUpdated(ServiceCase serviceCase, Instant occurredAt) implements ServiceEvent {
    public CaseUpdated {
      check(serviceCase, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return serviceCase.customerId();
    }
  }
  /** An overdue case was escalated one level; {@code escalation} says to whom. */
  record CaseEscalated(ServiceCase serviceCase, Escalation escalation, Instant occurredAt)
      implements ServiceEvent {
    public CaseEscalated {
      check(serviceCase, occurredAt);
      check(escalation, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return serviceCase.customerId();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
