package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void equal_amounts_are_equal_whatever_their_scale() {
    assertThat(Money.of("12.3", "USD")).isEqualTo(Money.of("12.300", "USD"));
    assertThat(Money.of("12.3", "USD")).hasSameHashCodeAs(Money.of("12.300", "USD"));
    assertThat(Money.of("12.3", "USD").toString()).isEqualTo("12.30 USD");
    assertThat(Money.of("1200", "JPY").toString()).isEqualTo("1200 JPY");
  }

  @Test
  void keeps_digits_finer_than_the_minor_unit() {
    assertThat(Money.of("0.125", "USD").amount()).isEqualByComparingTo("0.125");
    assertThat(Money.of("0.125", "USD").rounded(RoundingMode.HALF_EVEN))
        .isEqualTo(Money.of("0.12", "USD"));
  }

  @Test
  void arithmetic_is_exact() {
    Money total = Money.of("19.99", "EUR").times(3).plus(Money.of("5", "EUR"));
    assertThat(total).isEqualTo(Money.of("64.97", "EUR"));
    assertThat(Money.of("0.1", "EUR").plus(Money.of("0.2", "EUR")))
        .isEqualTo(Money.of("0.3", "EUR"));
    assertThat(Money.of("10", "EUR").times(new BigDecimal("0.333")))
        .isEqualTo(Money.of("3.33", "EUR"));
  }

  @Test
  void mixing_currencies_is_an_error_not_a_silent_sum() {
    assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.00 USD")
        .hasMessageContaining("1.00 EUR")
        .hasMessageContaining("currencies differ");
    assertThatThrownBy(() -> Money.of("1", "EUR").compareTo(Money.of("1", "USD")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bad_input_names_the_field_and_value() {
    assertThatThrownBy(() -> Money.of("12,30", "USD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount")
        .hasMessageContaining("'12,30'");
    assertThatThrownBy(() -> Money.of("1", "XYZW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("currency")
        .hasMessageContaining("'XYZW'");
  }

  @Test
  void json_form_has_the_amount_as_a_string() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(Money.of("12.3", "USD"));
    assertThat(json).isEqualTo("{\"amount\":\"12.30\",\"currency\":\"USD\"}");
    assertThat(mapper.readValue(json, Money.class)).isEqualTo(Money.of("12.30", "USD"));
  }
}
