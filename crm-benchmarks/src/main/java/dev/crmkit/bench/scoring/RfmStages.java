package dev.crmkit.bench.scoring;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Times the stages of {@code crm rfm} in one process, to see where the end-to-end time goes:
 * the CSV read straight into the summary ({@link TransactionLogCsv#summarize}, as the command
 * does), the scores, the write; with {@code log} as fourth argument the summary is made the
 * other way, by reading the log and summarising it. One run, after no warm-up: the same as the
 * command line. Prints the peak resident set size after each stage (Linux).
 *
 * <pre>{@code
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.scoring.RfmStages TX.csv 2024-12-31 OUT.csv [log]
 * }</pre>
 */
public final class RfmStages {
  private RfmStages() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    LocalDate asOf = LocalDate.parse(args[1]);
    Path output = Path.of(args[2]);
    boolean viaLog = args.length > 3 && args[3].equals("log");
    StringBuilder report = new StringBuilder();
    long t0 = System.nanoTime();
    CustomerSummary summary;
    long rows;
    if (viaLog) {
      TransactionLog log = TransactionLogCsv.read(input).log();
      rows = log.size();
      stage(report, "read", t0);
      long t1 = System.nanoTime();
      summary = CustomerSummary.of(log, asOf);
      log = null;
      stage(report, "summary", t1);
    } else {
      TransactionLogCsv.SummaryResult read = TransactionLogCsv.summarize(input, asOf);
      rows = read.rows();
      summary = read.summary();
      stage(report, "summarize", t0);
    }
    long t2 = System.nanoTime();
    ScoreTable table = new RfmStrategy(RfmConfig.defaults()).score(summary);
    stage(report, "rfm", t2);
    long t3 = System.nanoTime();
    try (Writer out = Files.newBufferedWriter(output)) {
      table.writeCsv(out);
    }
    stage(report, "write", t3);
    System.out.printf("%s; %d rows, %d customers%n", report, rows, summary.size());
  }

  private static void stage(StringBuilder report, String name, long start) throws IOException {
    if (report.length() > 0) {
      report.append(", ");
    }
    report.append(String.format("%s %.2f s (peak RSS %s)", name, (System.nanoTime() - start) / 1e9,
        peakRss()));
  }

  /** VmHWM from /proc/self/status, or "?" where there is none. */
  private static String peakRss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "?";
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return (Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024) + " MB";
      }
    }
    return "?";
  }
}
