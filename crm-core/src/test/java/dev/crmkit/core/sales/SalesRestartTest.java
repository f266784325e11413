package dev.crmkit.core.sales;

import static dev.crmkit.core.sales.SalesFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.ConsentRule;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.CampaignReturn;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.sales.LargeDealRule.Trigger;
import dev.crmkit.core.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host keeps its sales and marketing in the embedded database, stops, starts again: every
 * lead, opportunity (with its stage history), activity and campaign is there, the figures are
 * the same, and new ids continue after the old ones.
 */
class SalesRestartTest {

  @TempDir Path dir;

  private final SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
  private static final FunnelQuery JANUARY = FunnelQuery.of(Instant.parse("2026-01-01T00:00:00Z"),
      Instant.parse("2026-02-01T00:00:00Z"), "EUR");
  private static final UnitCosts COSTS = UnitCosts.of(Map.of(
      "PHONE", Money.of("400", "EUR"), "VAN", Money.of("30000", "EUR")));

  private Sales sales(Crm crm) {
    return Sales.builder(crm)
        .alert(LargeDealRule.above(Money.of("50000", "EUR"), Trigger.AMOUNT)).build();
  }

  private Marketing marketing(Crm crm) {
    return Marketing.builder(crm).attribution(AttributionRule.lastTouch(30)).unitCosts(COSTS)
        .consentRule(ConsentRule.optOut()).build();
  }

  /** Everything the two entry classes show, read through their public API. */
  private record View(List<Lead> leads, List<Opportunity> opportunities,
      List<Activity> activitiesOfAcme, List<Activity> activitiesOfBen, List<Activity> due,
      List<Activity> reminders, FunnelReport funnel, List<Campaign> campaigns,
      List<Campaign> subCampaigns, List<CampaignReturn> returns, CampaignReturn springFamily,
      Optional<String> attribution, List<Lead> leadsOfAcme, List<Opportunity> opportunitiesOfBen) {}

  private View view(Crm crm, CustomerId acme, CustomerId ben, String order) {
    Sales s = sales(crm);
    Marketing m = marketing(crm);
    return new View(s.leads(), s.opportunities(), s.activitiesOf(acme), s.activitiesOf(ben),
        s.due(), s.remindersDue(), s.funnel(JANUARY), m.campaigns(), m.subCampaigns("spring"),
        m.campaignReturns(), m.campaignReturnWithSubCampaigns("spring"), m.attributionOf(order),
        s.leadsOf(acme), s.opportunitiesOf(ben));
  }

  @Test
  void everything_is_there_after_a_restart_and_ids_continue() {
    CustomerId acme;
    CustomerId ben;
    String order;
    View before;
    try (Crm crm = Crm.embedded(dir, clock)) {
      Sales sales = sales(crm);
      Marketing marketing = marketing(crm);
      acme = crm.register(Registration.organization("Acme GmbH").nationalId("DE123456789")
          .contact(Contact.of("c-1", "Grace Hopper", BuyingRole.DECISION_MAKER)))
          .id();
      marketing.launch(Campaign.of("spring", "Spring launch", Channel.EMAIL,
          TargetSegment.profile().region("Berlin"), Money.of("10000", "EUR")));
      marketing.launch(Campaign.of("spring-mail", "Spring mailing", Channel.LETTER,
          TargetSegment.profile(), Money.of("2000", "EUR")).withParent("spring"));
      marketing.launch(Campaign.of("fair", "Trade fair", Channel.EVENT,
          TargetSegment.profile().industry("automotive"), Money.of("5000", "EUR")));
      marketing.recordCost("spring", Money.of("600", "EUR"));
      marketing.recordCost("spring-mail", Money.of("150", "EUR"));
      marketing.contact("spring", acme);

      // a person lead converted with a deal, a company lead converted into acme, one left new,
      // one disqualified
      clock.advance(Duration.ofHours(2));
      Lead benLead = sales.capture(LeadRequest.of("Ben Okafor", Channel.WEB)
          .email("ben@example.org").campaign("spring-mail").notes("wants a van"));
      Lead alan = sales.capture(LeadRequest.of("Alan Turing", Channel.EVENT)
          .company("Acme", BuyingRole.TECHNICAL_EVALUATOR).companyNationalId("DE 123 456 789")
          .email("alan@acme.example").campaign("fair"));
      sales.capture(LeadRequest.of("Carla Rossi", Channel.PHONE).phone("+39 06 1234567"));
      Lead dana = sales.capture(LeadRequest.of("Dana Novak", Channel.LETTER));
      sales.disqualify(dana.id(), "student");
      sales.qualify(benLead.id());
      sales.qualify(alan.id());
      clock.advance(Duration.ofDays(1));
      Conversion benC = sales.convert(benLead.id(), Deal.of("Van", "agent-3",
          Money.of("36000", "EUR"), LocalDate.of(2026, 3, 31)));
      ben = benC.customer().id();
      Conversion alanC = sales.convert(alan.id(), Deal.of("Fleet", "agent-7",
          Money.of("90000", "EUR"), LocalDate.of(2026, 6, 30)));
      assertThat(alanC.customer().id()).isEqualTo(acme);

      // opportunities through their stages
      String van = benC.opportunity().get().id();
      String fleet = alanC.opportunity().get().id();
      String phones = sales.open(acme, Deal.of("Phones", "agent-7", Money.of("8000", "EUR"),
          LocalDate.of(2026, 2, 28)).withContact("c-1")).id();
      clock.advance(Duration.ofDays(2));
      sales.moveTo(van, "needs-analysis");
      sales.moveTo(fleet, "proposal");
      clock.advance(Duration.ofDays(1));
      sales.moveTo(van, "proposal", "0.65");
      sales.lose(phones, "went with a competitor");
      clock.advance(Duration.ofDays(1));
      Order vanOrder = crm.recordPurchase(OrderRequest.of(ben, Channel.STORE, "EUR")
          .line("VAN", "vans", 1, Money.of("43200", "EUR"), Money.of("43200", "EUR")));
      order = vanOrder.id();
      sales.win(van, order);
      sales.reopen(phones, "qualification", "competitor could not deliver");
      sales.changeAmount(fleet, Money.of("95000", "EUR"));
      crm.recordPurchase(OrderRequest.of(acme, Channel.WEB, "EUR").campaign("spring")
          .line("PHONE", "phones", 2, Money.of("649", "EUR"), Money.of("649", "EUR")));

      // activities: one done, one due, one with a reminder
      Activity call = sales.schedule(ActivityRequest.of(ActivityType.CALL, "Discuss the quote",
          acme, "agent-7").contact("c-1").opportunity(fleet).due(clock.instant()
              .plus(Duration.ofDays(1))).remindAt(clock.instant().plus(Duration.ofHours(20))));
      sales.schedule(ActivityRequest.of(ActivityType.QUOTE, "Send the quote", acme, "agent-7")
          .due(clock.instant().plus(Duration.ofHours(5))));
      Activity meeting = sales.schedule(ActivityRequest.of(ActivityType.MEETING, "Hand-over",
          ben, "agent-3").opportunity(van));
      sales.complete(meeting.id());
      clock.advance(Duration.ofHours(21));
      before = view(crm, acme, ben, order);
      assertThat(before.reminders()).containsExactly(call);
      assertThat(before.due()).hasSize(1);
      assertThat(before.leads()).hasSize(4);
      assertThat(before.opportunities()).hasSize(3);
      assertThat(before.returns()).hasSize(3);
      assertThat(before.attribution()).contains("spring-mail");
      assertThat(crm.store().outbox().pending()).isZero();
    }

    try (Crm crm = Crm.embedded(dir, clock)) {
      View after = view(crm, acme, ben, order);
      assertThat(after).isEqualTo(before);
      Opportunity phones = after.opportunities().stream()
          .filter(o -> o.name().equals("Phones")).findFirst().orElseThrow();
      assertThat(phones.stageHistory()).extracting(StageChange::to)
          .containsExactly("qualification", "lost", "qualification");
      assertThat(phones.stageHistory().get(2).reason()).contains("competitor could not deliver");
      assertThat(after.funnel().winRate()).isPresent();
      assertThat(((Organization) crm.get(acme)).contacts()).extracting(Contact::id)
          .containsExactly("c-1", "c-2");

      // new ids continue after the stored ones
      Sales sales = sales(crm);
      Lead next = sales.capture(LeadRequest.of("Eve Adams", Channel.WEB));
      assertThat(before.leads()).allSatisfy(l -> assertThat(next.id()).isGreaterThan(l.id()));
      Opportunity nextOpp = sales.open(ben, Deal.of("Tyres", "agent-3", Money.of("900", "EUR"),
          LocalDate.of(2026, 4, 1)));
      assertThat(before.opportunities())
          .allSatisfy(o -> assertThat(nextOpp.id()).isGreaterThan(o.id()));
      Activity nextActivity = sales.schedule(ActivityRequest.of(ActivityType.TASK, "Follow up",
          ben, "agent-3"));
      assertThat(before.activitiesOfAcme()).allSatisfy(
          a -> assertThat(nextActivity.id()).isGreaterThan(a.id()));
      assertThat(before.activitiesOfBen()).allSatisfy(
          a -> assertThat(nextActivity.id()).isGreaterThan(a.id()));
      Marketing marketing = marketing(crm);
      marketing.launch(Campaign.of("summer", "Summer", Channel.SOCIAL, TargetSegment.profile(),
          Money.of("1", "EUR")));
      assertThat(marketing.campaigns()).extracting(Campaign::id)
          .containsExactly("spring", "spring-mail", "fair", "summer");
    }
  }
}
