package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A complaint, service request, repair, inquiry or suggestion of one customer, with its owner,
 * the channel it came through and its lifecycle ({@link CaseStatus}). Complaints may name the
 * product, a category and, once known, the root cause, so that they can be summarised. A
 * resolved case carries its resolution and, later, the customer's satisfaction with it (1-5).
 * Immutable: {@link ServiceDesk} stores new versions.
 *
 * <pre>{@code
 * ServiceCase c = desk.open(CaseRequest.of(annaId, CaseType.COMPLAINT, Priority.HIGH, Channel.HOTLINE)
 *     .owner("agent-3").subject("scratched rims").product("WINTER-TYRES").category("delivery"));
 * desk.start(c.id());
 * }</pre>
 */
public record ServiceCase(
    String id,
    CustomerId customerId,
    CaseType type,
    Priority priority,
    Channel channel,
    String owner,
    String subject,
    String description,
    Optional<String> product,
    Optional<String> category,
    Optional<String> rootCause,
    CaseStatus status,
    Instant openedAt,
    Optional<Instant> firstResponseAt,
    Optional<Instant> resolvedAt,
    Optional<Instant> closedAt,
    Optional<String> resolution,
    Optional<Integer> satisfaction,
    List<Escalation> escalations) {

  public ServiceCase {
    id = text("id", id);
    notNull("customerId", customerId);
    notNull("type", type);
    notNull("priority", priority);
    notNull("channel", channel);
    owner = text("owner", owner);
    subject = text("subject", subject);
    description = freeText("description", description);
    product = optionalText("product", product);
    category = optionalText("category", category);
    rootCause = optionalText("rootCause", rootCause);
    notNull("status", status);
    notNull("openedAt", openedAt);
    firstResponseAt = optional(firstResponseAt);
    resolvedAt = optional(resolvedAt);
    closedAt = optional(closedAt);
    resolution = optionalText("resolution", resolution);
    satisfaction = optional(satisfaction);
    satisfaction.filter(s -> s < 1 || s > 5).ifPresent(s -> {
      throw invalid("satisfaction", s, "1 to 5 (CSAT)");
    });
    escalations = list("escalations", escalations);
    notBefore("firstResponseAt", firstResponseAt, openedAt);
    notBefore("resolvedAt", resolvedAt, openedAt);
    notBefore("closedAt", closedAt, openedAt);
    if (status == CaseStatus.OPEN && firstResponseAt.isPresent()) {
      throw invalid("firstResponseAt", firstResponseAt.get(), "none while the case is OPEN");
    }
    if ((status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED)
        && (resolvedAt.isEmpty() || resolution.isEmpty())) {
      throw invalid("resolution", resolution.orElse(null),
          "a resolution and its time once the case is " + status);
    }
    if (status == CaseStatus.CLOSED && closedAt.isEmpty()) {
      throw invalid("closedAt", null, "the closing time of a CLOSED case");
    }
    if (satisfaction.isPresent() && resolvedAt.isEmpty()) {
      throw invalid("satisfaction", satisfaction.get(), "none before the case is resolved");
    }
  }

  /** The level reached so far: 0 when never escalated. */
  @JsonIgnore
  public int escalationLevel() {
    return escalations.isEmpty() ? 0 : escalations.get(escalations.size() - 1).level();
  }

  /**
   * {@code start}: OPEN to IN_PROGRESS, the first response. Refused in any other status (a
   * RESOLVED case is reopened, not started: starting it would drop its resolution unnoticed).
   */
  ServiceCase started(Instant at) {
    return moved("start", CaseStatus.OPEN, CaseStatus.IN_PROGRESS, at);
  }

  /**
   * {@code reopen}: RESOLVED back to IN_PROGRESS. Refused in any other status (reopening an OPEN
   * case would record a first response nobody gave).
   */
  ServiceCase reopened(Instant at) {
    return moved("reopen", CaseStatus.RESOLVED, CaseStatus.IN_PROGRESS, at);
  }

  private ServiceCase moved(String operation, CaseStatus from, CaseStatus to, Instant at) {
    if (status != from && status.next().isEmpty()) {
      return withStatus(to, at); // throws: "... cannot move from CLOSED to ...; CLOSED is final"
    }
    if (status != from) {
      throw new dev.crmkit.core.base.InvalidStateException("status: case " + id + " is " + status + " and cannot "
          + operation + " (" + status + " to " + to + "); " + operation
          + " only moves a case from " + from + " to " + to);
    }
    return withStatus(to, at);
  }

  ServiceCase withStatus(CaseStatus target, Instant at) {
    if (!status.canMoveTo(target)) {
      throw new dev.crmkit.core.base.InvalidStateException("status: case " + id + " cannot move from " + status
          + " to " + target + (status.next().isEmpty() ? "; " + status + " is final"
              : "; from " + status + " it may move to " + status.next()));
    }
    Optional<Instant> response = firstResponseAt.isPresent() ? firstResponseAt
        : target == CaseStatus.IN_PROGRESS ? Optional.of(at) : Optional.empty();
    Optional<Instant> resolved = resolvedAt;
    Optional<String> res = resolution;
    Optional<Integer> csat = satisfaction;
    if (status == CaseStatus.RESOLVED && target == CaseStatus.IN_PROGRESS) {
      // reopened: the old resolution did not hold, and neither does the rating of it
      resolved = Optional.empty();
      res = Optional.empty();
      csat = Optional.empty();
    }
    Optional<Instant> closed = target == CaseStatus.CLOSED ? Optional.of(at) : closedAt;
    return new ServiceCase(id, customerId, type, priority, channel, owner, subject, description,
        product, category, rootCause, target, openedAt, response, resolved, closed, res, csat,
        escalations);
  }

  ServiceCase resolved(String resolutionText, Optional<String> cause, Instant at) {
    if (!status.canMoveTo(CaseStatus.RESOLVED)) {
      withStatus(CaseStatus.RESOLVED, at); // throws the lifecycle message
    }
    return new ServiceCase(id, customerId, type, priority, channel, owner, subject, description,
        product, category, cause.isPresent() ? cause : rootCause, CaseStatus.RESOLVED, openedAt,
        firstResponseAt, Optional.of(at), closedAt, Optional.of(text("resolution", resolutionText)),
        satisfaction, escalations);
  }

  ServiceCase withSatisfaction(int csat) {
    if (resolvedAt.isEmpty()) {
      throw new dev.crmkit.core.base.InvalidStateException("satisfaction: case " + id + " is " + status
          + "; a rating is recorded once the case is RESOLVED or CLOSED");
    }
    return new ServiceCase(id, customerId, type, priority, channel, owner, subject, description,
        product, category, rootCause, status, openedAt, firstResponseAt, resolvedAt, closedAt,
        resolution, Optional.of(csat), escalations);
  }

  ServiceCase withOwner(String newOwner) {
    return new ServiceCase(id, customerId, type, priority, channel, newOwner, subject,
        description, product, category, rootCause, status, openedAt, firstResponseAt, resolvedAt,
        closedAt, resolution, satisfaction, escalations);
  }

  ServiceCase withEscalation(Escalation e) {
    List<Escalation> all = new ArrayList<>(escalations);
    all.add(e);
    return new ServiceCase(id, customerId, type, priority, channel, owner, subject, description,
        product, category, rootCause, status, openedAt, firstResponseAt, resolvedAt, closedAt,
        resolution, satisfaction, all);
  }

  /** The same case, of {@code survivor}: a case of a record merged since follows the merge. */
  ServiceCase ofCustomer(CustomerId survivor) {
    return survivor.equals(customerId) ? this : new ServiceCase(id, survivor, type, priority,
        channel, owner, subject, description, product, category, rootCause, status, openedAt,
        firstResponseAt, resolvedAt, closedAt, resolution, satisfaction, escalations);
  }

  ServiceCase withText(String newSubject, String newDescription, Optional<String> newResolution) {
    return new ServiceCase(id, customerId, type, priority, channel, owner, newSubject,
        newDescription, product, category, rootCause, status, openedAt, firstResponseAt,
        resolvedAt, closedAt, newResolution, satisfaction, escalations);
  }

  private static void notBefore(String field, Optional<Instant> value, Instant openedAt) {
    value.filter(v -> v.isBefore(openedAt)).ifPresent(v -> {
      throw invalid(field, v, "a time not before openedAt (" + openedAt + ")");
    });
  }
}
