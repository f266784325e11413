package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pareto/NBD gives the same fit and the same verdict in any time unit, and says when data do not identify it. */
class ParetoNbdIdentificationTest {

  @Test
  void cdnow_in_days_is_cdnow_in_weeks_with_time_scaled_and_no_warning() throws IOException {
    CbsSummary weeks = CdnowPublishedEstimatesTest.summary();
    CbsSummary days = CbsSummary.builder(CdnowPublishedEstimatesTest.CALIBRATION_END).timeUnit(TimeUnit.DAYS)
        .build(CdnowPublishedEstimatesTest.Cdnow.customers(), CdnowPublishedEstimatesTest.Cdnow.dates(),
            CdnowPublishedEstimatesTest.Cdnow.amounts());

    ModelFit<ParetoNbd> w = ParetoNbd.fit(weeks.rows());
    ModelFit<ParetoNbd> d = ParetoNbd.fit(days.rows());

    assertThat(w.warnings()).isEmpty();
    assertThat(d.warnings()).isEmpty();
    assertThat(d.model().r()).isCloseTo(w.model().r(), within(1e-4));
    assertThat(d.model().s()).isCloseTo(w.model().s(), within(1e-4));
    assertThat(d.model().alpha() / 7).isCloseTo(w.model().alpha(), within(1e-3 * w.model().alpha()));
    assertThat(d.model().beta() / 7).isCloseTo(w.model().beta(), within(1e-3 * w.model().beta()));
    // the log-likelihood of times in days is that of weeks less ln 7 per repeat transaction
    double repeats = 0;
    for (int i = 0; i < weeks.size(); i++) {
      repeats += weeks.frequency(i);
    }
    assertThat(d.logLikelihood()).isCloseTo(w.logLikelihood() - repeats * Math.log(7), within(1e-2));
  }

  /** Customers who never die, observed a short while: the dropout process is not identified. */
  private static CbsRows immortal(double unitDays) {
    Random random = new Random(17);
    int n = 600;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double age = 200 + random.nextInt(170); // days
      double rate = -Math.log(1 - random.nextDouble()) * 0.02; // purchases per day, exponential
      double clock = 0;
      int count = -1;
      double last = 0;
      while (true) {
        clock += count < 0 ? 0 : -Math.log(1 - random.nextDouble()) / rate;
        if (clock > age) {
          break;
        }
        count++;
        last = clock;
      }
      x[i] = count;
      tx[i] = count == 0 ? 0 : Math.floor(last) / unitDays;
      t[i] = age / unitDays;
      w[i] = 1;
    }
    return CbsRows.of(x, tx, t, w);
  }

  @Test
  void data_without_dropout_give_the_same_warning_in_days_and_weeks_and_still_a_fit() {
    ModelFit<ParetoNbd> days = ParetoNbd.fit(immortal(1));
    ModelFit<ParetoNbd> weeks = ParetoNbd.fit(immortal(7));

    assertThat(days.warnings()).isNotEmpty();
    // the same verdict: the same sentences about the same parameters (ratios aside, which an
    // unidentified optimum does not pin down)
    assertThat(weeks.warnings().stream().map(v -> v.replaceAll("[0-9]+", "#")).toList())
        .isEqualTo(days.warnings().stream().map(v -> v.replaceAll("[0-9]+", "#")).toList());
    assertThat(days.warnings()).allMatch(s -> s.endsWith("."))
        .anyMatch(s -> s.contains("not identified") || s.contains("Parameter s") || s.contains("Parameter beta"));
    assertThat(days.model().r()).isCloseTo(weeks.model().r(), within(1e-3 * days.model().r()));
    // nobody drops out: in both units the dropout shape s goes to 0, where its value means nothing
    assertThat(days.model().s()).isLessThan(1e-3);
    assertThat(weeks.model().s()).isLessThan(1e-3);
    assertThat(Double.isFinite(days.logLikelihood())).isTrue();
  }
}
