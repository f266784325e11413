package dev.crmkit.examples.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.loyalty.Balance;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.MemberEvent;
import dev.crmkit.loyalty.Purchase;
import dev.crmkit.loyalty.Receipt;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Example 3: a loyalty program configured from JSON ({@code coffee-club.json} next to this class)
 * running on the embedded H2 store. A member registers (welcome points), buys coffee and beans
 * (beans earn double), redeems a free coffee; the ledger is on disk, so a second run against the
 * same file finds it and, because every write carries an idempotency key, writes nothing twice.
 * Run it with {@code java -cp examples/target/crm.jar dev.crmkit.examples.loyalty.CoffeeClub [DIR]}.
 *
 * <pre>{@code
 * CoffeeClub.Result r = CoffeeClub.run(Path.of("data/coffee"), clock, out);
 * }</pre>
 */
public final class CoffeeClub {

  /** The member's balance and how many of the run's writes were replays of earlier ones. */
  public record Result(Balance balance, String tier, long liabilityPoints, int replayed) {}

  private CoffeeClub() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "coffee-club-data");
    run(dir.resolve("ledger"), Clock.fixed(Instant.parse("2026-03-02T08:30:00Z"), ZoneOffset.UTC),
        new PrintWriter(System.out, true));
  }

  /** The program, read from the JSON resource (every field checked by LoyaltyProgram.fromJson). */
  public static LoyaltyProgram program() {
    try (InputStream in = CoffeeClub.class.getResourceAsStream("coffee-club.json")) {
      return LoyaltyProgram.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Result run(Path h2File, Clock clock, PrintWriter out) {
    LoyaltyProgram program = program();
    try (LedgerStore store = LedgerStore.h2(h2File)) {
      Loyalty loyalty = Loyalty.of(program, store, clock);
      CustomerId ann = CustomerId.of("ann");
      int replayed = 0;
      replayed += count(loyalty.event(ann, MemberEvent.REGISTRATION, "signup", "reg-ann"));
      replayed += count(loyalty.purchase(new Purchase(ann, "O-1", List.of(
          new Purchase.Line("ESPRESSO", "coffee", 2, Money.of("3.20", "EUR")),
          new Purchase.Line("BEANS-1KG", "beans", 1, Money.of("24.00", "EUR")))), "order-O-1"));
      replayed += count(loyalty.redeemReward(ann, "free-coffee", "V-1", "reward-V-1"));
      Balance b = loyalty.balance(ann);
      String tier = loyalty.tier(ann).map(t -> t.tier()).orElse("(none)");
      long liability = loyalty.liability().points();
      out.printf("program %s on H2 at %s%n", program.id(), h2File);
      out.printf("ann: %d active points (earned %d, spent %d), tier %s; points outstanding %d; %d of 3 writes were replays%n",
          b.active(), b.earned(), b.spent(), tier, liability, replayed);
      out.flush();
      return new Result(b, tier, liability, replayed);
    }
  }

  private static int count(Receipt r) {
    return r.replayed() ? 1 : 0;
  }
}
