package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.positive;
import static dev.crmkit.core.internal.Checks.text;

import java.time.Instant;
import java.util.List;

/**
 * One escalation of a case: to which level (1 = the first configured level), its name, who was
 * notified, when, and the SLA deadline that was missed.
 *
 * <pre>{@code
 * for (Escalation e : serviceCase.escalations()) {
 *   System.out.println(e.at() + " " + e.levelName() + " notified " + e.notified());
 * }
 * }</pre>
 */
public record Escalation(
    int level, String levelName, List<String> notified, Instant at, Instant missedDeadline) {

  public Escalation {
    positive("level", level);
    levelName = text("levelName", levelName);
    notified = list("notified", notified);
    notNull("at", at);
    notNull("missedDeadline", missedDeadline);
  }
}
