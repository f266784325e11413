package dev.crmkit.core.identity;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.sortedSet;

import dev.crmkit.core.base.CustomerId;
import java.util.Set;

/**
 * Two customer records found to be the same customer, and the rules that matched them. The
 * smaller id comes first, so a pair has one form.
 *
 * <pre>{@code
 * for (Match m : crm.findDuplicates()) { crm.merge(m.first(), m.second()); }
 * }</pre>
 */
public record Match(CustomerId first, CustomerId second, Set<MatchRule> rules) {

  public Match {
    notNull("first", first);
    notNull("second", second);
    if (first.compareTo(second) >= 0) {
      throw invalid("second", second, "an id greater than first " + first);
    }
    rules = sortedSet("rules", rules);
    if (rules.isEmpty()) {
      throw invalid("rules", rules, "at least one rule");
    }
  }

  /** The pair in its normal order. */
  public static Match of(CustomerId a, CustomerId b, Set<MatchRule> rules) {
    return a.compareTo(b) < 0 ? new Match(a, b, rules) : new Match(b, a, rules);
  }
}
