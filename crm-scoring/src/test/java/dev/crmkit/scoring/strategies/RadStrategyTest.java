package dev.crmkit.scoring.strategies;

import static dev.crmkit.scoring.strategies.Summaries.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crmkit.scoring.Migration;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.BuyingPowerHistory;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.MalformedRowException;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadStrategyTest {

  @TempDir Path dir;

  @Test
  void share_of_wallet_classes_worked_by_hand() {
    CustomerAttributes power =
        CustomerAttributes.builder("annual_buying_power")
            .add("C1", "100").add("C2", "100").add("C3", "100").add("C4", "100").build();

    ScoreTable t = ScoringEngine.load().strategy("rad").score(totals(60, 50, 10, 9.99).withAttributes(power));

    assertThat(t.label(t.indexOf("C1"))).isEqualTo("Retention");
    assertThat(t.label(t.indexOf("C2"))).isEqualTo("Retention"); // 50% is Retention
    assertThat(t.label(t.indexOf("C3"))).isEqualTo("Development");
    assertThat(t.label(t.indexOf("C4"))).isEqualTo("Acquisition");
    assertThat(t.score(t.indexOf("C1"), "share_of_wallet")).isEqualTo(0.6);

    CustomerAttributes missing = CustomerAttributes.builder("annual_buying_power").add("C1", "100").build();
    assertThatThrownBy(() -> ScoringEngine.load().strategy("rad").score(totals(1, 1).withAttributes(missing)))
        .hasMessageContaining("customer 'C2' has annual_buying_power NaN");
  }

  @Test
  void quarterly_history_with_changing_buying_power_and_movements() {
    LocalDate q1 = LocalDate.of(2024, 3, 31);
    TransactionLog log =
        TransactionLog.builder()
            .add("K1", LocalDate.of(2024, 2, 1), 300) // K1: 300 in Q1, then 300 more in Q2
            .add("K1", LocalDate.of(2024, 5, 1), 300)
            .add("K2", LocalDate.of(2023, 6, 15), 200) // K2: in Q1's trailing year, not in Q2's
            .add("K9", LocalDate.of(2024, 2, 1), 50) // not a key account
            .build();
    BuyingPowerHistory power =
        BuyingPowerHistory.builder()
            .add("K1", LocalDate.of(2024, 1, 1), 1000)
            .add("K1", LocalDate.of(2024, 6, 1), 1200) // re-estimated in Q2
            .add("K2", LocalDate.of(2023, 1, 1), 1000)
            .add("K3", LocalDate.of(2024, 4, 1), 500) // new account, no business yet
            .build();

    List<RadStrategy.Quarter> quarters =
        RadStrategy.quarterly(log, power, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30),
            RadConfig.defaults());

    assertThat(quarters).extracting(RadStrategy.Quarter::end)
        .containsExactly(q1, LocalDate.of(2024, 6, 30));
    ScoreTable first = quarters.get(0).table();
    assertThat(first.size()).isEqualTo(2); // K3 has no estimate yet; K9 is no key account
    assertThat(first.score(first.indexOf("K1"), "share_of_wallet")).isEqualTo(0.3);
    assertThat(first.label(first.indexOf("K1"))).isEqualTo("Development");
    assertThat(first.label(first.indexOf("K2"))).isEqualTo("Development"); // 200 of 1000 in the trailing year
    ScoreTable second = quarters.get(1).table();
    assertThat(second.score(second.indexOf("K1"), "share_of_wallet")).isEqualTo(0.5); // 600 / 1200
    assertThat(second.label(second.indexOf("K1"))).isEqualTo("Retention");
    assertThat(second.label(second.indexOf("K2"))).isEqualTo("Acquisition"); // fell back
    assertThat(second.label(second.indexOf("K3"))).isEqualTo("Acquisition");

    Migration m = RadStrategy.migrations(quarters).get(0);
    assertThat(m.upgrades()).isEqualTo(1);
    assertThat(m.downgrades()).isEqualTo(1);
    assertThat(m.count("Development", "Retention")).isEqualTo(1);
    assertThat(m.entered()).containsExactly("K3");
  }

  @Test
  void buying_power_csv_and_errors() throws IOException {
    Path csv = dir.resolve("power.csv");
    Files.writeString(csv, "customer_id,effective_from,annual_buying_power\nK1,2024-01-01,1000\nK1,2024-07-01,x\n");
    MalformedRowException e =
        catchThrowableOfType(MalformedRowException.class, () -> BuyingPowerHistory.readCsv(csv));
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("annual_buying_power");
    Files.writeString(csv, "customer_id,effective_from,annual_buying_power\nK1,2024-01-01,1000\n");
    assertThat(BuyingPowerHistory.readCsv(csv).estimate("K1", LocalDate.of(2024, 2, 1))).isEqualTo(1000);
    assertThat(BuyingPowerHistory.readCsv(csv).estimate("K1", LocalDate.of(2023, 2, 1))).isNaN();
    assertThatThrownBy(() -> BuyingPowerHistory.builder().add("K1", LocalDate.of(2024, 1, 1), 0))
        .hasMessageContaining("must be a positive amount");

    InvalidConfigurationException c =
        catchThrowableOfType(InvalidConfigurationException.class,
            () -> ScoringEngine.load().strategy("rad", "{\"development\": 0.6}"));
    assertThat(c.field()).isEqualTo("development");
  }
}
