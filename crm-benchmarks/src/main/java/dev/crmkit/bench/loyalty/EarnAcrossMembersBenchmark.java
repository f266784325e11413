package dev.crmkit.bench.loyalty;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.Loyalty;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.Purchase;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 19's in-memory goal: earn across 100,000 members, about 10 earns each, both cores (2
 * threads), at least 1,000,000 ops/s. Each iteration starts from an empty in-memory store and
 * lasts 1 s, so at the goal's rate every member gets about ten earns an iteration. One operation
 * is what a host does per sale: build the purchase (two lines, coffee earns double) and its key,
 * and call {@link Loyalty#purchase} (fingerprint, member lock, key check, decide, publish).
 * The two threads take alternate members, so they contend on the shared indexes, not on one
 * member's lock.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Threads(2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class EarnAcrossMembersBenchmark {

  static final int MEMBERS = 100_000;

  /** The store and program, fresh for every iteration. */
  @State(Scope.Benchmark)
  public static class Shared {
    Loyalty loyalty;
    CustomerId[] members;
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void members() {
      members = new CustomerId[MEMBERS];
      for (int i = 0; i < MEMBERS; i++) {
        members[i] = CustomerId.of("m" + i);
      }
    }

    @Setup(Level.Iteration)
    public void fresh() {
      loyalty = Loyalty.of(LoyaltyProgram.fromJson(LoyaltyBenchmark.PROGRAM), LedgerStore.inMemory(), Clock.systemUTC());
    }
  }

  /** One thread's place: it takes members {@code index, index + 2, ...}. */
  @State(Scope.Thread)
  public static class Cursor {
    int index;
    long n;

    @Setup(Level.Trial)
    public void index(Shared shared) {
      index = shared.threads.getAndIncrement();
    }
  }

  private static final Money ESPRESSO = Money.of("3.20", "EUR");
  private static final Money CAKE = Money.of("4.90", "EUR");

  @Benchmark
  public long earn(Shared shared, Cursor cursor) {
    long n = cursor.n++;
    int member = (int) ((n * 2 + cursor.index) % MEMBERS);
    String id = cursor.index + "-" + n;
    Purchase p = new Purchase(shared.members[member], "O-" + id,
        List.of(new Purchase.Line("ESP", "coffee", 1, ESPRESSO), new Purchase.Line("CAKE", "food", 1, CAKE)));
    return shared.loyalty.purchase(p, "k-" + id).points();
  }
}
