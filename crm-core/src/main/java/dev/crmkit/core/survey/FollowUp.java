package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Optional;

/**
 * A call-back to make: after a purchase (how is the product used?) or a resolved case (did the
 * fix hold?). It is due from {@code dueAt} until it is done.
 *
 * <pre>{@code
 * FollowUp f = surveys.followUpAfterCase("CASE-000001", Duration.ofDays(7), "did the new rims fit?");
 * surveys.dueFollowUps().forEach(x -> System.out.println(x.customerId() + " " + x.reason()));
 * }</pre>
 */
public record FollowUp(
    String id,
    CustomerId customerId,
    Instant dueAt,
    String reason,
    Optional<String> caseId,
    Optional<String> orderId,
    Optional<Instant> doneAt,
    Optional<String> outcome) {

  public FollowUp {
    id = text("id", id);
    notNull("customerId", customerId);
    notNull("dueAt", dueAt);
    reason = freeText("reason", reason);
    caseId = optionalText("caseId", caseId);
    orderId = optionalText("orderId", orderId);
    doneAt = optional(doneAt);
    outcome = optionalText("outcome", outcome);
  }

  @JsonIgnore
  public boolean isDone() {
    return doneAt.isPresent();
  }
}
