package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvFieldsTest {

  @Test
  void splits_plain_quoted_and_empty_fields() {
    assertThat(CsvFields.split("a.csv", 2, "C1,\"Smith, J.\",,\"say \"\"hi\"\"\",3"))
        .containsExactly("C1", "Smith, J.", "", "say \"hi\"", "3");
    assertThat(CsvFields.split("a.csv", 2, "")).containsExactly("");
  }

  @Test
  void an_unclosed_quote_names_the_file_and_line() {
    assertThatThrownBy(() -> CsvFields.split("a.csv", 7, "C1,\"open"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("a.csv line 7: has a quote that is not closed in \"C1,\"open\"");
  }

  @Test
  void a_header_loses_its_byte_order_mark_and_an_empty_file_is_an_error_on_line_1() {
    assertThat(CsvFields.header("a.csv", "\uFEFFcustomer_id,x", "customer_id,...")).isEqualTo("customer_id,x");
    assertThat(CsvFields.header("a.csv", "customer_id,x", "customer_id,...")).isEqualTo("customer_id,x");
    assertThatThrownBy(() -> CsvFields.header("a.csv", null, "customer_id,..."))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("a.csv line 1: is empty; expected a header customer_id,...");
    assertThatThrownBy(() -> CsvFields.header("a.csv", "  ", "customer_id,...")).hasMessageContaining("line 1");
  }

  @Test
  void quotes_only_what_needs_it_and_round_trips() {
    assertThat(CsvFields.quote("plain")).isEqualTo("plain");
    assertThat(CsvFields.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvFields.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    String tricky = "say \"hi\", then go";
    assertThat(CsvFields.split("x", 1, CsvFields.quote(tricky) + ",1")).containsExactly(tricky, "1");
  }
}
