package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TransactionLogTest {

  @Test
  void builder_dictionary_encodes_customers_in_order_of_first_appearance() {
    TransactionLog log =
        TransactionLog.builder()
            .add("C2", LocalDate.of(2024, 1, 5), 10.5)
            .add("C1", LocalDate.of(2024, 1, 6), 3)
            .add("C2", LocalDate.of(2024, 1, 7), -2.25)
            .build();

    assertThat(log.size()).isEqualTo(3);
    assertThat(log.customerCount()).isEqualTo(2);
    assertThat(log.customerId(0)).isEqualTo("C2");
    assertThat(log.customerId(1)).isEqualTo("C1");
    assertThat(log.customerIndex(2)).isZero();
    assertThat(log.day(1)).isEqualTo((int) LocalDate.of(2024, 1, 6).toEpochDay());
    assertThat(log.amount(2)).isEqualTo(-2.25);
    assertThat(log.hasCategories()).isFalse();
    assertThat(log.category(0)).isEqualTo(TransactionLog.NO_CATEGORY);
    assertThat(log.hasDiscountShares()).isFalse();
    assertThat(log.discountShare(0)).isNaN();
    assertThat(log.amountScale()).isEqualTo(2);
  }

  @Test
  void optional_columns_appear_when_a_row_has_them() {
    TransactionLog log =
        TransactionLog.builder()
            .add("C1", 19000, 10)
            .add("C1", 19001, 20, "books", 0.25)
            .add("C2", 19002, 30, "music", Double.NaN)
            .build();

    assertThat(log.hasCategories()).isTrue();
    assertThat(log.category(0)).isEqualTo(TransactionLog.NO_CATEGORY);
    assertThat(log.categoryName(log.category(1))).isEqualTo("books");
    assertThat(log.categoryName(log.category(2))).isEqualTo("music");
    assertThat(log.discountShare(0)).isNaN();
    assertThat(log.discountShare(1)).isEqualTo(0.25);
    assertThat(log.discountShare(2)).isNaN();
    assertThat(log.amountScale()).isZero();
  }

  @Test
  void bad_arguments_are_named() {
    TransactionLog.Builder b = TransactionLog.builder();
    assertThatThrownBy(() -> b.add("", 1, 1)).hasMessageContaining("customerId");
    assertThatThrownBy(() -> b.add("C1", 1, Double.NaN))
        .hasMessageContaining("amount: NaN")
        .hasMessageContaining("C1");
    assertThatThrownBy(() -> b.add("C1", 1, Double.POSITIVE_INFINITY))
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> b.add("C1", 1, 1, null, 1.5))
        .hasMessageContaining("discountShare: 1.5");
    assertThatThrownBy(() -> b.add("C1", 1L << 40, 1)).hasMessageContaining("epochDay");
  }
}
