package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CbsSummaryTest {

  static final LocalDate CAL = LocalDate.of(2024, 3, 31);

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void purchases_on_one_day_are_one_transaction_worth_the_days_total() {
    CbsSummary s = CbsSummary.builder(CAL).timeUnit(TimeUnit.DAYS).build(
        new String[] {"a", "a", "a", "a"},
        new LocalDate[] {d("2024-03-01"), d("2024-03-11"), d("2024-03-11"), d("2024-03-21")},
        new double[] {10, 5, 7, 30});
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.frequency(0)).isEqualTo(2);
    assertThat(s.recency(0)).isEqualTo(20);
    assertThat(s.T(0)).isEqualTo(30);
    assertThat(s.monetaryValue(0)).isEqualTo((12 + 30) / 2.0);
    assertThat(s.totalValue(0)).isEqualTo(52);
  }

  @Test
  void customers_are_kept_in_order_and_late_first_buyers_are_not_in_the_summary() {
    CbsSummary s = CbsSummary.builder(CAL).observationEnd(d("2024-04-30")).timeUnit(TimeUnit.DAYS).build(
        new String[] {"b", "late", "a", "b", "a"},
        new LocalDate[] {d("2024-03-31"), d("2024-04-02"), d("2024-03-01"), d("2024-04-10"), d("2024-04-30")},
        new double[] {4, 9, 10, 6, 8});
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.customerId(0)).isEqualTo("b");
    assertThat(s.customerId(1)).isEqualTo("a");
    // b bought on the calibration end itself: T = 0; one holdout purchase
    assertThat(s.frequency(0)).isZero();
    assertThat(s.T(0)).isZero();
    assertThat(s.monetaryValue(0)).isZero();
    assertThat(s.frequencyHoldout(0)).isEqualTo(1);
    assertThat(s.monetaryValueHoldout(0)).isEqualTo(6);
    // a's holdout purchase on the observation end counts (inclusive)
    assertThat(s.frequencyHoldout(1)).isEqualTo(1);
    assertThat(s.durationHoldout()).isEqualTo(30);
    assertThat(s.holdoutTransactionsByPeriod()).hasSize(30);
    assertThat(s.holdoutTransactionsByPeriod()[9]).isEqualTo(1);
    assertThat(s.holdoutTransactionsByPeriod()[29]).isEqualTo(1);
  }

  @Test
  void weeks_and_months_are_exact_fractions_of_days() {
    LocalDate[] dates = {d("2024-01-01"), d("2024-02-15")};
    String[] ids = {"a", "a"};
    double[] amounts = {1, 2};
    CbsSummary weeks = CbsSummary.builder(CAL).timeUnit(TimeUnit.WEEKS).build(ids, dates, amounts);
    assertThat(weeks.recency(0)).isCloseTo(45 / 7.0, within(1e-12));
    assertThat(weeks.T(0)).isCloseTo(90 / 7.0, within(1e-12));
    CbsSummary months = CbsSummary.builder(CAL).timeUnit(TimeUnit.MONTHS).build(ids, dates, amounts);
    assertThat(months.T(0)).isCloseTo(90 / 30.436875, within(1e-12));
    assertThat(TimeUnit.WEEKS.perMonth()).isCloseTo(30.436875 / 7, within(1e-12));
  }

  @Test
  void bad_input_is_refused_with_the_transaction_and_value() {
    assertThatThrownBy(() -> CbsSummary.builder(CAL).build(new String[] {"a"}, new LocalDate[] {CAL},
        new double[] {-3})).hasMessage("transaction 0: amount must be finite and >= 0, got -3.0");
    assertThatThrownBy(() -> CbsSummary.builder(CAL).observationEnd(CAL))
        .hasMessageContaining("must be after the calibration end");
    assertThatThrownBy(() -> CbsSummary.builder(CAL).build(new String[] {"a"}, new LocalDate[] {CAL},
        new double[] {1}).frequencyHoldout(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no holdout");
    assertThatThrownBy(() -> TimeUnit.parse("fortnights")).hasMessageContaining("'fortnights'");
  }
}
