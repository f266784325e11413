package dev.crmkit.scoring.internal;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.strategies.WeightedValueConfig;
import dev.crmkit.scoring.strategies.WeightedValueStrategy;

/** Registers {@link WeightedValueStrategy} through the SPI, as a plugin would. */
public final class WeightedValueProvider implements ScoringStrategyProvider<WeightedValueConfig> {
  @Override
  public String id() {
    return WeightedValueStrategy.ID;
  }

  @Override
  public Class<WeightedValueConfig> configType() {
    return WeightedValueConfig.class;
  }

  @Override
  public WeightedValueConfig defaultConfig() {
    return WeightedValueConfig.defaults();
  }

  @Override
  public ScoringStrategy create(WeightedValueConfig config) {
    return new WeightedValueStrategy(config);
  }

  @Override
  public String description() {
    return "weighted multi-criteria value per population and the VIP/Major/Ordinary/Small pyramid";
  }
}
