package dev.crmkit.testkit;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.timeline.Timeline;

/**
 * Entry point of the AssertJ assertions for crmkit's main types.
 *
 * <pre>{@code
 * import static dev.crmkit.testkit.CrmAssertions.assertThat;
 * assertThat(crm.get(id)).hasEmail("anna@example.com");
 * assertThat(crm.timeline(id)).isInTimeOrder().hasSize(4);
 * }</pre>
 */
public final class CrmAssertions {

  private CrmAssertions() {}

  public static CustomerAssert assertThat(Customer actual) {
    return new CustomerAssert(actual);
  }

  public static TimelineAssert assertThat(Timeline actual) {
    return new TimelineAssert(actual);
  }

  public static MergeReportAssert assertThat(MergeReport actual) {
    return new MergeReportAssert(actual);
  }

  public static OrderAssert assertThat(Order actual) {
    return new OrderAssert(actual);
  }
}
