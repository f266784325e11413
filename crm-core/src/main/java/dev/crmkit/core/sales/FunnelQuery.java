package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optionalText;

import dev.crmkit.core.base.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * Which opportunities a funnel analysis covers: those opened in {@code [from, until)}, of one
 * owner or all ({@code owner} empty), with amounts in {@code currency} (opportunities in other
 * currencies are counted in the report, not summed).
 *
 * <pre>{@code
 * FunnelQuery q = FunnelQuery.of(Instant.parse("2026-01-01T00:00:00Z"),
 *     Instant.parse("2026-04-01T00:00:00Z"), "EUR").owner("agent-7");
 * }</pre>
 */
@dev.crmkit.core.base.CheckReturnValue
public record FunnelQuery(Instant from, Instant until, Optional<String> owner, Currency currency) {

  public FunnelQuery {
    notNull("from", from);
    notNull("until", until);
    if (!until.isAfter(from)) {
      throw invalid("until", until, "a time after from " + from);
    }
    owner = optionalText("owner", owner);
    notNull("currency", currency);
  }

  public static FunnelQuery of(Instant from, Instant until, String currencyCode) {
    return new FunnelQuery(from, until, Optional.empty(), Money.zero(currencyCode).currency());
  }

  public FunnelQuery owner(String value) {
    return new FunnelQuery(from, until, Optional.of(value), currency);
  }

  boolean covers(Opportunity o) {
    Instant opened = o.openedAt();
    return !opened.isBefore(from) && opened.isBefore(until)
        && owner.map(o.owner()::equals).orElse(true);
  }
}
