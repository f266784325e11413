package dev.crmkit.scoring;

import dev.crmkit.scoring.base.ScoringException;
import java.io.Serializable;
import java.util.List;

/**
 * A fitted strategy: scores one customer at a time from that customer's metrics alone. It is
 * what {@link DistributableStrategy#fit} returns; it holds only the small fitted model (cut
 * points, thresholds, parameters), is immutable and thread-safe, and is {@link Serializable} so
 * that a distributed engine can broadcast it to the workers that hold the customers.
 *
 * <p>The columns of its output are those of the strategy's {@link ScoreTable}: the explanation
 * columns, then the score columns, then the class label.
 */
public interface CustomerScorer extends Serializable {

  /** The strategy id. */
  String strategyId();

  /** The metrics {@link #score} reads, by {@code CustomerSummary.metric} names. */
  List<String> inputMetrics();

  /** The explanation columns, in output order. */
  List<String> explanationNames();

  /** The score columns, in output order. */
  List<String> scoreNames();

  /** The name of the class column. */
  String labelName();

  /** The classes, in report order. */
  List<String> classes();

  /** Whether the classes are ordered best first (for migration reports). */
  boolean orderedClasses();

  /**
   * Scores one customer: writes the explanation values and then the score values into {@code
   * out} (length explanations + scores) and returns the class.
   *
   * @throws ScoringException when the customer lacks a value the strategy needs (naming the
   *     customer)
   */
  String score(CustomerMetrics customer, double[] out);
}
