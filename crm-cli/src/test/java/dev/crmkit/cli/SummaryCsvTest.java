package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.clv.CbsRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast path of {@code crm clv fit} gives the rows of the checked path, and steps aside for anything unusual. */
class SummaryCsvTest {

  @TempDir Path dir;

  /** A summary with weights, CRLF line ends, a BOM and blank lines: what the fast path must read like the slow one. */
  private Path summary(String name, int n, boolean crlf) throws IOException {
    Random random = new Random(11);
    String eol = crlf ? "\r\n" : "\n";
    StringBuilder s = new StringBuilder("\uFEFFcustomer_id,frequency,recency,T,weights,other").append(eol);
    for (int i = 0; i < n; i++) {
      int t = 30 + random.nextInt(40);
      int x = random.nextInt(4) == 0 ? 0 : random.nextInt(8);
      String tx = x == 0 ? "0" : (random.nextBoolean() ? Integer.toString(random.nextInt(t + 1)) : "12.5");
      s.append("c").append(i).append(',').append(x).append(',').append(tx).append(',').append(t).append(',')
          .append(1 + random.nextInt(3)).append(",zz").append(eol);
      if (i % 97 == 0) {
        s.append("  ").append(eol);
      }
    }
    return Files.writeString(dir.resolve(name), s.toString(), StandardCharsets.UTF_8);
  }

  private static CbsRows slow(Path file) {
    SummaryCsv csv = SummaryCsv.read(file, List.of("frequency", "recency", "T"), List.of("weights"));
    ClvCommand.checkHistories(csv, "bg-nbd");
    return ClvCommand.Fit.rows(csv, "bg-nbd");
  }

  /** The distinct rows with their weights, sorted. */
  private static List<String> rowsOf(CbsRows rows) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      out.add(rows.frequency(i) + "," + rows.recency(i) + "," + rows.T(i) + "," + rows.weight(i));
    }
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void fast_rows_are_the_checked_rows() throws IOException {
    for (boolean crlf : new boolean[] {false, true}) {
      Path file = summary("s" + crlf + ".csv", 5_000, crlf);
      CbsRows fast = SummaryCsv.compressedHistories(file);
      CbsRows slow = slow(file);
      assertThat(fast).isNotNull();
      assertThat(fast.customers()).isEqualTo(slow.customers());
      assertThat(fast.size()).isEqualTo(slow.size());
      assertThat(rowsOf(fast)).isEqualTo(rowsOf(slow));
    }
  }

  @Test
  void anything_unusual_is_left_to_the_checked_path() throws IOException {
    String header = "customer_id,frequency,recency,T\n";
    for (String body : List.of("\"a,b\",1,2,3\n", "a,1,-2,3\n", "a,1,4,3\n", "a,0,1,3\n", "a,1.5,1,3\n",
        "a,1,2\n", ",1,2,3\n", "a,1,2,1e3\n", "a,1,x,3\n")) {
      Path file = Files.writeString(dir.resolve("bad.csv"), header + "b,1,1,2\n" + body);
      assertThat(SummaryCsv.compressedHistories(file)).as(body).isNull();
    }
    Path noColumn = Files.writeString(dir.resolve("nocol.csv"), "frequency,recency\n1,2\n");
    assertThat(SummaryCsv.compressedHistories(noColumn)).isNull();
    Path empty = Files.writeString(dir.resolve("empty.csv"), header);
    assertThat(SummaryCsv.compressedHistories(empty)).isNull();
  }
}
