package dev.crmkit.testkit;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.loyalty.Entry;
import dev.crmkit.scoring.ScoreTable;
import java.util.List;

/**
 * Entry point of the AssertJ assertions for crmkit's main types.
 *
 * <pre>{@code
 * import static dev.crmkit.testkit.CrmAssertions.assertThat;
 * assertThat(crm.get(id)).hasEmail("anna@example.com");
 * assertThat(crm.timeline(id)).isInTimeOrder().hasSize(4);
 * assertThat(rfmTable).hasClass("C1", "Champions");
 * assertThatLedger(loyalty.ledger(ann)).sumsTo(61);
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

  public static ScoreTableAssert assertThat(ScoreTable actual) {
    return new ScoreTableAssert(actual);
  }

  /** A member's ledger, {@code loyalty.ledger(member)} (named apart: a list has AssertJ's own assertThat). */
  public static LedgerAssert assertThatLedger(List<? extends Entry> actual) {
    return new LedgerAssert(actual);
  }
}
