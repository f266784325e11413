package dev.crmkit.scoring.internal;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;

/** Registers {@link RfmStrategy} through the SPI, as a plugin would. */
public final class RfmProvider implements ScoringStrategyProvider<RfmConfig> {
  @Override
  public String id() {
    return RfmStrategy.ID;
  }

  @Override
  public Class<RfmConfig> configType() {
    return RfmConfig.class;
  }

  @Override
  public RfmConfig defaultConfig() {
    return RfmConfig.defaults();
  }

  @Override
  public ScoringStrategy create(RfmConfig config) {
    return new RfmStrategy(config);
  }

  @Override
  public String description() {
    return "recency, frequency and monetary scores 1..n and named segments";
  }
}
