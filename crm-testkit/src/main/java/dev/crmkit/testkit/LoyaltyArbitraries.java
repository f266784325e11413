package dev.crmkit.testkit;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.loyalty.Entry;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.MemberEvent;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.PurchaseReturn;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for crm-loyalty: valid programs (EUR, a spend rule, optionally an event
 * rule, tiers and rewards, every expiry and return policy), member events, and ledgers written
 * by a real {@link Loyalty} run over {@link AnalyticsArbitraries#loyaltyHistories} (purchases,
 * then returns of those purchases, one day apart).
 *
 * <pre>{@code
 * @Property
 * void ledger_sums_to_balance(@ForAll("runs") LoyaltyArbitraries.LedgerRun run) { ... }
 * @Provide
 * Arbitrary<LoyaltyArbitraries.LedgerRun> runs() { return LoyaltyArbitraries.ledgerRuns(); }
 * }</pre>
 */
public final class LoyaltyArbitraries {

  /** The member of {@link #ledgerRuns()}. */
  public static final CustomerId MEMBER = CustomerId.of("M-1");

  private static final Instant START = Instant.parse("2025-01-06T10:00:00Z");

  private LoyaltyArbitraries() {}

  /** Member events, each of the program's event kinds. */
  public static Arbitrary<MemberEvent> memberEvents() {
    return Arbitraries.of(MemberEvent.class);
  }

  /** Valid programs, read through {@link LoyaltyProgram#fromJson(String)} as a user would write them. */
  public static Arbitrary<LoyaltyProgram> programs() {
    return programJson().map(LoyaltyProgram::fromJson);
  }

  /** The JSON documents behind {@link #programs()}. */
  public static Arbitrary<String> programJson() {
    Arbitrary<String> expiry = Arbitraries.oneOf(
        Arbitraries.just("{\"policy\": \"never\"}"),
        Arbitraries.integers().between(1, 730).map(d -> "{\"policy\": \"after-days\", \"days\": " + d + "}"),
        Arbitraries.integers().between(0, 24).map(m -> "{\"policy\": \"end-of-month\", \"months\": " + m + "}"),
        Arbitraries.integers().between(0, 3).map(y -> "{\"policy\": \"end-of-year\", \"years\": " + y + "}"));
    Arbitrary<String> spendRule = Combinators.combine(Arbitraries.integers().between(1, 5),
            Arbitraries.of("1.00", "5.00", "10.00"), Arbitraries.of("down", "up", "half-up", "half-even"),
            Arbitraries.of(true, false))
        .as((points, per, rounding, service) -> "{\"id\": \"base\", \"type\": \"spend\", \"points\": \"" + points
            + "\", \"perAmount\": \"" + per + "\", \"rounding\": \"" + rounding + "\""
            + (service ? ", \"categoryMultipliers\": {\"service\": \"2\"}" : "") + "}");
    Arbitrary<String> eventRule = Combinators.combine(memberEvents(), Arbitraries.integers().between(10, 500))
        .as((event, points) -> "{\"id\": \"bonus\", \"type\": \"event\", \"event\": \"" + json(event)
            + "\", \"points\": \"" + points + "\"}")
        .injectNull(0.5);
    Arbitrary<String> tiers = Combinators.combine(Arbitraries.of("points", "spend"),
            Arbitraries.of("rolling", "calendar-year"), Arbitraries.of("monthly", "quarterly", "yearly"),
            Arbitraries.of("one-level", "to-qualified"),
            Arbitraries.integers().between(1, 5_000).set().ofMinSize(0).ofMaxSize(2))
        .as((basis, window, review, downgrade, thresholds) -> {
          StringBuilder levels = new StringBuilder("{\"id\": \"t0\", \"threshold\": \"0\", \"multiplier\": \"1\"}");
          int i = 1;
          for (int t : thresholds.stream().sorted().toList()) {
            levels.append(", {\"id\": \"t").append(i).append("\", \"threshold\": \"").append(t)
                .append("\", \"multiplier\": \"1.").append(i * 25).append("\"}");
            i++;
          }
          return "{\"basis\": \"" + basis + "\", \"window\": \"" + window + "\""
              + (window.equals("rolling") ? ", \"windowDays\": 365" : "") + ", \"review\": \"" + review
              + "\", \"downgrade\": \"" + downgrade + "\", \"levels\": [" + levels + "]}";
        })
        .injectNull(0.3);
    Arbitrary<List<Integer>> rewards = Arbitraries.integers().between(1, 10_000).list().ofMaxSize(2);
    return Combinators.combine(Arbitraries.integers().between(0, 30), expiry,
            Arbitraries.of("pending-only", "within-balance", "unlimited"), spendRule, eventRule, tiers, rewards,
            Arbitraries.of(true, false))
        .as((pendingWanted, exp, returns, spend, event, tier, rewardPoints, pointValue) -> {
          int pending = shorterThanExpiry(pendingWanted, exp);
          StringBuilder r = new StringBuilder();
          for (int i = 0; i < rewardPoints.size(); i++) {
            r.append(i == 0 ? "" : ", ").append("{\"id\": \"r").append(i + 1).append("\", \"points\": ")
                .append(rewardPoints.get(i)).append("}");
          }
          return "{\"id\": \"club\", \"currency\": \"EUR\", \"zone\": \"UTC\", \"pendingDays\": " + pending
              + ", \"expiry\": " + exp + ", \"returnPolicy\": \"" + returns + "\", \"rules\": [" + spend
              + (event == null ? "" : ", " + event) + "]" + (tier == null ? "" : ", \"tiers\": " + tier)
              + ", \"rewards\": [" + r + "]" + (pointValue ? ", \"pointValue\": \"0.01\"" : "") + "}";
        });
  }

  /**
   * A pending period the program accepts: shorter than the shortest expiry window (after-days d:
   * d + 1 days; end-of-month/-year 0: 1 day, as a lot earned on the last day expires the next;
   * end-of-month 1 or more: 29 days at the least).
   */
  private static int shorterThanExpiry(int pending, String expiry) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(days|months|years)\": (\\d+)").matcher(expiry);
    if (!m.find()) {
      return pending;
    }
    int n = Integer.parseInt(m.group(2));
    return switch (m.group(1)) {
      case "days" -> Math.min(pending, n);
      case "months" -> n == 0 ? 0 : Math.min(pending, 28);
      default -> n == 0 ? 0 : pending;
    };
  }

  private static String json(MemberEvent event) {
    return event.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A program, the history run through it, and the member's ledger afterwards. */
  public record LedgerRun(LoyaltyProgram program, List<Purchase> purchases, List<PurchaseReturn> returns,
      List<Entry> ledger, Loyalty loyalty) {
    public LedgerRun {
      purchases = List.copyOf(purchases);
      returns = List.copyOf(returns);
      ledger = List.copyOf(ledger);
    }
  }

  /**
   * Ledgers of {@link #MEMBER} from a real in-memory run: {@link #programs()} with the return
   * policy "unlimited" (so that every return of {@link AnalyticsArbitraries#loyaltyHistories}
   * is booked, whatever was spent in between), purchases a day apart, then the returns.
   */
  public static Arbitrary<LedgerRun> ledgerRuns() {
    return Combinators.combine(programs(), AnalyticsArbitraries.loyaltyHistories(MEMBER)).as((p, history) -> {
      LoyaltyProgram program = new LoyaltyProgram(p.id(), p.currency(), p.zone(), p.pendingDays(), p.expiry(),
          LoyaltyProgram.ReturnPolicy.UNLIMITED, p.rules(), p.tiers(), p.rewards(), p.vouchers(), p.pointValue(), p.holdMinutes(), p.campaigns());
      SettableClock clock = SettableClock.of(START, ZoneOffset.UTC);
      Loyalty loyalty = Loyalty.of(program, LedgerStore.inMemory(), clock);
      for (Purchase purchase : history.purchases()) {
        loyalty.purchase(purchase, "buy-" + purchase.orderId());
        clock.advance(Duration.ofDays(1));
      }
      for (PurchaseReturn ret : history.returns()) {
        loyalty.returnPurchase(ret, "return-" + ret.returnId());
        clock.advance(Duration.ofDays(1));
      }
      return new LedgerRun(program, history.purchases(), history.returns(), loyalty.ledger(MEMBER), loyalty);
    });
  }
}
