package dev.crmkit.testkit;

import static dev.crmkit.testkit.CrmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.identity.Resolution;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.timeline.TimelineEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CrmAssertionsTest {

  // sequential ids: with a fixed clock the survivor of a merge is the smaller id
  private final Crm crm = Crm.builder()
      .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
      .ids(IdGenerator.sequential()).build();
  private final Individual anna = crm.register(Registration.individual("Anna Schmidt")
      .email("anna@example.com").phone("+49 30 1234567"));

  @Test
  void customer_assertions_pass_on_what_is_there() {
    assertThat(anna).isIndividual().hasName("Anna Schmidt").hasEmail("ANNA@example.com")
        .hasPhone("0049 30 1234567").hasNoMarketingConsentFor(Channel.EMAIL);
  }

  @Test
  void customer_assertion_failures_say_what_was_found() {
    assertThatThrownBy(() -> assertThat(anna).hasEmail("other@example.com"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("<other@example.com>")
        .hasMessageContaining("[anna@example.com]");
    assertThatThrownBy(() -> assertThat(anna).isOrganization())
        .hasMessageContaining("is an individual");
    assertThatThrownBy(() -> assertThat(anna).hasMerged(CustomerId.of("x")))
        .hasMessageContaining("merged ids are []");
    assertThatThrownBy(() -> assertThat(anna).hasMarketingConsentFor(Channel.SOCIAL))
        .hasMessageContaining("opted in for SOCIAL");
  }

  @Test
  void merge_report_and_timeline_assertions() {
    Individual dup = crm.register(Registration.individual("Anna S.").email("anna@example.com"));
    MergeReport report = crm.merge(anna.id(), dup.id());
    assertThat(report).hasSurvivor(anna.id()).resolved("name", Resolution.KEPT_SURVIVOR);
    assertThatThrownBy(() -> assertThat(report).resolved("profile.region", Resolution.UNION))
        .hasMessageContaining("conflicts were on [name, code]");
    assertThatThrownBy(() -> assertThat(report).wasAlreadyMerged())
        .hasMessageContaining("changed the survivor");
    assertThat(crm.merge(anna.id(), dup.id())).wasAlreadyMerged().hasNoConflicts();

    Order order = crm.recordPurchase(OrderRequest.of(dup.id(), Channel.WEB, "EUR")
        .line("S", "c", 2, Money.of("10", "EUR"), Money.of("8", "EUR")));
    assertThat(order).hasLines(1).hasAmountPaid(Money.of("16", "EUR"))
        .hasDiscount(Money.of("4", "EUR"));
    assertThatThrownBy(() -> assertThat(order).hasAmountPaid(Money.of("20", "EUR")))
        .hasMessageContaining("paid 20.00 EUR but it was 16.00 EUR");
    assertThat(crm.timeline(anna.id())).hasSize(1).isInTimeOrder()
        .hasKinds(TimelineEntry.Kind.PURCHASE).containsEntry(order.id());
    assertThatThrownBy(() -> assertThat(crm.timeline(anna.id())).hasSize(2))
        .hasMessageContaining("Expected 2 timeline entries but found 1")
        .hasMessageContaining(order.id());
  }
}
