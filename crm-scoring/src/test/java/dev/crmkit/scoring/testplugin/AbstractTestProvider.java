package dev.crmkit.scoring.testplugin;

import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;

/** Base of the misbehaving providers used by the SPI error tests. */
abstract class AbstractTestProvider implements ScoringStrategyProvider<String> {
  @Override
  public String id() {
    return "broken";
  }

  @Override
  public Class<String> configType() {
    return String.class;
  }

  @Override
  public String defaultConfig() {
    return "";
  }

  @Override
  public ScoringStrategy create(String config) {
    throw new UnsupportedOperationException("only loaded, never used");
  }
}
