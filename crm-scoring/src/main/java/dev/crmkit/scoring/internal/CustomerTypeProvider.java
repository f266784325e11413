package dev.crmkit.scoring.internal;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.strategies.CustomerTypeConfig;
import dev.crmkit.scoring.strategies.CustomerTypeStrategy;

/** Registers {@link CustomerTypeStrategy} through the SPI, as a plugin would. */
public final class CustomerTypeProvider implements ScoringStrategyProvider<CustomerTypeConfig> {
  @Override
  public String id() {
    return CustomerTypeStrategy.ID;
  }

  @Override
  public Class<CustomerTypeConfig> configType() {
    return CustomerTypeConfig.class;
  }

  @Override
  public CustomerTypeConfig defaultConfig() {
    return CustomerTypeConfig.defaults();
  }

  @Override
  public ScoringStrategy create(CustomerTypeConfig config) {
    return new CustomerTypeStrategy(config);
  }
}
