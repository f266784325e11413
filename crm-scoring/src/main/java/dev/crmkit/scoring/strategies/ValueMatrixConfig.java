package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.base.InvalidConfigurationException;

/**
 * The configuration of the {@code value-matrix} strategy; a missing (null) field takes its
 * default.
 *
 * <ul>
 *   <li>{@code current}: the metric of current value (default {@code revenue}).
 *   <li>{@code potential}: the metric of growth potential (default {@code growth_potential}, an
 *       attribute column).
 *   <li>{@code currentThreshold}, {@code potentialThreshold}: a value at or above the threshold
 *       is high (default: the median of the customers' values).
 * </ul>
 *
 * <pre>{@code
 * {"potential": "clv", "potentialThreshold": 500}
 * }</pre>
 */
public record ValueMatrixConfig(
    String current, String potential, Double currentThreshold, Double potentialThreshold) {
  public ValueMatrixConfig {
    if (current == null) {
      current = "revenue";
    }
    if (potential == null) {
      potential = "growth_potential";
    }
    if (current.isBlank()) {
      throw new InvalidConfigurationException("current", "\"\"", "the name of a metric");
    }
    if (potential.isBlank()) {
      throw new InvalidConfigurationException("potential", "\"\"", "the name of a metric");
    }
    if (currentThreshold != null && !Double.isFinite(currentThreshold)) {
      throw new InvalidConfigurationException("currentThreshold", currentThreshold, "a finite number");
    }
    if (potentialThreshold != null && !Double.isFinite(potentialThreshold)) {
      throw new InvalidConfigurationException(
          "potentialThreshold", potentialThreshold, "a finite number");
    }
  }

  public static ValueMatrixConfig defaults() {
    return new ValueMatrixConfig(null, null, null, null);
  }
}
