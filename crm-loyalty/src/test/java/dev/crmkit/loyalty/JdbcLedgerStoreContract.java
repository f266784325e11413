package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.CustomerId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract for stores in a database, which must survive the death of their process: a
 * receipt returned is a write on disk, and no write is ever half on disk.
 */
abstract class JdbcLedgerStoreContract extends LedgerStoreContract {

  @TempDir Path crashDir;

  /** How the crash child opens the same database as this test (after the first number). */
  abstract List<String> childStoreArgs();

  /** Opens this test's database again (after the child died). */
  abstract LedgerStore reopenStore() throws Exception;

  /** Extra environment of the child (a password). */
  Map<String, String> childEnvironment() {
    return Map.of();
  }

  /**
   * A host writes as fast as it can and prints each receipt's key; it is killed with SIGKILL in
   * the middle of its writes, twice. Afterwards every key it printed is in the store, no
   * operation is half written, and every member reads.
   */
  @Test
  void every_write_acknowledged_before_a_kill_9_survives_it_and_none_is_half_written() throws Exception {
    store.close();
    Map<CustomerId, Set<String>> acknowledged = new HashMap<>();
    Random random = new Random(18);
    for (int round = 0; round < 2; round++) {
      int killAfter = 100 + random.nextInt(200);
      Path stderr = crashDir.resolve("child-" + round + ".err");
      List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), String.valueOf(round * 1_000_000L)));
      command.addAll(childStoreArgs());
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
      builder.environment().putAll(childEnvironment());
      Process child = builder.start();
      // a watchdog: the test never waits more than 20 s for a child
      Thread watchdog = new Thread(() -> {
        try {
          if (!child.waitFor(20, TimeUnit.SECONDS)) {
            child.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      watchdog.setDaemon(true);
      watchdog.start();
      int acks = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        // lines still in the pipe after the kill were printed before it: acknowledged too
        while ((line = out.readLine()) != null) {
          String[] parts = line.split(" ");
          if (parts.length == 3 && parts[0].equals("ACK")) {
            acknowledged.computeIfAbsent(CustomerId.of(parts[1]), m -> new TreeSet<>()).add(parts[2]);
            if (++acks == killAfter) {
              // SIGKILL (no shutdown hook, no close); through the handle, which leaves our end of
              // the pipe open to read what the child printed before it died
              child.toHandle().destroyForcibly();
            }
          }
        }
      }
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(acks).as("acknowledged writes before the kill; child stderr: %s", Files.readString(stderr))
          .isGreaterThanOrEqualTo(killAfter);

      store = reopenStore();
      assertThat(store.audit()).as("damage after kill %d", round).isEmpty();
      Loyalty reopened = Loyalty.of(Programs.simple("within-balance"), store, Clock.systemUTC());
      for (Map.Entry<CustomerId, Set<String>> e : acknowledged.entrySet()) {
        Set<String> recorded = store.operationKeys(e.getKey());
        assertThat(e.getValue()).as("acknowledged keys of %s lost by kill %d", e.getKey(), round)
            .allSatisfy(key -> assertThat(recorded).contains(key));
        Set<String> withEntries = new TreeSet<>();
        store.entries(e.getKey()).forEach(entry -> withEntries.add(entry.key()));
        assertThat(recorded).as("operations of %s recorded without their entries", e.getKey())
            .allSatisfy(key -> assertThat(key.startsWith("ok-") || withEntries.contains(key)).as(key).isTrue());
      }
      for (CustomerId member : store.members()) {
        Balance balance = reopened.balance(member);
        assertThat(balance.total()).isEqualTo(store.entries(member).stream().mapToLong(Entry::points).sum());
      }
      store.close();
    }
    store = reopenStore();
  }

  private static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
