package dev.crmkit.loyalty;

import static dev.crmkit.loyalty.Programs.program;
import static dev.crmkit.loyalty.Programs.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Pending, expiry, lot order, returns, tiers, rewards and vouchers, on the in-memory store. */
class LedgerBehaviourTest {

  final SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"),

      ZoneOffset.UTC);
  final CustomerId ann = CustomerId.of("ann");
  final CustomerId bob = CustomerId.of("bob");

  Loyalty loyalty(int pendingDays, String expiry, String returnPolicy, String extra) {
    return Loyalty.of(program(pendingDays, expiry, returnPolicy, Programs.ONE_PER_EURO, extra), LedgerStore.inMemory(), clock);
  }

  PurchaseReturn ret(String id, String order, String amount) {
    return new PurchaseReturn(ann, id, order, Money.of(amount, "EUR"));
  }

  @Nested
  class PendingAndExpiry {
    @Test
    void points_are_pending_until_the_local_day_n_days_later_across_a_dst_change() {
      Loyalty l = loyalty(14, "{\"policy\": \"never\"}", "within-balance", null);
      clock.set(Instant.parse("2026-03-20T23:30:00Z")); // 21 March 00:30 in Berlin (CET)
      l.purchase(purchase("ann", "O-1", "50"), "k1");
      assertThat(l.balance(ann).pending()).isEqualTo(50);
      assertThatThrownBy(() -> l.redeem(ann, 1, "x", "r1")).isInstanceOf(InsufficientPointsException.class);
      clock.set(Instant.parse("2026-04-03T21:59:59Z")); // 4 April 23:59:59 minus a day: still 3 April in Berlin (CEST)
      assertThat(l.balance(ann).active()).isZero();
      clock.set(Instant.parse("2026-04-03T22:00:00Z")); // 4 April 00:00 in Berlin
      assertThat(l.balance(ann).active()).isEqualTo(50);
      assertThat(l.balance(ann).pending()).isZero();
    }

    @Test
    void after_days_expiry_ends_at_local_midnight_across_the_spring_dst_change() {
      Loyalty l = loyalty(0, "{\"policy\": \"after-days\", \"days\": 1}", "within-balance", null);
      clock.set(Instant.parse("2026-03-28T22:30:00Z")); // 28 March 23:30 CET: earned on the 28th, usable through the 29th
      l.purchase(purchase("ann", "O-1", "10"), "k1");
      clock.set(Instant.parse("2026-03-29T21:59:59Z")); // 29 March 23:59:59 CEST
      assertThat(l.balance(ann).active()).isEqualTo(10);
      assertThat(l.expireDue()).isZero();
      clock.set(Instant.parse("2026-03-29T22:00:00Z")); // 30 March 00:00 CEST: not at 23:00 (UTC+1) or 00:00 UTC
      assertThat(l.balance(ann).active()).isZero();
      assertThat(l.balance(ann).dueToExpire()).isEqualTo(10);
      assertThat(l.expireDue()).isEqualTo(10);
      assertThat(l.ledger(ann).get(l.ledger(ann).size() - 1).at()).isEqualTo("2026-03-29T22:00:00Z");
    }

    @Test
    void end_of_month_expiry_uses_the_month_in_the_program_zone() {
      Loyalty l = loyalty(0, "{\"policy\": \"end-of-month\", \"months\": 0}", "within-balance", null);
      clock.set(Instant.parse("2026-01-31T23:30:00Z")); // already 1 February in Berlin: a February lot
      l.purchase(purchase("ann", "O-1", "10"), "k1");
      clock.set(Instant.parse("2026-02-28T22:59:59Z")); // 28 February 23:59:59 in Berlin
      assertThat(l.balance(ann).active()).isEqualTo(10);
      clock.set(Instant.parse("2026-02-28T23:00:00Z")); // 1 March 00:00 in Berlin
      assertThat(l.balance(ann).active()).isZero();
      assertThat(l.expireDue()).isEqualTo(10);
      assertThat(l.expireDue()).isZero();
    }

    @Test
    void end_of_year_expiry_and_spending_draws_the_lot_that_expires_soonest_first() {
      Loyalty l = loyalty(0, "{\"policy\": \"end-of-year\", \"years\": 1}", "within-balance", null);
      clock.set(Instant.parse("2026-06-01T10:00:00Z"));
      l.purchase(purchase("ann", "O-1", "10"), "k1"); // expires 2028-01-01 Berlin
      clock.set(Instant.parse("2027-06-01T10:00:00Z"));
      l.purchase(purchase("ann", "O-2", "10"), "k2"); // expires 2029-01-01 Berlin
      Receipt r = l.redeem(ann, 12, "R", "r1");
      assertThat(r.entries()).extracting(Entry::lot, Entry::points).containsExactly(
          org.assertj.core.groups.Tuple.tuple(2L, -10L), org.assertj.core.groups.Tuple.tuple(4L, -2L));
      assertThat(l.ledger(ann).get(1).expiresAt()).isEqualTo("2027-12-31T23:00:00Z");
      clock.set(Instant.parse("2027-12-31T23:00:00Z"));
      assertThat(l.balance(ann).active()).isEqualTo(8);
    }

    @Test
    void a_spend_first_writes_off_due_lots_so_it_never_draws_on_them() {
      Loyalty l = loyalty(0, "{\"policy\": \"after-days\", \"days\": 5}", "within-balance", null);
      l.purchase(purchase("ann", "O-1", "10"), "k1");
      clock.set(Instant.parse("2026-03-20T10:00:00Z"));
      l.purchase(purchase("ann", "O-2", "10"), "k2");
      assertThatThrownBy(() -> l.redeem(ann, 11, "R", "r1")).isInstanceOf(InsufficientPointsException.class);
      // entries: 1 PURCHASE, 2 EARN, 3 EXPIRE (written before the second purchase), 4 PURCHASE, 5 EARN
      assertThat(l.redeem(ann, 10, "R", "r2").entries()).extracting(Entry::lot).containsOnly(5L);
      assertThat(l.balance(ann).expired()).isEqualTo(10);
    }
  }

  @Nested
  class Returns {
    @Test
    void pending_only_takes_back_only_points_still_pending() {
      Loyalty l = loyalty(14, "{\"policy\": \"never\"}", "pending-only", null);
      l.purchase(purchase("ann", "O-1", "100"), "k1");
      assertThat(l.returnPurchase(ret("R-1", "O-1", "40"), "ret1").points()).isEqualTo(-40);
      clock.set(Instant.parse("2026-03-20T10:00:00Z")); // the rest is active now
      assertThat(l.returnPurchase(ret("R-2", "O-1", "20"), "ret2").points()).isZero();
      assertThat(l.balance(ann).active()).isEqualTo(60);
    }

    @Test
    void within_balance_never_goes_below_zero() {
      Loyalty l = loyalty(0, "{\"policy\": \"never\"}", "within-balance", null);
      l.purchase(purchase("ann", "O-1", "100"), "k1");
      l.redeem(ann, 80, "R", "r1");
      assertThat(l.returnPurchase(ret("R-1", "O-1", "100"), "ret1").points()).isEqualTo(-20);
      Balance b = l.balance(ann);
      assertThat(b.total()).isZero();
      assertThat(b.debt()).isZero();
    }

    @Test
    void within_balance_takes_the_orders_own_lots_first_then_others() {
      Loyalty l = loyalty(0, "{\"policy\": \"never\"}", "within-balance", null);
      l.purchase(purchase("ann", "O-1", "30"), "k1"); // lot 2
      l.purchase(purchase("ann", "O-2", "50"), "k2"); // lot 4
      l.redeem(ann, 40, "R", "r1"); // 30 from lot 2, 10 from lot 4
      Receipt r = l.returnPurchase(new PurchaseReturn(ann, "R-2", "O-2", Money.of("50", "EUR")), "ret");
      assertThat(r.entries()).filteredOn(e -> e.kind() == EntryKind.REVERSE).extracting(Entry::lot, Entry::points)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, -40L));
      assertThat(l.balance(ann).total()).isZero();
    }

    @Test
    void unlimited_goes_negative_and_later_earnings_pay_the_debt_back() {
      Loyalty l = loyalty(0, "{\"policy\": \"never\"}", "unlimited", null);
      l.purchase(purchase("ann", "O-1", "100"), "k1");
      l.redeem(ann, 80, "R", "r1");
      assertThat(l.returnPurchase(ret("R-1", "O-1", "100"), "ret1").points()).isEqualTo(-100);
      assertThat(l.balance(ann).debt()).isEqualTo(80);
      assertThat(l.balance(ann).total()).isEqualTo(-80);
      l.purchase(purchase("ann", "O-2", "50"), "k2");
      assertThat(l.balance(ann).debt()).isEqualTo(30);
      assertThat(l.balance(ann).active()).isZero();
      l.purchase(purchase("ann", "O-3", "50"), "k3");
      assertThat(l.balance(ann).debt()).isZero();
      assertThat(l.balance(ann).active()).isEqualTo(20);
      assertThat(l.balance(ann).total()).isEqualTo(20);
    }

    @Test
    void partial_returns_take_back_in_proportion_and_all_of_them_take_back_exactly_what_was_earned() {
      Loyalty l = Loyalty.of(program(0, "{\"policy\": \"never\"}", "unlimited", """
          [{"id": "base", "type": "spend", "points": "10", "perAmount": "3.00", "rounding": "down"}]""", null),
          LedgerStore.inMemory(), clock);
      assertThat(l.purchase(purchase("ann", "O-1", "9.00"), "k1").points()).isEqualTo(30);
      // cumulative: floor(30 * 1/9) = 3, floor(30 * 2/9) = 6, floor(30 * 9/9) = 30
      assertThat(l.returnPurchase(ret("R-1", "O-1", "1.00"), "ret1").points()).isEqualTo(-3);
      assertThat(l.returnPurchase(ret("R-2", "O-1", "1.00"), "ret2").points()).isEqualTo(-3);
      assertThat(l.returnPurchase(ret("R-3", "O-1", "7.00"), "ret3").points()).isEqualTo(-24);
      assertThat(l.balance(ann).total()).isZero();
      assertThatThrownBy(() -> l.returnPurchase(ret("R-4", "O-1", "0.01"), "ret4"))
          .isInstanceOf(OperationRefusedException.class).hasMessageContaining("more than its 9");
      assertThatThrownBy(() -> l.returnPurchase(ret("R-3", "O-1", "0.01"), "ret5"))
          .isInstanceOf(AlreadyRecordedException.class).hasMessageContaining("return 'R-3' was already recorded");
      assertThatThrownBy(() -> l.returnPurchase(ret("R-9", "O-404", "1"), "ret6"))
          .isInstanceOf(UnknownReferenceException.class).hasMessageContaining("order 'O-404'");
    }
  }

  @Nested
  class Tiers {
    static final String TIERS = """
        "tiers": {"basis": "spend", "window": "rolling", "windowDays": 365, "review": "monthly",
          "downgrade": "%s", "levels": [{"id": "base", "threshold": "0", "multiplier": "1"},
            {"id": "silver", "threshold": "500", "multiplier": "1"},
            {"id": "gold", "threshold": "1000", "multiplier": "2"}]},
        "rewards": [{"id": "lounge", "points": 100, "minTier": "gold"}, {"id": "mug", "points": 50}]""";

    Loyalty tiered(String downgrade) {
      return loyalty(0, "{\"policy\": \"never\"}", "within-balance", TIERS.formatted(downgrade));
    }

    String tier(Loyalty l) {
      return l.tier(ann).orElseThrow().tier();
    }

    @Test
    void upgrade_at_once_and_one_level_down_at_each_review() {
      Loyalty l = tiered("one-level");
      clock.set(Instant.parse("2026-01-10T10:00:00Z"));
      l.purchase(purchase("ann", "O-1", "600"), "k1");
      assertThat(tier(l)).isEqualTo("silver");
      l.purchase(purchase("ann", "O-2", "500"), "k2");
      assertThat(tier(l)).isEqualTo("gold");
      clock.set(Instant.parse("2027-01-31T22:59:59Z")); // the window is empty, but no review yet
      assertThat(l.tier(ann).orElseThrow().qualifying()).isZero();
      assertThat(tier(l)).isEqualTo("gold");
      clock.set(Instant.parse("2027-01-31T23:00:00Z")); // review on 1 February, Berlin
      assertThat(tier(l)).isEqualTo("silver");
      clock.set(Instant.parse("2027-02-28T23:00:00Z")); // review on 1 March
      assertThat(tier(l)).isEqualTo("base");
    }

    @Test
    void to_qualified_drops_to_the_level_the_window_supports() {
      Loyalty l = tiered("to-qualified");
      clock.set(Instant.parse("2026-01-10T10:00:00Z"));
      l.purchase(purchase("ann", "O-1", "1100"), "k1");
      assertThat(tier(l)).isEqualTo("gold");
      clock.set(Instant.parse("2027-01-31T23:00:00Z"));
      assertThat(tier(l)).isEqualTo("base");
    }

    @Test
    void a_return_lowers_the_basis_but_the_downgrade_waits_for_the_review() {
      Loyalty l = tiered("to-qualified");
      l.purchase(purchase("ann", "O-1", "1100"), "k1");
      l.returnPurchase(ret("R-1", "O-1", "700"), "ret1");
      assertThat(l.tier(ann).orElseThrow().qualifying()).isEqualByComparingTo("400");
      assertThat(tier(l)).isEqualTo("gold");
      clock.set(Instant.parse("2026-03-31T22:00:00Z")); // 1 April 00:00 CEST
      assertThat(tier(l)).isEqualTo("base");
    }

    @Test
    void a_manual_tier_is_left_alone_until_released() {
      Loyalty l = tiered("one-level");
      l.assignTier(ann, "gold", "vip");
      assertThat(l.tier(ann).orElseThrow()).extracting(TierStatus::tier, TierStatus::manual).containsExactly("gold", true);
      clock.set(Instant.parse("2026-09-02T10:00:00Z")); // six reviews later
      assertThat(tier(l)).isEqualTo("gold");
      l.assignTier(ann, null, "vip-end");
      assertThat(l.tier(ann).orElseThrow().manual()).isFalse();
      assertThat(tier(l)).isEqualTo("gold");
      clock.set(Instant.parse("2026-10-01T10:00:00Z"));
      assertThat(tier(l)).isEqualTo("silver");
      assertThatThrownBy(() -> l.assignTier(ann, "platinum", "x")).hasMessageContaining("'platinum'");
    }

    @Test
    void tier_rewards_need_the_tier_and_gold_earns_double() {
      Loyalty l = tiered("one-level");
      l.purchase(purchase("ann", "O-1", "300"), "k1");
      assertThatThrownBy(() -> l.redeemReward(ann, "lounge", "visit-1", "rw1"))
          .isInstanceOf(OperationRefusedException.class).hasMessageContaining("needs tier gold");
      assertThat(l.redeemReward(ann, "mug", "M-1", "rw2").points()).isEqualTo(-50);
      l.purchase(purchase("ann", "O-2", "700"), "k2"); // gold from here on
      assertThat(l.purchase(purchase("ann", "O-3", "10"), "k3").points()).isEqualTo(20);
      assertThat(l.redeemReward(ann, "lounge", "visit-1", "rw3").points()).isEqualTo(-100);
      assertThatThrownBy(() -> l.redeemReward(ann, "spa", "x", "rw4")).hasMessageContaining("'spa'");
    }
  }

  @Nested
  class Vouchers {
    static final String SERIES = """
        "vouchers": [{"id": "WELCOME", "usesPerCode": 1, "perMemberLimit": 2, "totalLimit": 3, "points": 10,
                      "validFrom": "2026-03-01", "validUntil": "2026-03-31"},
                     {"id": "SUMMER", "usesPerCode": 2}]""";

    Loyalty l = loyalty(0, "{\"policy\": \"never\"}", "within-balance", SERIES);

    @Test
    void a_single_use_code_is_used_once_and_a_rollback_returns_it_and_the_points() {
      l.importCodes("WELCOME", List.of("W-1"));
      l.purchase(purchase("ann", "O-1", "50"), "k1");
      l.purchase(purchase("bob", "O-2", "50"), "k2");
      assertThat(l.reserve(ann, 5, "W-1", "cart-1", "res-a").points()).isEqualTo(-15);
      assertThat(l.balance(ann).active()).isEqualTo(35);
      assertThatThrownBy(() -> l.reserve(bob, 0, "W-1", "cart-2", "res-b"))
          .hasMessageContaining("'W-1' has been used 1 of 1 times");
      assertThat(l.rollback(ann, "res-a", "undo-a").points()).isEqualTo(15);
      assertThat(l.balance(ann).active()).isEqualTo(50);
      assertThat(l.reserve(bob, 0, "W-1", "cart-2", "res-b").points()).isEqualTo(-10);
      l.confirm(bob, "res-b", "ok-b");
      assertThatThrownBy(() -> l.rollback(bob, "res-b", "undo-b")).isInstanceOf(OperationRefusedException.class).hasMessageContaining("already confirmed");
      assertThatThrownBy(() -> l.confirm(ann, "res-a", "ok-a")).hasMessageContaining("already released");
      assertThat(l.balance(bob).active()).isEqualTo(40);
    }

    @Test
    void per_member_and_total_limits() {
      List<String> codes = l.issueCodes("WELCOME", 5);
      l.purchase(purchase("ann", "O-1", "100"), "k1");
      l.purchase(purchase("bob", "O-2", "100"), "k2");
      l.reserve(ann, 0, codes.get(0), "c", "r1");
      l.reserve(ann, 0, codes.get(1), "c", "r2");
      assertThatThrownBy(() -> l.reserve(ann, 0, codes.get(2), "c", "r3"))
          .hasMessageContaining("member ann has used series 'WELCOME' 2 of 2 times");
      l.reserve(bob, 0, codes.get(2), "c", "r4");
      assertThatThrownBy(() -> l.reserve(bob, 0, codes.get(3), "c", "r5"))
          .isInstanceOf(OperationRefusedException.class).hasMessageContaining("total limit of 3");
    }

    @Test
    void a_code_is_valid_only_inside_its_window_in_the_program_zone() {
      l.importCodes("WELCOME", List.of("W-1"));
      l.purchase(purchase("ann", "O-1", "100"), "k1");
      clock.set(Instant.parse("2026-03-31T22:00:00Z")); // 1 April 00:00 in Berlin
      assertThatThrownBy(() -> l.reserve(ann, 0, "W-1", "c", "r1")).isInstanceOf(OperationRefusedException.class)
          .hasMessageContaining("not valid on 2026-04-01");
    }

    @Test
    void multi_use_codes_generated_codes_and_bad_codes() {
      List<String> codes = l.issueCodes("SUMMER", 50);
      assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-HJ-NP-Z2-9]{16}"));
      l.reserve(ann, 0, codes.get(0), "c", "r1");
      l.reserve(bob, 0, codes.get(0), "c", "r2");
      assertThatThrownBy(() -> l.reserve(CustomerId.of("cy"), 0, codes.get(0), "c", "r3"))
          .hasMessageContaining("used 2 of 2 times");
      assertThatThrownBy(() -> l.reserve(ann, 0, "NOPE", "c", "r4")).isInstanceOf(UnknownReferenceException.class)
          .hasMessageContaining("'NOPE' does not exist");
      assertThatThrownBy(() -> l.importCodes("WELCOME", List.of(codes.get(1))))
          .isInstanceOf(AlreadyRecordedException.class).hasMessageContaining("already belongs to series 'SUMMER'");
      assertThat(l.importCodes("SUMMER", List.of(codes.get(1), "EXTRA"))).isEqualTo(1);
    }

    @Test
    void a_points_only_reservation_rolls_back_to_the_same_lots() {
      l.purchase(purchase("ann", "O-1", "30"), "k1");
      Receipt held = l.reserve(ann, 20, null, "cart-1", "hold-1");
      Receipt back = l.rollback(ann, "hold-1", "undo-1");
      assertThat(back.entries()).extracting(Entry::lot).containsExactlyElementsOf(
          held.entries().stream().map(Entry::lot).toList());
      assertThat(l.balance(ann).active()).isEqualTo(30);
      assertThat(l.rollback(ann, "hold-1", "undo-1").replayed()).isTrue();
    }
  }
}
