package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.notNull;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * SLA targets per case type and priority, and the business calendar business-hour targets are
 * counted in. Every (type, priority) pair must have a target: a case without one could never be
 * overdue, which is the silent default this refuses to make.
 *
 * <pre>{@code
 * SlaPolicy sla = SlaPolicy.builder(calendar)
 *     .all(SlaTarget.businessHours(8, 40))
 *     .target(CaseType.COMPLAINT, Priority.HIGH, SlaTarget.businessHours(2, 16))
 *     .build();
 * Instant due = sla.resolutionDue(serviceCase);
 * }</pre>
 */
public final class SlaPolicy {

  private final BusinessCalendar calendar;
  private final Map<CaseType, Map<Priority, SlaTarget>> targets;

  private SlaPolicy(BusinessCalendar calendar, Map<CaseType, Map<Priority, SlaTarget>> targets) {
    this.calendar = calendar;
    this.targets = targets;
  }

  public static Builder builder(BusinessCalendar calendar) {
    return new Builder(notNull("calendar", calendar));
  }

  /** Collects targets; {@link #build()} checks that every type and priority has one. */
  public static final class Builder {
    private final BusinessCalendar calendar;
    private final Map<CaseType, Map<Priority, SlaTarget>> targets = new EnumMap<>(CaseType.class);

    private Builder(BusinessCalendar calendar) {
      this.calendar = calendar;
    }

    public Builder target(CaseType type, Priority priority, SlaTarget target) {
      notNull("type", type);
      notNull("priority", priority);
      notNull("target", target);
      targets.computeIfAbsent(type, t -> new EnumMap<>(Priority.class)).put(priority, target);
      return this;
    }

    /** The same target for every priority of a type. */
    public Builder target(CaseType type, SlaTarget target) {
      for (Priority p : Priority.values()) {
        target(type, p, target);
      }
      return this;
    }

    /** The same target for every type and priority; set exceptions after it. */
    public Builder all(SlaTarget target) {
      for (CaseType t : CaseType.values()) {
        target(t, target);
      }
      return this;
    }

    /** @throws IllegalStateException naming the first type and priority without a target */
    public SlaPolicy build() {
      Map<CaseType, Map<Priority, SlaTarget>> copy = new EnumMap<>(CaseType.class);
      for (CaseType t : CaseType.values()) {
        for (Priority p : Priority.values()) {
          SlaTarget target = targets.getOrDefault(t, Map.of()).get(p);
          if (target == null) {
            throw new IllegalStateException("target: none for " + t + "/" + p
                + "; set one with target(type, priority, ...) or all(...)");
          }
        }
        copy.put(t, Map.copyOf(targets.get(t)));
      }
      return new SlaPolicy(calendar, copy);
    }
  }

  public BusinessCalendar calendar() {
    return calendar;
  }

  public SlaTarget target(CaseType type, Priority priority) {
    return targets.get(notNull("type", type)).get(notNull("priority", priority));
  }

  /** When the case must have had its first response. */
  public Instant firstResponseDue(ServiceCase c) {
    SlaTarget t = target(c.type(), c.priority());
    return due(c.openedAt(), t.firstResponse(), t.basis());
  }

  /** When the case must be resolved. */
  public Instant resolutionDue(ServiceCase c) {
    SlaTarget t = target(c.type(), c.priority());
    return due(c.openedAt(), t.resolution(), t.basis());
  }

  private Instant due(Instant from, Duration amount, SlaTarget.Basis basis) {
    return switch (basis) {
      case CALENDAR -> from.plus(amount);
      case BUSINESS_HOURS -> calendar.plusBusinessTime(from, amount);
    };
  }

  @Override
  public String toString() {
    return "SlaPolicy" + targets;
  }
}
