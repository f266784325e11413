package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.base.InvalidConfigurationException;

/**
 * The configuration of the {@code customer-type} strategy; a missing (null) field takes its
 * default.
 *
 * <ul>
 *   <li>{@code oneTimeMaxTransactions}: customers with at most this many transactions are
 *       one-time buyers (default 1).
 *   <li>{@code minInteractionRate}: interactions per transaction at or above which a customer
 *       values the relationship (default 0.5).
 *   <li>{@code maxDiscountShare}: mean discount share at or below which a customer is not price
 *       sensitive (default 0.10).
 *   <li>{@code interactionRateDefault}, {@code discountShareDefault}: used when the summary has
 *       no interactions, or a customer no discount share; null (default) makes that an error.
 *   <li>{@code bigRelationshipRevenue}: relationship-oriented customers with at least this
 *       revenue are "big relationship" (default: none, no such class).
 * </ul>
 *
 * <pre>{@code
 * {"minInteractionRate": 1.0, "maxDiscountShare": 0.05, "bigRelationshipRevenue": 100000}
 * }</pre>
 */
public record CustomerTypeConfig(
    Integer oneTimeMaxTransactions,
    Double minInteractionRate,
    Double maxDiscountShare,
    Double interactionRateDefault,
    Double discountShareDefault,
    Double bigRelationshipRevenue) {
  public CustomerTypeConfig {
    if (oneTimeMaxTransactions == null) {
      oneTimeMaxTransactions = 1;
    }
    if (oneTimeMaxTransactions < 1) {
      throw new InvalidConfigurationException(
          "oneTimeMaxTransactions", oneTimeMaxTransactions, "an integer >= 1");
    }
    if (minInteractionRate == null) {
      minInteractionRate = 0.5;
    }
    if (!(minInteractionRate >= 0) || Double.isInfinite(minInteractionRate)) {
      throw new InvalidConfigurationException("minInteractionRate", minInteractionRate, "a number >= 0");
    }
    if (maxDiscountShare == null) {
      maxDiscountShare = 0.10;
    }
    if (!(maxDiscountShare >= 0 && maxDiscountShare <= 1)) {
      throw new InvalidConfigurationException("maxDiscountShare", maxDiscountShare, "a share in [0, 1]");
    }
    if (interactionRateDefault != null && !(interactionRateDefault >= 0)) {
      throw new InvalidConfigurationException(
          "interactionRateDefault", interactionRateDefault, "a number >= 0");
    }
    if (discountShareDefault != null && !(discountShareDefault >= 0 && discountShareDefault <= 1)) {
      throw new InvalidConfigurationException(
          "discountShareDefault", discountShareDefault, "a share in [0, 1]");
    }
    if (bigRelationshipRevenue != null && !(bigRelationshipRevenue > 0)) {
      throw new InvalidConfigurationException(
          "bigRelationshipRevenue", bigRelationshipRevenue, "a positive amount");
    }
  }

  public static CustomerTypeConfig defaults() {
    return new CustomerTypeConfig(null, null, null, null, null, null);
  }
}
