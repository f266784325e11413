package dev.crmkit.core.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.ConsentRule;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.time.SettableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 4: one consent rule governs targets, contact and hasMarketingConsent, and the
 * loop of docs/sales.md contacts every target even when some withdrew.
 */
class ConsentRuleTest {

  private final SettableClock clock =
      SettableClock.of(Instant.parse("2026-04-01T10:00:00Z"), ZoneOffset.UTC);
  private final Crm crm = Crm.inMemory(clock);
  private final Customer optedIn = crm.register(Registration.individual("Ada Opt").region("Berlin"));
  private final Customer withdrew = crm.register(Registration.individual("Ben Out").region("Berlin"));
  private final Customer silent = crm.register(Registration.individual("Cy Quiet").region("Berlin"));
  private final Customer later = crm.register(Registration.individual("Di Yes").region("Berlin"));

  {
    crm.recordConsent(optedIn.id(), Channel.EMAIL, true);
    crm.recordConsent(withdrew.id(), Channel.EMAIL, true);
    crm.recordConsent(withdrew.id(), Channel.EMAIL, false);
    crm.recordConsent(later.id(), Channel.EMAIL, true);
  }

  private Marketing marketing(ConsentRule rule) {
    Marketing.Builder b = Marketing.builder(crm).attribution(AttributionRule.campaignCode())
        .unitCosts(UnitCosts.of(Map.of()));
    Marketing m = (rule == null ? b : b.consentRule(rule)).build();
    if (m.campaign("mail").isEmpty()) {
      m.launch(Campaign.of("mail", "Spring mail", Channel.EMAIL,
          TargetSegment.profile().region("berlin"), Money.of("100", "EUR")));
    }
    return m;
  }

  @Test
  void the_docs_loop_contacts_every_target_past_one_who_withdrew() {
    Marketing marketing = marketing(ConsentRule.optOut());
    // the loop of docs/sales.md
    marketing.targets("mail").forEach(t -> marketing.contact("mail", t.id()));

    assertThat(contacted()).containsExactlyInAnyOrder(optedIn.id().value(), silent.id().value(),
        later.id().value());
    assertThat(marketing.targetCheck("mail")).filteredOn(t -> !t.contactable())
        .singleElement().satisfies(t -> {
          assertThat(t.customer().id()).isEqualTo(withdrew.id());
          assertThat(t.refusal()).get().asString().contains("consent withdrawn at");
        });
  }

  @Test
  void opt_in_is_the_default_and_one_rule_governs_targets_contact_and_consent() {
    Marketing marketing = marketing(null);
    assertThat(marketing.consentRule()).isEqualTo(ConsentRule.optIn());
    assertThat(marketing.targets("mail")).extracting(Customer::id)
        .containsExactlyInAnyOrder(optedIn.id(), later.id());
    assertThat(marketing.targetCheck("mail")).filteredOn(t -> t.customer().id().equals(silent.id()))
        .singleElement().satisfies(t -> assertThat(t.refusal()).get().asString()
            .contains("no consent recorded for EMAIL"));
    for (Customer c : List.of(optedIn, withdrew, silent, later)) {
      boolean targeted = marketing.targets("mail").stream().anyMatch(t -> t.id().equals(c.id()));
      assertThat(marketing.hasMarketingConsent(c.id(), Channel.EMAIL)).as(c.name())
          .isEqualTo(targeted)
          .isEqualTo(crm.get(c.id()).hasMarketingConsent(Channel.EMAIL));
    }
    assertThatThrownBy(() -> marketing.contact("mail", silent.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no consent recorded for EMAIL");
    marketing.targets("mail").forEach(t -> marketing.contact("mail", t.id()));
    assertThat(contacted()).containsExactlyInAnyOrder(optedIn.id().value(), later.id().value());
  }

  @Test
  void opt_out_and_per_channel_rules() {
    Marketing optOut = marketing(ConsentRule.optOut());
    assertThat(optOut.targets("mail")).extracting(Customer::id)
        .containsExactlyInAnyOrder(optedIn.id(), silent.id(), later.id());
    for (Customer c : List.of(optedIn, withdrew, silent, later)) {
      assertThat(optOut.hasMarketingConsent(c.id(), Channel.EMAIL))
          .isEqualTo(crm.get(c.id()).hasMarketingConsent(Channel.EMAIL, ConsentRule.optOut()))
          .isEqualTo(!c.equals(withdrew));
    }
    ConsentRule emailOnly = ConsentRule.optInFor(Channel.EMAIL);
    assertThat(emailOnly.allows(silent, Channel.EMAIL)).isFalse();
    assertThat(emailOnly.allows(silent, Channel.LETTER)).isTrue();
    assertThat(marketing(emailOnly).targets("mail")).extracting(Customer::id)
        .containsExactlyInAnyOrder(optedIn.id(), later.id());
  }

  private List<String> contacted() {
    return crm.customers().flatMap(c -> crm.interactions(c.id()).stream())
        .filter(i -> i.type() == InteractionType.CAMPAIGN_CONTACT)
        .map(i -> i.customerId().value()).toList();
  }
}
