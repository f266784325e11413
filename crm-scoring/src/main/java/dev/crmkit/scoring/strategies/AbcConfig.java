package dev.crmkit.scoring.strategies;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The configuration of the {@code abc} strategy; a missing (null) field takes its default.
 *
 * <ul>
 *   <li>{@code value}: the metric to rank by (default {@code revenue}; any name of {@link
 *       dev.crmkit.scoring.table.CustomerSummary#metric(String)}, such as a {@code margin} or
 *       {@code clv} attribute column).
 *   <li>{@code method}: {@code thresholds} (default) or {@code computed} (Ultsch and Lötsch).
 *   <li>{@code thresholds}: the cumulative value shares that close classes A and B (default
 *       {@code [0.8, 0.95]}; two increasing numbers in (0, 1]); only with method thresholds (with
 *       method computed it is absent: {@code thresholds()} returns null).
 *   <li>{@code lorenzPoints}: how many points of the Lorenz curve the report gives (default 101:
 *       every 1% of customers; 2 to 10001).
 * </ul>
 *
 * <pre>{@code
 * {"value": "margin", "thresholds": [0.7, 0.9]}
 * {"method": "computed"}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbcConfig(String value, String method, List<Double> thresholds, Integer lorenzPoints) {

  public static final String THRESHOLDS = "thresholds";
  public static final String COMPUTED = "computed";

  public AbcConfig {
    if (value == null) {
      value = "revenue";
    }
    if (value.isBlank()) {
      throw new InvalidConfigurationException("value", "\"\"", "the name of a metric");
    }
    if (method == null) {
      method = THRESHOLDS;
    }
    if (!method.equals(THRESHOLDS) && !method.equals(COMPUTED)) {
      throw new InvalidConfigurationException("method", method, "\"thresholds\" or \"computed\"");
    }
    if (method.equals(COMPUTED)) {
      // the computed method finds its own boundaries: no thresholds, so the JSON reads back
      if (thresholds != null) {
        throw new InvalidConfigurationException(
            "thresholds", thresholds, "no thresholds with method \"computed\", which finds its own");
      }
    } else {
      if (thresholds == null) {
        thresholds = List.of(0.8, 0.95);
      }
      thresholds = Collections.unmodifiableList(new ArrayList<>(thresholds));
      if (thresholds.size() != 2
          || thresholds.get(0) == null
          || thresholds.get(1) == null
          || !(thresholds.get(0) > 0)
          || !(thresholds.get(1) > thresholds.get(0))
          || !(thresholds.get(1) <= 1)) {
        throw new InvalidConfigurationException(
            "thresholds", thresholds, "two cumulative shares 0 < a < b <= 1, such as [0.8, 0.95]");
      }
    }
    if (lorenzPoints == null) {
      lorenzPoints = 101;
    }
    if (lorenzPoints < 2 || lorenzPoints > 10001) {
      throw new InvalidConfigurationException("lorenzPoints", lorenzPoints, "an integer from 2 to 10001");
    }
  }

  public static AbcConfig defaults() {
    return new AbcConfig(null, null, null, null);
  }
}
