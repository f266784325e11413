package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;
import static dev.crmkit.core.internal.Checks.text;

import java.time.Instant;
import java.util.Optional;

/**
 * One step in an opportunity's stage history; {@code from} is empty for the stage it opened in.
 * {@code reason} is the loss reason for a move to lost and the reason given for a reopen.
 *
 * <pre>{@code
 * opportunity.stageHistory().forEach(c -> System.out.println(c.at() + " " + c.to()));
 * }</pre>
 */
public record StageChange(Optional<String> from, String to, Instant at, Optional<String> reason) {

  public StageChange {
    from = optionalText("from", from);
    to = text("to", to);
    notNull("at", at);
    reason = optionalText("reason", reason);
  }
}
