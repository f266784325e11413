package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CustomerSummaryTest {

  static final LocalDate AS_OF = LocalDate.of(2024, 1, 31);

  static TransactionLog log() {
    return TransactionLog.builder()
        .add("C1", LocalDate.of(2024, 1, 10), 20, "music", Double.NaN)
        .add("C1", LocalDate.of(2024, 1, 1), 10, null, 0.5)
        .add("C1", LocalDate.of(2024, 1, 1), 5, "books", 0.25)
        .add("C1", LocalDate.of(2024, 3, 1), 7, "books", Double.NaN) // after the as-of date
        .add("C2", LocalDate.of(2024, 1, 20), 100.10, null, Double.NaN)
        .add("C3", LocalDate.of(2024, 2, 2), 1, null, Double.NaN) // only after the as-of date
        .build();
  }

  @Test
  void summarises_each_customer_as_of_the_date_worked_by_hand() {
    CustomerSummary s = CustomerSummary.of(log(), AS_OF);

    assertThat(s.size()).isEqualTo(2); // C3 has no purchase as of the date
    assertThat(s.rowsAfterAsOf()).isEqualTo(2);
    assertThat(s.asOf()).isEqualTo(AS_OF);
    int c1 = s.indexOf("C1");
    assertThat(s.firstDay(c1)).isEqualTo(LocalDate.of(2024, 1, 1).toEpochDay());
    assertThat(s.lastDay(c1)).isEqualTo(LocalDate.of(2024, 1, 10).toEpochDay());
    assertThat(s.transactions(c1)).isEqualTo(3);
    assertThat(s.distinctDays(c1)).isEqualTo(2);
    assertThat(s.total(c1)).isEqualTo(35.0);
    assertThat(s.mean(c1)).isCloseTo(35.0 / 3, within(1e-12));
    // two rows on the first day (10 + 5), one repeat day worth 20
    assertThat(s.firstDayTotal(c1)).isEqualTo(15.0);
    assertThat(s.repeatMean(c1)).isEqualTo(20.0);
    assertThat(s.metric("repeat_mean_value")).containsExactly(20.0, 0.0);
    assertThat(s.recency(c1)).isEqualTo(21);
    assertThat(s.tenure(c1)).isEqualTo(30);
    assertThat(s.meanDiscountShare(c1)).isEqualTo(0.375);
    assertThat(s.row(c1).categoryTotals()).isEqualTo(Map.of("music", 20.0, "books", 5.0));
    assertThat(s.row(c1).purchaseDates())
        .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 10));

    int c2 = s.indexOf("C2");
    assertThat(s.recency(c2)).isEqualTo(11);
    assertThat(s.tenure(c2)).isEqualTo(11);
    assertThat(s.total(c2)).isEqualTo(100.10);
    assertThat(s.meanDiscountShare(c2)).isNaN();
    assertThat(s.indexOf("C3")).isEqualTo(-1);
    assertThat(s.hasInteractions()).isFalse();
    assertThatThrownBy(() -> s.interactions(c1)).hasMessageContaining("without interactions");
  }

  @Test
  void totals_lose_the_floating_point_noise_of_cent_amounts() {
    TransactionLog.Builder b = TransactionLog.builder();
    for (int i = 0; i < 10; i++) {
      b.add("C1", 19000, 0.1);
    }
    CustomerSummary s = CustomerSummary.of(b.build(), LocalDate.ofEpochDay(19000));
    double naive = 0;
    for (int i = 0; i < 10; i++) {
      naive += 0.1;
    }
    assertThat(naive).isEqualTo(0.9999999999999999);
    assertThat(s.total(0)).isEqualTo(1.0);
  }

  @Test
  void counts_interactions_up_to_the_date_and_keeps_those_of_non_buyers_aside() {
    InteractionLog interactions =
        InteractionLog.builder()
            .add("C1", LocalDate.of(2024, 1, 5))
            .add("C1", LocalDate.of(2024, 1, 6))
            .add("C1", LocalDate.of(2024, 2, 6)) // after the as-of date
            .add("C9", LocalDate.of(2024, 1, 6))
            .build();

    CustomerSummary s = CustomerSummary.of(log(), AS_OF, interactions);

    assertThat(s.interactions(s.indexOf("C1"))).isEqualTo(2);
    assertThat(s.interactions(s.indexOf("C2"))).isZero();
    assertThat(s.row(s.indexOf("C1")).interactions()).isEqualTo(OptionalInt.of(2));
    assertThat(s.interactionsWithoutPurchases()).isEqualTo(Map.of("C9", 1));
  }

  @Test
  void merge_refuses_summaries_that_do_not_match() {
    CustomerSummary a = CustomerSummary.of(log(), AS_OF);
    CustomerSummary later = CustomerSummary.of(log(), AS_OF.plusDays(1));
    CustomerSummary withInteractions =
        CustomerSummary.of(log(), AS_OF, InteractionLog.builder().build());

    assertThatThrownBy(() -> a.merge(later))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2024-02-01")
        .hasMessageContaining("2024-01-31");
    assertThatThrownBy(() -> a.merge(withInteractions)).hasMessageContaining("interaction");
  }

  @Test
  void merge_of_two_halves_worked_by_hand() {
    TransactionLog first =
        TransactionLog.builder().add("C1", LocalDate.of(2024, 1, 1), 10).build();
    TransactionLog second =
        TransactionLog.builder()
            .add("C2", LocalDate.of(2024, 1, 2), 5)
            .add("C1", LocalDate.of(2024, 1, 1), 2.5)
            .add("C1", LocalDate.of(2024, 1, 3), 1)
            .build();

    CustomerSummary merged =
        CustomerSummary.of(first, AS_OF).merge(CustomerSummary.of(second, AS_OF));

    assertThat(merged.size()).isEqualTo(2);
    assertThat(merged.customerId(0)).isEqualTo("C1");
    assertThat(merged.transactions(0)).isEqualTo(3);
    assertThat(merged.distinctDays(0)).isEqualTo(2);
    assertThat(merged.total(0)).isEqualTo(13.5);
    assertThat(merged.firstDayTotal(0)).isEqualTo(12.5); // 10 and 2.5, one from each half
    assertThat(merged.repeatMean(0)).isEqualTo(1.0);
    assertThat(merged.row(0).purchaseDates())
        .isEqualTo(List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 3)));
  }
}
