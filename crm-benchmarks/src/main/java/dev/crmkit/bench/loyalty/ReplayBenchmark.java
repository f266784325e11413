package dev.crmkit.bench.loyalty;

import dev.crmkit.loyalty.LedgerStore;
import dev.crmkit.loyalty.LoyaltyProgram;
import dev.crmkit.loyalty.LoyaltyReplay;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk replay, events per second: a year of 20,000 events (purchases, redemptions, returns) for
 * 2,000 members, parsed from JSON Lines and replayed into a fresh in-memory store, ending with an
 * expiry run and the report (balances, tiers, ledgers, liability).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {

  static final int EVENTS = 20_000;
  static final String PROGRAM = """
      {"id": "bench", "currency": "EUR", "zone": "Europe/Berlin", "pendingDays": 7,
       "expiry": {"policy": "after-days", "days": 180}, "returnPolicy": "within-balance",
       "rules": [{"id": "base", "type": "spend", "points": "1", "perAmount": "1.00", "rounding": "down",
                  "categoryMultipliers": {"coffee": "2"}}],
       "tiers": {"basis": "spend", "window": "rolling", "windowDays": 365, "review": "monthly",
                 "downgrade": "one-level", "levels": [{"id": "green", "threshold": "0", "multiplier": "1"},
                 {"id": "gold", "threshold": "500", "multiplier": "1.5"}]}}""";

  private LoyaltyProgram program;
  private String events;

  @Setup
  public void generate() {
    program = LoyaltyProgram.fromJson(PROGRAM);
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder();
    Instant start = Instant.parse("2026-01-01T08:00:00Z");
    for (int i = 0; i < EVENTS; i++) {
      Instant t = start.plusSeconds(i * (365L * 86400 / EVENTS));
      int member = random.nextInt(2000);
      int kind = random.nextInt(10);
      if (kind < 7 || i < 2000) {
        sb.append("{\"time\": \"%s\", \"member\": \"m%d\", \"key\": \"k%d\", \"type\": \"purchase\", \"order\": \"O%d\","
            .formatted(t, member, i, i))
            .append(" \"lines\": [{\"sku\": \"ESP\", \"category\": \"coffee\", \"quantity\": 1, \"paid\": \"%d.20\"}]}\n"
                .formatted(2 + random.nextInt(30)));
      } else if (kind < 9) {
        sb.append("{\"time\": \"%s\", \"member\": \"m%d\", \"key\": \"k%d\", \"type\": \"redeem\", \"points\": 5, \"reference\": \"P%d\"}\n"
            .formatted(t, member, i, i));
      } else {
        int order = random.nextInt(i);
        sb.append("{\"time\": \"%s\", \"member\": \"m%d\", \"key\": \"k%d\", \"type\": \"return\", \"return\": \"R%d\", \"order\": \"O%d\", \"refunded\": \"1.00\"}\n"
            .formatted(t, member, i, i, order));
      }
    }
    events = sb.toString();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long replayInMemory() throws Exception {
    // bad rows (a redemption without points, a return of another member's order) are part of the mix
    LoyaltyReplay.ReplayResult result = LoyaltyReplay.of(program, LedgerStore.inMemory())
        .skipBadRows(true)
        .run(new BufferedReader(new StringReader(events)));
    return result.liability().points();
  }
}
