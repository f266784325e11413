package dev.crmkit.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.ExternalId;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.IdentityKeys;
import dev.crmkit.core.customer.NationalId;
import dev.crmkit.core.customer.PhoneNumber;
import org.junit.jupiter.api.Test;

class NormalisationTest {

  @Test
  void emails_are_trimmed_and_lower_cased() {
    assertThat(EmailAddress.of("  Anna.Schmidt@Example.COM ").value())
        .isEqualTo("anna.schmidt@example.com");
    assertThat(EmailAddress.of("A@B.de")).isEqualTo(EmailAddress.of("a@b.DE"));
  }

  @Test
  void malformed_emails_are_rejected_naming_field_and_value() {
    for (String bad : new String[] {"anna", "anna@", "@example.com", "a b@example.com",
        "anna@example", "anna@@example.com", "anna@example..com", ""}) {
      assertThatThrownBy(() -> EmailAddress.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("email: '" + bad + "'");
    }
  }

  @Test
  void phones_drop_separators_and_international_prefixes() {
    assertThat(PhoneNumber.of("+49 (30) 123-45.67").value()).isEqualTo("+49301234567");
    assertThat(PhoneNumber.of("0049 30 1234567").value()).isEqualTo("+49301234567");
    assertThat(PhoneNumber.of("030 1234567").value()).isEqualTo("0301234567");
    assertThat(PhoneNumber.of("030 1234567").isInternational()).isFalse();
  }

  @Test
  void a_trunk_prefix_written_after_the_country_code_is_dropped() {
    assertThat(PhoneNumber.of("+49 (0) 30 1234567").value()).isEqualTo("+49301234567");
    assertThat(PhoneNumber.of("+49 (0)30 1234567")).isEqualTo(PhoneNumber.of("+49301234567"));
    assertThat(PhoneNumber.of("0049 (0) 30 1234567").value()).isEqualTo("+49301234567");
    assertThat(PhoneNumber.of("+44 (0) 20 7946 0958").value()).isEqualTo("+442079460958");
    // Italian numbers keep their leading zero after the country code: it is part of the number
    assertThat(PhoneNumber.of("+39 06 1234 5678").value()).isEqualTo("+390612345678");
    // a country code libphonenumber does not know is kept as written (erasure's +999 pseudonyms)
    assertThat(PhoneNumber.of("+999 1234 5678 901").value()).isEqualTo("+99912345678901");
    // national numbers have no default region: they stay digits
    assertThat(PhoneNumber.of("(030) 1234567").value()).isEqualTo("0301234567");
    // normalising a normal form changes nothing, also where libphonenumber would strip one
    // zero after another (found by JsonRoundTripTest): such a number is kept as written
    assertThat(PhoneNumber.of("+49000000").value()).isEqualTo("+49000000");
    for (String n : new String[] {"+49301234567", "+442079460958", "+390612345678",
        "+15125550100", "+99912345678901", "0301234567", "+490000"}) {
      assertThat(PhoneNumber.of(n).value()).isEqualTo(n);
    }
  }

  @Test
  void national_phones_become_international_with_a_default_calling_code() {
    assertThat(PhoneNumber.of("030 1234567", "49")).isEqualTo(PhoneNumber.of("+49 30 1234567"));
    assertThat(PhoneNumber.of("(512) 555-0100", "1").value()).isEqualTo("+15125550100");
    // an already international number keeps its own code
    assertThat(PhoneNumber.of("+33 1 23 45 67 89", "49").value()).isEqualTo("+33123456789");
    // read in the country's plan: its own trunk prefix (US: 1) goes, Italy keeps its 0
    assertThat(PhoneNumber.of("1 (512) 555-0100", "1").value()).isEqualTo("+15125550100");
    assertThat(PhoneNumber.of("06 1234 5678", "39").value()).isEqualTo("+390612345678");
    // a calling code libphonenumber does not know: one leading 0 dropped, the code in front
    assertThat(PhoneNumber.of("0123 4567", "999").value()).isEqualTo("+9991234567");
    assertThatThrownBy(() -> PhoneNumber.of("030 1234567", "+49"))
        .hasMessageStartingWith("callingCode: '+49'");
  }

  @Test
  void malformed_phones_are_rejected_naming_field_and_value() {
    for (String bad : new String[] {"12", "call me", "+49 30 1234567 ext 5", "1234567890123456"}) {
      assertThatThrownBy(() -> PhoneNumber.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("phone: '" + bad + "'");
    }
  }

  @Test
  void national_ids_drop_separators_are_upper_cased_and_masked_in_text() {
    NationalId id = NationalId.of(" 123-45-6789 ");
    assertThat(id.value()).isEqualTo("123456789");
    assertThat(NationalId.of("ab 12.34/56")).isEqualTo(NationalId.of("AB123456"));
    assertThat(id.toString()).isEqualTo("*****6789").doesNotContain("12345");
    assertThat(IdentityKey.of(id).toString()).isEqualTo("NATIONAL_ID:*****6789");
  }

  @Test
  void malformed_national_ids_are_rejected_without_leaking_the_number() {
    assertThatThrownBy(() -> NationalId.of("123_456_789"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("nationalId: '")
        .hasMessageNotContaining("123_456");
  }

  @Test
  void external_ids_have_a_scheme_and_compare_normalised() {
    assertThat(ExternalId.of("vin", "wdb 123-456")).isEqualTo(ExternalId.of("VIN", "WDB123456"));
    assertThat(ExternalId.of("VIN", "WDB123456").key()).isEqualTo("VIN:WDB123456");
    assertThat(ExternalId.of("VIN", "WDB123456").toString()).isEqualTo("VIN:*****3456");
    assertThat(IdentityKey.externalId("vin", "wdb123456"))
        .isEqualTo(new IdentityKey(IdentityKey.Kind.EXTERNAL_ID, "VIN:wdb 123456"));
    assertThatThrownBy(() -> ExternalId.of("", "1")).hasMessageStartingWith("externalId.scheme");
    assertThatThrownBy(() -> new IdentityKey(IdentityKey.Kind.EXTERNAL_ID, "nocolon"))
        .hasMessageStartingWith("externalId: 'nocolon'");
  }

  @Test
  void identity_keys_normalise_their_values_by_kind() {
    assertThat(IdentityKey.email(" Anna@Example.com")).isEqualTo(
        new IdentityKey(IdentityKey.Kind.EMAIL, "anna@example.com"));
    assertThat(IdentityKey.phone("0049 30 1234567")).isEqualTo(IdentityKey.phone("+49301234567"));
  }

  @Test
  void name_match_keys_ignore_case_accents_punctuation_and_word_order() {
    assertThat(Names.matchKey("Schmidt, Änna")).isEqualTo("anna schmidt");
    assertThat(Names.matchKey("  ANNA   schmidt ")).isEqualTo(Names.matchKey("Schmidt Anna"));
    assertThat(Names.matchKey("Anna Schmidt")).isNotEqualTo(Names.matchKey("Anne Schmidt"));
  }

  @Test
  void names_match_in_their_accent_folded_and_their_transliterated_form() {
    assertThat(Names.matchKeys("Müller")).containsExactlyInAnyOrder("muller", "mueller");
    assertThat(Names.matchKeys("Mueller")).containsExactly("mueller");
    assertThat(Names.matchKeys("Muller")).containsExactly("muller");
    assertThat(Names.matchKeys("Schmidt, Änna")).containsExactlyInAnyOrder("anna schmidt",
        "aenna schmidt");
    assertThat(Names.matchKeys("Strauß")).containsExactly("strauss");
    assertThat(Names.matchKeys("Mu\u0308ller")).isEqualTo(Names.matchKeys("Müller"));
    assertThat(Names.transliteratedKey("Jürgen MÖLLER-Übel"))
        .isEqualTo("juergen moeller uebel");
    assertThat(Names.matchKey("José García")).isEqualTo("garcia jose");
  }

  @Test
  void identity_keys_union_and_containment() {
    IdentityKeys a = IdentityKeys.EMPTY.withEmail(EmailAddress.of("a@example.com"));
    IdentityKeys b = IdentityKeys.EMPTY.withPhone(PhoneNumber.of("+4930123456"))
        .withEmail(EmailAddress.of("b@example.com"));
    IdentityKeys union = a.union(b);
    assertThat(union.containsAll(a)).isTrue();
    assertThat(union.containsAll(b)).isTrue();
    assertThat(a.containsAll(b)).isFalse();
    assertThat(union.stream()).hasSize(3);
    assertThat(IdentityKeys.EMPTY.isEmpty()).isTrue();
  }
}
