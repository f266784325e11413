package dev.crmkit.scoring;

import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerSummary;

/**
 * A configured scoring or segmentation method: turns a customer summary table into a score
 * table. Instances are immutable and thread-safe; get one from {@link ScoringEngine}.
 *
 * <pre>{@code
 * ScoringStrategy rfm = ScoringEngine.load().strategy("rfm", "{\"bins\": 4}");
 * ScoreTable scores = rfm.score(CustomerSummary.of(log, LocalDate.of(2024, 12, 31)));
 * }</pre>
 */
public interface ScoringStrategy {

  /** The id of the strategy, as its provider registered it. */
  String id();

  /**
   * Scores every customer of the summary.
   *
   * @throws ScoringException when the summary lacks something the strategy needs (naming it)
   */
  ScoreTable score(CustomerSummary summary);
}
