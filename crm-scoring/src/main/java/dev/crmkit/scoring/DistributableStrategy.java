package dev.crmkit.scoring;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy whose work splits in two, so that a distributed engine (crm-spark) never gathers
 * the customers on one machine:
 *
 * <ol>
 *   <li><b>fit</b> sees only small population statistics: one {@link ValueHistogram} per metric
 *       of {@link #fitMetrics()} (distinct values with counts, or a bounded sketch), and returns
 *       a {@link CustomerScorer} holding the fitted model;
 *   <li><b>score</b> runs per customer ({@link CustomerScorer#score}) wherever the customer is.
 * </ol>
 *
 * <p>The in-memory {@link #score(CustomerSummary)} runs the very same two steps on exact
 * histograms ({@link #fitInMemory}, {@link #scoreInMemory}), so the in-memory and the
 * distributed results are identical whenever the distributed statistics are exact.
 *
 * <p><b>Making a plugin distributable.</b> Implement this interface instead of {@link
 * ScoringStrategy}: name the metrics whose population the method needs (for example
 * {@code "revenue"} for a rank or a quantile), compute the model from their histograms in {@code
 * fit}, and score a customer from its own metrics in the returned {@code CustomerScorer} (which
 * must be serializable: keep primitive arrays, strings and records of them). A plugin that
 * implements only {@code ScoringStrategy.score(CustomerSummary)} still works everywhere, but
 * on Spark it needs the whole summary table on the driver (driver-bound).
 */
public interface DistributableStrategy extends ScoringStrategy {

  /** The metrics (by {@code CustomerSummary.metric} names) whose histograms {@link #fit} reads. */
  List<String> fitMetrics();

  /**
   * Fits the strategy's model on population statistics.
   *
   * @param histograms one per {@link #fitMetrics()} entry, in that order; customers without a
   *     value (NaN) are not counted
   * @throws ScoringException when the population cannot be scored (naming the reason)
   */
  CustomerScorer fit(List<ValueHistogram> histograms);

  /** Fits on the summary's exact histograms, then scores every customer one at a time. */
  @Override
  default ScoreTable score(CustomerSummary summary) {
    return scoreInMemory(fitInMemory(this, summary), summary);
  }

  /** Fits a strategy on the exact histograms of a summary's metrics. */
  static CustomerScorer fitInMemory(DistributableStrategy strategy, CustomerSummary summary) {
    requireNonNull(strategy, "strategy");
    requireNonNull(summary, "summary");
    List<ValueHistogram> histograms = new ArrayList<>();
    for (String name : strategy.fitMetrics()) {
      histograms.add(ValueHistogram.of(metric(strategy.id(), summary, name)));
    }
    return strategy.fit(histograms);
  }

  /** Scores every customer of a summary with a fitted scorer: the per-customer step, in memory. */
  static ScoreTable scoreInMemory(CustomerScorer scorer, CustomerSummary summary) {
    requireNonNull(scorer, "scorer");
    requireNonNull(summary, "summary");
    int n = summary.size();
    Map<String, double[]> columns = new HashMap<>();
    for (String name : scorer.inputMetrics()) {
      columns.put(name, metric(scorer.strategyId(), summary, name));
    }
    List<String> explanations = scorer.explanationNames();
    List<String> scores = scorer.scoreNames();
    int width = explanations.size() + scores.size();
    double[][] out = new double[width][n];
    String[] ids = new String[n];
    String[] labels = new String[n];
    double[] row = new double[width];
    SummaryCursor cursor = new SummaryCursor(summary, columns);
    for (int i = 0; i < n; i++) {
      cursor.i = i;
      ids[i] = summary.customerId(i);
      labels[i] = scorer.score(cursor, row);
      for (int c = 0; c < width; c++) {
        out[c][i] = row[c];
      }
    }
    ScoreTable.Builder table = ScoreTable.builder(scorer.strategyId(), ids);
    for (int c = 0; c < explanations.size(); c++) {
      table.explanation(explanations.get(c), out[c]);
    }
    for (int c = 0; c < scores.size(); c++) {
      table.score(scores.get(c), out[explanations.size() + c]);
    }
    return table
        .labels(scorer.labelName(), labels)
        .classes(scorer.classes(), scorer.orderedClasses())
        .build();
  }

  private static double[] metric(String strategy, CustomerSummary summary, String name) {
    try {
      return summary.metric(name);
    } catch (IllegalArgumentException e) {
      throw new ScoringException(strategy + ": " + e.getMessage(), e);
    }
  }
}
