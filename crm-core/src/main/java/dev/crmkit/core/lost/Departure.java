package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;

/**
 * Why a customer left: a reason from the configured list, and notes.
 *
 * <pre>{@code
 * lost.recordDeparture(annaId, "price", "moved to a cheaper dealer");
 * }</pre>
 */
public record Departure(String id, CustomerId customerId, Instant recordedAt, String reason,
    String notes) {

  public Departure {
    id = text("id", id);
    notNull("customerId", customerId);
    notNull("recordedAt", recordedAt);
    reason = text("reason", reason);
    notes = freeText("notes", notes);
  }
}
