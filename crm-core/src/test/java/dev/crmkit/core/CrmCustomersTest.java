package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.base.UnknownCustomerException;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.identity.MatchRule;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.repository.CustomerRepository;
import dev.crmkit.core.repository.InMemoryCustomerRepository;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrmCustomersTest {

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);

  @Test
  void registration_uses_the_clock_and_the_id_generator() {
    Individual anna = crm.register(Fixtures.anna());
    assertThat(anna.id()).isEqualTo(CustomerId.of("C-000001"));
    assertThat(anna.code()).isEqualTo("C-000001");
    assertThat(anna.registeredAt()).isEqualTo(Fixtures.T0);
    Organization acme = crm.register(Fixtures.acme());
    assertThat(acme.code()).isEqualTo("K-1001");
    assertThat(crm.get(acme.id())).isEqualTo(acme);
    assertThat(crm.customers()).containsExactly(anna, acme);
    Registration<?> either = Registration.individual("Ben");
    assertThat(crm.register(either)).isInstanceOf(Individual.class);
  }

  @Test
  void customers_are_found_by_normalised_keys_and_by_code() {
    Individual anna = crm.register(Fixtures.anna());
    assertThat(crm.findByKey(IdentityKey.email(" ANNA@example.com"))).containsExactly(anna);
    assertThat(crm.findByKey(IdentityKey.phone("0049 30 123 4567"))).containsExactly(anna);
    assertThat(crm.findByKey(IdentityKey.nationalId("123456789"))).containsExactly(anna);
    assertThat(crm.findByKey(IdentityKey.email("nobody@example.com"))).isEmpty();
    assertThat(crm.findByCode(anna.code())).contains(anna);
  }

  @Test
  void bad_input_is_rejected_naming_field_and_value() {
    assertThatThrownBy(() -> Registration.individual("  "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name: '  '");
    assertThatThrownBy(() -> Registration.individual("Anna").email("anna-at-example.com"))
        .hasMessageStartingWith("email: 'anna-at-example.com'");
    assertThatThrownBy(() -> crm.get(CustomerId.of("C-404")))
        .isInstanceOf(UnknownCustomerException.class)
        .hasMessage("customerId: 'C-404' is not a known customer; register it first");
    assertThatThrownBy(() -> crm.recordPurchase(OrderRequest.of(CustomerId.of("C-404"),
            Channel.WEB, "EUR").line("S", "c", 1, Money.of("1", "EUR"), Money.of("1", "EUR"))))
        .isInstanceOf(UnknownCustomerException.class).hasMessageContaining("'C-404'");
    assertThatThrownBy(() -> Crm.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("clock");
  }

  @Test
  void codes_and_ids_are_unique() {
    crm.register(Fixtures.acme());
    assertThatThrownBy(() -> crm.register(Registration.organization("Other").code("K-1001")))
        .hasMessageStartingWith("code: 'K-1001'").hasMessageContaining("C-000001");
    assertThatThrownBy(() -> crm.register(Registration.individual("X")
            .id(CustomerId.of("C-000001"))))
        .hasMessageStartingWith("id: 'C-000001'");
  }

  @Test
  void consent_and_ownership_changes_are_timestamped_by_the_clock() {
    Individual anna = crm.register(Fixtures.anna());
    clock.advance(Duration.ofDays(1));
    Customer opted = crm.recordConsent(anna.id(), Channel.EMAIL, true);
    assertThat(opted.hasMarketingConsent(Channel.EMAIL)).isTrue();
    assertThat(opted.consents().get(Channel.EMAIL).decidedAt())
        .isEqualTo(Fixtures.T0.plus(Duration.ofDays(1)));
    clock.advance(Duration.ofDays(1));
    assertThat(crm.recordConsent(anna.id(), Channel.EMAIL, false)
        .hasMarketingConsent(Channel.EMAIL)).isFalse();
    assertThat(crm.assignOwnership(anna.id(), AccountOwnership.of("agent-7", "support-2"))
        .ownership().accountManager()).contains("agent-7");
    assertThat(crm.get(anna.id()).ownership().technicalSupportOwner()).contains("support-2");
  }

  @Test
  void duplicates_are_found_through_shared_keys() {
    Individual anna = crm.register(Fixtures.anna());
    Individual again = crm.register(Registration.individual("Schmidt, Anna")
        .phone("030 1234567", "49"));
    crm.register(Registration.individual("Karl Schmidt").phone("+49 30 1234567"));
    assertThat(crm.findDuplicates(anna.id())).singleElement().satisfies(m -> {
      assertThat(m.first()).isEqualTo(anna.id());
      assertThat(m.second()).isEqualTo(again.id());
      assertThat(m.rules()).containsExactly(MatchRule.NAME_AND_PHONE);
    });
    assertThat(crm.findDuplicates()).hasSize(1);
  }

  @Test
  void merging_keeps_history_and_old_ids_resolve_to_the_survivor() {
    Individual anna = crm.register(Fixtures.anna());
    clock.advance(Duration.ofDays(1));
    Individual web = crm.register(Registration.individual("Anna Schmidt")
        .email("anna@example.com").code("WEB-77").externalId("LOYALTY_CARD", "9000 1234"));
    crm.logInteraction(InteractionRequest.of(web.id(), Channel.WEB, InteractionType.INQUIRY,
        Direction.INBOUND).notes("delivery time?"));

    MergeReport report = crm.merge(web.id(), anna.id());

    assertThat(report.survivorId()).isEqualTo(anna.id()); // the earlier registration
    assertThat(report.alreadyMerged()).isFalse();
    assertThat(report.matchedOn()).containsExactly(MatchRule.EMAIL);
    Customer survivor = crm.get(web.id());
    assertThat(survivor.id()).isEqualTo(anna.id());
    assertThat(survivor.mergedIds()).containsExactly(web.id());
    assertThat(survivor.keys().containsAll(web.keys())).isTrue();
    assertThat(crm.findByKey(IdentityKey.externalId("LOYALTY_CARD", "90001234")))
        .containsExactly(survivor);
    assertThat(crm.findByCode("WEB-77")).contains(survivor);
    assertThat(crm.findMergedRecord(web.id())).contains(web);
    assertThat(crm.timeline(anna.id()).entries()).hasSize(1);
    assertThat(crm.customers()).containsExactly(survivor);
    // a purchase recorded with the old id lands on the survivor
    assertThat(crm.recordPurchase(OrderRequest.of(web.id(), Channel.STORE, "EUR")
        .line("S", "c", 1, Money.of("5", "EUR"), Money.of("5", "EUR"))).customerId())
        .isEqualTo(anna.id());
  }

  @Test
  void merging_the_same_pair_twice_changes_nothing() {
    Individual anna = crm.register(Fixtures.anna());
    Individual web = crm.register(Registration.individual("Anna S.").email("anna@example.com"));
    crm.merge(anna.id(), web.id());
    Customer after = crm.get(anna.id());
    java.util.List<Object> events = new java.util.ArrayList<>();
    crm.events().subscribe(events::add);

    MergeReport again = crm.merge(web.id(), anna.id());

    assertThat(again.alreadyMerged()).isTrue();
    assertThat(again.conflicts()).isEmpty();
    assertThat(crm.get(anna.id())).isEqualTo(after);
    assertThat(events).isEmpty();
  }

  @Test
  void a_chain_of_merges_resolves_every_old_id_to_the_last_survivor() {
    Individual a = crm.register(Registration.individual("Anna").email("a@example.com"));
    Individual b = crm.register(Registration.individual("Anna").email("a@example.com")
        .phone("+4930111111"));
    Individual c = crm.register(Registration.individual("Anna").phone("+4930111111"));
    crm.merge(b.id(), c.id());
    crm.merge(a.id(), b.id());
    assertThat(crm.get(c.id()).id()).isEqualTo(a.id());
    assertThat(crm.get(a.id()).mergedIds()).containsExactly(b.id(), c.id());
    assertThat(crm.findByCode(c.code()).map(Customer::id)).contains(a.id());
  }

  @Test
  void an_old_id_resolves_even_when_a_merge_retires_it_during_the_look_up() {
    RacingRepository repository = new RacingRepository();
    Crm racing = Crm.builder().clock(clock).customers(repository)
        .ids(IdGenerator.sequential()).build();
    Individual anna = racing.register(Fixtures.anna());
    Individual dup = racing.register(Registration.individual("A. Schmidt")
        .email("anna@example.com"));
    // the merge lands between resolving dup's id and reading the record it resolved to
    repository.beforeNextFind = () -> racing.merge(anna.id(), dup.id());
    assertThat(racing.get(dup.id()).id()).isEqualTo(anna.id());
  }

  /** Runs a hook just before the next findById, to put a write between two reads. */
  static final class RacingRepository implements CustomerRepository {
    private final CustomerRepository delegate = new InMemoryCustomerRepository();
    Runnable beforeNextFind;

    @Override
    public Optional<Customer> findById(CustomerId id) {
      Runnable hook = beforeNextFind;
      beforeNextFind = null;
      if (hook != null) {
        hook.run();
      }
      return delegate.findById(id);
    }

    @Override
    public void add(Customer customer) {
      delegate.add(customer);
    }

    @Override
    public void replace(Customer customer) {
      delegate.replace(customer);
    }

    @Override
    public void retire(Customer merged, CustomerId survivor) {
      delegate.retire(merged, survivor);
    }

    @Override
    public void replaceRetired(Customer customer) {
      delegate.replaceRetired(customer);
    }

    @Override
    public Optional<CustomerId> resolve(CustomerId id) {
      return delegate.resolve(id);
    }

    @Override
    public Optional<Customer> findRetired(CustomerId id) {
      return delegate.findRetired(id);
    }

    @Override
    public List<Customer> findByKey(IdentityKey key) {
      return delegate.findByKey(key);
    }

    @Override
    public Optional<Customer> findByCode(String code) {
      return delegate.findByCode(code);
    }

    @Override
    public Stream<Customer> all() {
      return delegate.all();
    }
  }

  @Test
  void interactions_with_organizations_name_known_contacts_only() {
    Organization acme = crm.register(Fixtures.acme());
    Individual anna = crm.register(Fixtures.anna());
    assertThat(crm.logInteraction(InteractionRequest.of(acme.id(), Channel.FIELD_VISIT,
        InteractionType.SALES_ACTIVITY, Direction.OUTBOUND).contact("c-1")).contactId())
        .contains("c-1");
    assertThatThrownBy(() -> crm.logInteraction(InteractionRequest.of(acme.id(), Channel.PHONE,
            InteractionType.INQUIRY, Direction.INBOUND).contact("c-404")))
        .hasMessageStartingWith("contactId: 'c-404'").hasMessageContaining("[c-1, c-2]");
    assertThatThrownBy(() -> crm.logInteraction(InteractionRequest.of(anna.id(), Channel.PHONE,
            InteractionType.INQUIRY, Direction.INBOUND).contact("c-1")))
        .hasMessageContaining("is a person");
  }

  @Test
  void organizations_gain_and_change_contacts() {
    Organization acme = crm.register(Fixtures.acme());
    Individual anna = crm.register(Fixtures.anna());
    java.util.List<Object> events = new java.util.ArrayList<>();
    crm.events().subscribe(events::add);
    Contact cfo = Contact.of("c-3", "Ada Lovelace", BuyingRole.APPROVER).withTitle("CFO");
    assertThat(crm.saveContact(acme.id(), cfo).contact("c-3")).contains(cfo);
    Contact promoted = Contact.of("c-2", "Alan Turing", BuyingRole.DECISION_MAKER);
    Organization after = crm.saveContact(acme.id(), promoted);
    assertThat(after.contacts()).hasSize(3);
    assertThat(after.contact("c-2")).contains(promoted);
    assertThat(events).hasSize(2);
    assertThatThrownBy(() -> crm.saveContact(anna.id(), cfo))
        .hasMessageStartingWith("customerId: '" + anna.id() + "'")
        .hasMessageContaining("is a person");
  }

  @Test
  void persons_and_organizations_cannot_be_merged() {
    Individual anna = crm.register(Fixtures.anna());
    Organization acme = crm.register(Fixtures.acme());
    assertThatThrownBy(() -> crm.merge(anna.id(), acme.id()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(crm.customers()).hasSize(2);
  }
}
