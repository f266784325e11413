package dev.crmkit.loyalty;

import static dev.crmkit.loyalty.Programs.program;
import static dev.crmkit.loyalty.Programs.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.time.SettableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarningRulesTest {

  static final String NEVER = "{\"policy\": \"never\"}";
  final SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"),
      ZoneOffset.UTC);
  final CustomerId ann = CustomerId.of("ann");

  Loyalty loyalty(String rules, String extra) {
    return Loyalty.of(program(0, NEVER, "within-balance", rules, extra), LedgerStore.inMemory(), clock);
  }

  @Test
  void spend_rule_multiplies_by_sku_then_category_skips_excluded_skus_and_rounds() {
    Loyalty l = loyalty("""
        [{"id": "base", "type": "spend", "points": "2", "perAmount": "3.00", "rounding": "half-up",
          "categoryMultipliers": {"coffee": "2"}, "skuMultipliers": {"BEANS": "3"},
          "excludedSkus": ["GIFT"]}]""", null);
    // eligible = 4.00*2 (coffee) + 1.00*3 (BEANS, sku beats category) + 2.50 (misc) = 13.50; GIFT 50.00 excluded
    // points = 13.50 * 2 / 3.00 = 9.0 -> 9
    Receipt r = l.purchase(purchase("ann", "O-1", "ESP", "coffee", "4.00", "BEANS", "coffee", "1.00",
        "MUG", "misc", "2.50", "GIFT", "misc", "50.00"), "k1");
    assertThat(r.points()).isEqualTo(9);
    // 1.00 * 2 / 3 = 0.667: half-up gives 1
    assertThat(l.purchase(purchase("ann", "O-2", "1.00"), "k2").points()).isEqualTo(1);
  }

  @Test
  void rounding_down_keeps_the_fraction_away_from_the_member() {
    Loyalty l = loyalty(Programs.ONE_PER_EURO, null);
    assertThat(l.purchase(purchase("ann", "O-1", "9.99"), "k1").points()).isEqualTo(9);
  }

  @Test
  void points_are_the_exact_quotient_rounded_once() {
    // 3.00 / (1 + 1e-37) = 2.99999...97 (37 nines): rounding down gives 2. Dividing to 34 digits
    // first (as an earlier version did) rounded it to 3.000... and then "down" to 3.
    Loyalty l = loyalty("""
        [{"id": "base", "type": "spend", "points": "1",
          "perAmount": "1.0000000000000000000000000000000000001", "rounding": "down"}]""", null);
    assertThat(l.purchase(purchase("ann", "O-1", "3.00"), "k1").points()).isEqualTo(2);
  }

  @Test
  void minimum_order_value_is_on_the_whole_order() {
    Loyalty l = loyalty("""
        [{"id": "base", "type": "spend", "points": "1", "perAmount": "1", "rounding": "down", "minOrderValue": "10.00"}]""", null);
    assertThat(l.purchase(purchase("ann", "O-1", "9.99"), "k1").points()).isZero();
    assertThat(l.purchase(purchase("ann", "O-2", "10.00"), "k2").points()).isEqualTo(10);
  }

  @Test
  void event_rules_award_fixed_points_and_first_purchase_fires_once() {
    Loyalty l = loyalty("""
        [{"id": "welcome", "type": "event", "event": "registration", "points": "100"},
         {"id": "survey", "type": "event", "event": "survey-answered", "points": "20"},
         {"id": "first", "type": "event", "event": "first-purchase", "points": "50"},
         {"id": "base", "type": "spend", "points": "1", "perAmount": "1", "rounding": "down"},
         {"id": "ref-a", "type": "event", "event": "referral-referrer", "points": "200"},
         {"id": "ref-b", "type": "event", "event": "referral-referred", "points": "75"}]""", null);
    assertThat(l.event(ann, MemberEvent.REGISTRATION, "signup", "reg-ann").points()).isEqualTo(100);
    assertThat(l.event(ann, MemberEvent.SURVEY_ANSWERED, "S-1", "survey-ann-1").points()).isEqualTo(20);
    assertThat(l.purchase(purchase("ann", "O-1", "10.00"), "k1").points()).isEqualTo(60);
    assertThat(l.purchase(purchase("ann", "O-2", "10.00"), "k2").points()).isEqualTo(10);
    List<Receipt> referral = l.referral(ann, CustomerId.of("bob"), "ref-1");
    assertThat(referral).extracting(Receipt::points).containsExactly(200L, 75L);
    assertThat(l.balance(CustomerId.of("bob")).active()).isEqualTo(75);
    assertThatThrownBy(() -> l.event(ann, MemberEvent.FIRST_PURCHASE, "x", "k9"))
        .hasMessageContaining("first-purchase");
  }

  @Test
  void a_usage_limit_counts_awards_per_member_per_period_in_the_program_zone() {
    Loyalty l = loyalty("""
        [{"id": "bday", "type": "event", "event": "birthday", "points": "300",
          "limit": {"count": 1, "per": "year"}},
         {"id": "monthly", "type": "spend", "points": "5", "perAmount": "1", "rounding": "down",
          "limit": {"count": 2, "per": "month"}}]""", null);
    assertThat(l.event(ann, MemberEvent.BIRTHDAY, "2026", "b1").points()).isEqualTo(300);
    assertThat(l.event(ann, MemberEvent.BIRTHDAY, "2026-again", "b2").points()).isZero();
    clock.set(Instant.parse("2026-03-31T21:30:00Z")); // 23:30 on 31 March in Berlin (CEST, +2)
    assertThat(l.purchase(purchase("ann", "O-1", "1"), "k1").points()).isEqualTo(5);
    assertThat(l.purchase(purchase("ann", "O-2", "1"), "k2").points()).isEqualTo(5);
    assertThat(l.purchase(purchase("ann", "O-3", "1"), "k3").points()).isZero();
    clock.set(Instant.parse("2026-03-31T22:30:00Z")); // 00:30 on 1 April in Berlin: a new month there, not yet in UTC
    assertThat(l.purchase(purchase("ann", "O-4", "1"), "k4").points()).isEqualTo(5);
    clock.set(Instant.parse("2027-01-01T09:00:00Z"));
    assertThat(l.event(ann, MemberEvent.BIRTHDAY, "2027", "b3").points()).isEqualTo(300);
  }

  @Test
  void a_rule_earns_only_inside_its_active_window_in_the_program_zone() {
    Loyalty l = loyalty("""
        [{"id": "march", "type": "spend", "points": "1", "perAmount": "1", "rounding": "down",
          "activeFrom": "2026-03-01", "activeUntil": "2026-03-31"}]""", null);
    clock.set(Instant.parse("2026-02-28T23:30:00Z")); // 00:30 on 1 March in Berlin
    assertThat(l.purchase(purchase("ann", "O-1", "10"), "k1").points()).isEqualTo(10);
    clock.set(Instant.parse("2026-03-31T22:30:00Z")); // 00:30 on 1 April in Berlin
    assertThat(l.purchase(purchase("ann", "O-2", "10"), "k2").points()).isZero();
  }

  @Test
  void stop_ends_the_evaluation_when_the_rule_awarded_points() {
    Loyalty l = loyalty("""
        [{"id": "promo", "type": "spend", "points": "3", "perAmount": "1", "rounding": "down",
          "minOrderValue": "50", "stop": true},
         {"id": "base", "type": "spend", "points": "1", "perAmount": "1", "rounding": "down"}]""", null);
    assertThat(l.purchase(purchase("ann", "O-1", "60"), "k1").entries())
        .filteredOn(e -> e.kind() == EntryKind.EARN).extracting(Entry::reason).containsExactly("promo");
    assertThat(l.purchase(purchase("ann", "O-2", "10"), "k2").entries())
        .filteredOn(e -> e.kind() == EntryKind.EARN).extracting(Entry::reason).containsExactly("base");
  }

  @Test
  void tier_multiplier_applies_to_spend_rules() {
    Loyalty l = loyalty(Programs.ONE_PER_EURO, """
        "tiers": {"basis": "points", "window": "calendar-year", "review": "yearly", "downgrade": "one-level",
          "levels": [{"id": "base", "threshold": "0", "multiplier": "1"},
                     {"id": "gold", "threshold": "100", "multiplier": "1.5"}]}""");
    assertThat(l.purchase(purchase("ann", "O-1", "100"), "k1").points()).isEqualTo(100);
    assertThat(l.tier(ann).orElseThrow().tier()).isEqualTo("gold");
    assertThat(l.purchase(purchase("ann", "O-2", "10"), "k2").points()).isEqualTo(15);
  }

  @Test
  void an_order_is_recorded_once_even_under_another_key() {
    Loyalty l = loyalty(Programs.ONE_PER_EURO, null);
    l.purchase(purchase("ann", "O-1", "10"), "k1");
    assertThatThrownBy(() -> l.purchase(purchase("ann", "O-1", "10"), "other-key"))
        .hasMessageContaining("order 'O-1'").hasMessageContaining("'k1'");
    assertThat(l.balance(ann).active()).isEqualTo(10);
  }

  @Test
  void a_purchase_in_another_currency_is_refused() {
    Loyalty l = loyalty(Programs.ONE_PER_EURO, null);
    assertThatThrownBy(() -> l.purchase(new Purchase(ann, "O-1", List.of(
        new Purchase.Line("A", "c", 1, dev.crmkit.core.base.Money.of("1", "USD")))), "k1"))
        .hasMessageContaining("1.00 USD").hasMessageContaining("EUR");
  }
}
