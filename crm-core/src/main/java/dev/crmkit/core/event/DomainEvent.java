package dev.crmkit.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.crmkit.core.CustomerId;
import dev.crmkit.core.Money;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.internal.Checks;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.sales.LargeDealRule;
import dev.crmkit.core.sales.Lead;
import dev.crmkit.core.sales.Opportunity;
import dev.crmkit.core.sales.StageChange;
import dev.crmkit.core.lost.Departure;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.service.CaseStatus;
import dev.crmkit.core.service.Escalation;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SurveyResponse;
import java.time.Instant;
import java.util.Set;

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
  @JsonSubTypes.Type(value = DomainEvent.LeadConverted.class, name = "lead-converted"),
  @JsonSubTypes.Type(value = DomainEvent.OpportunityOpened.class, name = "opportunity-opened"),
  @JsonSubTypes.Type(
      value = DomainEvent.OpportunityStageChanged.class, name = "opportunity-stage-changed"),
  @JsonSubTypes.Type(value = DomainEvent.LargeDealAlert.class, name = "large-deal-alert"),
  @JsonSubTypes.Type(value = DomainEvent.InteractionLogged.class, name = "interaction-logged"),
  // service, satisfaction, lost customers and privacy (issue 3)
  @JsonSubTypes.Type(value = DomainEvent.CaseOpened.class, name = "case-opened"),
  @JsonSubTypes.Type(value = DomainEvent.CaseStatusChanged.class, name = "case-status-changed"),
  @JsonSubTypes.Type(value = DomainEvent.CaseUpdated.class, name = "case-updated"),
  @JsonSubTypes.Type(value = DomainEvent.CaseEscalated.class, name = "case-escalated"),
  @JsonSubTypes.Type(value = DomainEvent.SurveyAnswered.class, name = "survey-answered"),
  @JsonSubTypes.Type(value = DomainEvent.FollowUpScheduled.class, name = "follow-up-scheduled"),
  @JsonSubTypes.Type(value = DomainEvent.CustomerLeft.class, name = "customer-left"),
  @JsonSubTypes.Type(value = DomainEvent.WinBackAttempted.class, name = "win-back-attempted"),
  @JsonSubTypes.Type(value = DomainEvent.CustomerErased.class, name = "customer-erased")
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

  /** A qualified lead became (or was matched to) a customer; {@code lead} is converted. */
  record LeadConverted(Lead lead, Instant occurredAt) implements DomainEvent {
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
  record OpportunityOpened(Opportunity opportunity, Instant occurredAt) implements DomainEvent {
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
      implements DomainEvent {
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
      Instant occurredAt) implements DomainEvent {
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

  record InteractionLogged(Interaction interaction, Instant occurredAt) implements DomainEvent {
    public InteractionLogged {
      check(interaction, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return interaction.customerId();
    }
  }

  // ---------------------------------------------------- service, satisfaction, lost, privacy

  /** A service case was opened. */
  record CaseOpened(ServiceCase serviceCase, Instant occurredAt) implements DomainEvent {
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
      implements DomainEvent {
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
  record CaseUpdated(ServiceCase serviceCase, Instant occurredAt) implements DomainEvent {
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
      implements DomainEvent {
    public CaseEscalated {
      check(serviceCase, occurredAt);
      check(escalation, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return serviceCase.customerId();
    }
  }

  record SurveyAnswered(SurveyResponse response, Instant occurredAt) implements DomainEvent {
    public SurveyAnswered {
      check(response, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return response.customerId();
    }
  }

  record FollowUpScheduled(FollowUp followUp, Instant occurredAt) implements DomainEvent {
    public FollowUpScheduled {
      check(followUp, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return followUp.customerId();
    }
  }

  /** Why a customer left was recorded. */
  record CustomerLeft(Departure departure, Instant occurredAt) implements DomainEvent {
    public CustomerLeft {
      check(departure, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return departure.customerId();
    }
  }

  record WinBackAttempted(WinBackAttempt attempt, Instant occurredAt) implements DomainEvent {
    public WinBackAttempted {
      check(attempt, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return attempt.customerId();
    }
  }

  /**
   * The personal data of a customer and of the records merged into it ({@code records}) was
   * replaced by pseudonyms. Carries no personal data itself.
   */
  record CustomerErased(CustomerId customerId, Set<CustomerId> records, Instant occurredAt)
      implements DomainEvent {
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
