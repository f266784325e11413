package dev.crmkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Consent;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.IncomeBand;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.customer.Sector;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentityResolutionTest {

  static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  static Individual person(String id, Instant at, Registration<?> r) {
    return (Individual) r.toCustomer(CustomerId.of(id), at);
  }

  @Test
  void a_shared_national_id_email_or_external_id_is_a_match() {
    Individual a = person("a", T1, Registration.individual("Anna Schmidt").nationalId("123456789")
        .email("anna@example.com").externalId("VIN", "WDB1"));
    Individual b = person("b", T2, Registration.individual("A. Schmidt").nationalId("123-45-6789")
        .email("ANNA@example.com").externalId("vin", "wdb1"));
    assertThat(IdentityResolution.match(a, b))
        .containsExactly(MatchRule.NATIONAL_ID, MatchRule.EMAIL, MatchRule.EXTERNAL_ID);
    assertThat(IdentityResolution.match(b, a)).isEqualTo(IdentityResolution.match(a, b));
  }

  @Test
  void a_shared_phone_matches_only_with_the_same_name() {
    Individual anna = person("a", T1, Registration.individual("Anna Schmidt").phone("+4930123456"));
    Individual sameName = person("b", T2,
        Registration.individual("schmidt, anna").phone("0049 30 123456"));
    Individual spouse = person("c", T2,
        Registration.individual("Karl Schmidt").phone("+4930123456"));
    assertThat(IdentityResolution.match(anna, sameName)).containsExactly(MatchRule.NAME_AND_PHONE);
    assertThat(IdentityResolution.match(anna, spouse)).isEmpty();
  }

  @Test
  void umlauts_match_their_transliteration_and_their_plain_letter_and_a_trunk_prefix_is_dropped() {
    Individual mueller = person("a", T1,
        Registration.individual("Jürgen Müller").phone("+49 (0) 30 1234567"));
    Individual transliterated = person("b", T2,
        Registration.individual("Mueller, Juergen").phone("+49 30 1234567"));
    Individual plain = person("c", T2,
        Registration.individual("Jurgen Muller").phone("030 1234567", "49"));
    Individual decomposed = person("d", T2,
        Registration.individual("Mu\u0308ller Ju\u0308rgen").phone("0049 30 1234567"));
    for (Individual other : new Individual[] {transliterated, plain, decomposed}) {
      assertThat(IdentityResolution.match(mueller, other)).as(other.name())
          .containsExactly(MatchRule.NAME_AND_PHONE);
      assertThat(IdentityResolution.match(other, mueller)).as(other.name())
          .containsExactly(MatchRule.NAME_AND_PHONE);
    }
    // nothing says that Mueller and Muller are one name; and Möller is another name
    assertThat(IdentityResolution.match(transliterated, plain)).isEmpty();
    Individual moeller = person("e", T2,
        Registration.individual("Jürgen Möller").phone("+49301234567"));
    assertThat(IdentityResolution.match(mueller, moeller)).isEmpty();
  }

  @Test
  void a_person_never_matches_an_organization() {
    Individual p = person("a", T1, Registration.individual("Acme").email("info@acme.example"));
    Organization o = (Organization) Registration.organization("Acme").email("info@acme.example")
        .toCustomer(CustomerId.of("b"), T1);
    assertThat(IdentityResolution.match(p, o)).isEmpty();
    assertThatThrownBy(() -> IdentityResolution.merge(p, o, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b (organization)")
        .hasMessageContaining("individual");
  }

  @Test
  void the_survivor_is_the_earlier_registration_then_the_smaller_id() {
    Individual older = person("z", T1, Registration.individual("X"));
    Individual newer = person("a", T2, Registration.individual("X"));
    assertThat(IdentityResolution.chooseSurvivor(older, newer)).isSameAs(older);
    assertThat(IdentityResolution.chooseSurvivor(newer, older)).isSameAs(older);
    Individual sameTimeB = person("b", T1, Registration.individual("X"));
    Individual sameTimeA = person("a", T1, Registration.individual("X"));
    assertThat(IdentityResolution.chooseSurvivor(sameTimeB, sameTimeA)).isSameAs(sameTimeA);
  }

  @Test
  void merge_keeps_every_key_and_name_and_reports_each_disagreement() {
    Individual survivor = person("a", T2, Registration.individual("Anna Schmidt")
        .nationalId("123456789").email("anna@example.com").birthDate(LocalDate.of(1985, 3, 14))
        .ownership(AccountOwnership.of("agent-1", null)))
        .withConsent(new Consent(Channel.EMAIL, true, T1));
    Individual merged = person("b", T1, Registration.individual("Anna Schmidt-Meyer")
        .email("anna.meyer@example.com").phone("+4930123456").birthDate(LocalDate.of(1985, 3, 15))
        .incomeBand(IncomeBand.HIGH).ownership(AccountOwnership.of("agent-2", "support-9")))
        .withConsent(new Consent(Channel.EMAIL, false, T2));

    MergeResult result = IdentityResolution.merge(survivor, merged, NOW);
    Individual after = (Individual) result.survivor();
    MergeReport report = result.report();

    assertThat(after.id()).isEqualTo(survivor.id());
    assertThat(after.name()).isEqualTo("Anna Schmidt");
    assertThat(after.aliases()).containsExactly("Anna Schmidt-Meyer");
    assertThat(after.keys().containsAll(survivor.keys())).isTrue();
    assertThat(after.keys().containsAll(merged.keys())).isTrue();
    assertThat(after.mergedIds()).containsExactly(CustomerId.of("b"));
    assertThat(after.registeredAt()).isEqualTo(T1);
    assertThat(after.profile().birthDate()).contains(LocalDate.of(1985, 3, 14));
    assertThat(after.profile().incomeBand()).contains(IncomeBand.HIGH);
    assertThat(after.ownership()).isEqualTo(AccountOwnership.of("agent-1", "support-9"));
    assertThat(after.hasMarketingConsent(Channel.EMAIL)).isFalse(); // the later withdrawal

    assertThat(report.survivorId()).isEqualTo(CustomerId.of("a"));
    assertThat(report.mergedId()).isEqualTo(CustomerId.of("b"));
    assertThat(report.mergedAt()).isEqualTo(NOW);
    assertThat(report.matchedOn()).isEmpty(); // no shared key: a merge the host decided
    assertThat(report.conflict("name").orElseThrow())
        .isEqualTo(new FieldConflict("name", java.util.Optional.of("Anna Schmidt"),
            java.util.Optional.of("Anna Schmidt-Meyer"), Resolution.KEPT_SURVIVOR,
            java.util.Optional.of("Anna Schmidt")));
    assertThat(report.conflict("profile.birthDate").orElseThrow().resolution())
        .isEqualTo(Resolution.KEPT_SURVIVOR);
    assertThat(report.conflict("profile.incomeBand").orElseThrow().resolution())
        .isEqualTo(Resolution.FILLED_FROM_MERGED);
    assertThat(report.conflict("ownership.accountManager").orElseThrow().resolution())
        .isEqualTo(Resolution.KEPT_SURVIVOR);
    assertThat(report.conflict("ownership.technicalSupportOwner").orElseThrow().resolution())
        .isEqualTo(Resolution.FILLED_FROM_MERGED);
    assertThat(report.conflict("consents.EMAIL").orElseThrow().resolution())
        .isEqualTo(Resolution.LATEST_DECISION);
    assertThat(report.conflict("keys.emails").orElseThrow().resolution())
        .isEqualTo(Resolution.UNION);
    assertThat(report.conflict("registeredAt").orElseThrow().resolution())
        .isEqualTo(Resolution.EARLIEST);
    assertThat(report.conflict("profile.region")).isEmpty(); // neither had one
  }

  @Test
  void merge_records_which_rules_matched() {
    Individual a = person("a", T1, Registration.individual("Anna").email("anna@example.com"));
    Individual b = person("b", T2, Registration.individual("Anna").email("anna@example.com"));
    assertThat(IdentityResolution.merge(a, b, NOW).report().matchedOn())
        .containsExactly(MatchRule.EMAIL);
  }

  @Test
  void merging_the_same_record_again_changes_nothing() {
    Individual a = person("a", T2, Registration.individual("Anna").email("anna@example.com"));
    Individual b = person("b", T1, Registration.individual("Anne").phone("+4930123456")
        .region("Berlin"));
    Customer once = IdentityResolution.merge(a, b, NOW).survivor();
    Customer twice = IdentityResolution.merge(once, b, NOW).survivor();
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void a_chain_of_merges_keeps_every_merged_id() {
    Individual a = person("a", T1, Registration.individual("Anna"));
    Individual b = person("b", T1, Registration.individual("Anna"));
    Individual c = person("c", T1, Registration.individual("Anna"));
    Customer bc = IdentityResolution.merge(b, c, NOW).survivor();
    Customer abc = IdentityResolution.merge(a, bc, NOW).survivor();
    assertThat(abc.mergedIds()).containsExactly(CustomerId.of("b"), CustomerId.of("c"));
    assertThat(abc.allIds()).hasSize(3);
  }

  @Test
  void organization_contacts_are_united_and_a_clashing_id_is_renamed() {
    Organization a = (Organization) Registration.organization("Acme").sector(Sector.ENTERPRISE)
        .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER))
        .toCustomer(CustomerId.of("a"), T1);
    Organization b = (Organization) Registration.organization("ACME GmbH")
        .sector(Sector.GOVERNMENT).employeeCount(50)
        .contact(Contact.of("c-1", "Alan Turing", BuyingRole.TECHNICAL_EVALUATOR))
        .contact(Contact.of("c-9", "Grace Hopper", BuyingRole.DECISION_MAKER))
        .toCustomer(CustomerId.of("b"), T2);
    MergeResult result = IdentityResolution.merge(a, b, NOW);
    Organization after = (Organization) result.survivor();
    // Grace is the same person under another id: kept once; Alan's id clashed: renamed
    assertThat(after.contacts()).extracting(Contact::id, Contact::name).containsExactly(
        org.assertj.core.groups.Tuple.tuple("c-1", "Grace Hopper"),
        org.assertj.core.groups.Tuple.tuple("c-1-2", "Alan Turing"));
    assertThat(result.report().conflict("contacts.c-1").orElseThrow().resolution())
        .isEqualTo(Resolution.RENAMED);
    assertThat(after.profile().sector()).contains(Sector.ENTERPRISE);
    assertThat(after.profile().employeeCount()).contains(50);
    assertThat(IdentityResolution.merge(after, b, NOW).survivor()).isEqualTo(after);
  }

  @Test
  void a_record_cannot_be_merged_into_itself() {
    Individual a = person("a", T1, Registration.individual("Anna"));
    assertThatThrownBy(() -> IdentityResolution.merge(a, a, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("merged: 'a'");
  }
}
