package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionLogCsvTest {

  @TempDir Path dir;

  Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("interactions.csv"), text);
  }

  @Test
  void reads_columns_by_name_in_any_order_ignoring_others() throws IOException {
    InteractionLog log = InteractionLog.readCsv(
        file("\uFEFFchannel,Date,Customer_ID\nphone,2024-01-09,C1\n\n\"e-mail, web\",2024-02-01,C2\n"));

    assertThat(log.size()).isEqualTo(2);
    assertThat(log.customerId(0)).isEqualTo("C1");
    assertThat(log.day(0)).isEqualTo(LocalDate.of(2024, 1, 9).toEpochDay());
    assertThat(log.customerId(1)).isEqualTo("C2");
    assertThat(log.day(1)).isEqualTo(LocalDate.of(2024, 2, 1).toEpochDay());
  }

  @Test
  void bad_input_names_the_line_field_and_value() throws IOException {
    assertThatThrownBy(() -> InteractionLog.readCsv(file("customer_id,when\nC1,2024-01-01\n")))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("line 1: field 'date': is missing from the header");
    assertThatThrownBy(() -> InteractionLog.readCsv(file("customer_id,date\nC1,2024-01-01\nC2,2024-13-01\n")))
        .isInstanceOf(MalformedRowException.class)
        .hasMessageContaining("line 3: field 'date': '2024-13-01' is not a date")
        .hasMessageContaining("\"C2,2024-13-01\"");
    assertThatThrownBy(() -> InteractionLog.readCsv(file("customer_id,date\n ,2024-01-01\n")))
        .hasMessageContaining("line 2: field 'customer_id': '' is empty");
    assertThatThrownBy(() -> InteractionLog.readCsv(file("customer_id,date\nC1\n")))
        .hasMessageContaining("line 2: has 1 fields; the header has 2");
    assertThatThrownBy(() -> InteractionLog.readCsv(file("")))
        .hasMessageContaining("line 1: is empty");
  }
}
