package dev.crmkit.core.sales;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * Something happened in sales: a lead converted, an opportunity opened or moved, a large deal. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = SalesEvent.LeadConverted.class, name = "lead-converted"),
  @JsonSubTypes.Type(value = SalesEvent.OpportunityOpened.class, name = "opportunity-opened"),
  @JsonSubTypes.Type(value = SalesEvent.OpportunityStageChanged.class, name = "opportunity-stage-changed"),
  @JsonSubTypes.Type(value = SalesEvent.LargeDealAlert.class, name = "large-deal-alert")
})
public sealed interface SalesEvent extends DomainEvent {

  /** A qualified lead became (or was matched to) a customer; {@code lead} is converted. */
  record LeadConverted(Lead lead, Instant occurredAt) implements SalesEvent {
    public LeadConverted {
      check(lead, occurredAt);
      if (lead.customerId().isEmpty()) {
        throw Checks.invalid("lead", lead.id(), "a converted lead that names its customer");
      }
    }

    @Override
    public CustomerId customerId() {
      return lead.customerId().get();
    }
  }
  /** An opportunity was opened. */
  record OpportunityOpened(Opportunity opportunity, Instant occurredAt) implements SalesEvent {
    public OpportunityOpened {
      check(opportunity, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return opportunity.customerId();
    }
  }
  /** An opportunity changed stage (moved, won, lost or reopened); it is the new version. */
  record OpportunityStageChanged(Opportunity opportunity, StageChange change, Instant occurredAt)
      implements SalesEvent {
    public OpportunityStageChanged {
      check(opportunity, occurredAt);
      check(change, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return opportunity.customerId();
    }
  }
  /** A large-deal rule held for an opportunity: its amount is above {@code threshold}. */
  record LargeDealAlert(Opportunity opportunity, LargeDealRule.Trigger trigger, Money threshold,
      Instant occurredAt) implements SalesEvent {
    public LargeDealAlert {
      check(opportunity, occurredAt);
      check(trigger, occurredAt);
      check(threshold, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return opportunity.customerId();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
