package dev.crmkit.scoring.internal;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.strategies.ValueMatrixConfig;
import dev.crmkit.scoring.strategies.ValueMatrixStrategy;

/** Registers {@link ValueMatrixStrategy} through the SPI, as a plugin would. */
public final class ValueMatrixProvider implements ScoringStrategyProvider<ValueMatrixConfig> {
  @Override
  public String id() {
    return ValueMatrixStrategy.ID;
  }

  @Override
  public Class<ValueMatrixConfig> configType() {
    return ValueMatrixConfig.class;
  }

  @Override
  public ValueMatrixConfig defaultConfig() {
    return ValueMatrixConfig.defaults();
  }

  @Override
  public ScoringStrategy create(ValueMatrixConfig config) {
    return new ValueMatrixStrategy(config);
  }
}
