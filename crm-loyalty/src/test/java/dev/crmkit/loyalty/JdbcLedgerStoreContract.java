package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
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
      assertThat(store.verifyAll()).as("state rows after kill %d", round).isEmpty();
      for (CustomerId member : store.members()) {
        Balance balance = reopened.balance(member);
        assertThat(balance.total()).isEqualTo(store.entries(member).stream().mapToLong(Entry::points).sum());
      }
      store.close();
    }
    store = reopenStore();
  }

  /** A new, empty database (not the test's) each call; the adapter drops it after the test. */
  abstract javax.sql.DataSource emptyDatabase() throws Exception;

  /** How a child process opens the last {@link #emptyDatabase()}; empty if it cannot (H2 files). */
  abstract List<String> childArgsOfLastEmptyDatabase();

  /**
   * Several stores start at once on an empty database (threads, and on a server a child process
   * too): every one opens, the schema is migrated once, and the stores work.
   */
  @Test
  void several_stores_started_at_once_on_an_empty_database_all_open() throws Exception {
    for (int round = 0; round < 3; round++) {
      javax.sql.DataSource empty = emptyDatabase();
      List<String> childArgs = childArgsOfLastEmptyDatabase();
      int threads = 4;
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads + (childArgs.isEmpty() ? 0 : 1));
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
      List<java.util.concurrent.Future<LedgerStore>> opened = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        opened.add(pool.submit(() -> {
          barrier.await(30, TimeUnit.SECONDS);
          return LedgerStore.jdbc(empty);
        }));
      }
      java.util.concurrent.Future<String> child = null;
      if (!childArgs.isEmpty()) {
        child = pool.submit(() -> {
          List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-cp",
              System.getProperty("java.class.path"), CrashChild.class.getName(), "open"));
          command.addAll(childArgs);
          ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
          builder.environment().putAll(childEnvironment());
          Process p = builder.start();
          barrier.await(30, TimeUnit.SECONDS); // the child's JVM starts while the threads wait
          String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
          return p.exitValue() + " " + out;
        });
      }
      for (java.util.concurrent.Future<LedgerStore> f : opened) {
        LedgerStore s = f.get(90, TimeUnit.SECONDS);
        Loyalty l = Loyalty.of(Programs.simple("within-balance"), s, Clock.systemUTC());
        l.purchase(Programs.purchase("ann", "O-" + System.identityHashCode(s), "5.00"), "k-" + System.identityHashCode(s));
      }
      if (child != null) {
        assertThat(child.get(90, TimeUnit.SECONDS)).startsWith("0 ").contains("OPENED");
      }
      pool.shutdown();
      LedgerStore s = LedgerStore.jdbc(empty);
      assertThat(s.entries(CustomerId.of("ann"))).hasSize(2 * threads);
      assertThat(s.verifyAll()).isEmpty();
      try (java.sql.Connection c = empty.getConnection();
          java.sql.ResultSet rs = c.createStatement().executeQuery(
              "SELECT COUNT(*) FROM " + historyTable(c) + " WHERE " + quoted(c, "type") + " = 'SQL'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("migrations applied, once each").isEqualTo(6);
      }
    }
  }

  private static String quoted(java.sql.Connection c, String name) throws java.sql.SQLException {
    return c.getMetaData().getDatabaseProductName().equals("H2") ? "\"" + name + "\"" : name;
  }

  private static String historyTable(java.sql.Connection c) throws java.sql.SQLException {
    return quoted(c, "loyalty_schema_history");
  }

  /**
   * A database made by the migration mechanism before Flyway (table loyalty_schema_version,
   * version 1, ledgers without state rows) is taken over: baselined at 1, migrated to the state
   * rows, which are computed from the existing ledgers.
   */
  @Test
  void a_database_of_the_old_migration_mechanism_is_taken_over_with_its_ledgers() throws Exception {
    // real ledgers, made in memory
    LedgerStore memory = LedgerStore.inMemory();
    Loyalty m = Loyalty.of(Programs.program(0, "{\"policy\": \"after-days\", \"days\": 30}", "unlimited",
        Programs.ONE_PER_EURO, null), memory, clock);
    m.purchase(Programs.purchase("ann", "O-1", "40.00"), "k1");
    m.purchase(Programs.purchase("bob", "O-2", "15.00"), "k2");
    m.redeem(ann, 25, "cart", "p1");
    m.returnPurchase(new PurchaseReturn(ann, "R-1", "O-1", Money.of("40.00", "EUR")), "r1"); // debt 25
    m.purchase(Programs.purchase("ann", "O-3", "10.00"), "k3"); // repays 10 of it
    m.adjust(CustomerId.of("bob"), 3, "goodwill", "a1");

    javax.sql.DataSource old = emptyDatabase();
    try (java.sql.Connection c = old.getConnection(); java.sql.Statement s = c.createStatement()) {
      String v1 = new String(getClass().getResourceAsStream("/db/crmkit-loyalty/V1__ledger.sql").readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder sql = new StringBuilder();
      for (String line : v1.split("\n")) {
        int comment = line.indexOf("--");
        sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
      }
      for (String statement : sql.toString().split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
      s.execute("CREATE TABLE loyalty_schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
          + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      s.execute("INSERT INTO loyalty_schema_version VALUES (1, 'V1__ledger.sql', CURRENT_TIMESTAMP)");
      for (CustomerId member : memory.members()) {
        s.execute("INSERT INTO loyalty_member (member_id) VALUES ('" + member.value() + "')");
        for (String key : memory.operationKeys(member)) {
          s.execute("INSERT INTO loyalty_operation VALUES ('" + key + "', '" + member.value() + "', 'x', CURRENT_TIMESTAMP)");
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO loyalty_entry (member_id, seq, kind, points, lot,"
            + " occurred_at, available_at, expires_at, reason, ref, spend, op_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Entry e : memory.entries(member)) {
            ps.setString(1, member.value());
            ps.setLong(2, e.seq());
            ps.setString(3, e.kind().name());
            ps.setLong(4, e.points());
            ps.setObject(5, e.lot());
            ps.setObject(6, e.at().atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(7, e.availableAt() == null ? null : e.availableAt().atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(8, e.expiresAt() == null ? null : e.expiresAt().atOffset(java.time.ZoneOffset.UTC));
            ps.setString(9, e.reason());
            ps.setString(10, e.reference());
            ps.setBigDecimal(11, e.spend());
            ps.setString(12, e.key());
            ps.executeUpdate();
          }
        }
      }
    }
    LedgerStore taken = LedgerStore.jdbc(old);
    assertThat(taken.verifyAll()).isEmpty();
    Loyalty j = Loyalty.of(Programs.program(0, "{\"policy\": \"after-days\", \"days\": 30}", "unlimited",
        Programs.ONE_PER_EURO, null), taken, clock);
    for (CustomerId member : memory.members()) {
      assertThat(j.balance(member)).isEqualTo(m.balance(member));
    }
    assertThat(taken.current(ann).state().debt()).isEqualTo(15);
    assertThat(j.liability()).isEqualTo(m.liability());
    try (java.sql.Connection c = old.getConnection();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT " + quoted(c, "version") + ", " + quoted(c, "type")
            + " FROM " + historyTable(c) + " WHERE " + quoted(c, "version") + " IS NOT NULL ORDER BY " + quoted(c, "installed_rank"))) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2));
      }
      assertThat(rows).containsExactly("1 BASELINE", "2 SQL", "3 SQL", "4 SQL", "5 SQL", "6 SQL");
    }
    // and it works on
    j.purchase(Programs.purchase("ann", "O-4", "30.00"), "k4");
    assertThat(taken.verifyAll()).isEmpty();
  }

  // --- bulk replay: batches, progress, resume ---------------------------------------------------

  /** A clean replay of {@code events} into a new, empty database of this adapter. */
  LoyaltyReplay.ReplayResult cleanReplay(Path events) throws Exception {
    try (LedgerStore clean = LedgerStore.jdbc(emptyDatabase())) {
      LoyaltyReplay.ReplayResult result = LoyaltyReplay.of(ReplayFiles.program(), clean).skipBadRows(true).run(events);
      assertThat(clean.verifyAll()).isEmpty();
      return result;
    }
  }

  static void assertSameOutcome(LoyaltyReplay.ReplayResult actual, LoyaltyReplay.ReplayResult clean) {
    assertThat(actual.members()).isEqualTo(clean.members());
    assertThat(actual.skipped()).isEqualTo(clean.skipped());
    assertThat(actual.liability()).isEqualTo(clean.liability());
    assertThat(actual.asOf()).isEqualTo(clean.asOf());
    assertThat(actual.applied() + actual.replayed()).isEqualTo(clean.applied() + clean.replayed());
  }

  /**
   * Events written a batch at a time decide exactly as events written one by one: the same
   * ledgers, balances, liability and the same refused lines with the same reasons, including
   * redemptions refused in the middle of a batch because of the batch's own earlier events (and
   * the same refusals as the in-memory store, which writes event by event).
   */
  @Test
  void a_batched_replay_gives_the_ledgers_and_refusals_of_a_one_by_one_replay() throws Exception {
    Path events = ReplayFiles.write(crashDir.resolve("events.jsonl"), 1_000, 30, 23);
    LoyaltyReplay.ReplayResult oneByOne;
    try (LedgerStore single = LedgerStore.jdbc(emptyDatabase())) {
      oneByOne = LoyaltyReplay.of(ReplayFiles.program(), single).skipBadRows(true).batchSize(1).run(events);
      assertThat(single.verifyAll()).isEmpty();
    }
    JdbcLedgerStore store = (JdbcLedgerStore) LedgerStore.jdbc(emptyDatabase());
    LoyaltyReplay.ReplayResult batched =
        LoyaltyReplay.of(ReplayFiles.program(), store).skipBadRows(true).batchSize(250).run(events);
    assertThat(store.verifyAll()).isEmpty();
    assertSameOutcome(batched, oneByOne);
    assertThat(batched.applied()).isEqualTo(oneByOne.applied());
    // most writes were decided from what the batch read up front (reservations go one at a time)
    assertThat(store.atOnceInBatch.sum()).isGreaterThan(3 * store.oneAtATimeInBatch.sum());
    // the result's one pass (three ordered queries) hands out what the per-member reads give
    List<CustomerId> streamed = new ArrayList<>();
    store.forEachMember(m -> {
      streamed.add(m.member());
      assertThat(m.current()).isEqualTo(store.current(m.member()));
      assertThat(m.entries()).isEqualTo(store.entries(m.member()));
    });
    assertThat(streamed).isEqualTo(store.members()).hasSizeGreaterThan(20);
    assertThat(batched.toJson()).isEqualTo(oneByOne.toJson());
    store.close();
    LoyaltyReplay.ReplayResult memory =
        LoyaltyReplay.of(ReplayFiles.program(), LedgerStore.inMemory()).skipBadRows(true).run(events);
    assertThat(batched.skipped()).isEqualTo(memory.skipped());
    // the file has refusals that depend on the ledger inside batches, not only bad JSON
    assertThat(batched.skipped()).filteredOn(r -> r.reason().contains("points to spend") && r.line() % 250 > 1)
        .hasSizeGreaterThan(10);
  }

  /**
   * A batch whose rows meet a conflict when written (here: another process writes a member the
   * batch found new, after the batch read it) is undone and written again event by event: the
   * replay goes on, the other write stays, and the store stays consistent.
   */
  @Test
  void a_batch_that_meets_a_write_from_elsewhere_is_written_again_event_by_event() throws Exception {
    Path events = ReplayFiles.write(crashDir.resolve("events.jsonl"), 300, 10, 31);
    javax.sql.DataSource database = emptyDatabase();
    JdbcLedgerStore replaying = (JdbcLedgerStore) LedgerStore.jdbc(database);
    LedgerStore elsewhere = LedgerStore.jdbc(database);
    Loyalty other = Loyalty.of(ReplayFiles.program(), elsewhere, Clock.systemUTC());
    boolean[] done = {false};
    replaying.failPoint = where -> {
      if (!done[0]) {
        done[0] = true; // at the batch's first entry: every member is new to the batch
        other.purchase(Programs.purchase("m3", "O-elsewhere", "10.00"), "elsewhere");
      }
    };
    LoyaltyReplay.ReplayResult result = LoyaltyReplay.of(ReplayFiles.program(), replaying).skipBadRows(true)
        .batchSize(1_000).run(events);
    assertThat(done[0]).isTrue();
    assertThat(replaying.operationKeys(CustomerId.of("m3"))).contains("elsewhere");
    assertThat(replaying.verifyAll()).isEmpty();
    assertThat(replaying.atOnceInBatch.sum()).as("decided at once before the conflict").isPositive();
    assertThat(replaying.batchesRewritten.sum()).as("batches written again event by event").isEqualTo(1);
    // every line is applied or skipped, as in a clean run (which lines differs: m3 has 10 points more)
    LoyaltyReplay.ReplayResult clean = cleanReplay(events);
    assertThat(result.applied() + result.replayed() + result.skipped().size())
        .isEqualTo(clean.applied() + clean.replayed() + clean.skipped().size());
    replaying.close();
    elsewhere.close();
  }

  /**
   * A child JVM replays a file into this database in batches of 40 events and is killed with
   * SIGKILL mid-replay; the rerun resumes after the last committed batch (it writes only what
   * came after) and ends exactly as one clean run: same ledgers, same skipped lines, same counts.
   */
  @Test
  void a_replay_killed_mid_file_resumes_after_its_last_batch_and_ends_as_one_clean_run() throws Exception {
    Path events = ReplayFiles.write(crashDir.resolve("events.jsonl"), 2_400, 40, 19);
    LoyaltyReplay.ReplayResult clean = cleanReplay(events);
    assertThat(clean.skipped()).isNotEmpty(); // bad JSON and refused redemptions
    store.close();
    Path stderr = crashDir.resolve("replay-child.err");
    List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), "replay", events.toString(), "40"));
    command.addAll(childStoreArgs());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().putAll(childEnvironment());
    Process child = builder.start();
    Thread watchdog = new Thread(() -> {
      try {
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    long committed = 0;
    boolean done = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int batches = 0;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("BATCH ")) {
          committed = Long.parseLong(line.substring(6));
          if (++batches == 12) {
            child.toHandle().destroyForcibly(); // mid-replay: the 13th batch is being written
          }
        } else if (line.equals("DONE")) {
          done = true;
        }
      }
    }
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(committed).as("child stderr: %s", Files.readString(stderr)).isGreaterThanOrEqualTo(12 * 40);
    assertThat(done).as("killed before the end").isFalse();

    store = reopenStore();
    assertThat(store.audit()).isEmpty();
    assertThat(store.verifyAll()).isEmpty();
    CountingStore counting = new CountingStore(store);
    LoyaltyReplay.ReplayResult resumed = LoyaltyReplay.of(ReplayFiles.program(), counting).skipBadRows(true).run(events);
    assertSameOutcome(resumed, clean);
    // the resume wrote only after the last committed batch (plus the final expiry run)
    assertThat(counting.writes.get()).isLessThanOrEqualTo(clean.applied() + clean.skipped().size() - committed / 2);
    assertThat(resumed.replayed()).isGreaterThanOrEqualTo(committed - clean.skipped().size());
    assertThat(store.verifyAll()).isEmpty();

    // and a third run writes nothing: it resumes at the end
    counting.reset();
    LoyaltyReplay.ReplayResult again = LoyaltyReplay.of(ReplayFiles.program(), counting).skipBadRows(true).run(events);
    assertSameOutcome(again, clean);
    assertThat(again.applied()).isZero();
    assertThat(counting.writes.get()).isZero();
  }

  /**
   * A batch is all or nothing: a failure inside it (a write that cannot reach the database)
   * undoes every write of the batch and its progress; the rerun resumes from the batch before.
   */
  @Test
  void a_failed_batch_is_undone_whole_and_the_rerun_resumes_before_it() throws Exception {
    Path events = ReplayFiles.write(crashDir.resolve("events.jsonl"), 600, 12, 7);
    LoyaltyReplay.ReplayResult clean = cleanReplay(events);
    java.util.concurrent.atomic.AtomicInteger entries = new java.util.concurrent.atomic.AtomicInteger();
    store.failPoint = where -> {
      if (where.equals("entry") && entries.incrementAndGet() == 250) {
        throw new IllegalStateException("disk gone");
      }
    };
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LoyaltyReplay.of(ReplayFiles.program(), store).skipBadRows(true).batchSize(50).run(events))
        .hasMessageContaining("disk gone");
    store.failPoint = where -> {};
    long entriesWritten = store.members().stream().mapToLong(m -> store.entries(m).size()).sum();
    assertThat(entriesWritten).as("entries of the committed batches only").isLessThan(249);
    assertThat(store.verifyAll()).isEmpty();
    LoyaltyReplay.ReplayResult resumed = LoyaltyReplay.of(ReplayFiles.program(), store).skipBadRows(true).batchSize(50).run(events);
    assertSameOutcome(resumed, clean);
    assertThat(resumed.replayed()).isPositive();
  }

  /**
   * Without --skip-bad-rows a bad line stops the replay with its number; the lines before it in
   * its batch are committed. A file that differs from the one the progress was recorded for
   * (same first line, another line changed) is replayed from line 1, keys deciding as before.
   */
  @Test
  void a_bad_line_commits_the_lines_before_it_and_a_changed_file_starts_over() throws Exception {
    Path events = crashDir.resolve("small.jsonl");
    List<String> lines = new ArrayList<>(List.of(ReplayRerunTest.line("10:00:00", "ann", "b1", "purchase",
            "\"order\": \"O-1\", \"lines\": [{\"sku\": \"S\", \"category\": \"c\", \"quantity\": 1, \"paid\": \"30\"}]"),
        ReplayRerunTest.line("10:01:00", "bob", "b2", "purchase",
            "\"order\": \"O-2\", \"lines\": [{\"sku\": \"S\", \"category\": \"c\", \"quantity\": 1, \"paid\": \"20\"}]"),
        ReplayRerunTest.line("10:02:00", "ann", "p1", "redeem", "\"points\": 500, \"reference\": \"gift\""),
        ReplayRerunTest.line("10:03:00", "ann", "p2", "redeem", "\"points\": 5, \"reference\": \"gift\"")));
    Files.write(events, lines);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoyaltyReplay.of(ReplayFiles.program(), store).run(events))
        .hasMessageStartingWith("events line 3: ");
    assertThat(store.entries(ann).stream().mapToLong(Entry::points).sum()).isEqualTo(30);
    assertThat(store.entries(CustomerId.of("bob")).stream().mapToLong(Entry::points).sum()).isEqualTo(20);

    // a first line refused stops every run at line 1 (its progress is line 0: nothing skipped)
    Path refusedFirst = crashDir.resolve("refused-first.jsonl");
    Files.write(refusedFirst, List.of(lines.get(2), lines.get(3)));
    for (int run = 0; run < 2; run++) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoyaltyReplay.of(ReplayFiles.program(), store).run(refusedFirst))
          .hasMessageStartingWith("events line 1: ");
    }
    assertThat(store.entries(ann).stream().mapToLong(Entry::points).sum()).isEqualTo(30);

    lines.set(2, ReplayRerunTest.line("10:02:00", "ann", "p1", "redeem", "\"points\": 10, \"reference\": \"gift\""));
    Files.write(events, lines);
    LoyaltyReplay.ReplayResult fixed = LoyaltyReplay.of(ReplayFiles.program(), store).run(events);
    assertThat(fixed.applied()).isEqualTo(2);
    assertThat(fixed.replayed()).isEqualTo(2);
    assertThat(store.entries(ann).stream().mapToLong(Entry::points).sum()).isEqualTo(30 - 10 - 5);
  }

  // --- locked reads answered with an older row (H2 2.3's query result cache, its issue 4208) ----

  /**
   * {@code database}, whose connections prepare {@code rewrite.apply(sql)} instead of each
   * statement's SQL: here, to answer a locked read with an older row, as H2 2.3 did under load.
   */
  private static javax.sql.DataSource rewriting(javax.sql.DataSource database,
      java.util.function.UnaryOperator<String> rewrite) {
    ClassLoader loader = JdbcLedgerStoreContract.class.getClassLoader();
    return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(loader,
        new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(method, database, args);
          if (!method.getName().equals("getConnection")) {
            return result;
          }
          java.sql.Connection real = (java.sql.Connection) result;
          return java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {java.sql.Connection.class},
              (p, m, a) -> {
                if (m.getName().equals("prepareStatement") && a != null && a[0] instanceof String sql) {
                  a[0] = rewrite.apply(sql);
                }
                return invoke(m, real, a);
              });
        });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * A write whose locked read of the member row is answered with the row as it was before
   * another write committed (three times running) writes nothing over the newer row: its entries'
   * seqs, which follow the last seq read, are taken, and the member row is written only over that
   * last seq; either runs the write again (SQLState 40001) until it reads the row as it is.
   * Before, the entries' key refused the stale seq twice (a unique violation is retried once) and
   * the write failed.
   */
  @Test
  void a_member_row_read_stale_under_its_lock_is_never_written_over_and_the_write_runs_again() throws Exception {
    String read = "SELECT " + JdbcLedgerStore.MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id = ?";
    java.util.concurrent.atomic.AtomicReference<MemberState> stale = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger lockedReads = new java.util.concurrent.atomic.AtomicInteger();
    try (LedgerStore s = LedgerStore.jdbc(rewriting(emptyDatabase(), sql -> {
      MemberState old = stale.get();
      if (!sql.startsWith(read)) {
        return sql;
      }
      if (sql.endsWith("FOR UPDATE") && lockedReads.incrementAndGet() > 3) {
        stale.set(null); // the fourth round reads the row as it is
        return sql;
      }
      return old == null ? sql : "SELECT " + old.lastSeq() + ", " + old.debt() + ", " + old.total() + ", " + old.earned()
          + ", " + old.spent() + ", " + old.expired() + ", " + old.reversed() + ", " + old.purchases()
          + sql.substring(sql.indexOf(" FROM loyalty_member"));
    }))) {
      Loyalty l = Loyalty.of(Programs.simple("within-balance"), s, clock);
      l.purchase(Programs.purchase("ann", "O-1", "30.00"), "k1");
      MemberState before = s.current(ann).state();
      l.purchase(Programs.purchase("ann", "O-2", "20.00"), "k2"); // committed after the row the next write is shown
      lockedReads.set(0);
      stale.set(before);

      Receipt third = l.purchase(Programs.purchase("ann", "O-3", "10.00"), "k3");

      assertThat(lockedReads).as("rounds of the write").hasValue(4);
      assertThat(third.replayed()).isFalse();
      assertThat(third.entries()).extracting(Entry::seq).containsExactly(before.lastSeq() + 3, before.lastSeq() + 4);
      assertThat(s.entries(ann)).extracting(Entry::seq).doesNotHaveDuplicates().hasSize((int) before.lastSeq() + 4);
      assertThat(s.entries(ann).stream().mapToLong(Entry::points).sum()).isEqualTo(60);
      assertThat(s.current(ann).state().total()).isEqualTo(60);
      assertThat(s.verifyAll()).isEmpty();
    }
  }

  /**
   * The campaign budget read under its lock answered with an older value: without a guard the
   * write drew on points another purchase had drawn already and the budget was overspent (30 of
   * 25). It is written only over the value read, so the write runs again and gets what is left.
   */
  @Test
  void a_campaign_budget_read_stale_under_its_lock_is_never_overspent() throws Exception {
    String read = "SELECT used FROM loyalty_budget WHERE budget_id = ?";
    java.util.concurrent.atomic.AtomicInteger staleReads = new java.util.concurrent.atomic.AtomicInteger();
    try (LedgerStore s = LedgerStore.jdbc(rewriting(emptyDatabase(), sql ->
        sql.equals(read) && staleReads.getAndDecrement() > 0 ? "SELECT 10 FROM loyalty_budget WHERE budget_id = ?" : sql))) {
      Loyalty l = Loyalty.of(Programs.program(0, "{\"policy\": \"never\"}", "within-balance", Programs.ONE_PER_EURO,
          "\"campaigns\": [{\"id\": \"double-march\", \"multiplier\": \"2\", \"activeFrom\": \"2026-03-01\","
              + " \"activeUntil\": \"2026-03-31\", \"budget\": 25}]"), s, clock);
      l.purchase(Programs.purchase("ann", "O-1", "10.00"), "k1");
      l.purchase(Programs.purchase("bob", "O-2", "10.00"), "k2");
      assertThat(l.campaignBudget("double-march").used()).isEqualTo(20);
      staleReads.set(2); // the next write's first two rounds are shown the budget as it was after k1

      Receipt third = l.purchase(Programs.purchase("cy", "O-3", "10.00"), "k3");

      assertThat(staleReads.get()).as("stale reads left").isNegative();
      assertThat(third.points()).as("10 for the spend, the 5 left of the budget").isEqualTo(15);
      assertThat(l.campaignBudget("double-march").used()).isEqualTo(25);
      assertThat(s.verifyAll()).isEmpty();
    }
  }

  /**
   * A replay batch whose locked read of its members' rows is answered with older rows (a last seq
   * one behind) writes nothing over them: its entries' seqs are taken, the batch is undone and
   * written again event by event, and the replay ends as a clean one.
   */
  @Test
  void a_replay_batch_that_read_its_member_rows_stale_is_written_again_event_by_event() throws Exception {
    Path events = ReplayFiles.write(crashDir.resolve("events.jsonl"), 300, 10, 37);
    Path firstHalf = crashDir.resolve("first-half.jsonl");
    Files.write(firstHalf, Files.readAllLines(events).subList(0, 150)); // same first line: the same replay, resumed
    javax.sql.DataSource database = emptyDatabase();
    try (LedgerStore first = LedgerStore.jdbc(database)) {
      LoyaltyReplay.of(ReplayFiles.program(), first).skipBadRows(true).batchSize(1_000).run(firstHalf);
    }
    String batchRead = "SELECT member_id, " + JdbcLedgerStore.MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id IN (";
    java.util.concurrent.atomic.AtomicInteger staleReads = new java.util.concurrent.atomic.AtomicInteger();
    // every read of the batch's member rows (locked, and on H2 again after the lock) is one seq
    // behind; written again event by event, the batch reads each member alone, as it is
    JdbcLedgerStore replaying = (JdbcLedgerStore) LedgerStore.jdbc(rewriting(database, sql -> {
      if (!sql.startsWith(batchRead)) {
        return sql;
      }
      staleReads.incrementAndGet();
      return sql.replace("SELECT member_id, last_seq,", "SELECT member_id, last_seq - 1,");
    }));
    LoyaltyReplay.ReplayResult result =
        LoyaltyReplay.of(ReplayFiles.program(), replaying).skipBadRows(true).batchSize(1_000).run(events);
    assertThat(staleReads).as("stale reads of the batch's member rows").hasPositiveValue();
    assertThat(replaying.batchesRewritten.sum()).as("batches written again event by event").isEqualTo(1);
    assertThat(replaying.verifyAll()).isEmpty();
    assertSameOutcome(result, cleanReplay(events));
    replaying.close();
  }

  /**
   * A write of a replay batch met a member row read stale under its lock (SQLState 40001, as a
   * deadlock or serialization failure would be): the whole batch is rolled back and runs again,
   * event by event, as a single write would, instead of failing the replay.
   */
  @Test
  void a_replay_batch_the_database_aborts_runs_again_whole() throws Exception {
    Path events = ReplayFiles.write(crashDir.resolve("events.jsonl"), 300, 10, 41);
    javax.sql.DataSource database = emptyDatabase();
    String batchRead = "SELECT member_id, " + JdbcLedgerStore.MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id IN (";
    String memberRead = "SELECT " + JdbcLedgerStore.MEMBER_COLUMNS + " FROM loyalty_member WHERE member_id = ?";
    java.util.concurrent.atomic.AtomicReference<JdbcLedgerStore> store = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger staleReads = new java.util.concurrent.atomic.AtomicInteger();
    // the batch reads are stale (so each batch's writes are sent one at a time), and so is every
    // read of one member's row with entries until the database's refusal made a batch run again
    JdbcLedgerStore replaying = (JdbcLedgerStore) LedgerStore.jdbc(rewriting(database, sql -> {
      if (sql.startsWith(batchRead)) {
        return sql.replace("SELECT member_id, last_seq,", "SELECT member_id, last_seq - 1,");
      }
      if (sql.startsWith(memberRead) && store.get() != null && store.get().batchesRetried.sum() == 0) {
        staleReads.incrementAndGet();
        return sql.replace("SELECT last_seq,", "SELECT CASE WHEN last_seq > 0 THEN last_seq - 1 ELSE 0 END,");
      }
      return sql;
    }));
    store.set(replaying);
    LoyaltyReplay.ReplayResult result =
        LoyaltyReplay.of(ReplayFiles.program(), replaying).skipBadRows(true).batchSize(100).run(events);
    assertThat(staleReads).as("stale reads of one member's row").hasPositiveValue();
    assertThat(replaying.batchesRetried.sum()).as("batches run again").isPositive();
    assertThat(replaying.verifyAll()).isEmpty();
    assertSameOutcome(result, cleanReplay(events));
    replaying.close();
  }

  private static String java() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
