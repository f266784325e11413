package dev.crmkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLogCsv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringJobTest {

  @TempDir Path dir;

  Path csv(String text) throws IOException {
    Path file = dir.resolve("tx.csv");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void the_example_job_scores_a_csv_like_the_library_in_memory() throws IOException {
    StringBuilder text = new StringBuilder("cust,note,day,net\n"); // a column the job ignores
    Transactions data = Transactions.generate(3, 4_000, 300);
    StringBuilder memoryCsv = new StringBuilder("customer_id,date,amount\n");
    for (Row r : data.rows()) {
      String day = r.getDate(1).toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
      text.append(r.getString(0)).append(",x,").append(day).append(',').append(r.getDecimal(2).toPlainString()).append('\n');
      memoryCsv.append(r.getString(0)).append(',').append(r.getDate(1)).append(',')
          .append(r.getDecimal(2).toPlainString()).append('\n');
    }
    Path input = csv(text.toString());
    Path config = Files.writeString(dir.resolve("rfm.json"), "{\"bins\": 4}");
    Path output = dir.resolve("out");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ScoringJob.run(LocalSpark.session(), ScoringJob.parse(new String[] {
        "--input", input.toString(), "--format", "csv", "--customer-column", "cust", "--date-column", "day",
        "--amount-column", "net", "--date-format", "dd.MM.yyyy", "--as-of", "2024-06-30",
        "--strategy", "rfm", "--config", config.toString(), "--output", output.toString()}),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    Path memoryFile = Files.writeString(dir.resolve("memory.csv"), memoryCsv);
    CustomerSummary summary = CustomerSummary.of(TransactionLogCsv.read(memoryFile).log(), LocalDate.of(2024, 6, 30));
    ScoreTable expected = ScoringEngine.load().strategy("rfm", "{\"bins\": 4}").score(summary);
    // Parquet by default
    List<Row> written = LocalSpark.session().read().parquet(output.toString()).collectAsList();
    assertThat(written).hasSize(expected.size());
    for (Row r : written) {
      int i = expected.indexOf(r.<String>getAs("customer_id"));
      assertThat(r.<String>getAs("segment")).isEqualTo(expected.label(i));
      assertThat(r.<Double>getAs("r")).isEqualTo(expected.score(i, "r"));
      assertThat(r.<Double>getAs("monetary")).isEqualTo(expected.explanation(i, "monetary"));
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith(expected.size() + " customers scored with rfm\n")
        .contains("  Champions: " + expected.classSizes().get("Champions") + "\n");
  }

  @Test
  void a_value_that_does_not_convert_stops_the_job_naming_column_and_value() throws IOException {
    Path input = csv("customer_id,date,amount\nC1,2024-01-02,10.50\nC2,2024-01-03,ten\n");
    Map<String, String> options = ScoringJob.parse(new String[] {
        "--input", input.toString(), "--as-of", "2024-06-30", "--strategy", "rfm",
        "--output", dir.resolve("out").toString()});
    assertThatThrownBy(() -> ScoringJob.run(LocalSpark.session(), options, System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'amount': 'ten' is not a number");

    Path badDate = csv("customer_id,date,amount\nC1,2024-02-30,10.50\n");
    Map<String, String> dateOptions = ScoringJob.parse(new String[] {
        "--input", badDate.toString(), "--as-of", "2024-06-30", "--strategy", "rfm",
        "--output", dir.resolve("out2").toString()});
    assertThatThrownBy(() -> ScoringJob.run(LocalSpark.session(), dateOptions, System.out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'date': '2024-02-30' is not a date (yyyy-MM-dd)");
  }

  @Test
  void bad_usage_names_the_option() {
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--input", "x", "--as-of", "2024-01-01", "--strategy", "rfm"}))
        .hasMessage("option --output is required");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--inptu", "x"}))
        .hasMessage("unknown option '--inptu'");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--input"}))
        .hasMessage("option --input needs a value");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {"--input", "x", "--input", "y"}))
        .hasMessage("option --input is given twice");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {
        "--input", "x", "--as-of", "2024-01-01", "--strategy", "rfm", "--output", "o", "--format", "xls"}))
        .hasMessage("--format: 'xls' is not one of parquet, orc, csv, json, delta, iceberg, table");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {
        "--input", "x", "--as-of", "2024-01-01", "--strategy", "rfm", "--output", "o", "--partition-by-class", "yes"}))
        .hasMessage("--partition-by-class: 'yes' is not true or false");
    assertThatThrownBy(() -> ScoringJob.parse(new String[] {
        "--input", "x", "--as-of", "31.12.2024", "--strategy", "rfm", "--output", "o"}))
        .hasMessage("--as-of: '31.12.2024' is not a date (expected yyyy-MM-dd)");
  }

  /** A small transactions table with typed columns, written as Parquet/ORC by the tests. */
  Dataset<Row> typedTransactions() {
    SparkSession spark = LocalSpark.session();
    return Transactions.generate(5, 600, 50).frame(spark, 2)
        .selectExpr("cust AS customer_id", "day AS date", "CAST(net AS DOUBLE) AS amount");
  }

  String[] args(Path input, Path output, String... more) {
    List<String> all = new ArrayList<>(List.of("--input", input.toString(), "--as-of", "2024-06-30",
        "--strategy", "rfm", "--output", output.toString()));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  long scored(Path output) {
    return LocalSpark.session().read().parquet(output.toString()).count();
  }

  @Test
  void the_input_format_comes_from_the_path_never_a_parquet_file_read_as_csv() throws IOException {
    Dataset<Row> tx = typedTransactions();
    long customers = SparkCustomers.summary(tx, TransactionColumns.defaults(), LocalDate.of(2024, 6, 30)).count();
    Path parquetDir = dir.resolve("tx-parquet");
    tx.write().parquet(parquetDir.toString());
    Path orcDir = dir.resolve("tx-orc");
    tx.write().orc(orcDir.toString());
    // one Parquet part file under a name that says nothing: its magic bytes tell
    Path part;
    try (var files = Files.list(parquetDir)) {
      part = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    Path anonymous = Files.copy(part, dir.resolve("tx.data"));
    SparkSession spark = LocalSpark.session();

    assertThat(ScoringJob.format(spark, parquetDir.toString(), null)).isEqualTo("parquet");
    assertThat(ScoringJob.format(spark, orcDir.toString(), null)).isEqualTo("orc");
    assertThat(ScoringJob.format(spark, anonymous.toString(), null)).isEqualTo("parquet");
    assertThat(ScoringJob.format(spark, "sales.csv", null)).isEqualTo("csv");
    assertThat(ScoringJob.format(spark, "events.jsonl", null)).isEqualTo("json");
    assertThat(ScoringJob.format(spark, "x.csv", "parquet")).isEqualTo("parquet");

    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ScoringJob.run(spark, ScoringJob.parse(args(parquetDir, dir.resolve("o1"))), quiet);
    assertThat(scored(dir.resolve("o1"))).isEqualTo(customers);
    ScoringJob.run(spark, ScoringJob.parse(args(orcDir, dir.resolve("o2"))), quiet);
    assertThat(scored(dir.resolve("o2"))).isEqualTo(customers);

    Path unknown = Files.writeString(dir.resolve("tx.bin"), "not a known format");
    assertThatThrownBy(() -> ScoringJob.run(spark, ScoringJob.parse(args(unknown, dir.resolve("o3"))), quiet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--input: cannot tell the format of '" + unknown + "'")
        .hasMessageContaining("give --format");
    Path delta = dir.resolve("tx-delta");
    Files.createDirectories(delta.resolve("_delta_log"));
    assertThat(ScoringJob.format(spark, delta.toString(), null)).isEqualTo("delta");
    assertThatThrownBy(() -> ScoringJob.run(spark, ScoringJob.parse(args(delta, dir.resolve("o4"))), quiet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a delta table, but delta's jars are not on the class path; add io.delta:delta-spark_2.13");
  }

  @Test
  void a_missing_column_of_any_role_has_one_wording_and_types_are_checked_before_any_job()
      throws Exception {
    Dataset<Row> tx = typedTransactions();
    Path input = dir.resolve("tx.parquet");
    tx.write().parquet(input.toString());
    SparkSession spark = LocalSpark.session();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    String columns = "; columns: [customer_id, date, amount]";
    assertThatThrownBy(() -> ScoringJob.run(spark, ScoringJob.parse(args(input, dir.resolve("o"), "--customer-column", "cust")), quiet))
        .hasMessage("customerId column 'cust' is not in the transactions" + columns);
    assertThatThrownBy(() -> ScoringJob.run(spark, ScoringJob.parse(args(input, dir.resolve("o"), "--date-column", "day")), quiet))
        .hasMessage("date column 'day' is not in the transactions" + columns);
    assertThatThrownBy(() -> ScoringJob.run(spark, ScoringJob.parse(args(input, dir.resolve("o"), "--discount-column", "d")), quiet))
        .hasMessage("discountShare column 'd' is not in the transactions" + columns);

    // a wrong type stops before any row is read: Spark reads the Parquet footer for the schema,
    // and no task reads a record
    Path wrong = dir.resolve("wrong.parquet");
    tx.selectExpr("customer_id", "amount AS date", "amount").write().parquet(wrong.toString());
    AtomicLong records = new AtomicLong();
    SparkListener counter = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          records.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
        }
      }
    };
    Map<String, String> options = ScoringJob.parse(args(wrong, dir.resolve("o")));
    spark.sparkContext().listenerBus().waitUntilEmpty(); // the writes above
    spark.sparkContext().addSparkListener(counter);
    try {
      assertThatThrownBy(() -> ScoringJob.run(spark, options, quiet))
          .hasMessage("date column 'date' has type double; expected date or an ISO yyyy-MM-dd string");
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(records.get()).isZero();
      // the control: the same listener does count the rows of a scan
      spark.read().parquet(wrong.toString()).select("customer_id").collectAsList();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(records.get()).isPositive();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  @Test
  void timestamps_become_dates_when_asked_and_the_output_is_partitioned_by_class_when_asked()
      throws IOException {
    Dataset<Row> tx = typedTransactions().selectExpr("customer_id", "CAST(date AS TIMESTAMP) AS date", "amount");
    Path input = dir.resolve("ts.parquet");
    tx.write().parquet(input.toString());
    SparkSession spark = LocalSpark.session();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ScoringJob.run(spark, ScoringJob.parse(args(input, dir.resolve("o"))), quiet))
        .hasMessageStartingWith("date column 'date' has type timestamp; expected a date (give --truncate-timestamps true");

    Path output = dir.resolve("by-class");
    ScoringJob.run(spark, ScoringJob.parse(args(input, output, "--truncate-timestamps", "true",
        "--partition-by-class", "true")), quiet);
    assertThat(Files.isDirectory(output.resolve("segment=Champions"))).isTrue();
    long customers = SparkCustomers.summary(typedTransactions(), TransactionColumns.defaults(), LocalDate.of(2024, 6, 30)).count();
    assertThat(scored(output)).isEqualTo(customers);
  }

  @Test
  void without_a_master_the_job_says_so_in_one_line() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Djdk.reflect")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScoringJob.class.getName(),
        "--input", "tx.csv", "--as-of", "2024-06-30", "--strategy", "rfm", "--output", dir.resolve("o").toString()));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isEqualTo(1);
    List<String> lines = stderr.lines().filter(l -> l.startsWith("crm-spark:") || l.startsWith("\tat ")
        || l.contains("Exception")).toList();
    assertThat(lines).containsExactly("crm-spark: no Spark master is set: run the job with spark-submit"
        + " --master <url>, or set the system property spark.master (for example -Dspark.master=local[*])");
  }
}
