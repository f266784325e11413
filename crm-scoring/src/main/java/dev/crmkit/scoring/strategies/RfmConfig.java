package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.base.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of the {@code rfm} strategy; a missing (null) field takes its default.
 *
 * <ul>
 *   <li>{@code bins}: scores 1..bins for recency, frequency and monetary (default 5, 2 to 100).
 *   <li>{@code thresholds}: custom cut points instead of tie-aware quantile bins, per dimension
 *       (each optional; bins - 1 strictly ascending numbers). Recency thresholds are the upper
 *       bounds in days of the scores n, n-1, ..., 2 ({@code [30, 90, 180, 365]}: 0-30 days
 *       scores 5, 31-90 scores 4...); frequency and monetary thresholds are the lower bounds of
 *       the scores 2..n.
 *   <li>{@code segments}: the segment table, first match wins, unmatched customers in {@value
 *       RfmStrategy#OTHERS}; default {@link RfmStrategy#DEFAULT_SEGMENTS}, written for 5 scores
 *       (with other bin counts scores are mapped onto 1..5 before matching it).
 * </ul>
 *
 * <pre>{@code
 * {"bins": 5, "thresholds": {"recency": [30, 90, 180, 365]},
 *  "segments": [{"name": "Best", "r": [5, 5], "f": [5, 5]}]}
 * }</pre>
 */
public record RfmConfig(Integer bins, Thresholds thresholds, List<RfmSegmentRule> segments) {

  public static final int DEFAULT_BINS = 5;

  public RfmConfig {
    if (bins == null) {
      bins = DEFAULT_BINS;
    }
    if (bins < 2 || bins > 100) {
      throw new InvalidConfigurationException("bins", bins, "an integer from 2 to 100");
    }
    if (thresholds != null) {
      thresholds.check(bins);
    }
    if (segments != null) {
      if (segments.isEmpty()) {
        throw new InvalidConfigurationException("segments", "[]", "at least one segment rule");
      }
      segments = Collections.unmodifiableList(new ArrayList<>(segments));
      for (int i = 0; i < segments.size(); i++) {
        if (segments.get(i) == null) {
          throw new InvalidConfigurationException("segments[" + i + "]", null, "a segment rule");
        }
        segments.get(i).checkScale(bins, i);
      }
    }
  }

  /** The defaults: 5 tie-aware quantile bins and the default segment table. */
  public static RfmConfig defaults() {
    return new RfmConfig(null, null, null);
  }

  /**
   * Custom cut points per dimension (null = quantile bins for that dimension).
   *
   * <pre>{@code
   * {"recency": [30, 90, 180, 365], "monetary": [50, 100, 250, 1000]}
   * }</pre>
   */
  public record Thresholds(@Nullable List<Double> recency, @Nullable List<Double> frequency,
      @Nullable List<Double> monetary) {
    public Thresholds {
      // not List.copyOf: a null element must reach check() and be reported, not throw NPE
      recency = recency == null ? null : Collections.unmodifiableList(new ArrayList<>(recency));
      frequency =
          frequency == null ? null : Collections.unmodifiableList(new ArrayList<>(frequency));
      monetary = monetary == null ? null : Collections.unmodifiableList(new ArrayList<>(monetary));
    }

    void check(int bins) {
      check("thresholds.recency", recency, bins);
      check("thresholds.frequency", frequency, bins);
      check("thresholds.monetary", monetary, bins);
    }

    private static void check(String field, List<Double> cuts, int bins) {
      if (cuts == null) {
        return;
      }
      if (cuts.size() != bins - 1) {
        throw new InvalidConfigurationException(
            field, cuts, (bins - 1) + " strictly ascending numbers (bins - 1)");
      }
      for (int i = 0; i < cuts.size(); i++) {
        Double c = cuts.get(i);
        if (c == null || !Double.isFinite(c) || (i > 0 && !(c > cuts.get(i - 1)))) {
          throw new InvalidConfigurationException(
              field, cuts, (bins - 1) + " strictly ascending finite numbers");
        }
      }
    }
  }
}
