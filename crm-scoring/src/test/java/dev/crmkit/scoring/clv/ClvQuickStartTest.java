package dev.crmkit.scoring.clv;

import static dev.crmkit.scoring.clv.CdnowPublishedEstimatesTest.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.clv.CdnowPublishedEstimatesTest.Cdnow;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Runs the snippet of docs/clv.md on the CDNOW sample (skipped, with the reason, without it) and
 * checks the estimates its comment gives.
 */
class ClvQuickStartTest {

  @Test
  void the_snippet_runs_on_cdnow_and_gives_the_estimates_it_states() throws IOException {
    String[] customers = Cdnow.customers();
    LocalDate[] dates = Cdnow.dates();
    double[] amounts = Cdnow.amounts();
    TransactionLog.Builder b = TransactionLog.builder();
    for (int i = 0; i < customers.length; i++) {
      b.add(customers[i], dates[i], amounts[i]);
    }
    TransactionLog log = b.build();
    // --- clv (docs/clv.md) ---
    CbsSummary summary = CbsSummary.builder(LocalDate.of(1997, 9, 30))
        .observationEnd(LocalDate.of(1998, 6, 30))
        .timeUnit(TimeUnit.WEEKS)
        .build(log);                                   // a TransactionLog
    ModelFit<BgNbd> fit = BgNbd.fit(summary.rows());   // r = 0.243, alpha = 4.414, a = 0.793, b = 2.426
    ModelFit<GammaGamma> spend = GammaGamma.fit(summary.spendRows());
    Clv clv = Clv.of(fit.model(), spend.model(), TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);
    double value = clv.value(summary.frequency(0), summary.recency(0), summary.T(0), summary.monetaryValue(0));
    // --- end of clv ---
    BgNbd m = fit.model();
    assertThat(new double[] {round(m.r(), 3), round(m.alpha(), 3), round(m.a(), 3), round(m.b(), 3)})
        .containsExactly(0.243, 4.414, 0.793, 2.426);
    assertThat(value).isPositive().isFinite();
  }
}
