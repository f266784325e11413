package dev.crmkit.loyalty;

import static dev.crmkit.loyalty.Programs.program;
import static dev.crmkit.loyalty.Programs.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The promises of issue 18: a key means one request, a refund means the points are gone, a replay is repeatable. */
class LoyaltyPromisesTest {

  final SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
  final CustomerId ann = CustomerId.of("ann");
  static final String NEVER = "{\"policy\": \"never\"}";

  Loyalty loyalty(String expiry, String returnPolicy) {
    return Loyalty.of(program(0, expiry, returnPolicy, Programs.ONE_PER_EURO, null), LedgerStore.inMemory(), clock);
  }

  @Nested
  class AKeyMeansOneRequest {
    @Test
    void fields_that_join_to_the_same_text_are_different_requests() {
      Loyalty l = loyalty(NEVER, "within-balance");
      l.purchase(purchase("f", "O-1", "100"), "k0");
      l.purchase(purchase("f|10", "O-2", "100"), "k00");
      l.redeem(CustomerId.of("f"), 10, "5|y", "k1");
      assertThatThrownBy(() -> l.redeem(CustomerId.of("f|10"), 5, "y", "k1"))
          .isInstanceOf(IdempotencyConflictException.class);
      l.purchase(purchase("ann", "O-3", "A,b", "c", "10"), "k2");
      assertThatThrownBy(() -> l.purchase(purchase("ann", "O-3", "A", "b,c", "10"), "k2"))
          .isInstanceOf(IdempotencyConflictException.class);
    }
  }

  @Nested
  class ARefundMeansThePointsAreGone {
    void holdReturnRollback(Loyalty l) {
      l.purchase(purchase("ann", "O-1", "100"), "buy");
      l.reserve(ann, 100, null, "cart", "res");
      l.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("100", "EUR")), "ret");
      l.rollback(ann, "res", "undo");
    }

    @Test
    void within_balance_takes_the_held_points_back_when_the_hold_is_released() {
      Loyalty l = loyalty(NEVER, "within-balance");
      holdReturnRollback(l);
      Balance b = l.balance(ann);
      assertThat(b.active()).isZero();
      assertThat(b.total()).isZero();
      assertThatThrownBy(() -> l.redeem(ann, 1, "x", "pay")).isInstanceOf(InsufficientPointsException.class);
    }

    @Test
    void unlimited_pays_the_debt_back_from_the_released_points() {
      Loyalty l = loyalty(NEVER, "unlimited");
      holdReturnRollback(l);
      Balance b = l.balance(ann);
      assertThat(b.active()).isZero();
      assertThat(b.debt()).isZero();
      assertThat(b.total()).isZero();
    }

    @Test
    void a_return_made_before_the_hold_is_not_charged_to_the_released_points() {
      Loyalty l = loyalty(NEVER, "within-balance");
      l.purchase(purchase("ann", "O-1", "100"), "buy-1");
      l.redeem(ann, 100, "gift", "pay");
      l.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("100", "EUR")), "ret"); // nothing left to take
      l.purchase(purchase("ann", "O-2", "50"), "buy-2");
      l.reserve(ann, 50, null, "cart", "res");
      l.rollback(ann, "res", "undo");
      assertThat(l.balance(ann).active()).isEqualTo(50);
    }

    @Test
    void returning_an_order_whose_points_expired_unspent_charges_nothing_again() {
      for (String policy : List.of("within-balance", "unlimited")) {
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        Loyalty l = loyalty("{\"policy\": \"after-days\", \"days\": 10}", policy);
        l.purchase(purchase("ann", "O-1", "100"), "buy-1");
        clock.set(Instant.parse("2026-03-20T10:00:00Z")); // O-1's 100 points expired unspent
        l.purchase(purchase("ann", "O-2", "40"), "buy-2");
        Receipt r = l.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("100", "EUR")), "ret");
        assertThat(r.points()).as(policy).isZero();
        assertThat(l.balance(ann).active()).as(policy).isEqualTo(40);
        assertThat(l.balance(ann).debt()).as(policy).isZero();
      }
    }

    @Test
    void the_liability_is_what_members_hold_and_debts_are_reported_apart() {
      Loyalty l = loyalty(NEVER, "unlimited");
      l.purchase(purchase("ann", "O-1", "100"), "buy-1");
      l.redeem(ann, 80, "gift", "pay");
      l.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("100", "EUR")), "ret"); // ann owes 80
      l.purchase(purchase("bob", "O-2", "30"), "buy-2");
      Liability owed = l.liability();
      assertThat(owed.points()).isEqualTo(30);
      assertThat(owed.debt()).isEqualTo(80);
    }
  }

  @Nested
  class BadInputIsNamed {
    @Test
    void an_id_longer_than_its_column_is_refused_before_any_sql_with_the_field_and_a_cut_value() {
      Loyalty l = loyalty(NEVER, "within-balance");
      l.purchase(purchase("ann", "O-1", "100"), "buy");
      String longId = "R".repeat(195);
      assertThatThrownBy(() -> l.returnPurchase(new PurchaseReturn(ann, longId, "O-1", Money.of("1", "EUR")), "ret"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("returnId: 'RRRR")
          .hasMessageContaining("(195 characters) must be 1 to 193 characters")
          .hasMessageNotContaining("R".repeat(100));
      assertThatThrownBy(() -> l.referral(ann, CustomerId.of("bob"), "K".repeat(192)))
          .hasMessageStartingWith("key: 'KKK").hasMessageContaining("must be 1 to 191 characters");
    }

    @Test
    void points_beyond_a_long_are_a_clear_error() {
      Loyalty l = loyalty(NEVER, "within-balance");
      assertThatThrownBy(() -> l.purchase(purchase("ann", "O-1", "99999999999999999999"), "buy"))
          .isInstanceOf(LoyaltyException.class)
          .hasMessageContaining("order 'O-1' would earn 99999999999999999999 points under rule 'base'");
    }
  }

  @Nested
  class Tiers {
    @Test
    void a_calendar_year_review_on_1_january_looks_at_the_year_just_ended() {
      Loyalty l = Loyalty.of(program(0, NEVER, "within-balance", Programs.ONE_PER_EURO, """
          "tiers": {"basis": "points", "window": "calendar-year", "review": "yearly", "downgrade": "to-qualified",
            "levels": [{"id": "green", "threshold": "0", "multiplier": "1"},
                       {"id": "gold", "threshold": "1000", "multiplier": "1"}]}"""), LedgerStore.inMemory(), clock);
      clock.set(Instant.parse("2026-12-20T10:00:00Z"));
      l.purchase(purchase("ann", "O-1", "5000"), "buy");
      assertThat(l.tier(ann).orElseThrow().tier()).isEqualTo("gold");
      clock.set(Instant.parse("2026-12-31T23:00:00Z")); // 1 January 2027, 00:00 in Berlin
      assertThat(l.tier(ann).orElseThrow().tier()).isEqualTo("gold");
      clock.set(Instant.parse("2027-12-31T23:00:00Z")); // 1 January 2028: nothing earned in 2027
      assertThat(l.tier(ann).orElseThrow().tier()).isEqualTo("green");
    }
  }

  @Nested
  class TheReaderRefusesWhatItCannotReadWhole {
    LoyaltyReplay replay() {
      return LoyaltyReplay.of(program(0, NEVER, "within-balance", Programs.ONE_PER_EURO, null), LedgerStore.inMemory());
    }

    String line(String key, String type, String fields) {
      return "{\"time\": \"2026-03-02T10:00:00Z\", \"member\": \"ann\", \"key\": \"" + key + "\", \"type\": \"" + type + "\", " + fields + "}";
    }

    @Test
    void a_second_object_on_one_line_or_a_duplicate_field_is_an_error_with_the_line() {
      String buy = line("k1", "adjust", "\"points\": 10, \"reason\": \"x\"");
      assertThatThrownBy(() -> replay().run(new BufferedReader(new StringReader(buy + "\n" + buy + " " + line("k2", "adjust", "\"points\": 5, \"reason\": \"y\"")))))
          .hasMessageStartingWith("events line 2:");
      assertThatThrownBy(() -> replay().run(new BufferedReader(new StringReader(line("k1", "adjust", "\"points\": 10, \"points\": 20, \"reason\": \"x\"")))))
          .hasMessageStartingWith("events line 1:").hasMessageContaining("points");
    }

    @Test
    void points_beyond_a_long_name_the_line() {
      assertThatThrownBy(() -> replay().run(new BufferedReader(new StringReader(
          line("k1", "adjust", "\"points\": 9223372036854775808, \"reason\": \"x\"")))))
          .hasMessageStartingWith("events line 1: points: 9223372036854775808 is out of range");
      assertThatThrownBy(() -> replay().run(new BufferedReader(new StringReader(line("k1", "purchase",
          "\"order\": \"O-1\", \"lines\": [{\"sku\": \"S\", \"category\": \"c\", \"quantity\": 1, \"paid\": \"99999999999999999999\"}]")))))
          .hasMessageStartingWith("events line 1: order 'O-1' would earn");
    }

    @Test
    void a_program_with_trailing_content_a_duplicate_field_a_number_as_a_string_or_a_pending_period_past_expiry_is_refused() {
      String good = ProgramJsonTest.program(Programs.ONE_PER_EURO, "{\"policy\": \"after-days\", \"days\": 30}");
      LoyaltyProgram.fromJson(good);
      assertThatThrownBy(() -> LoyaltyProgram.fromJson(good + " {\"id\": \"q\"}")).hasMessageContaining("program:");
      assertThatThrownBy(() -> LoyaltyProgram.fromJson(good.replace("\"id\": \"p\",", "\"id\": \"p\", \"id\": \"q\",")))
          .hasMessageContaining("id");
      assertThatThrownBy(() -> LoyaltyProgram.fromJson(good.replace("\"pendingDays\": 0", "\"pendingDays\": \"0\"")))
          .hasMessageContaining("pendingDays");
      assertThatThrownBy(() -> LoyaltyProgram.fromJson(good.replace("\"pendingDays\": 0", "\"pendingDays\": 31")))
          .hasMessageContaining("pendingDays: 31 is not shorter than the expiry window (31 days at the shortest");
      assertThatThrownBy(() -> LoyaltyProgram.fromJson(ProgramJsonTest.program(Programs.ONE_PER_EURO,
          "{\"policy\": \"end-of-month\", \"months\": 0}").replace("\"pendingDays\": 0", "\"pendingDays\": 1")))
          .hasMessageContaining("pendingDays: 1 is not shorter than the expiry window (1 days");
    }
  }
}
