package dev.crmkit.core.survey;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.internal.Checks;
import java.time.Instant;

/**
 * A survey was answered or a follow-up call-back scheduled. Published on the {@code EventBus} after the change is committed; each
 * record's JSON {@code "type"} is the name given here (the outbox stores events in this form).
 */
@JsonSubTypes({
  @JsonSubTypes.Type(value = SurveyEvent.SurveyAnswered.class, name = "survey-answered"),
  @JsonSubTypes.Type(value = SurveyEvent.FollowUpScheduled.class, name = "follow-up-scheduled")
})
public sealed interface SurveyEvent extends DomainEvent {

  record SurveyAnswered(SurveyResponse response, Instant occurredAt) implements SurveyEvent {
    public SurveyAnswered {
      check(response, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return response.customerId();
    }
  }
  record FollowUpScheduled(FollowUp followUp, Instant occurredAt) implements SurveyEvent {
    public FollowUpScheduled {
      check(followUp, occurredAt);
    }

    @Override
    public CustomerId customerId() {
      return followUp.customerId();
    }
  }

  private static void check(Object subject, Instant occurredAt) {
    Checks.notNull("event subject", subject);
    Checks.notNull("occurredAt", occurredAt);
  }
}
