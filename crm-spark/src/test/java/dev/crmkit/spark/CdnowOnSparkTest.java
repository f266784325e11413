package dev.crmkit.spark;

import static dev.crmkit.spark.Equality.assertClose;
import static dev.crmkit.spark.Equality.assertSameScores;
import static dev.crmkit.spark.Equality.assertSameSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CDNOW sample (../shared/datasets, system property {@code crmkit.datasets}) read by Spark
 * from the text file, against the library in memory and the published estimates. Each test
 * skips with the reason when the file is absent.
 */
class CdnowOnSparkTest {

  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  Path file;

  @BeforeEach
  void findTheFile() {
    String dir = System.getProperty("crmkit.datasets");
    assumeTrue(dir != null, "system property crmkit.datasets is not set: skipping the CDNOW checks on Spark");
    file = Path.of(dir, "cdnow_sample.txt");
    assumeTrue(Files.isReadable(file), "CDNOW sample not found at " + file + ": skipping the CDNOW checks on Spark");
  }

  /** {@code <original id> <customer id> <yyyymmdd> <CDs> <dollars>}, parsed by Spark. */
  Dataset<Row> transactions(SparkSession spark) {
    Column parts = functions.split(functions.trim(functions.col("value")), "\\s+");
    return spark.read().text(file.toString())
        .filter(functions.length(functions.trim(functions.col("value"))).gt(0))
        .select(parts.getItem(1).as("customer_id"),
            functions.to_date(parts.getItem(2), "yyyyMMdd").as("date"),
            parts.getItem(4).cast("decimal(10,2)").as("amount"))
        .repartition(4);
  }

  /** The same lines parsed in Java, as crm-scoring's own CDNOW test reads them. */
  TransactionLog log() throws IOException {
    TransactionLog.Builder b = TransactionLog.builder();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 5) {
        b.add(f[1], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), Double.parseDouble(f[4]));
      }
    }
    return b.build();
  }

  static double round(double v, int digits) {
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }

  @Test
  void summary_and_rfm_on_spark_equal_the_in_memory_ones() throws IOException {
    SparkSession spark = LocalSpark.session();
    CustomerSummary memory = CustomerSummary.of(log(), CALIBRATION_END);
    CustomerSummary onSpark = SparkScoring.summary(transactions(spark), TransactionColumns.defaults(), CALIBRATION_END);

    assertThat(memory.size()).isEqualTo(2_357);
    assertSameSummary(onSpark, memory);
    assertSameScores(SparkScoring.score(onSpark, "rfm", null), ScoringEngine.load().strategy("rfm").score(memory));
  }

  @Test
  void clv_fits_on_spark_reproduce_the_published_estimates_and_the_in_memory_fits() throws IOException {
    SparkSession spark = LocalSpark.session();
    Dataset<Row> cbs = SparkClv.summary(transactions(spark), TransactionColumns.defaults(), CALIBRATION_END,
        TimeUnit.WEEKS).cache();
    TransactionLog log = log();
    CbsSummary memory = CbsSummary.builder(CALIBRATION_END).timeUnit(TimeUnit.WEEKS).build(log);

    // 2,357 customers and 2,457 repeat transactions in the calibration period
    assertThat(cbs.count()).isEqualTo(2_357);
    assertThat(cbs.agg(functions.sum("frequency")).first().getDouble(0)).isEqualTo(2_457.0);

    ModelFit<BgNbd> fit = BgNbd.fit(SparkClv.rows(cbs));
    BgNbd m = fit.model();
    // Fader, Hardie and Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assertThat(List.of(round(m.r(), 3), round(m.alpha(), 3), round(m.a(), 3), round(m.b(), 3)))
        .containsExactly(0.243, 4.414, 0.793, 2.426);
    assertThat(round(fit.logLikelihood(), 1)).isEqualTo(-9582.4);
    ModelFit<BgNbd> inMemory = BgNbd.fit(memory.rows());
    inMemory.model().parameters().forEach((k, v) -> assertClose(m.parameters().get(k), v, k));

    GammaGamma spend = GammaGamma.fit(SparkClv.spendRows(cbs)).model();
    // p = 6.25, q = 3.74, gamma = 15.44 on the 946 customers with a repeat purchase
    assertThat(List.of(round(spend.p(), 2), round(spend.q(), 2), round(spend.gamma(), 2)))
        .containsExactly(6.25, 3.74, 15.44);
    GammaGamma spendInMemory = GammaGamma.fit(memory.spendRows()).model();
    spendInMemory.parameters().forEach((k, v) -> assertClose(spend.parameters().get(k), v, k));

    Clv clv = Clv.of(m, spend, TimeUnit.WEEKS.perMonth(), 12, 0.01, 1);
    Map<String, Double> values = new HashMap<>();
    SparkClv.value(cbs, clv).collectAsList().forEach(r -> values.put(r.getString(0), r.getDouble(3)));
    assertThat(values).hasSize(memory.size());
    for (int i = 0; i < memory.size(); i++) {
      assertClose(values.get(memory.customerId(i)),
          clv.value(memory.frequency(i), memory.recency(i), memory.T(i), memory.monetaryValue(i)),
          memory.customerId(i));
    }
  }
}
