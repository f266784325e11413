package dev.crmkit.testkit;

import dev.crmkit.scoring.ScoreTable;
import java.util.Map;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link ScoreTable}; failures say what the table holds.
 *
 * <pre>{@code
 * CrmAssertions.assertThat(table).hasCustomers(3).hasClass("C1", "A").hasScore("C1", "r", 5, 0.0);
 * }</pre>
 */
public final class ScoreTableAssert extends AbstractObjectAssert<ScoreTableAssert, ScoreTable> {

  ScoreTableAssert(ScoreTable actual) {
    super(actual, ScoreTableAssert.class);
  }

  public ScoreTableAssert hasCustomers(int expected) {
    isNotNull();
    if (actual.size() != expected) {
      failWithMessage("Expected %s table to score %d customers but it scores %d", actual.strategyId(), expected,
          actual.size());
    }
    return this;
  }

  public ScoreTableAssert hasClass(String customerId, String expected) {
    int i = row(customerId);
    if (!expected.equals(actual.label(i))) {
      failWithMessage("Expected %s to be in class %s of %s but it is in %s (scores %s, explanation %s)", customerId,
          expected, actual.strategyId(), actual.label(i), scores(i), actual.explanation(i));
    }
    return this;
  }

  public ScoreTableAssert hasScore(String customerId, String score, double expected, double tolerance) {
    int i = row(customerId);
    if (!actual.scoreNames().contains(score)) {
      failWithMessage("Expected %s table to have a score '%s' but it has %s", actual.strategyId(), score,
          actual.scoreNames());
    }
    double v = actual.score(i, score);
    if (!(Math.abs(v - expected) <= tolerance)) {
      failWithMessage("Expected %s's %s to be %s (within %s) but it is %s (scores %s)", customerId, score, expected,
          tolerance, v, scores(i));
    }
    return this;
  }

  /** Class sizes exactly as given (classes not named must be empty). */
  public ScoreTableAssert hasClassSizes(Map<String, Integer> expected) {
    isNotNull();
    Map<String, Integer> sizes = new java.util.TreeMap<>(actual.classSizes());
    sizes.values().removeIf(v -> v == 0);
    Map<String, Integer> want = new java.util.TreeMap<>(expected);
    want.values().removeIf(v -> v == 0);
    if (!sizes.equals(want)) {
      failWithMessage("Expected %s class sizes %s but they are %s", actual.strategyId(), want, sizes);
    }
    return this;
  }

  private int row(String customerId) {
    isNotNull();
    int i = actual.indexOf(customerId);
    if (i < 0) {
      failWithMessage("Expected %s table to score customer %s but it scores only %d others", actual.strategyId(),
          customerId, actual.size());
    }
    return i;
  }

  private Map<String, Double> scores(int i) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    for (String name : actual.scoreNames()) {
      m.put(name, actual.score(i, name));
    }
    return m;
  }
}
