package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Bootstrap CLV intervals on the CDNOW calibration summary (skips, saying why, without the dataset). */
class BootstrapCdnowTest {

  @Test
  void the_totals_intervals_contain_the_point_totals_of_bg_nbd_and_gamma_gamma() throws IOException {
    CbsSummary s = CdnowPublishedEstimatesTest.summary();
    Clv point = Clv.of(BgNbd.fit(s.rows()).model(), GammaGamma.fit(s.spendRows()).model(), TimeUnit.WEEKS.perMonth(),
        12, 0.01, 1);
    Bootstrap.ClvIntervals intervals = Bootstrap.clv(point, s, new Bootstrap.Options(100, 2026L, 0.95));
    double horizon = 12 * TimeUnit.WEEKS.perMonth();
    double totalClv = 0;
    double totalPurchases = 0;
    int inside = 0;
    for (int i = 0; i < s.size(); i++) {
      double m = s.monetaryValue(i);
      double v = s.frequency(i) > 0 && m > 0 ? point.value(s.frequency(i), s.recency(i), s.T(i), m)
          : point.valueAtPopulationSpend(s.frequency(i), s.recency(i), s.T(i));
      totalClv += v;
      totalPurchases += point.transactions().conditionalExpectedPurchases(horizon, s.frequency(i), s.recency(i),
          s.T(i));
      Bootstrap.Interval c = intervals.clv().get(i);
      inside += c.lower() <= v && v <= c.upper() ? 1 : 0;
    }
    assertThat(intervals.failedRefits()).isLessThanOrEqualTo(10);
    assertThat(inside).as("customers whose point CLV lies in their interval").isGreaterThan(s.size() * 95 / 100);
    Bootstrap.Interval total = intervals.totalClv();
    assertThat(total.lower()).isLessThan(totalClv);
    assertThat(total.upper()).isGreaterThan(totalClv);
    // 2,357 customers: the total is known to within a few tens of percent, not to a factor
    assertThat(total.lower()).isGreaterThan(totalClv * 0.7);
    assertThat(total.upper()).isLessThan(totalClv * 1.3);
    assertThat(intervals.totalExpectedPurchases().lower()).isLessThan(totalPurchases);
    assertThat(intervals.totalExpectedPurchases().upper()).isGreaterThan(totalPurchases);
  }
}
