package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.text;

import java.time.Duration;
import java.util.Optional;

/**
 * The funnel figures of one stage. {@code reached}: opportunities that got to this stage or
 * past it (for won and lost: that are won or lost now); {@code current}: those in it now;
 * {@code conversionToNext}: reached of the next stage (won after the last open one) over reached
 * of this one; {@code meanTimeInStage}: the mean of every finished stay in the stage.
 *
 * <pre>{@code
 * report.stage("proposal").conversionToNext(); // e.g. 2/3 (66.7%)
 * }</pre>
 */
public record StageFigures(
    String stage,
    long reached,
    dev.crmkit.core.base.Money reachedAmount,
    long current,
    dev.crmkit.core.base.Money currentAmount,
    Optional<Ratio> conversionToNext,
    Optional<Duration> meanTimeInStage) {

  public StageFigures {
    text("stage", stage);
    notNull("reachedAmount", reachedAmount);
    notNull("currentAmount", currentAmount);
    conversionToNext = optional(conversionToNext);
    meanTimeInStage = optional(meanTimeInStage);
  }
}
