package dev.crmkit.scoring.internal;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.strategies.AbcConfig;
import dev.crmkit.scoring.strategies.AbcStrategy;

/** Registers {@link AbcStrategy} through the SPI, as a plugin would. */
public final class AbcProvider implements ScoringStrategyProvider<AbcConfig> {
  @Override
  public String id() {
    return AbcStrategy.ID;
  }

  @Override
  public Class<AbcConfig> configType() {
    return AbcConfig.class;
  }

  @Override
  public AbcConfig defaultConfig() {
    return AbcConfig.defaults();
  }

  @Override
  public ScoringStrategy create(AbcConfig config) {
    return new AbcStrategy(config);
  }

  @Override
  public String description() {
    return "classes A/B/C by cumulative value share (fixed thresholds or computed)";
  }
}
