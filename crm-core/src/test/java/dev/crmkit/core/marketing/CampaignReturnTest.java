package dev.crmkit.core.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.ConsentRule;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.sales.Ratio;
import dev.crmkit.core.sales.SalesFixtures;
import dev.crmkit.core.time.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Campaign return and attribution on a worked example. Days count from T0 = 2026-01-05T09:00Z.
 *
 * <pre>
 * campaigns: spring (EMAIL, region Berlin, cost 1,000 EUR)
 *              spring-mail (LETTER, child of spring, score class abc/A, cost 100 EUR)
 *            fair (EVENT, industry automotive, cost 5,000 EUR)
 * unit costs: PHONE 400, CASE 5, VAN 30,000 EUR
 * d0  spring contacts anna (Berlin), ben (London), carla (Berlin)
 * d1  anna responds to spring (web)
 * d2  fair contacts acme (automotive)
 * d3  anna buys 1 PHONE at 649, code spring              (O-1)
 * d5  spring-mail contacts carla
 * d6  carla buys 2 CASE at 20 = 40, no code               (O-2)
 * d10 acme buys 2 VAN at 43,200 = 86,400, code fair       (O-3)
 * d12 acme returns 1 VAN: refund 43,200
 * d50 ben buys 1 PHONE at 649, code spring                (O-4; his touch is 50 days old)
 * </pre>
 */
class CampaignReturnTest {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final SettableClock clock = SettableClock.of(T0, ZoneOffset.UTC);
  private final SalesFixtures.Opened opened = SalesFixtures.open(store(), clock);
  private final Crm crm = opened.crm();

  /** The store this run uses; a subclass runs every test on another. */
  SalesFixtures.Store store() {
    return SalesFixtures.Store.MEMORY;
  }

  @AfterEach
  void closeStore() {
    opened.close();
  }
  private final UnitCosts costs = UnitCosts.of(Map.of("PHONE", eur("400"), "CASE", eur("5"),
      "VAN", eur("30000")));
  private final Map<CustomerId, String> abc = new java.util.HashMap<>();
  private Customer anna;
  private Customer ben;
  private Customer carla;
  private Customer acme;

  private static Money eur(String amount) {
    return Money.of(amount, "EUR");
  }

  /** A Marketing with this rule; the first one launches the campaigns and books their costs. */
  private Marketing marketing(AttributionRule rule) {
    // consents are not the subject here: every customer may be contacted until they withdraw
    Marketing m = Marketing.builder(crm).clock(clock).attribution(rule).unitCosts(costs)
        .consentRule(ConsentRule.optOut())
        .scoreClasses((strategy, id) -> "abc".equals(strategy)
            ? Optional.ofNullable(abc.get(id)) : Optional.empty())
        .build();
    if (m.campaign("spring").isPresent()) {
      // the campaigns live in the facade's store: every Marketing over it sees them
      return m;
    }
    m.launch(Campaign.of("spring", "Spring launch", Channel.EMAIL,
        TargetSegment.profile().region("berlin"), eur("10000")));
    m.launch(Campaign.of("spring-mail", "Spring mailing", Channel.LETTER,
        TargetSegment.scoreClass("abc", "A"), eur("2000")).withParent("spring"));
    m.launch(Campaign.of("fair", "Trade fair", Channel.EVENT,
        TargetSegment.profile().industry("Automotive"), eur("5000")));
    m.recordCost("spring", eur("600"));
    m.recordCost("spring", eur("400"));
    m.recordCost("spring-mail", eur("100"));
    m.recordCost("fair", eur("5000"));
    return m;
  }

  @BeforeEach
  void story() {
    anna = crm.register(Registration.individual("Anna Schmidt").region("Berlin")
        .occupation("engineer").birthDate(LocalDate.of(1985, 3, 14)));
    ben = crm.register(Registration.individual("Ben Okafor").region("London"));
    carla = crm.register(Registration.individual("Carla Rossi").region("Berlin")
        .birthDate(LocalDate.of(2000, 6, 1)));
    acme = crm.register(Registration.organization("Acme GmbH").industry("automotive"));
    abc.put(anna.id(), "A");
    abc.put(ben.id(), "B");
    Marketing m = marketing(AttributionRule.campaignCode());
    m.contact("spring", anna.id());
    m.contact("spring", ben.id());
    m.contact("spring", carla.id());
    clock.set(T0.plus(Duration.ofDays(1)));
    m.respond("spring", anna.id(), Channel.WEB, "asked for the offer");
    clock.set(T0.plus(Duration.ofDays(2)));
    m.contact("fair", acme.id());
    clock.set(T0.plus(Duration.ofDays(3)));
    buy(anna, "PHONE", 1, "649", "spring");
    clock.set(T0.plus(Duration.ofDays(5)));
    m.contact("spring-mail", carla.id());
    clock.set(T0.plus(Duration.ofDays(6)));
    buy(carla, "CASE", 2, "20", null);
    clock.set(T0.plus(Duration.ofDays(10)));
    Order vans = buy(acme, "VAN", 2, "43200", "fair");
    clock.set(T0.plus(Duration.ofDays(12)));
    crm.recordReturn(ReturnRequest.of(vans.id()).line(1, 1));
    clock.set(T0.plus(Duration.ofDays(50)));
    buy(ben, "PHONE", 1, "649", "spring");
  }

  private Order buy(Customer c, String sku, int qty, String price, String code) {
    OrderRequest r = OrderRequest.of(c.id(), Channel.WEB, "EUR")
        .line(sku, "things", qty, eur(price), eur(price));
    if (code != null) {
      r.campaign(code);
    }
    return crm.recordPurchase(r);
  }

  @Test
  void contacts_and_responses_are_interactions_of_the_customer() {
    Interaction first = crm.interactions(anna.id()).get(0);
    assertThat(first.type()).isEqualTo(InteractionType.CAMPAIGN_CONTACT);
    assertThat(first.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(first.channel()).isEqualTo(Channel.EMAIL);
    assertThat(first.campaignId()).contains("spring");
    assertThat(first.occurredAt()).isEqualTo(T0);
    Interaction response = crm.interactions(anna.id()).get(1);
    assertThat(response.direction()).isEqualTo(Direction.INBOUND);
    assertThat(response.channel()).isEqualTo(Channel.WEB);
  }

  @Test
  void by_campaign_code() {
    Marketing m = marketing(AttributionRule.campaignCode());
    assertThat(m.attributionOf("O-000002")).isEmpty(); // carla's case has no code

    CampaignReturn spring = m.campaignReturn("spring");
    // reached: anna, ben, carla (contacted); responded: anna; converted: anna (O-1), ben (O-4)
    assertThat(spring.reached()).isEqualTo(3);
    assertThat(spring.responded()).isEqualTo(1);
    assertThat(spring.converted()).isEqualTo(2);
    assertThat(spring.responseRate()).contains(Ratio.of(1, 3));
    assertThat(spring.conversionRate()).contains(Ratio.of(2, 3));
    assertThat(spring.orders()).isEqualTo(2);
    // revenue 649 + 649 = 1,298; goods 2 x 400 = 800; margin 498
    assertThat(spring.revenue()).isEqualTo(eur("1298"));
    assertThat(spring.margin()).isEqualTo(eur("498"));
    // cost 600 + 400 = 1,000; ROI (498 - 1,000) / 1,000 = -0.502
    assertThat(spring.cost()).isEqualTo(eur("1000"));
    assertThat(spring.roi()).contains(new BigDecimal("-0.502"));

    CampaignReturn fair = m.campaignReturn("fair");
    // revenue 86,400 - refund 43,200 = 43,200; goods 2 x 30,000 - 1 x 30,000 = 30,000
    assertThat(fair.revenue()).isEqualTo(eur("43200"));
    assertThat(fair.margin()).isEqualTo(eur("13200"));
    // ROI (13,200 - 5,000) / 5,000 = 1.64
    assertThat(fair.roi()).contains(new BigDecimal("1.64"));
    assertThat(fair.responseRate()).contains(Ratio.of(0, 1));
    assertThat(fair.conversionRate()).contains(Ratio.of(1, 1));

    CampaignReturn mail = m.campaignReturn("spring-mail");
    // carla contacted, nothing attributed by code; ROI (0 - 100) / 100 = -1
    assertThat(mail.reached()).isEqualTo(1);
    assertThat(mail.converted()).isZero();
    assertThat(mail.revenue()).isEqualTo(eur("0"));
    assertThat(mail.roi()).contains(new BigDecimal("-1"));
  }

  @Test
  void a_parent_campaign_adds_up_its_sub_campaigns() {
    Marketing m = marketing(AttributionRule.campaignCode());
    assertThat(m.subCampaigns("spring")).extracting(Campaign::id).containsExactly("spring-mail");
    CampaignReturn all = m.campaignReturnWithSubCampaigns("spring");
    assertThat(all.includesSubCampaigns()).isTrue();
    assertThat(all.reached()).isEqualTo(3); // anna, ben, carla, each once
    assertThat(all.revenue()).isEqualTo(eur("1298"));
    // cost 1,000 + 100; ROI (498 - 1,100) / 1,100 = -0.547272... to 16 digits
    assertThat(all.cost()).isEqualTo(eur("1100"));
    assertThat(all.roi()).contains(new BigDecimal("-0.5472727272727273"));
  }

  @Test
  void by_last_touch_within_30_days() {
    Marketing m = marketing(AttributionRule.lastTouch(30));
    // anna: touches d0 spring, d1 spring -> spring; carla: d0 spring, d5 spring-mail ->
    // spring-mail; acme: d2 fair -> fair; ben's d50 order: his d0 touch is 50 days old -> none
    assertThat(m.attributionOf("O-000001")).contains("spring");
    assertThat(m.attributionOf("O-000002")).contains("spring-mail");
    assertThat(m.attributionOf("O-000003")).contains("fair");
    assertThat(m.attributionOf("O-000004")).isEmpty();
    CampaignReturn spring = m.campaignReturn("spring");
    assertThat(spring.converted()).isEqualTo(1);
    assertThat(spring.revenue()).isEqualTo(eur("649"));
    assertThat(spring.margin()).isEqualTo(eur("249"));
    CampaignReturn mail = m.campaignReturn("spring-mail");
    // 40 - 2 x 5 = 30 margin; ROI (30 - 100) / 100 = -0.7
    assertThat(mail.revenue()).isEqualTo(eur("40"));
    assertThat(mail.margin()).isEqualTo(eur("30"));
    assertThat(mail.roi()).contains(new BigDecimal("-0.7"));
    assertThat(mail.conversionRate()).contains(Ratio.of(1, 1));
  }

  @Test
  void by_first_touch_within_30_days() {
    Marketing m = marketing(AttributionRule.firstTouch(30));
    // carla's first touch in the 30 days before d6 is spring (d0)
    assertThat(m.attributionOf("O-000002")).contains("spring");
    CampaignReturn spring = m.campaignReturn("spring");
    assertThat(spring.revenue()).isEqualTo(eur("689")); // 649 + 40
    assertThat(spring.margin()).isEqualTo(eur("279")); // 249 + 30
    assertThat(m.campaignReturn("spring-mail").orders()).isZero();
  }

  @Test
  void the_window_counts_back_from_the_order_and_includes_its_bounds() {
    // carla's d0 touch is exactly 6 days before her d6 order: inside a 6-day window, outside 5
    assertThat(marketing(AttributionRule.firstTouch(6)).attributionOf("O-000002"))
        .contains("spring");
    assertThat(marketing(AttributionRule.firstTouch(5)).attributionOf("O-000002"))
        .contains("spring-mail");
    assertThatThrownBy(() -> AttributionRule.lastTouch(0)).hasMessageStartingWith("days: '0'");
  }

  @Test
  void per_segment() {
    Marketing m = marketing(AttributionRule.campaignCode());
    assertThat(m.segmentReturns("spring", Dimension.REGION)).containsExactly(
        new SegmentReturn("Berlin", 2, 1, 1, eur("649"), eur("249")), // anna, carla
        new SegmentReturn("London", 1, 1, 1, eur("649"), eur("249"))); // ben
  }

  @Test
  void targets_follow_the_segment() {
    Marketing m = marketing(AttributionRule.campaignCode());
    assertThat(m.targets("spring")).extracting(Customer::id)
        .containsExactly(anna.id(), carla.id());
    assertThat(m.targets("spring-mail")).extracting(Customer::id).containsExactly(anna.id());
    assertThat(m.targets("fair")).extracting(Customer::id).containsExactly(acme.id());
    Marketing noClasses = Marketing.builder(crm).clock(clock)
        .attribution(AttributionRule.campaignCode()).unitCosts(costs).build();
    noClasses.launch(Campaign.of("a-only", "A only", Channel.EMAIL,
        TargetSegment.scoreClass("abc", "A"), eur("1")));
    assertThatThrownBy(() -> noClasses.targets("a-only"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("class 'A' of strategy 'abc'");
    // d50 = 2026-02-24: anna is 40, carla 25
    assertThat(m.campaign("spring").isPresent()).isTrue();
    Campaign young = m.launch(Campaign.of("young", "Young", Channel.SOCIAL,
        TargetSegment.profile().ageBand(AgeBand.of(25, 34)), eur("1")));
    assertThat(m.targets(young.id())).extracting(Customer::id).containsExactly(carla.id());
  }

  @Test
  void target_groups_with_value_per_group() {
    Marketing m = marketing(AttributionRule.campaignCode());
    // Berlin: anna 649 + carla 40 = 689 over 2 customers; London: ben 649;
    // acme has no address: 86,400 - 43,200 = 43,200
    assertThat(m.targetGroups(Dimension.REGION, "EUR")).containsExactly(
        new TargetGroup("(unknown)", 1, 1, eur("43200"), eur("43200"), 0),
        new TargetGroup("Berlin", 2, 2, eur("689"), eur("344.50"), 0),
        new TargetGroup("London", 1, 1, eur("649"), eur("649"), 0));
    // on 2026-02-24 anna (1985-03-14) is 40, carla (2000-06-01) 25, ben's age is unknown
    assertThat(m.targetGroups(Dimension.AGE_BAND, "EUR")).extracting(TargetGroup::group)
        .containsExactly("(organization)", "(unknown)", "25-34", "35-44");
    assertThat(m.targetGroups(Dimension.INDUSTRY, "EUR")).containsExactly(
        new TargetGroup("(person)", 3, 3, eur("1338"), eur("446"), 0),
        new TargetGroup("automotive", 1, 1, eur("43200"), eur("43200"), 0));
    assertThat(m.targetGroups(Dimension.OCCUPATION, "USD")).contains(
        new TargetGroup("engineer", 1, 0, Money.of("0", "USD"), Money.of("0", "USD"), 1));
  }

  @Test
  void returns_groups_and_rules_round_trip_through_json() throws Exception {
    Marketing m = marketing(AttributionRule.lastTouch(30));
    ObjectMapper json = CrmJson.mapper();
    List<Object> values = new ArrayList<>();
    values.add(m.campaignReturn("spring"));
    values.addAll(m.segmentReturns("spring", Dimension.REGION));
    values.addAll(m.targetGroups(Dimension.AGE_BAND, "EUR"));
    values.add(AttributionRule.firstTouch(14));
    values.add(AttributionRule.campaignCode());
    values.add(AgeBand.of(25, 34));
    for (Object value : values) {
      String text = json.writeValueAsString(value);
      assertThat(json.readValue(text, value.getClass())).as(text).isEqualTo(value);
    }
  }

  @Test
  void bad_settings_and_missing_facts_are_named() {
    Marketing m = marketing(AttributionRule.campaignCode());
    assertThatThrownBy(() -> m.launch(Campaign.of("spring", "again", Channel.EMAIL,
        TargetSegment.profile(), eur("1")))).hasMessageStartingWith("campaign.id: 'spring'");
    assertThatThrownBy(() -> m.launch(Campaign.of("x", "x", Channel.EMAIL,
        TargetSegment.profile(), eur("1")).withParent("nope")))
        .hasMessageStartingWith("campaign.parentId: 'nope'");
    assertThatThrownBy(() -> m.recordCost("spring", Money.of("5", "USD")))
        .hasMessageContaining("in the campaign's currency EUR");
    assertThatThrownBy(() -> m.recordCost("spring", eur("0")))
        .hasMessageStartingWith("amount: '0.00 EUR'");
    assertThatThrownBy(() -> Marketing.builder(crm).clock(clock).unitCosts(costs).build())
        .hasMessageStartingWith("attribution: is required");
    // a sku without a unit cost makes the margin unknown: an error, not a silent zero
    buy(anna, "GADGET", 1, "10", "spring");
    assertThatThrownBy(() -> m.campaignReturn("spring"))
        .hasMessageStartingWith("sku: 'GADGET' is not valid")
        .hasMessageContaining("order O-000005 line 1 has none");
  }

  @Test
  void orders_in_another_currency_are_listed_not_summed() {
    Marketing m = marketing(AttributionRule.campaignCode());
    crm.recordPurchase(OrderRequest.of(ben.id(), Channel.WEB, "GBP")
        .line("PHONE", "things", 1, Money.of("560", "GBP"), Money.of("560", "GBP"))
        .campaign("spring"));
    CampaignReturn spring = m.campaignReturn("spring");
    assertThat(spring.orders()).isEqualTo(3);
    assertThat(spring.otherCurrencyOrders()).containsExactly("O-000005");
    assertThat(spring.revenue()).isEqualTo(eur("1298"));
  }

  @Test
  void a_withdrawn_consent_stops_campaign_contacts_on_that_channel() {
    Marketing m = marketing(AttributionRule.campaignCode());
    crm.recordConsent(ben.id(), Channel.EMAIL, false);
    assertThatThrownBy(() -> m.contact("spring", ben.id()))
        .hasMessageStartingWith("customerId: '" + ben.id() + "' is not valid")
        .hasMessageContaining("consent withdrawn");
    assertThat(m.contact("spring-mail", ben.id()).channel()).isEqualTo(Channel.LETTER);
  }
}
