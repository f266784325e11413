package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import java.util.List;

/**
 * One row of an RFM segment table: a segment name and, for each of r, f and m, an inclusive
 * range of scores ({@code [min, max]}; absent = any score). The first matching rule wins.
 *
 * <pre>{@code
 * new RfmSegmentRule("Champions", List.of(5, 5), List.of(4, 5), null)
 * // JSON: {"name": "Champions", "r": [5, 5], "f": [4, 5]}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RfmSegmentRule(String name, List<Integer> r, List<Integer> f, List<Integer> m)
    implements java.io.Serializable {

  public RfmSegmentRule {
    if (name == null || name.isBlank()) {
      throw new InvalidConfigurationException("name", name, "a non-blank segment name");
    }
    r = range("r", r);
    f = range("f", f);
    m = range("m", m);
  }

  private static List<Integer> range(String field, List<Integer> range) {
    if (range == null) {
      return null;
    }
    if (range.size() != 2 || range.get(0) == null || range.get(1) == null) {
      throw new InvalidConfigurationException(field, range, "a range [min, max] of two scores");
    }
    if (range.get(0) < 1 || range.get(0) > range.get(1)) {
      throw new InvalidConfigurationException(
          field, range, "a range [min, max] with 1 <= min <= max");
    }
    return List.copyOf(range);
  }

  /** Whether the scores fall in every range of this rule. */
  public boolean matches(int rScore, int fScore, int mScore) {
    return in(r, rScore) && in(f, fScore) && in(m, mScore);
  }

  private static boolean in(List<Integer> range, int score) {
    return range == null || (score >= range.get(0) && score <= range.get(1));
  }

  /** Checks that every range fits a scale of 1..bins. */
  void checkScale(int bins, int index) {
    for (List<Integer> range : new List[] {r, f, m}) {
      if (range != null && range.get(1) > bins) {
        throw new InvalidConfigurationException(
            "segments[" + index + "]", requireNonNull(name) + " " + range,
            "ranges within the scores 1.." + bins);
      }
    }
  }
}
