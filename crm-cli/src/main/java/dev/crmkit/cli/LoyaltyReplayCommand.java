package dev.crmkit.cli;

import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.LoyaltyReplay;
import dev.crmkit.loyalty.LoyaltyReplay.ReplayResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crm loyalty replay}: replays purchases, returns, redemptions, voucher use and
 * adjustments through a program and writes every member's balances, tier and ledger plus the
 * outstanding liability.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a history of loyalty events (JSON Lines: one object per line with time, member, key"
          + " and type) through a program and writes balances, tiers, ledgers and the liability as JSON.",
      "Without --store the ledger is kept in memory; with a JDBC URL (jdbc:h2:..., or"
          + " jdbc:postgresql://host/db?user=..&password=..) it is written there, and replaying the same"
          + " file again writes nothing new; lines a run skipped because the ledger refused them are skipped"
          + " again. Events are written --batch at a time, each batch one transaction with the replay's progress,"
          + " and a rerun after a crash resumes after the last committed batch.",
      "The file is read as it goes (memory does not grow with it): events must be sorted by time (ties keep"
          + " file order); a line earlier than the one before it is a bad line.",
    })
final class LoyaltyReplayCommand implements Callable<Integer> {

  @Option(names = "--program", required = true, paramLabel = "PROGRAM.json", description = "The program (JSON).")
  Path program;

  @Option(names = "--events", required = true, paramLabel = "EVENTS.jsonl", description = "The events (JSON Lines).")
  Path events;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Report as of the end of this day (yyyy-mm-dd) in the program's zone; later events are left out."
          + " Default: the time of the last event.")
  LocalDate asOf;

  @Option(names = "--store", paramLabel = "JDBC-URL", description = "Keep the ledger in this database instead of memory.")
  String store;

  @Option(names = "--skip-bad-rows", description = "Skip bad lines (listed in the output) instead of stopping at the first.")
  boolean skipBadRows;

  @Option(names = "--repair",
      description = "Before replaying, remove the operations a crash cut off in the store (listed on stderr);"
          + " the replay then applies them again from the file.")
  boolean repair;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "5000",
      description = "With --store: events written per transaction, with the replay's progress (default ${DEFAULT-VALUE});"
          + " a rerun after a crash resumes after the last committed batch.")
  int batch;

  @Option(names = "--output", required = true, paramLabel = "RESULT.json", description = "Where to write the result.")
  Path output;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LoyaltyProgram parsed = LoyaltyProgram.fromJson(program);
    try (Connection connection = store == null ? null : DriverManager.getConnection(durable(store));
        LedgerStore ledger = connection == null ? LedgerStore.inMemory() : LedgerStore.jdbc(singleConnection(connection))) {
      if (repair) {
        for (LedgerStore.Damage damage : ledger.audit()) {
          spec.commandLine().getErr().println("crm loyalty replay: damaged " + damage + "; removed the cut-off operations "
              + ledger.repair(damage.member()));
        }
      }
      LoyaltyReplay replay = LoyaltyReplay.of(parsed, ledger).skipBadRows(skipBadRows).batchSize(batch);
      if (asOf != null) {
        replay.asOf(asOf);
      }
      ReplayResult result = replay.run(events);
      result.writeJson(output);
      for (LoyaltyReplay.SkippedRow row : result.skipped()) {
        spec.commandLine().getErr().println("crm loyalty replay: skipped line " + row.line() + ": " + row.reason());
      }
      spec.commandLine().getOut().printf(
          "replayed %d events (%d already in the store, %d after the as-of date, %d skipped) for %d members;"
              + " outstanding points: %d; written to %s%n",
          result.applied() + result.replayed(), result.replayed(), result.afterAsOf(), result.skipped().size(),
          result.memberCount(), result.liability().points(), output);
      return 0;
    }
  }

  /**
   * An H2 URL gets {@code WRITE_DELAY=0} unless it sets the delay itself: every write is on disk
   * when it returns, so a killed replay loses nothing it reported.
   */
  static String durable(String url) {
    if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
      return url + ";WRITE_DELAY=0";
    }
    return url;
  }

  /**
   * The replay writes from one thread, so one connection serves it; the proxy keeps the store's
   * close() calls from closing it (it is closed when the command ends).
   */
  static DataSource singleConnection(Connection connection) {
    Connection shared = (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            // the store's close() ends its use of the connection: never leave a transaction open
            if (!connection.getAutoCommit()) {
              connection.rollback();
            }
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return (DataSource) Proxy.newProxyInstance(
        DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return shared;
          }
          if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
            throw new SQLException("not a wrapper");
          }
          throw new UnsupportedOperationException("single-connection data source: " + method.getName());
        });
  }
}
