package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.UnknownCustomerException;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.identity.MergeReport;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.privacy.Privacy;
import dev.crmkit.core.sales.LeadRequest;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, point 8: the entry classes built on one Crm by their short factories share its
 * clock, bus and store; a host can pick the survivor.
 */
class CrmHandsOutTest {

  private static final byte[] SECRET = "sixteen bytes at least".getBytes();

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Crm.inMemory(clock);

  @Test
  void the_entry_classes_share_the_facades_clock_bus_and_store() {
    List<DomainEvent> seen = new ArrayList<>();
    crm.events().subscribe(DomainEvent.class, seen::add);
    Individual anna = crm.register(Registration.individual("Anna Schmidt")
        .email("anna@example.com"));
    clock.advance(Duration.ofHours(1));

    ServiceDesk desk = ServiceDesk.create(crm, ServiceFixtures.SLA, ServiceFixtures.LADDER);
    Surveys surveys = Surveys.create(crm);
    LostCustomers lost = LostCustomers.create(crm, LapseRule.after(Duration.ofDays(365)),
        Set.of("price"));
    Sales sales = Sales.builder(crm).build();
    Marketing marketing = Marketing.builder(crm).attribution(AttributionRule.campaignCode())
        .unitCosts(UnitCosts.of(Map.of())).build();

    ServiceCase c = desk.open(CaseRequest.of(anna.id(), CaseType.COMPLAINT, Priority.HIGH,
        Channel.PHONE).owner("agent").subject("Anna's parcel to Hauptstr. 1 is lost"));
    surveys.record(SurveyRequest.of(anna.id()).nps(3).text("Anna is unhappy"));
    lost.recordDeparture(anna.id(), "price", "Anna moved to a rival");
    sales.capture(LeadRequest.of("Anna Schmidt", Channel.WEB).email("anna@example.com"));

    assertThat(c.openedAt()).isEqualTo(clock.instant());
    assertThat(seen).extracting(e -> e.getClass().getSimpleName()).containsExactly(
        "CustomerRegistered", "CaseOpened", "SurveyAnswered", "CustomerLeft");
    assertThat(seen).allSatisfy(e -> assertThat(e.occurredAt()).isBeforeOrEqualTo(clock.instant()));
    assertThat(marketing.consentRule()).isEqualTo(
        dev.crmkit.core.customer.ConsentRule.optIn());

    // a Privacy built on the crm reaches every record kind of the store, though it was
    // given no desk, surveys, lost customers or sales
    Privacy privacy = Privacy.builder(crm).secret(SECRET).build();
    assertThat(privacy.export(anna.id())).contains("Hauptstr", "Anna is unhappy",
        "Anna moved to a rival", "anna@example.com");
    privacy.erase(anna.id());
    assertThat(privacy.export(anna.id())).doesNotContain("Anna", "Hauptstr",
        "anna@example.com");
    assertThat(sales.leads().toString()).doesNotContain("anna@example.com", "Anna");
  }

  @Test
  void merge_into_keeps_the_survivor_the_host_chose() {
    Individual first = crm.register(Registration.individual("Ben Okafor").email("ben@example.org"));
    clock.advance(Duration.ofMinutes(5));
    Individual billing = crm.register(Registration.individual("Ben Okafor")
        .email("ben@example.org").externalId("BILLING", "B-77"));
    List<IdentityEvent.CustomersMerged> merged = new ArrayList<>();
    crm.events().subscribe(IdentityEvent.CustomersMerged.class, merged::add);

    MergeReport report = crm.mergeInto(billing.id(), first.id());

    assertThat(report.survivorId()).isEqualTo(billing.id());
    assertThat(report.mergedId()).isEqualTo(first.id());
    assertThat(crm.get(first.id()).id()).isEqualTo(billing.id());
    assertThat(crm.findMergedRecord(first.id())).isPresent();
    assertThat(merged).singleElement().satisfies(e -> assertThat(e.customerId())
        .isEqualTo(billing.id()));
    // already one customer: nothing changes
    assertThat(crm.mergeInto(first.id(), billing.id()).alreadyMerged()).isTrue();
    assertThat(merged).hasSize(1);
    assertThat(crm.customers().map(Customer::id)).containsExactly(billing.id());
    assertThatThrownBy(() -> crm.mergeInto(billing.id(), CustomerId.of("C-nobody")))
        .isInstanceOf(UnknownCustomerException.class);
  }
}
