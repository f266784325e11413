package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedSet;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a merge did: which record survived, which was merged into it, the rules that matched
 * them, and every field on which they disagreed with its resolution. {@code alreadyMerged} is
 * true when the two ids already named the same customer, in which case nothing changed.
 *
 * <pre>{@code
 * MergeReport r = crm.merge(a, b);
 * r.conflict("name").map(FieldConflict::resolution); // Optional[KEPT_SURVIVOR]
 * }</pre>
 */
public record MergeReport(
    CustomerId survivorId,
    CustomerId mergedId,
    Set<MatchRule> matchedOn,
    List<FieldConflict> conflicts,
    Instant mergedAt,
    boolean alreadyMerged) {

  public MergeReport {
    notNull("survivorId", survivorId);
    notNull("mergedId", mergedId);
    matchedOn = sortedSet("matchedOn", matchedOn);
    conflicts = list("conflicts", conflicts);
    notNull("mergedAt", mergedAt);
  }

  public Optional<FieldConflict> conflict(String field) {
    return conflicts.stream().filter(c -> c.field().equals(field)).findFirst();
  }
}
