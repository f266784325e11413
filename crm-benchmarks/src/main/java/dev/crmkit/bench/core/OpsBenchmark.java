package dev.crmkit.bench.core;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.EscalationLevel;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.store.CrmStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Single use cases through the {@link Crm} facade on PostgreSQL, with 1 and 2 client threads
 * (each transaction on a connection of its own from the pool), beside {@code pgbench -N} and
 * {@code pgbench -S} on the same server in the same run; then the timeline read of a customer
 * with 10,000 items.
 *
 * <pre>{@code
 * set -a; source target/ci-postgres.env; set +a
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.core.OpsBenchmark 10 \
 *     /usr/lib/postgresql/15/bin/pgbench
 * }</pre>
 */
public final class OpsBenchmark {

  private OpsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String pgbench = args.length > 1 ? args[1] : "/usr/lib/postgresql/15/bin/pgbench";
    String what = args.length > 2 ? args[2] : "ops,timeline";
    String schema = "ops_bench";
    String url = Bench.freshSchema(schema);
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setReWriteBatchedInserts(true);
    pg.setUrl(url);
    pg.setUser(Bench.env("CRMKIT_PG_USER"));
    pg.setPassword(Bench.env("CRMKIT_PG_PASSWORD"));
    JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
    try (CrmStore store = CrmStore.jdbc(pool)) {
      Crm crm = Crm.builder().clock(Clock.systemUTC()).store(store).build();
      if (what.contains("ops")) {
        ops(crm, seconds, pgbench);
      }
      if (what.contains("timeline")) {
        timeline(crm);
      }
    } finally {
      pool.dispose();
      Bench.dropSchema(schema);
    }
  }

  static void ops(Crm crm, int seconds, String pgbench) throws Exception {
    ServiceDesk desk = ServiceDesk.create(crm, SlaPolicy.builder(BusinessCalendar.of(ZoneOffset.UTC,
            LocalTime.of(9, 0), LocalTime.of(17, 0), BusinessCalendar.MONDAY_TO_FRIDAY, Set.of()))
        .all(SlaTarget.businessHours(4, 8)).build(),
        EscalationPolicy.of(EscalationLevel.of("lead", Duration.ZERO, "lead")));
    // seed: customers to buy, orders of 5 units to return, pairs to merge
    int seeded = 60_000; // enough returns and merge pairs for two 8 s rounds on an idle machine
    int returnable = 12_000;
    List<Registration<?>> regs = new ArrayList<>();
    for (int i = 0; i < seeded; i++) {
      regs.add(Registration.individual("Seed " + i).id(CustomerId.of("S" + i))
          .email("s" + i + "@example.com"));
    }
    for (int from = 0; from < seeded; from += 500) {
      crm.registerAll(regs.subList(from, from + 500));
    }
    List<OrderRequest> seedOrders = new ArrayList<>();
    for (int i = 0; i < returnable; i++) {
      seedOrders.add(OrderRequest.of(CustomerId.of("S" + i), Channel.WEB, "EUR").orderId("SO-" + i)
          .line("SKU", "c", 5, Money.of("10", "EUR"), Money.of("10", "EUR")));
    }
    for (int from = 0; from < seedOrders.size(); from += 500) {
      crm.recordPurchases(seedOrders.subList(from, from + 500));
    }
    AtomicInteger registered = new AtomicInteger();
    AtomicInteger returned = new AtomicInteger();
    AtomicInteger merged = new AtomicInteger();
    System.out.printf("%-10s %7s %10s %8s %8s  %s%n", "operation", "clients", "ops/s", "p50 ms",
        "p99 ms", "load before");
    for (int clients = 1; clients <= 2; clients++) {
      pgbench(pgbench, "-N", clients, seconds);
      op("register", clients, seconds, i -> crm.register(Registration.individual("New " + i)
          .email("n" + registered.incrementAndGet() + "@example.com")));
      op("purchase", clients, seconds, i -> crm.recordPurchase(OrderRequest.of(
          CustomerId.of("S" + Math.floorMod(i * 7919, seeded)), Channel.WEB, "EUR")
          .line("SKU", "c", 1, Money.of("10", "EUR"), Money.of("10", "EUR"))));
      op("return", clients, seconds, i -> crm.recordReturn(ReturnRequest.of(
          "SO-" + (returned.getAndIncrement() % returnable)).line(1, 1)));
      // merges: disjoint pairs of seeded customers from the last returnable one up, each merged once
      op("merge", clients, seconds, i -> {
        int k = merged.getAndIncrement();
        crm.merge(CustomerId.of("S" + (returnable + 2 * k)),
            CustomerId.of("S" + (returnable + 1 + 2 * k)));
      });
      op("open case", clients, seconds, i -> desk.open(CaseRequest.of(
          CustomerId.of("S" + Math.floorMod(i * 104729, returnable)), CaseType.COMPLAINT,
          Priority.NORMAL, Channel.PHONE).owner("agent-1").subject("broken")));
      pgbench(pgbench, "-S", clients, seconds);
    }
  }

  /** Runs {@code body} on {@code clients} threads for a while (after a 2 s warm-up). */
  static void op(String name, int clients, int seconds, IntConsumer body) throws Exception {
    String load = Bench.load();
    long[][] latencies = new long[clients][2_000_000];
    int[] counts = new int[clients];
    CountDownLatch done = new CountDownLatch(clients);
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    long end = warmEnd + seconds * 1_000_000_000L;
    AtomicInteger seq = new AtomicInteger();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < clients; t++) {
      int me = t;
      Thread thread = new Thread(() -> {
        try {
          while (true) {
            long start = System.nanoTime();
            if (start >= end) {
              break;
            }
            body.accept(seq.getAndIncrement());
            long took = System.nanoTime() - start;
            if (start >= warmEnd && counts[me] < latencies[me].length) {
              latencies[me][counts[me]++] = took;
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      });
      thread.start();
    }
    done.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException(name + " failed", failures.get(0));
    }
    int n = 0;
    for (int c : counts) {
      n += c;
    }
    long[] all = new long[n];
    int at = 0;
    for (int t = 0; t < clients; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    System.out.printf(Locale.ROOT, "%-10s %7d %10.0f %8s %8s  %s%n", name, clients,
        n / (double) seconds, Bench.ms(Bench.quantile(all, n, 0.50)),
        Bench.ms(Bench.quantile(all, n, 0.99)), load);
  }

  /** pgbench on its own database (initialised once, scale 1), same server. */
  static void pgbench(String pgbench, String mode, int clients, int seconds) throws Exception {
    String url = Bench.env("CRMKIT_PG_URL"); // jdbc:postgresql://host:port/db
    String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
    String host = hostPort.substring(0, hostPort.indexOf(':'));
    String port = hostPort.substring(hostPort.indexOf(':') + 1);
    String db = System.getProperty("bench.pgbench.db", "crmkit_pgbench");
    String load = Bench.load();
    ProcessBuilder pb = new ProcessBuilder(pgbench, "-h", host, "-p", port, "-U",
        Bench.env("CRMKIT_PG_USER"), mode, "-c", "" + clients, "-j", "" + clients, "-T",
        "" + seconds, "-r", db);
    pb.environment().put("PGPASSWORD", Bench.env("CRMKIT_PG_PASSWORD"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String tps = "?";
    String latency = "?";
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("tps")) {
          tps = line.replaceAll("tps = ([0-9.]+).*", "$1");
        } else if (line.startsWith("latency average")) {
          latency = line.replaceAll(".*= ([0-9.]+) ms.*", "$1");
        }
      }
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("pgbench failed");
    }
    System.out.printf(Locale.ROOT, "%-10s %7d %10.0f %8s %8s  %s%n", "pgbench " + mode, clients,
        Double.parseDouble(tps), "avg " + latency, "", load);
  }

  /**
   * The timeline of a customer with 7,000 orders and 3,000 interactions, read 300 times in full
   * ({@code crm.timeline}) and 300 times as items ({@code crm.timelineItems}), alternating.
   */
  static void timeline(Crm crm) {
    CustomerId id = CustomerId.of("T-1");
    crm.register(Registration.individual("Timeline").id(id));
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    List<OrderRequest> orders = new ArrayList<>();
    for (int i = 0; i < 7000; i++) {
      orders.add(OrderRequest.of(id, Channel.WEB, "EUR").orderId("TO-" + i)
          .orderedAt(t0.plusSeconds(3600L * i))
          .line("SKU-" + (i % 50), "c", 1, Money.of("10", "EUR"), Money.of("10", "EUR")));
    }
    for (int from = 0; from < orders.size(); from += 500) {
      crm.recordPurchases(orders.subList(from, from + 500));
    }
    for (int i = 0; i < 3000; i++) {
      crm.logInteraction(InteractionRequest.of(id, Channel.PHONE, InteractionType.INQUIRY,
          Direction.INBOUND).id("TI-" + i).occurredAt(t0.plusSeconds(7200L * i)).notes("call " + i));
    }
    int items = crm.timeline(id).entries().size();
    if (crm.timelineItems(id).size() != items) {
      throw new AssertionError("timelineItems and timeline differ in size");
    }
    for (int i = 0; i < 30; i++) {
      crm.timeline(id);
      crm.timelineItems(id);
    }
    String load = Bench.load();
    // the full timeline (records from their JSON bodies) and the items (plain columns),
    // alternating read by read
    int runs = 300;
    long[] full = new long[runs];
    long[] listed = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      crm.timeline(id);
      full[i] = System.nanoTime() - start;
      start = System.nanoTime();
      crm.timelineItems(id);
      listed[i] = System.nanoTime() - start;
    }
    for (Object[] row : new Object[][] {{"timeline", full}, {"timelineItems", listed}}) {
      long[] took = (long[]) row[1];
      System.out.printf(Locale.ROOT, "%s of %d items, %d reads: p50 %s ms, p99 %s ms,"
          + " max %s ms (load before: %s)%n", row[0], items, runs,
          Bench.ms(Bench.quantile(took, runs, 0.5)), Bench.ms(Bench.quantile(took, runs, 0.99)),
          Bench.ms(Bench.quantile(took, runs, 1.0)), load);
    }
    Customer c = crm.get(id);
    if (!c.id().equals(id)) {
      throw new AssertionError();
    }
    Order first = crm.findOrder("TO-0").orElseThrow();
    if (!first.customerId().equals(id)) {
      throw new AssertionError();
    }
  }
}
