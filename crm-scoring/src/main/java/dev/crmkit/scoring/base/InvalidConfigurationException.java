package dev.crmkit.scoring.base;

import dev.crmkit.scoring.ScoringEngine;
import org.jspecify.annotations.Nullable;

/**
 * A strategy configuration is invalid: names the strategy (when known), the field, the value and
 * what is allowed. Configuration records throw it from their constructors; {@link ScoringEngine}
 * adds the strategy id and the JSON path.
 *
 * <pre>{@code
 * throw new InvalidConfigurationException("bins", bins, "an integer from 2 to 100");
 * // -> rfm: configuration field 'bins': 1 is not allowed; expected an integer from 2 to 100
 * }</pre>
 */
public final class InvalidConfigurationException extends ScoringException {

  private static final long serialVersionUID = 1L;

  private final String strategyId;
  private final String field;
  private final String value;
  private final String allowed;

  public InvalidConfigurationException(String field, @Nullable Object value, String allowed) {
    this(null, field, value == null ? "null" : String.valueOf(value), allowed);
  }

  private InvalidConfigurationException(
      @Nullable String strategyId, String field, String value, String allowed) {
    super(
        (strategyId == null ? "" : strategyId + ": ") + "configuration field '" + field + "': "
            + value + " is not allowed; expected " + allowed);
    this.strategyId = strategyId;
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }

  /** This error, with the strategy id and the path of the enclosing JSON object added. */
  public InvalidConfigurationException in(String strategyId, @Nullable String pathPrefix) {
    boolean root = pathPrefix == null || pathPrefix.isEmpty() || pathPrefix.equals("(document)");
    String path = root ? field : pathPrefix + "." + field;
    InvalidConfigurationException e =
        new InvalidConfigurationException(strategyId, path, value, allowed);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The strategy id, or null when not yet known. */
  public @Nullable String strategyId() {
    return strategyId;
  }

  /** The field, as a JSON path ({@code criteria[2].weight}). */
  public String field() {
    return field;
  }

  /** The rejected value as text. */
  public String value() {
    return value;
  }

  /** What the field allows. */
  public String allowed() {
    return allowed;
  }
}
