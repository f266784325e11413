package dev.crmkit.core.marketing;

import dev.crmkit.core.base.Money;
import java.util.Map;
import java.util.Optional;

/**
 * The cost of one unit of a product, for the margin a campaign brought. A sku it does not know
 * makes the margin unknown: the campaign return then fails with an error naming the sku.
 *
 * <pre>{@code
 * UnitCosts costs = UnitCosts.of(Map.of("A-CLASS-180", Money.of("27000", "EUR")));
 * }</pre>
 */
@FunctionalInterface
public interface UnitCosts {

  Optional<Money> unitCost(String sku);

  static UnitCosts of(Map<String, Money> costs) {
    Map<String, Money> copy = Map.copyOf(costs);
    return sku -> Optional.ofNullable(copy.get(sku));
  }
}
