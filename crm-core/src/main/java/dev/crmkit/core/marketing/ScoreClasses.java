package dev.crmkit.core.marketing;

import dev.crmkit.core.base.CustomerId;
import java.util.Optional;

/**
 * Tells which class a customer has in a score table (an ABC class, an RFM segment...), so that a
 * campaign can target a class without crm-core knowing how it was scored. The host implements
 * it, for example over crm-scoring's {@code ScoreTable} ({@code indexOf} then {@code label}).
 *
 * <pre>{@code
 * ScoreClasses classes = (strategyId, id) -> {
 *   int i = abcTable.indexOf(id.value());
 *   return "abc".equals(strategyId) && i >= 0 ? Optional.of(abcTable.label(i)) : Optional.empty();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ScoreClasses {

  /** The customer's class in the strategy's table; empty when the table does not list them. */
  Optional<String> classOf(String strategyId, CustomerId customerId);
}
