package dev.crmkit.core.privacy;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedSet;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Set;

/**
 * What an erasure changed: the customer, every record erased (the live one and the records merged
 * into it), and how many cases, survey answers / follow-ups and departures / win-back attempts
 * had their free text replaced.
 *
 * <pre>{@code
 * ErasureReport r = privacy.erase(annaId);
 * System.out.println(r.records() + " records erased");
 * }</pre>
 */
public record ErasureReport(CustomerId customerId, Set<CustomerId> records, Instant erasedAt,
    int casesRedacted, int surveyItemsRedacted, int departureItemsRedacted) {

  public ErasureReport {
    notNull("customerId", customerId);
    records = sortedSet("records", records);
    notNull("erasedAt", erasedAt);
  }
}
