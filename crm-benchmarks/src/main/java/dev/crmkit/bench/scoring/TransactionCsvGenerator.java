package dev.crmkit.bench.scoring;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes a synthetic transaction CSV ({@code customer_id,date,amount}) for the end-to-end
 * benchmark: by default 10 million rows over 1 million customers and two years, in date order
 * as exports usually are. Deterministic for a seed.
 *
 * <p>Customers buy with skewed frequencies (a few buy often, most once or twice) and amounts
 * are log-normal with two decimals, so RFM has the heavy ties real data has.
 *
 * <pre>{@code
 * java -cp crm-benchmarks/target/benchmarks.jar dev.crmkit.bench.scoring.TransactionCsvGenerator \
 *     target/tx-10m.csv 10000000 1000000
 * }</pre>
 */
public final class TransactionCsvGenerator {

  static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
  static final int DAYS = 730;

  private TransactionCsvGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: TransactionCsvGenerator OUT.csv [rows] [customers] [seed]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
    int customers = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
    long start = System.nanoTime();
    write(out, rows, customers, seed);
    System.out.printf(
        "wrote %s: %d rows, %d customers, %d bytes in %.1f s%n",
        out, rows, customers, Files.size(out), (System.nanoTime() - start) / 1e9);
  }

  /** Writes the file; each day gets rows/730 rows (the remainder spread over the first days). */
  public static void write(Path out, long rows, int customers, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] dates = new byte[DAYS][];
    for (int d = 0; d < DAYS; d++) {
      dates[d] = FIRST_DAY.plusDays(d).toString().getBytes(StandardCharsets.US_ASCII);
    }
    byte[] line = new byte[64];
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      os.write("customer_id,date,amount\n".getBytes(StandardCharsets.US_ASCII));
      long perDay = rows / DAYS;
      long extra = rows % DAYS;
      // every customer appears at least once when rows >= customers: the first pass walks them
      long walked = 0;
      for (int d = 0; d < DAYS; d++) {
        long n = perDay + (d < extra ? 1 : 0);
        for (long i = 0; i < n; i++) {
          int customer;
          if (walked < customers && random.nextInt(5) < 1) {
            customer = (int) walked++;
          } else {
            // skewed: the square of a uniform favours low ids, so some customers buy often
            double u = random.nextDouble();
            customer = (int) (u * u * customers);
          }
          int p = 0;
          line[p++] = 'C';
          p = writeInt(line, p, customer);
          line[p++] = ',';
          System.arraycopy(dates[d], 0, line, p, 10);
          p += 10;
          line[p++] = ',';
          long cents = Math.max(1, Math.round(Math.exp(3.0 + 0.9 * random.nextGaussian()) * 100));
          p = writeInt(line, p, cents / 100);
          line[p++] = '.';
          line[p++] = (byte) ('0' + (cents / 10) % 10);
          line[p++] = (byte) ('0' + cents % 10);
          line[p++] = '\n';
          os.write(line, 0, p);
        }
      }
    }
  }

  private static int writeInt(byte[] buf, int p, long value) {
    if (value == 0) {
      buf[p++] = '0';
      return p;
    }
    int digits = 0;
    for (long v = value; v > 0; v /= 10) {
      digits++;
    }
    for (int i = digits - 1; i >= 0; i--) {
      buf[p + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return p + digits;
  }
}
