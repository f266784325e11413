package dev.crmkit.core.survey;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.sortedMap;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Satisfaction over a set of customers and a period {@code [from, until)}.
 *
 * <ul>
 *   <li>CSAT: the mean of the 1-5 scores and how many responses gave each score (every score
 *       1..5 is a key, zero when nobody gave it).
 *   <li>NPS: promoters answered 9-10, passives 7-8, detractors 0-6;
 *       {@code nps = 100 * (promoters - detractors) / npsResponses}, from -100 to 100.
 * </ul>
 *
 * Means and the NPS are empty when no response had that score.
 *
 * <pre>{@code
 * SatisfactionReport r = surveys.report(customerIds, from, until);
 * System.out.println("CSAT " + r.csatMean().orElse(Double.NaN) + ", NPS " + r.nps().orElse(Double.NaN));
 * }</pre>
 */
public record SatisfactionReport(
    Instant from,
    Instant until,
    long responses,
    long csatResponses,
    Optional<Double> csatMean,
    Map<Integer, Long> csatDistribution,
    long npsResponses,
    long promoters,
    long passives,
    long detractors,
    Optional<Double> nps) {

  public SatisfactionReport {
    notNull("from", from);
    notNull("until", until);
    csatMean = optional(csatMean);
    csatDistribution = sortedMap("csatDistribution", csatDistribution);
    nps = optional(nps);
  }
}
