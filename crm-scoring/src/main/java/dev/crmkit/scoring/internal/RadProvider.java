package dev.crmkit.scoring.internal;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.strategies.RadConfig;
import dev.crmkit.scoring.strategies.RadStrategy;

/** Registers {@link RadStrategy} through the SPI, as a plugin would. */
public final class RadProvider implements ScoringStrategyProvider<RadConfig> {
  @Override
  public String id() {
    return RadStrategy.ID;
  }

  @Override
  public Class<RadConfig> configType() {
    return RadConfig.class;
  }

  @Override
  public RadConfig defaultConfig() {
    return RadConfig.defaults();
  }

  @Override
  public ScoringStrategy create(RadConfig config) {
    return new RadStrategy(config);
  }
}
