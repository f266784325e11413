/** The scoring SPI ({@link dev.crmkit.scoring.ScoringStrategyProvider}), the engine that finds strategies and the score table they produce. */
@NullMarked
package dev.crmkit.scoring;

import org.jspecify.annotations.NullMarked;
