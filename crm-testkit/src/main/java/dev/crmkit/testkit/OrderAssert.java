package dev.crmkit.testkit;

import dev.crmkit.core.base.Money;
import dev.crmkit.core.purchase.Order;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on an {@link Order}.
 *
 * <pre>{@code
 * CrmAssertions.assertThat(order).hasAmountPaid(Money.of("1199", "USD")).hasDiscount(Money.of("100", "USD"));
 * }</pre>
 */
public final class OrderAssert extends AbstractObjectAssert<OrderAssert, Order> {

  OrderAssert(Order actual) {
    super(actual, OrderAssert.class);
  }

  public OrderAssert hasAmountPaid(Money expected) {
    isNotNull();
    if (!actual.amountPaid().equals(expected)) {
      failWithMessage("Expected order %s to have been paid %s but it was %s (lines %s)",
          actual.id(), expected, actual.amountPaid(), actual.lines());
    }
    return this;
  }

  public OrderAssert hasDiscount(Money expected) {
    isNotNull();
    if (!actual.discount().equals(expected)) {
      failWithMessage("Expected order %s to have a discount of %s but it was %s (list %s, paid"
          + " %s)", actual.id(), expected, actual.discount(), actual.listAmount(),
          actual.amountPaid());
    }
    return this;
  }

  public OrderAssert hasLines(int expected) {
    isNotNull();
    if (actual.lines().size() != expected) {
      failWithMessage("Expected order %s to have %d lines but it has %d: %s", actual.id(),
          expected, actual.lines().size(), actual.lines());
    }
    return this;
  }
}
