package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.notNull;

import java.util.Optional;

/**
 * Two periods side by side: {@code csatChange = second.csatMean - first.csatMean} and
 * {@code npsChange = second.nps - first.nps}, empty when either side has no such score.
 *
 * <pre>{@code
 * SatisfactionComparison c = surveys.compare(ids, q1From, q1Until, q2From, q2Until);
 * c.npsChange().ifPresent(d -> System.out.println("NPS moved by " + d));
 * }</pre>
 */
public record SatisfactionComparison(SatisfactionReport first, SatisfactionReport second) {

  public SatisfactionComparison {
    notNull("first", first);
    notNull("second", second);
  }

  public Optional<Double> csatChange() {
    return first.csatMean().flatMap(a -> second.csatMean().map(b -> b - a));
  }

  public Optional<Double> npsChange() {
    return first.nps().flatMap(a -> second.nps().map(b -> b - a));
  }
}
