package dev.crmkit.core.service;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case is in its lifecycle: {@code OPEN -> IN_PROGRESS -> RESOLVED -> CLOSED}, and a
 * resolved case may be reopened (back to {@code IN_PROGRESS}). Nothing else is allowed; a closed
 * case is final.
 *
 * <pre>{@code
 * CaseStatus.RESOLVED.next(); // [IN_PROGRESS, CLOSED]
 * }</pre>
 */
public enum CaseStatus {
  OPEN,
  IN_PROGRESS,
  RESOLVED,
  CLOSED;

  /** The states this one may move to. */
  public Set<CaseStatus> next() {
    return switch (this) {
      case OPEN -> EnumSet.of(IN_PROGRESS);
      case IN_PROGRESS -> EnumSet.of(RESOLVED);
      case RESOLVED -> EnumSet.of(IN_PROGRESS, CLOSED);
      case CLOSED -> EnumSet.noneOf(CaseStatus.class);
    };
  }

  public boolean canMoveTo(CaseStatus target) {
    return next().contains(target);
  }

  /** True until the case is resolved: what SLA targets and escalation look at. */
  public boolean isUnresolved() {
    return this == OPEN || this == IN_PROGRESS;
  }
}
