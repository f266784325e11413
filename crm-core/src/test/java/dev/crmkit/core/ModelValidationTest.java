package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.OrganizationProfile;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.purchase.LineItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelValidationTest {

  @Test
  void addresses_need_an_iso_country() {
    assertThat(Address.of("1 Dell Way", "Round Rock", "78682", "TX", "us").country())
        .isEqualTo("US");
    assertThatThrownBy(() -> Address.of("1 Main St", "Springfield", null, null, "XX"))
        .hasMessageStartingWith("address.country: 'XX'");
    assertThatThrownBy(() -> Address.of(" ", "Springfield", null, null, "US"))
        .hasMessageStartingWith("address.street: ' '");
  }

  @Test
  void organization_profiles_reject_negative_figures() {
    assertThatThrownBy(() -> OrganizationProfile.EMPTY.withEmployeeCount(-5))
        .hasMessageStartingWith("employeeCount: '-5'");
    assertThatThrownBy(() -> OrganizationProfile.EMPTY.withAnnualRevenue(Money.of("-1", "USD")))
        .hasMessageStartingWith("annualRevenue: '-1.00 USD'");
  }

  @Test
  void contact_ids_are_unique_in_an_organization() {
    assertThatThrownBy(() -> Registration.organization("Acme")
            .contact(Contact.of("c-1", "A", BuyingRole.BUYER))
            .contact(Contact.of("c-1", "B", BuyingRole.USER)))
        .hasMessageStartingWith("contact.id: 'c-1'");
    assertThatThrownBy(() -> Contact.of("has space", "A", BuyingRole.BUYER))
        .hasMessageStartingWith("contact.id: 'has space'");
  }

  @Test
  void an_organization_is_not_its_own_parent() {
    CustomerId id = CustomerId.of("org-1");
    assertThatThrownBy(() -> new Organization(id, "K1", "Acme", Set.of(), null,
            OrganizationProfile.EMPTY.withParent(id), List.of(), null, Map.of(), Set.of(),
            Fixtures.T0))
        .hasMessageStartingWith("profile.parent: 'org-1'");
  }

  @Test
  void a_records_own_id_is_not_among_its_merged_ids() {
    CustomerId id = CustomerId.of("a");
    assertThatThrownBy(() -> new Organization(id, "K1", "Acme", Set.of(), null, null, List.of(),
            null, Map.of(), Set.of(id), Fixtures.T0))
        .hasMessageStartingWith("mergedIds:");
  }

  @Test
  void aliases_never_repeat_the_name() {
    Organization org = new Organization(CustomerId.of("a"), "K1", "Acme", Set.of("Acme", "ACME"),
        null, null, List.of(), null, Map.of(), Set.of(), Fixtures.T0);
    assertThat(org.aliases()).containsExactly("ACME");
  }

  @Test
  void line_items_compute_amounts_exactly() {
    LineItem line = new LineItem(1, "A", "b", 3, Money.of("0.10", "EUR"), Money.of("0.07", "EUR"));
    assertThat(line.amountPaid()).isEqualTo(Money.of("0.21", "EUR"));
    assertThat(line.discount()).isEqualTo(Money.of("0.09", "EUR"));
    assertThatThrownBy(() -> new LineItem(0, "A", "b", 1, Money.of("1", "EUR"),
            Money.of("1", "EUR")))
        .hasMessageStartingWith("lineNumber: '0'");
    assertThatThrownBy(() -> new LineItem(1, "", "b", 1, Money.of("1", "EUR"),
            Money.of("1", "EUR")))
        .hasMessageStartingWith("sku: ''");
  }

  @Test
  void optional_text_fields_are_checked_when_present() {
    assertThatThrownBy(() -> new dev.crmkit.core.customer.AccountOwnership(
            Optional.of(" "), Optional.empty()))
        .hasMessageStartingWith("accountManager: ' '");
  }
}
