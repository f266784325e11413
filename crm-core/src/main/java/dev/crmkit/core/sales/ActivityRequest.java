package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * An activity to schedule or log, handed to {@code Sales.schedule}.
 *
 * <pre>{@code
 * ActivityRequest.of(ActivityType.MEETING, "Demo for the IT team", acme.id(), "agent-7")
 *     .contact("c-2").opportunity(o.id()).due(at).remindAt(at.minus(Duration.ofHours(1)));
 * }</pre>
 */
public final class ActivityRequest {

  private final ActivityType type;
  private final String subject;
  private final CustomerId customerId;
  private final String owner;
  private Optional<String> contactId = Optional.empty();
  private Optional<String> opportunityId = Optional.empty();
  private Optional<Instant> dueAt = Optional.empty();
  private Optional<Instant> remindAt = Optional.empty();

  private ActivityRequest(ActivityType type, String subject, CustomerId customerId,
      String owner) {
    this.type = notNull("type", type);
    this.subject = text("subject", subject);
    this.customerId = notNull("customerId", customerId);
    this.owner = text("owner", owner);
  }

  public static ActivityRequest of(ActivityType type, String subject, CustomerId customerId,
      String owner) {
    return new ActivityRequest(type, subject, customerId, owner);
  }

  public ActivityRequest contact(String value) {
    contactId = Optional.of(text("contactId", value));
    return this;
  }

  public ActivityRequest opportunity(String value) {
    opportunityId = Optional.of(text("opportunityId", value));
    return this;
  }

  public ActivityRequest due(Instant value) {
    dueAt = Optional.of(notNull("dueAt", value));
    return this;
  }

  public ActivityRequest remindAt(Instant value) {
    remindAt = Optional.of(notNull("remindAt", value));
    return this;
  }

  CustomerId customerId() {
    return customerId;
  }

  Optional<String> contactId() {
    return contactId;
  }

  Optional<String> opportunityId() {
    return opportunityId;
  }

  Activity toActivity(String id, CustomerId resolved, Instant now) {
    return new Activity(id, type, subject, resolved, contactId, opportunityId, owner, now,
        dueAt, remindAt, Optional.empty());
  }
}
