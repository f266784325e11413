package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.customer.Address;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.EmailAddress;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.privacy.AccessLevel;
import dev.crmkit.core.privacy.AccessPolicy;
import dev.crmkit.core.privacy.SensitiveField;
import java.util.ArrayList;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No public view leaks a sensitive field, for every type that carries one: individuals (national
 * ids, phones, e-mails, birth date), organizations (their keys, their address, their contacts'
 * e-mails and phones), contacts and addresses. Two checks: every value shown in a sensitive
 * field of the view contains none of the source's sensitive values, and the whole JSON text of
 * the view contains none of the values that cannot occur in other fields by chance (e-mails,
 * phones, streets).
 */
class MaskingPropertiesTest {

  private static final ObjectMapper MAPPER = CrmJson.mapper();
  private static final AccessPolicy POLICY = AccessPolicy.defaults();
  /** The names of the view fields that hold sensitive data. */
  private static final Set<String> SENSITIVE_FIELDS =
      Set.of("nationalIds", "phones", "emails", "birthDate", "street", "postalCode",
          "externalIds");

  @Property(tries = 300)
  void no_public_view_of_an_individual_leaks(@ForAll("individuals") Individual i) {
    assertNoLeak(MAPPER.valueToTree(POLICY.view(i, AccessLevel.PUBLIC)), sensitiveValues(i),
        textLeakable(i));
  }

  @Property(tries = 300)
  void no_public_view_of_an_organization_leaks(@ForAll("organizations") Organization o) {
    JsonNode view = MAPPER.valueToTree(POLICY.view(o, AccessLevel.PUBLIC));
    assertNoLeak(view, sensitiveValues(o), textLeakable(o));
    assertThat(view.get("contacts")).hasSize(o.contacts().size()); // masked, not dropped
  }

  @Property(tries = 300)
  void no_public_view_of_a_contact_leaks(@ForAll("contacts") Contact c) {
    List<String> values = new ArrayList<>();
    c.emails().forEach(e -> values.add(e.value()));
    c.phones().forEach(p -> values.add(p.value()));
    assertNoLeak(MAPPER.valueToTree(POLICY.view(c, AccessLevel.PUBLIC)), values, values);
  }

  @Property(tries = 300)
  void no_public_view_of_an_address_leaks(@ForAll("addresses") Address a) {
    List<String> values = new ArrayList<>(List.of(a.street()));
    a.postalCode().ifPresent(values::add);
    assertNoLeak(MAPPER.valueToTree(POLICY.view(a, AccessLevel.PUBLIC)), values,
        List.of(a.street()));
  }

  /** INTERNAL sees e-mails and addresses but no national id, phone or birth date. */
  @Property(tries = 200)
  void no_internal_view_leaks_what_internal_may_not_see(@ForAll("customers") Customer c) {
    List<String> hidden = new ArrayList<>();
    c.keys().nationalIds().forEach(n -> hidden.add(n.value()));
    c.keys().phones().forEach(p -> hidden.add(p.value()));
    if (c instanceof Individual i) {
      i.profile().birthDate().ifPresent(d -> hidden.add(d.toString()));
    }
    if (c instanceof Organization o) {
      o.contacts().forEach(k -> k.phones().forEach(p -> hidden.add(p.value())));
    }
    assertNoLeak(MAPPER.valueToTree(POLICY.view(c, AccessLevel.INTERNAL)), hidden, List.of());
  }

  /** Every level sees in clear exactly what the policy says, and masks the rest. */
  @Property(tries = 200)
  void each_level_masks_exactly_what_it_may_not_see(@ForAll("individuals") Individual i,
      @ForAll AccessLevel level) {
    var view = POLICY.view(i, level);
    assertThat(view.emails()).hasSize(i.keys().emails().size());
    for (EmailAddress e : i.keys().emails()) {
      assertThat(view.emails().contains(e.value()))
          .isEqualTo(POLICY.reveals(level, SensitiveField.EMAIL));
    }
    for (PhoneNumber p : i.keys().phones()) {
      assertThat(view.phones().contains(p.value()))
          .isEqualTo(POLICY.reveals(level, SensitiveField.PHONE));
    }
  }

  private static List<String> sensitiveValues(Customer c) {
    List<String> values = new ArrayList<>();
    c.keys().nationalIds().forEach(n -> values.add(n.value()));
    c.keys().phones().forEach(p -> values.add(p.value()));
    c.keys().emails().forEach(e -> values.add(e.value()));
    c.keys().externalIds().forEach(x -> values.add(x.key()));
    if (c instanceof Individual i) {
      i.profile().birthDate().ifPresent(d -> values.add(d.toString()));
    }
    if (c instanceof Organization o) {
      o.profile().address().ifPresent(a -> {
        values.add(a.street());
        a.postalCode().ifPresent(values::add);
      });
      o.contacts().forEach(k -> {
        k.emails().forEach(e -> values.add(e.value()));
        k.phones().forEach(p -> values.add(p.value()));
      });
    }
    return values;
  }

  private static List<String> textLeakable(Customer c) {
    List<String> values = new ArrayList<>();
    c.keys().phones().forEach(p -> values.add(p.value()));
    c.keys().emails().forEach(e -> values.add(e.value()));
    if (c instanceof Organization o) {
      o.profile().address().ifPresent(a -> values.add(a.street()));
      o.contacts().forEach(k -> {
        k.emails().forEach(e -> values.add(e.value()));
        k.phones().forEach(p -> values.add(p.value()));
      });
    }
    return values;
  }

  private static void assertNoLeak(JsonNode view, List<String> sensitive,
      List<String> notInText) {
    List<String> shown = new ArrayList<>();
    collectSensitiveLeaves(view, false, shown);
    for (String leaf : shown) {
      for (String value : sensitive) {
        assertThat(leaf).as("a sensitive field of %s", view).doesNotContain(value);
      }
    }
    String text = view.toString();
    for (String value : notInText) {
      assertThat(text).doesNotContain(value);
    }
  }

  private static void collectSensitiveLeaves(JsonNode node, boolean sensitive, List<String> out) {
    if (node.isTextual() && sensitive) {
      out.add(node.asText());
    } else if (node.isArray()) {
      node.forEach(n -> collectSensitiveLeaves(n, sensitive, out));
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collectSensitiveLeaves(e.getValue(), sensitive || SENSITIVE_FIELDS.contains(e.getKey()),
            out);
      }
    }
  }

  @Provide
  Arbitrary<Individual> individuals() {
    return CrmArbitraries.individuals();
  }

  @Provide
  Arbitrary<Organization> organizations() {
    return CrmArbitraries.organizations();
  }

  @Provide
  Arbitrary<Customer> customers() {
    return CrmArbitraries.customers();
  }

  @Provide
  Arbitrary<Contact> contacts() {
    return CrmArbitraries.contacts();
  }

  @Provide
  Arbitrary<Address> addresses() {
    return CrmArbitraries.addresses();
  }

}
