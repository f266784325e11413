package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedMap;

import java.time.Instant;
import java.util.Map;

/**
 * Departures recorded in {@code [from, until)} by reason (every configured reason is a key, zero
 * when nobody gave it), and the win-back attempts of that period by outcome.
 *
 * <pre>{@code
 * lost.summary(from, until).byReason().forEach((reason, n) -> System.out.println(reason + " " + n));
 * }</pre>
 */
public record DepartureSummary(Instant from, Instant until, long departures,
    Map<String, Long> byReason, Map<WinBackAttempt.Outcome, Long> winBacksByOutcome) {

  public DepartureSummary {
    notNull("from", from);
    notNull("until", until);
    byReason = sortedMap("byReason", byReason);
    winBacksByOutcome = sortedMap("winBacksByOutcome", winBacksByOutcome);
  }
}
