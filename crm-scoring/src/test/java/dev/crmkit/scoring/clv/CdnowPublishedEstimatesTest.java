package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published CDNOW estimates (Fader, Hardie and Lee 2005; the datasets README): the 39-week
 * calibration summary, BG/NBD and Gamma-Gamma, to the digits printed.
 */
class CdnowPublishedEstimatesTest {

  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final LocalDate OBSERVATION_END = LocalDate.of(1998, 6, 30);

  private static CbsSummary cached;

  /** The CDNOW calibration summary; each test that calls it skips, with the reason, when the file is absent. */
  static synchronized CbsSummary summary() throws IOException {
    if (cached == null) {
      cached = CbsSummary.builder(CALIBRATION_END)
          .observationEnd(OBSERVATION_END)
          .timeUnit(TimeUnit.WEEKS)
          .build(Cdnow.customers(), Cdnow.dates(), Cdnow.amounts());
    }
    return cached;
  }

  @Test
  void the_summary_has_the_2357_customers_and_the_published_first_rows() throws IOException {
    CbsSummary summary = summary();
    assertThat(summary.size()).isEqualTo(2357);
    // customer 0001: purchases on 1997-01-01, 01-18 and 08-02 in the calibration period
    int first = 0;
    assertThat(summary.customerId(first)).isEqualTo("0001");
    assertThat(summary.frequency(first)).isEqualTo(2);
    assertThat(summary.recency(first)).isCloseTo(30.43, within(0.005));
    assertThat(summary.T(first)).isCloseTo(38.86, within(0.005));
    assertThat(summary.monetaryValue(first)).isCloseTo((29.73 + 14.96) / 2, within(1e-9));
    assertThat(summary.frequencyHoldout(first)).isEqualTo(1);
    assertThat(summary.durationHoldout()).isCloseTo(39.0, within(0.001));
    double repeat = 0;
    for (int i = 0; i < summary.size(); i++) {
      repeat += summary.frequency(i);
    }
    // Fader, Hardie and Lee report 2,457 repeat transactions in the calibration period
    assertThat(repeat).isEqualTo(2457);
  }

  @Test
  void bg_nbd_reproduces_the_published_estimates() throws IOException {
    ModelFit<BgNbd> fit = BgNbd.fit(summary().rows());
    BgNbd m = fit.model();
    assertThat(round(m.r(), 3)).isEqualTo(0.243);
    assertThat(round(m.alpha(), 3)).isEqualTo(4.414);
    assertThat(round(m.a(), 3)).isEqualTo(0.793);
    assertThat(round(m.b(), 3)).isEqualTo(2.426);
    assertThat(round(fit.logLikelihood(), 1)).isEqualTo(-9582.4);
    assertThat(fit.customers()).isEqualTo(2357);
    assertThat(fit.standardErrors().values()).allSatisfy(se -> assertThat(se).isPositive().isFinite());
  }

  @Test
  void bg_nbd_conditional_expectation_of_the_papers_example_customer() {
    // FHL 2005, section 5: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
    BgNbd published = new BgNbd(0.243, 4.414, 0.793, 2.426);
    assertThat(published.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
  }

  @Test
  void gamma_gamma_reproduces_the_published_estimates() throws IOException {
    ModelFit<GammaGamma> fit = GammaGamma.fit(summary().spendRows());
    GammaGamma m = fit.model();
    assertThat(round(m.p(), 2)).isEqualTo(6.25);
    assertThat(round(m.q(), 2)).isEqualTo(3.74);
    assertThat(round(m.gamma(), 2)).isEqualTo(15.44);
    assertThat(fit.customers()).isEqualTo(946);
  }

  @Test
  void t_is_measured_to_the_calibration_end_date_not_to_the_day_after() throws IOException {
    // the other reading of "1997-09-30 inclusive" (T up to 1997-10-01) misses the published a
    CbsSummary dayAfter = CbsSummary.builder(CALIBRATION_END.plusDays(1))
        .timeUnit(TimeUnit.WEEKS)
        .build(Cdnow.customers(), Cdnow.dates(), Cdnow.amounts());
    BgNbd m = BgNbd.fit(dayAfter.rows()).model();
    assertThat(round(m.a(), 3)).isNotEqualTo(0.793);
    assertThat(round(m.alpha(), 3)).isNotEqualTo(4.414);
  }

  @Test
  void pareto_nbd_reproduces_the_published_estimates() throws IOException {
    // Fader, Hardie and Lee (2005), the Pareto/NBD benchmark on the same calibration data:
    // r = 0.55, alpha = 10.58, s = 0.61, beta = 11.67, LL = -9595.0
    ModelFit<ParetoNbd> fit = ParetoNbd.fit(summary().rows());
    ParetoNbd m = fit.model();
    assertThat(round(m.r(), 2)).isEqualTo(0.55);
    assertThat(round(m.alpha(), 2)).isEqualTo(10.58);
    assertThat(round(m.s(), 2)).isEqualTo(0.61);
    assertThat(round(m.beta(), 2)).isEqualTo(11.67);
    assertThat(round(fit.logLikelihood(), 1)).isEqualTo(-9595.0);
  }

  static double round(double v, int digits) {
    return java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The CDNOW sample from ../shared/datasets; tests that use it skip when it is absent. */
  static final class Cdnow {
    private static List<String[]> lines;

    static synchronized List<String[]> lines() throws IOException {
      if (lines == null) {
        String dir = System.getProperty("crmkit.datasets");
        assumeTrue(dir != null, "system property crmkit.datasets is not set: skipping the CDNOW check");
        Path file = Path.of(dir, "cdnow_sample.txt");
        assumeTrue(Files.isReadable(file), "CDNOW sample not found at " + file + ": skipping the CDNOW check");
        List<String[]> read = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
          String trimmed = line.strip();
          if (!trimmed.isEmpty()) {
            read.add(trimmed.split("\\s+"));
          }
        }
        lines = read;
      }
      return lines;
    }

    static String[] customers() throws IOException {
      return lines().stream().map(f -> f[1]).toArray(String[]::new);
    }

    static LocalDate[] dates() throws IOException {
      DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
      return lines().stream().map(l -> LocalDate.parse(l[2], f)).toArray(LocalDate[]::new);
    }

    static double[] amounts() throws IOException {
      return lines().stream().mapToDouble(l -> Double.parseDouble(l[4])).toArray();
    }
  }
}
