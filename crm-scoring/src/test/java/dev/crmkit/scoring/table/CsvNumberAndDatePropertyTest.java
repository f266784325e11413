package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CsvNumberAndDatePropertyTest {

  @Property
  void epoch_day_matches_java_time(@ForAll @LongRange(min = -800_000, max = 3_000_000) long day) {
    LocalDate date = LocalDate.ofEpochDay(day);
    assertThat(CsvChunk.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
        .isEqualTo(day);
    assertThat(CsvChunk.monthLength(date.getYear(), date.getMonthValue()))
        .isEqualTo(date.lengthOfMonth());
  }

  @Property(tries = 300)
  void amounts_parse_exactly_as_java_does(
      @ForAll @DoubleRange(min = -1e9, max = 1e9) double value,
      @ForAll @IntRange(min = 0, max = 6) int decimals)
      throws IOException {
    String text = java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    String plain = Double.toString(value);
    Path path = Files.createTempFile("amounts", ".csv");
    try {
      Files.writeString(
          path, "customer_id,date,amount\nC1,2024-01-01," + text + "\nC1,2024-01-01," + plain + "\n");
      TransactionLog log = TransactionLogCsv.read(path).log();
      assertThat(log.amount(0)).isEqualTo(Double.parseDouble(text));
      assertThat(log.amount(1)).isEqualTo(Double.parseDouble(plain));
    } finally {
      Files.delete(path);
    }
  }
}
