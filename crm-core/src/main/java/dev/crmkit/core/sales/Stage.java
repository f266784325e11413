package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One open stage of a {@link Pipeline}: its name, the win probability an opportunity gets on
 * entering it, and whether an opportunity may pass it by ({@code skippable}).
 *
 * <pre>{@code
 * Stage needs = Stage.of("needs-analysis", "0.2").asSkippable();
 * }</pre>
 */
public record Stage(String name, BigDecimal probability, boolean skippable) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  public Stage {
    notNull("stage.name", name);
    if (!NAME.matcher(name).matches()) {
      throw invalid("stage.name", name, "1 to 40 lower-case letters, digits or '-', such as"
          + " needs-analysis");
    }
    if (name.equals(Pipeline.WON) || name.equals(Pipeline.LOST)) {
      throw invalid("stage.name", name, "an open stage; won and lost are the pipeline's final"
          + " stages and are always there");
    }
    probability = checkProbability("stage.probability", probability);
  }

  /** A stage that may not be skipped. */
  public static Stage of(String name, String probability) {
    return new Stage(name, parse("stage.probability", probability), false);
  }

  public Stage asSkippable() {
    return new Stage(name, probability, true);
  }

  static BigDecimal checkProbability(String field, BigDecimal value) {
    notNull(field, value);
    if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw invalid(field, value.toPlainString(), "a probability from 0 to 1, such as 0.25");
    }
    return value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
  }

  static BigDecimal parse(String field, String value) {
    notNull(field, value);
    try {
      return checkProbability(field, new BigDecimal(value.strip()));
    } catch (NumberFormatException e) {
      throw invalid(field, value, "a probability from 0 to 1, such as 0.25");
    }
  }
}
