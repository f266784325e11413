package dev.crmkit.scoring;

import java.util.List;

/**
 * A {@link CustomerScorer} of a simple shape that an engine may evaluate without calling {@link
 * #score} per customer (for example as column expressions of a query engine), by probing this
 * scorer once on the driver: it promises that
 *
 * <ul>
 *   <li>each explanation column repeats one input metric unchanged ({@link #explanationInputs});
 *   <li>each score column is a function of one input metric alone ({@link #scoreInputs}, a
 *       different metric for each score column) that is monotone (non-decreasing or
 *       non-increasing over the numbers, NaN apart) and takes a small number of values;
 *   <li>the class is a function of the score columns alone;
 *   <li>{@link #score} never depends on the customer id.
 * </ul>
 *
 * <p>An engine finds each score's cut points from {@link #score} itself (so the expressions
 * give exactly what {@code score} gives) and falls back to {@code score} per customer when a
 * probe throws. RFM's fitted model is one; a scorer whose scores look values up per distinct
 * value (ABC's cumulative shares) is not.
 */
public interface StepwiseScorer extends CustomerScorer {

  /** For each explanation column, the index in {@link #inputMetrics()} of the metric it repeats. */
  List<Integer> explanationInputs();

  /** For each score column, the index in {@link #inputMetrics()} of the metric it is a function of. */
  List<Integer> scoreInputs();
}
