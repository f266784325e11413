package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.AccountOwnership;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionEvent;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LostCustomerEvent;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.privacy.Privacy;
import dev.crmkit.core.privacy.PrivacyEvent;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.sales.Deal;
import dev.crmkit.core.sales.LargeDealRule;
import dev.crmkit.core.sales.Lead;
import dev.crmkit.core.sales.LeadRequest;
import dev.crmkit.core.sales.Opportunity;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.sales.SalesEvent;
import dev.crmkit.core.sales.SalesFixtures;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.survey.SurveyEvent;
import dev.crmkit.core.survey.SurveyRequest;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14, point 2: after {@code merge(b into a)}, every event published names the survivor,
 * whichever record the call or the record it changes was made for. One row per event type; a
 * new event type without a row fails {@link #everyEventTypeHasARow}.
 */
class EventsAfterMergeTest {

  private static final byte[] SECRET = "0123456789abcdef0123".getBytes();

  private final SettableClock clock =
      SettableClock.of(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  private SalesFixtures.Opened opened;
  private Crm crm;
  private ServiceDesk desk;
  private Surveys surveys;
  private LostCustomers lost;
  private Sales sales;
  private Marketing marketing;
  private Privacy privacy;
  private Customer a;
  private Customer b;
  private Order orderOfB;
  private ServiceCase caseOfB;
  private Opportunity opportunityOfB;

  @AfterEach
  void close() {
    if (opened != null) {
      opened.close();
    }
  }

  /** What one row does after the merge, with the ids of before it. */
  private record Row(Class<? extends DomainEvent> type, Consumer<EventsAfterMergeTest> action) {}

  private static final List<Row> ROWS = List.of(
      new Row(CustomerEvent.CustomerRegistered.class,
          t -> t.crm.register(Registration.organization("Other AG"))),
      new Row(IdentityEvent.CustomersMerged.class, t -> {
        Customer late = t.crm.register(Registration.organization("Acme Gmbh").nationalId("HRB 1"));
        t.crm.merge(late.id(), t.b.id());
      }),
      new Row(CustomerEvent.ConsentRecorded.class,
          t -> t.crm.recordConsent(t.b.id(), Channel.EMAIL, true)),
      new Row(CustomerEvent.OwnershipChanged.class,
          t -> t.crm.assignOwnership(t.b.id(), AccountOwnership.of("am-1", "ts-1"))),
      new Row(CustomerEvent.ContactSaved.class,
          t -> t.crm.saveContact(t.b.id(), Contact.of("K-9", "Kim Buyer", BuyingRole.BUYER))),
      new Row(PurchaseEvent.PurchaseRecorded.class, t -> t.crm.recordPurchase(
          OrderRequest.of(t.b.id(), Channel.WEB, "EUR").line("SKU-1", "parts", 1,
              Money.of("10", "EUR"), Money.of("10", "EUR")))),
      new Row(PurchaseEvent.ReturnRecorded.class,
          t -> t.crm.recordReturn(ReturnRequest.of(t.orderOfB.id()).line(1, 1))),
      new Row(SalesEvent.LeadConverted.class, t -> {
        Lead lead = t.sales.capture(LeadRequest.of("Lea Lead", Channel.WEB)
            .company("Acme GmbH", BuyingRole.INFLUENCER).companyNationalId("HRB 1")
            .email("lea@acme.example"));
        t.sales.qualify(lead.id());
        t.sales.convert(lead.id());
      }),
      new Row(SalesEvent.OpportunityOpened.class, t -> t.sales.open(t.b.id(), deal("100"))),
      new Row(SalesEvent.OpportunityStageChanged.class,
          t -> t.sales.moveTo(t.opportunityOfB.id(), "proposal")),
      new Row(SalesEvent.LargeDealAlert.class,
          t -> t.sales.changeAmount(t.opportunityOfB.id(), Money.of("90000", "EUR"))),
      new Row(InteractionEvent.InteractionLogged.class, t -> t.crm.logInteraction(
          InteractionRequest.of(t.b.id(), Channel.PHONE, InteractionType.INQUIRY,
              Direction.INBOUND))),
      new Row(ServiceEvent.CaseOpened.class, t -> t.desk.open(CaseRequest.of(t.b.id(),
          CaseType.INQUIRY, Priority.NORMAL, Channel.PHONE).owner("agent").subject("hello"))),
      new Row(ServiceEvent.CaseStatusChanged.class, t -> t.desk.start(t.caseOfB.id())),
      new Row(ServiceEvent.CaseUpdated.class, t -> t.desk.reassign(t.caseOfB.id(), "bob")),
      new Row(ServiceEvent.CaseEscalated.class, t -> {
        t.clock.advance(Duration.ofDays(10));
        assertThat(t.desk.escalate()).extracting(ServiceCase::id).contains(t.caseOfB.id());
      }),
      new Row(SurveyEvent.SurveyAnswered.class, t -> t.surveys.record(
          SurveyRequest.of(t.b.id()).nps(9).aboutCase(t.caseOfB.id()))),
      new Row(SurveyEvent.FollowUpScheduled.class, t -> t.surveys.scheduleFollowUp(t.b.id(),
          t.clock.instant().plus(Duration.ofDays(1)), "call back")),
      new Row(LostCustomerEvent.CustomerLeft.class,
          t -> t.lost.recordDeparture(t.b.id(), "price", "too expensive")),
      new Row(LostCustomerEvent.WinBackAttempted.class, t -> t.lost.recordWinBack(t.b.id(), "call",
          WinBackAttempt.Outcome.PENDING, "")),
      new Row(PrivacyEvent.CustomerErased.class, t -> t.privacy.erase(t.b.id())));

  private static Deal deal(String amount) {
    return Deal.of("fleet", "rep-1", Money.of(amount, "EUR"), LocalDate.of(2026, 6, 30));
  }

  @org.junit.jupiter.api.Test
  void everyEventTypeHasARow() {
    Set<Class<?>> covered = ROWS.stream().map(Row::type).collect(Collectors.toSet());
    // every record of every event family (DomainEvent itself knows none of them)
    assertThat(covered).containsExactlyInAnyOrderElementsOf(Stream.of(CustomerEvent.class,
            IdentityEvent.class, PurchaseEvent.class, InteractionEvent.class, SalesEvent.class,
            ServiceEvent.class, SurveyEvent.class, LostCustomerEvent.class, PrivacyEvent.class)
        .flatMap(f -> Arrays.stream(f.getPermittedSubclasses())).toList());
  }

  @ParameterizedTest
  @EnumSource(SalesFixtures.Store.class)
  void everyEventAfterAMergeNamesTheSurvivor(SalesFixtures.Store store) {
    for (Row row : ROWS) {
      setUp(store);
      List<DomainEvent> seen = new ArrayList<>();
      crm.events().subscribe(DomainEvent.class, seen::add);
      row.action().accept(this);
      assertThat(seen).as(row.type().getSimpleName()).anyMatch(row.type()::isInstance);
      for (DomainEvent e : seen) {
        CustomerId expected = e instanceof CustomerEvent.CustomerRegistered r
            ? r.customer().id() : a.id();
        assertThat(e.customerId()).as(row.type().getSimpleName() + ": " + e).isEqualTo(expected);
      }
      close();
    }
  }

  private void setUp(SalesFixtures.Store store) {
    clock.set(Instant.parse("2026-03-02T08:00:00Z"));
    opened = SalesFixtures.open(store, clock);
    crm = opened.crm();
    desk = ServiceFixtures.desk(crm, clock);
    surveys = Surveys.create(crm);
    lost = LostCustomers.create(crm, LapseRule.after(Duration.ofDays(365)),
        Set.of("price", "service"));
    sales = Sales.builder(crm)
        .alert(LargeDealRule.above(Money.of("50000", "EUR"), LargeDealRule.Trigger.AMOUNT))
        .build();
    marketing = Marketing.builder(crm).attribution(AttributionRule.campaignCode())
        .unitCosts(UnitCosts.of(Map.of("SKU-1", Money.of("1", "EUR")))).build();
    privacy = Privacy.builder(crm).clock(clock).secret(SECRET).serviceDesk(desk)
        .surveys(surveys).lostCustomers(lost).sales(sales).build();
    a = crm.register(Registration.organization("Acme GmbH").nationalId("HRB 1"));
    clock.advance(Duration.ofMinutes(1));
    b = crm.register(Registration.organization("ACME GmbH").nationalId("HRB 1")
        .contact(Contact.of("K-1", "Kai Contact", BuyingRole.DECISION_MAKER)));
    orderOfB = crm.recordPurchase(OrderRequest.of(b.id(), Channel.WEB, "EUR").line("SKU-1",
        "parts", 2, Money.of("10", "EUR"), Money.of("10", "EUR")));
    caseOfB = desk.open(CaseRequest.of(b.id(), CaseType.COMPLAINT, Priority.HIGH, Channel.PHONE)
        .owner("agent").subject("broken"));
    opportunityOfB = sales.open(b.id(), deal("1000"));
    marketing.launch(Campaign.of("spring", "Spring", Channel.EMAIL, TargetSegment.profile(),
        Money.of("100", "EUR")));
    assertThat(crm.merge(a.id(), b.id()).survivorId()).isEqualTo(a.id());
  }
}
