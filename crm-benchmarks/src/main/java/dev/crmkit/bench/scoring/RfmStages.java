package dev.crmkit.bench.scoring;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Times the stages of {@code crm rfm} in one process (read, summary, scores, write), to see
 * where the end-to-end time goes. One run, after no warm-up: the same as the command line.
 *
 * <pre>{@code
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.scoring.RfmStages TX.csv 2024-12-31 OUT.csv
 * }</pre>
 */
public final class RfmStages {
  private RfmStages() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    LocalDate asOf = LocalDate.parse(args[1]);
    Path output = Path.of(args[2]);
    long t0 = System.nanoTime();
    TransactionLog log = TransactionLogCsv.read(input).log();
    long t1 = System.nanoTime();
    CustomerSummary summary = CustomerSummary.of(log, asOf);
    long t2 = System.nanoTime();
    ScoreTable table = new RfmStrategy(RfmConfig.defaults()).score(summary);
    long t3 = System.nanoTime();
    try (Writer out = Files.newBufferedWriter(output)) {
      table.writeCsv(out);
    }
    long t4 = System.nanoTime();
    System.out.printf(
        "read %.2f s, summary %.2f s, rfm %.2f s, write %.2f s; %d rows, %d customers%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, log.size(),
        summary.size());
  }
}
