package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The host that {@link JdbcLedgerStoreContract}'s crash test kills: it writes operations as fast
 * as it can and prints {@code ACK member key} after each receipt, until it is killed.
 *
 * <p>Arguments: the first operation number, then {@code h2 FILE} or {@code pg URL USER SCHEMA}
 * (the password in the environment variable {@code CRMKIT_PG_PASSWORD}).
 */
final class CrashChild {
  private CrashChild() {}

  /** The members the child writes to. */
  static final int MEMBERS = 5;

  public static void main(String[] args) {
    if (args[0].equals("open")) {
      // the concurrent-start test: open (and migrate) the store, say so, and end
      open(args).close();
      System.out.println("OPENED");
      return;
    }
    if (args[0].equals("replay")) {
      replay(args);
      return;
    }
    long first = Long.parseLong(args[0]);
    LedgerStore store = open(args);
    SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T10:00:00Z").plusSeconds(first), ZoneOffset.UTC);
    Loyalty loyalty = Loyalty.of(Programs.simple("within-balance"), store, clock);
    for (long i = first; ; i++) {
      clock.advance(Duration.ofSeconds(1));
      for (Receipt r : operation(loyalty, i)) {
        System.out.println("ACK " + r.member() + " " + r.key());
        System.out.flush();
      }
    }
  }

  /** Operation {@code i}: a purchase, a redemption, a return or a reservation settled. */
  static List<Receipt> operation(Loyalty loyalty, long i) {
    CustomerId member = CustomerId.of("m" + (i % MEMBERS));
    return switch ((int) ((i / MEMBERS) % 4)) {
      case 0 -> List.of(loyalty.purchase(Programs.purchase(member.value(), "O-" + i, String.valueOf(10 + i % 7)), "buy-" + i));
      case 1 -> List.of(loyalty.redeem(member, 3, "pay-" + i, "pay-" + i));
      case 2 -> List.of(loyalty.returnPurchase(
          new PurchaseReturn(member, "R-" + i, "O-" + (i - 2 * MEMBERS), Money.of("2.00", "EUR")), "ret-" + i));
      default -> {
        Receipt held = loyalty.reserve(member, 2, null, "cart-" + i, "res-" + i);
        Receipt settled = i % 2 == 0 ? loyalty.rollback(member, "res-" + i, "undo-" + i) : loyalty.confirm(member, "res-" + i, "ok-" + i);
        yield List.of(held, settled);
      }
    };
  }

  /**
   * The replay crash test's child: {@code replay EVENTS BATCH} then the store arguments; replays
   * the file with that batch size and prints {@code BATCH line} after each committed batch, then
   * {@code DONE}.
   */
  private static void replay(String[] args) {
    String[] storeArgs = new String[args.length - 2];
    storeArgs[0] = "replay";
    System.arraycopy(args, 3, storeArgs, 1, args.length - 3);
    LedgerStore store = open(storeArgs);
    LedgerStore printing = new CountingStore(store) {
      @Override
      public ReplayCheckpoint replayBatch(java.util.function.Supplier<ReplayCheckpoint> work) {
        ReplayCheckpoint done = super.replayBatch(work);
        System.out.println("BATCH " + done.progress().line());
        System.out.flush();
        return done;
      }
    };
    LoyaltyReplay.of(ReplayFiles.program(), printing).skipBadRows(true).batchSize(Integer.parseInt(args[2]))
        .run(Path.of(args[1]));
    System.out.println("DONE");
  }

  private static LedgerStore open(String[] args) {
    if (args[1].equals("h2")) {
      return LedgerStore.h2(Path.of(args[2]));
    }
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setUrl(args[2]);
    pg.setUser(args[3]);
    pg.setPassword(System.getenv("CRMKIT_PG_PASSWORD"));
    pg.setCurrentSchema(args[4]);
    return LedgerStore.jdbc(JdbcConnectionPool.create(pg));
  }
}
