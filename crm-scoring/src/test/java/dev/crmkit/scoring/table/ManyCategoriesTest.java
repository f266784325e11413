package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A product-description category column: thousands of values, a few per customer. */
class ManyCategoriesTest {

  @TempDir Path dir;

  @Test
  void four_thousand_categories_summarise_as_the_log_does_and_keep_only_the_pairs_used() throws IOException {
    Random random = new Random(4);
    StringBuilder csv = new StringBuilder("customer_id,date,amount,category\n");
    double[] c7InProduct3999 = {0};
    for (int i = 0; i < 20_000; i++) {
      int customer = random.nextInt(500);
      int product = random.nextInt(4000);
      // a return now and then: netted in its category too
      double amount = (random.nextInt(20) == 0 ? -1 : 1) * (1 + random.nextInt(5000)) / 100.0;
      csv.append('C').append(customer).append(",2011-0").append(1 + random.nextInt(9)).append("-1")
          .append(random.nextInt(10)).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", amount))
          .append(",\"PRODUCT, ").append(product).append("\"\n");
    }
    csv.append("C7,2011-01-01,12.34,\"PRODUCT, 3999\"\nC7,2011-01-02,-2.00,\"PRODUCT, 3999\"\n");
    Path file = Files.writeString(dir.resolve("tx.csv"), csv);
    LocalDate asOf = LocalDate.of(2011, 12, 31);

    CustomerSummary streamed = TransactionLogCsv.summarize(file, asOf).summary();
    CustomerSummary fromLog = CustomerSummary.of(TransactionLogCsv.read(file).log(), asOf);

    assertThat(streamed.categoryCount()).isEqualTo(fromLog.categoryCount()).isGreaterThan(3900);
    for (int i = 0; i < fromLog.size(); i++) {
      assertThat(streamed.row(i)).isEqualTo(fromLog.row(i));
    }
    int c7 = streamed.indexOf("C7");
    int k = java.util.Arrays.asList(categoryNames(streamed)).indexOf("PRODUCT, 3999");
    double expected = 0;
    TransactionLog log = TransactionLogCsv.read(file).log();
    for (int r = 0; r < log.size(); r++) {
      if (log.customerId(log.customerIndex(r)).equals("C7") && log.category(r) == k) {
        expected += log.amount(r);
      }
    }
    assertThat(streamed.categoryTotal(c7, k)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(expected).isNotZero();

    // not reading the column: the same totals, no categories
    CustomerSummary without =
        TransactionLogCsv.summarize(file, asOf, null, TransactionLogCsv.Options.defaults().categories(false))
            .summary();
    assertThat(without.categoryCount()).isZero();
    for (int i = 0; i < fromLog.size(); i++) {
      assertThat(without.total(i)).isEqualTo(fromLog.total(i));
      assertThat(without.transactions(i)).isEqualTo(fromLog.transactions(i));
    }
  }

  private static String[] categoryNames(CustomerSummary s) {
    String[] names = new String[s.categoryCount()];
    for (int k = 0; k < names.length; k++) {
      names[k] = s.categoryName(k);
    }
    return names;
  }
}
