package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import java.time.Duration;
import java.util.List;

/**
 * One rung of the escalation ladder: its name, whom to notify, and how long after the missed SLA
 * deadline a case may be escalated to it.
 *
 * <pre>{@code
 * EscalationLevel.of("team lead", Duration.ZERO, "lead-service");
 * EscalationLevel.of("department manager", Duration.ofHours(4), "head-of-service");
 * }</pre>
 */
public record EscalationLevel(String name, List<String> recipients, Duration afterDeadline) {

  public EscalationLevel {
    name = text("name", name);
    recipients = list("recipients", recipients).stream().map(n -> text("recipients", n)).toList();
    if (recipients.isEmpty()) {
      throw invalid("recipients", recipients, "at least one person or role to notify");
    }
    notNull("afterDeadline", afterDeadline);
    if (afterDeadline.isNegative()) {
      throw invalid("afterDeadline", afterDeadline, "zero or a positive duration");
    }
  }

  public static EscalationLevel of(String name, Duration afterDeadline, String... recipients) {
    return new EscalationLevel(name, List.of(recipients), afterDeadline);
  }
}
