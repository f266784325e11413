package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;

/** Small summaries for worked examples. */
final class Summaries {
  static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

  private Summaries() {}

  /** One purchase per customer on the as-of date: ids C1, C2, ... with these totals. */
  static CustomerSummary totals(double... totals) {
    TransactionLog.Builder log = TransactionLog.builder();
    for (int i = 0; i < totals.length; i++) {
      if (totals[i] < 0) {
        // a negative total: a purchase and a larger return (a return alone makes no customer)
        log.add("C" + (i + 1), AS_OF, 1.0);
        log.add("C" + (i + 1), AS_OF, totals[i] - 1.0);
      } else {
        log.add("C" + (i + 1), AS_OF, totals[i]);
      }
    }
    return CustomerSummary.of(log.build(), AS_OF);
  }
}
