package dev.crmkit.bench.scoring;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.strategies.WeightedValueConfig;
import dev.crmkit.scoring.strategies.WeightedValueStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-memory steps of scoring: the customer summary of 10 million transactions (1 million
 * customers), and RFM and the weighted-value pyramid on that 1-million-customer summary.
 *
 * <pre>{@code
 * java -jar crm-benchmarks/target/benchmarks.jar 'dev.crmkit.bench.scoring.ScoringBenchmarks' -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ScoringBenchmarks {

  static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

  TransactionLog log;
  CustomerSummary summary;
  RfmStrategy rfm;
  WeightedValueStrategy pyramid;

  @Setup(Level.Trial)
  public void setUp() {
    // the same shape as TransactionCsvGenerator: skewed customers, log-normal cents, two years
    SplittableRandom random = new SplittableRandom(42);
    int customers = 1_000_000;
    String[] ids = new String[customers];
    for (int c = 0; c < customers; c++) {
      ids[c] = "C" + c;
    }
    TransactionLog.Builder b = TransactionLog.builder();
    long first = AS_OF.minusDays(729).toEpochDay();
    for (int i = 0; i < 10_000_000; i++) {
      int c = i < customers ? i : (int) (Math.pow(random.nextDouble(), 2) * customers);
      long cents = Math.max(1, Math.round(Math.exp(3.0 + 0.9 * random.nextGaussian()) * 100));
      b.add(ids[c], first + random.nextInt(730), cents / 100.0);
    }
    log = b.build();
    summary = CustomerSummary.of(log, AS_OF);
    rfm = new RfmStrategy(RfmConfig.defaults());
    pyramid =
        new WeightedValueStrategy(
            new WeightedValueConfig(
                List.of(
                    new WeightedValueConfig.Criterion("amount", "revenue", 0.5, null, null, null),
                    new WeightedValueConfig.Criterion("frequency", "repurchases", 0.3, null, null, null),
                    new WeightedValueConfig.Criterion("tenure", "tenure", 0.2, "min-max", null, null)),
                "",
                null,
                null));
  }

  @Benchmark
  public CustomerSummary summaryOf10MillionTransactions() {
    return CustomerSummary.of(log, AS_OF);
  }

  @Benchmark
  public ScoreTable rfmOf1MillionCustomers() {
    return rfm.score(summary);
  }

  @Benchmark
  public ScoreTable weightedValuePyramidOf1MillionCustomers() {
    return pyramid.score(summary);
  }
}
