package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CbsSummaryReturnsTest {

  static final LocalDate D = LocalDate.of(2024, 1, 1);

  @Test
  void netted_returns_are_no_transactions_and_reduce_the_value_of_their_period() {
    String[] ids = {"a", "a", "a", "a", "b", "b", "b", "c"};
    LocalDate[] dates = {D, D.plusDays(7), D.plusDays(8), D.plusDays(40), D, D.plusDays(14), D.plusDays(15), D.plusDays(3)};
    double[] amounts = {50, 30, -10, -5, 20, 10, -10, -4};
    CbsSummary s = CbsSummary.builder(D.plusDays(30)).observationEnd(D.plusDays(60)).timeUnit(TimeUnit.DAYS)
        .netReturns(true).build(ids, dates, amounts);

    assertThat(s.size()).as("c has returns only: no row").isEqualTo(2);
    // a: one repeat day (day 7, 30) netted with the return of day 8: 20; total 70; holdout return
    assertThat(s.frequency(0)).isEqualTo(1);
    assertThat(s.recency(0)).isEqualTo(7);
    assertThat(s.monetaryValue(0)).isEqualTo(20);
    assertThat(s.totalValue(0)).isEqualTo(70);
    assertThat(s.frequencyHoldout(0)).isZero();
    // b: its repeat spend netted to 0: no row of the spend model
    assertThat(s.monetaryValue(1)).isZero();
    assertThat(s.spendRows().size()).isEqualTo(1);

    assertThatThrownBy(() -> CbsSummary.builder(D.plusDays(30)).build(ids, dates, amounts))
        .hasMessageContaining("transaction 2: amount must be finite and >= 0, got -10.0");
  }
}
