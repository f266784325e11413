package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;

/**
 * One attempt to win a lost customer back: what was tried and how it ended.
 *
 * <pre>{@code
 * lost.recordWinBack(annaId, "10% voucher by letter", WinBackAttempt.Outcome.WON_BACK, "");
 * }</pre>
 */
public record WinBackAttempt(String id, CustomerId customerId, Instant attemptedAt, String action,
    Outcome outcome, String notes) {

  /** How an attempt ended (so far). */
  public enum Outcome {
    PENDING,
    NO_RESPONSE,
    DECLINED,
    WON_BACK
  }

  public WinBackAttempt {
    id = text("id", id);
    notNull("customerId", customerId);
    notNull("attemptedAt", attemptedAt);
    action = text("action", action);
    notNull("outcome", outcome);
    notes = freeText("notes", notes);
  }
}
