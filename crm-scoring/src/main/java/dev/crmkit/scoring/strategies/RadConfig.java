package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.base.InvalidConfigurationException;

/**
 * The configuration of the {@code rad} strategy; a missing (null) field takes its default.
 *
 * <ul>
 *   <li>{@code buyingPower}: the attribute column with each key account's annual buying power
 *       (default {@code annual_buying_power}).
 *   <li>{@code retention}: the share of wallet from which an account is Retention (default 0.5:
 *       it spends most of its budget with us).
 *   <li>{@code development}: the share of wallet from which it is Development (default 0.1: some
 *       business, some trust); below it, Acquisition.
 * </ul>
 *
 * <pre>{@code
 * {"buyingPower": "it_budget", "retention": 0.6, "development": 0.2}
 * }</pre>
 */
public record RadConfig(String buyingPower, Double retention, Double development) {
  public RadConfig {
    if (buyingPower == null) {
      buyingPower = "annual_buying_power";
    }
    if (buyingPower.isBlank()) {
      throw new InvalidConfigurationException("buyingPower", "\"\"", "an attribute column name");
    }
    if (retention == null) {
      retention = 0.5;
    }
    if (development == null) {
      development = 0.1;
    }
    if (!(development > 0 && development < retention)) {
      throw new InvalidConfigurationException(
          "development", development, "a share with 0 < development < retention (" + retention + ")");
    }
    if (!(retention <= 1)) {
      throw new InvalidConfigurationException("retention", retention, "a share <= 1");
    }
  }

  public static RadConfig defaults() {
    return new RadConfig(null, null, null);
  }
}
