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
          + " file again writes nothing new."
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

  @Option(names = "--output", required = true, paramLabel = "RESULT.json", description = "Where to write the result.")
  Path output;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LoyaltyProgram parsed = LoyaltyProgram.fromJson(program);
    try (Connection connection = store == null ? null : DriverManager.getConnection(store);
        LedgerStore ledger = connection == null ? LedgerStore.inMemory() : LedgerStore.jdbc(singleConnection(connection))) {
      LoyaltyReplay replay = LoyaltyReplay.of(parsed, ledger).skipBadRows(skipBadRows);
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
          result.members().size(), result.liability().points(), output);
      return 0;
    }
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
