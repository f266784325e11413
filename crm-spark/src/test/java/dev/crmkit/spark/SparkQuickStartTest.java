package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.table.TransactionLog;
import dev.crmkit.datagen.SyntheticData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the snippet of docs/spark.md on a local session with a folder as the lake, and checks that
 * the page shows the text between the markers.
 */
class SparkQuickStartTest {

  @TempDir Path dir;

  @Test
  void the_snippet_runs_on_a_local_lake() {
    LocalSpark.session(); // getOrCreate() below returns this local session
    String lake = dir.toUri().toString();
    writeTransactions(lake + "/transactions");
    // --- spark (docs) ---
    SparkSession spark = SparkSession.builder().getOrCreate();
    Dataset<Row> tx = spark.read().parquet(lake + "/transactions");   // lake: e.g. "s3://lake"
    TransactionColumns columns = TransactionColumns.of("cust", "order_date", "net_amount").withCategory("dept");

    Dataset<Row> customers = SparkCustomers.summary(tx, columns, LocalDate.of(2024, 12, 31),
        List.of("recency", "transactions", "revenue")).persist();   // what RFM reads: one aggregation
    SparkCustomers.score(customers, "rfm", "{\"bins\": 5}").write().parquet(lake + "/rfm");

    Dataset<Row> cbs = SparkClv.summary(tx, columns, LocalDate.of(2024, 12, 31), TimeUnit.WEEKS).cache();
    BgNbd model = BgNbd.fit(SparkClv.rows(cbs)).model();
    GammaGamma spend = GammaGamma.fit(SparkClv.spendRows(cbs)).model();
    SparkClv.value(cbs, Clv.of(model, spend, TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3)).write().parquet(lake + "/clv");
    // --- end of spark ---
    assertThat(spark.read().parquet(lake + "/rfm").count()).isEqualTo(customers.count()).isPositive();
    assertThat(spark.read().parquet(lake + "/clv").count()).isPositive();
  }

  @Test
  void the_page_shows_the_snippet_that_runs() throws IOException {
    String test = read(Path.of("src/test/java/dev/crmkit/spark/SparkQuickStartTest.java"));
    String start = "// --- spark (docs) ---\n";
    String snippet = test.substring(test.indexOf(start) + start.length(), test.indexOf("// --- end of spark ---"));
    snippet = snippet.substring(0, snippet.lastIndexOf('\n') + 1);
    int indent = snippet.length() - snippet.stripLeading().length();
    String expected = snippet.lines().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    String page = read(Path.of("../docs/spark.md"));
    int from = page.indexOf("```java\n", page.indexOf("## Public types")) + "```java\n".length();
    assertThat(page.substring(from, page.indexOf("```", from))).isEqualTo(expected);
  }

  /** Two years of a generated base (BG/NBD purchases, so the fit is identified) as parquet. */
  private static void writeTransactions(String path) {
    TransactionLog log = SyntheticData.builder().seed(11).customers(600)
        .period(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31)).build().transactions();
    List<Row> rows = new ArrayList<>(log.size());
    for (int r = 0; r < log.size(); r++) {
      int k = log.category(r);
      rows.add(RowFactory.create(log.customerId(log.customerIndex(r)),
          java.sql.Date.valueOf(LocalDate.ofEpochDay(log.day(r))),
          BigDecimal.valueOf(log.amount(r)).setScale(2, RoundingMode.HALF_UP),
          k == TransactionLog.NO_CATEGORY ? null : log.categoryName(k)));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("cust", DataTypes.StringType, false),
        DataTypes.createStructField("order_date", DataTypes.DateType, false),
        DataTypes.createStructField("net_amount", DataTypes.createDecimalType(12, 2), false),
        DataTypes.createStructField("dept", DataTypes.StringType, true)));
    LocalSpark.session().createDataFrame(rows, schema).write().parquet(path);
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
