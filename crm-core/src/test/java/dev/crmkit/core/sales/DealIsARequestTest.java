package dev.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.InvalidInputException;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.time.SettableClock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 8: a Deal is a request like OrderRequest and CaseRequest, a mutating builder,
 * so a setter called on its own line is not lost.
 */
class DealIsARequestTest {

  private final SettableClock clock = SettableClock.of(SalesFixtures.T0, ZoneOffset.UTC);
  private final Crm crm = SalesFixtures.crm(clock);
  private final Sales sales = Sales.builder(crm).build();

  private static Deal fleet() {
    return Deal.of("Fleet", "agent-7", Money.of("1000", "EUR"), LocalDate.of(2026, 6, 30));
  }

  @Test
  void a_setter_on_its_own_line_takes_effect() {
    Customer acme = crm.register(Registration.organization("Acme GmbH"));
    Sales sales = Sales.builder(crm).pipeline(Pipeline.of(Stage.of("lead", "0.1").asSkippable(),
        Stage.of("proposal", "0.5"))).build();
    Deal deal = fleet();
    deal.inStage("proposal");
    deal.withProbability("0.4");

    Opportunity o = sales.open(acme.id(), deal);

    assertThat(o.stage()).isEqualTo("proposal");
    assertThat(o.probability()).isEqualByComparingTo("0.4");
  }

  @Test
  void values_are_checked_when_set_and_the_library_never_changes_the_callers_deal() {
    assertThatThrownBy(() -> fleet().withProbability("1.5"))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("probability:");
    Lead lead = sales.capture(LeadRequest.of("Grace Hopper", Channel.EVENT)
        .company("Acme GmbH", BuyingRole.DECISION_MAKER).email("grace@acme.example"));
    sales.qualify(lead.id());
    Deal deal = fleet();
    Conversion c = sales.convert(lead.id(), deal);
    // the conversion gave the opportunity the new contact, not the caller's deal object
    assertThat(c.opportunity()).get().extracting(Opportunity::contactId)
        .isEqualTo(c.contactId());
    assertThat(deal.contactId()).isEmpty();
    assertThat(deal).isEqualTo(fleet()).hasSameHashCodeAs(fleet());
  }
}
