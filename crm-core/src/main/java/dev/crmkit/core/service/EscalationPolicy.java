package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;

import java.time.Duration;
import java.util.List;

/**
 * The escalation ladder, lowest level first. Each level's {@code afterDeadline} must not be
 * shorter than the one before, so that levels are reached in order.
 *
 * <pre>{@code
 * EscalationPolicy ladder = EscalationPolicy.of(
 *     EscalationLevel.of("team lead", Duration.ZERO, "lead-service"),
 *     EscalationLevel.of("department manager", Duration.ofHours(8), "head-of-service"),
 *     EscalationLevel.of("executive", Duration.ofHours(48), "coo"));
 * }</pre>
 */
public record EscalationPolicy(List<EscalationLevel> levels) {

  public EscalationPolicy {
    levels = list("levels", levels);
    if (levels.isEmpty()) {
      throw invalid("levels", levels, "at least one escalation level");
    }
    Duration previous = Duration.ZERO;
    for (EscalationLevel level : levels) {
      if (level.afterDeadline().compareTo(previous) < 0) {
        throw invalid("levels", level.name() + " after " + level.afterDeadline(),
            "levels ordered by afterDeadline (the one before waits " + previous + ")");
      }
      previous = level.afterDeadline();
    }
  }

  public static EscalationPolicy of(EscalationLevel... levels) {
    return new EscalationPolicy(List.of(levels));
  }

  /** Team lead at the deadline, department manager 8 h later, executive 48 h later. */
  public static EscalationPolicy standard() {
    return of(
        EscalationLevel.of("team lead", Duration.ZERO, "team-lead"),
        EscalationLevel.of("department manager", Duration.ofHours(8), "department-manager"),
        EscalationLevel.of("executive", Duration.ofHours(48), "executive"));
  }
}
