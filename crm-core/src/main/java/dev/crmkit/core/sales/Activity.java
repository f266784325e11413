package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A call, meeting, quote or task for a customer (and optionally one of its contacts or
 * opportunities), owned by a sales rep, with an optional due time and reminder time; done once
 * {@code completedAt} is set.
 *
 * <pre>{@code
 * Activity call = sales.schedule(ActivityRequest.of(ActivityType.CALL, "Discuss quote", id, "agent-7")
 *     .due(Instant.parse("2026-02-02T10:00:00Z")).remindAt(Instant.parse("2026-02-02T09:30:00Z")));
 * sales.remindersDue(); // lists it from 09:30 until it is completed
 * }</pre>
 */
public record Activity(
    String id,
    ActivityType type,
    String subject,
    CustomerId customerId,
    Optional<String> contactId,
    Optional<String> opportunityId,
    String owner,
    Instant createdAt,
    Optional<Instant> dueAt,
    Optional<Instant> remindAt,
    Optional<Instant> completedAt) {

  public Activity {
    text("id", id);
    notNull("type", type);
    subject = text("subject", subject);
    notNull("customerId", customerId);
    contactId = optionalText("contactId", contactId);
    opportunityId = optionalText("opportunityId", opportunityId);
    owner = text("owner", owner);
    notNull("createdAt", createdAt);
    dueAt = optional(dueAt);
    remindAt = optional(remindAt);
    completedAt = optional(completedAt);
    if (remindAt.isPresent() && dueAt.isPresent() && remindAt.get().isAfter(dueAt.get())) {
      throw invalid("remindAt", remindAt.get(), "a time no later than the due time "
          + dueAt.get());
    }
  }

  @JsonIgnore
  public boolean isDone() {
    return completedAt.isPresent();
  }

  Activity completed(Instant at) {
    return new Activity(id, type, subject, customerId, contactId, opportunityId, owner,
        createdAt, dueAt, remindAt, Optional.of(at));
  }
}
