package dev.crmkit.cli;

import static dev.crmkit.cli.CrmCommandTest.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crmkit.cli.CrmCommandTest.Result;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.store.CrmStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crm import} into a store, and {@code crm rfm --store} on what it imported. */
class ImportCommandTest {

  static final String AS_OF = "2024-12-31";

  @TempDir Path dir;

  /**
   * A transaction CSV like an export: {@code rows} rows over {@code customers} customers and
   * 2024, amounts with up to two decimals, some rows with an order_id, category and quantity.
   */
  static Path transactions(Path file, int rows, int customers, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("customer_id,date,amount,order_id,category,quantity\n");
    LocalDate first = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < rows; i++) {
      double u = random.nextDouble();
      int customer = (int) (u * u * customers);
      LocalDate date = first.plusDays(random.nextInt(366 + 30)); // some after the as-of date
      long cents = 1 + (long) Math.exp(3 + 1.2 * random.nextGaussian()) * 100 + random.nextInt(100);
      int quantity = random.nextInt(4) == 0 ? 2 : 1;
      cents = cents / quantity * quantity;
      csv.append("C").append(customer).append(',').append(date).append(',')
          .append(String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100)).append(',')
          .append(random.nextInt(3) == 0 ? "ORD-" + i : "").append(',')
          .append(random.nextInt(2) == 0 ? "cat" + random.nextInt(5) : "").append(',')
          .append(quantity == 2 ? "2" : "").append('\n');
    }
    Files.writeString(file, csv);
    return file;
  }

  static String h2(Path db) {
    return "jdbc:h2:file:" + db.toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  /** The rows of a CSV output, header first, the rest sorted. */
  static List<String> sortedRows(Path csv) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    rows.sort(null);
    rows.add(0, lines.get(0));
    return rows;
  }

  @Test
  void rfm_from_the_store_after_an_import_writes_the_rows_of_rfm_on_the_file() throws Exception {
    Path orders = transactions(dir.resolve("orders.csv"), 4000, 600, 7);
    String url = h2(dir.resolve("crm"));

    Result imported = crm("import", "--orders", orders.toString(), "--store", url);
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("orders: 4000 added, 0 already there");

    assertRfmMatches(orders, url);

    // the same file again adds nothing
    Result again = crm("import", "--orders", orders.toString(), "--store", url);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("orders: 0 added, 4000 already there");
    assertThat(again.out()).doesNotContain("customers:");
    assertRfmMatches(orders, url);
  }

  private void assertRfmMatches(Path orders, String url, String... storeOptions) throws IOException {
    Path fromFile = dir.resolve("rfm-file.csv");
    Path fromStore = dir.resolve("rfm-store.csv");
    Result file = crm("rfm", "--input", orders.toString(), "--as-of", AS_OF, "--output", fromFile.toString());
    assertThat(file.exitCode()).as(file.err()).isZero();
    List<String> args = new ArrayList<>(List.of("rfm", "--store", url, "--as-of", AS_OF,
        "--output", fromStore.toString()));
    args.addAll(List.of(storeOptions));
    Result store = crm(args.toArray(String[]::new));
    assertThat(store.exitCode()).as(store.err()).isZero();
    List<String> expected = sortedRows(fromFile);
    assertThat(expected.size()).isGreaterThan(100);
    assertThat(sortedRows(fromStore)).containsExactlyElementsOf(expected);
    // the segment summary printed below the first line is the same too
    assertThat(store.out().substring(store.out().indexOf('\n')))
        .isEqualTo(file.out().substring(file.out().indexOf('\n')));
  }

  @Test
  void customers_file_registers_people_and_organizations_and_orders_find_them() throws Exception {
    Path customers = dir.resolve("customers.csv");
    Files.writeString(customers, """
        id,kind,name,email,phone,code
        K1,individual,Anna Schmidt,anna@example.com,+49 30 1234567,A-1
        K2,organization,"Acme, Inc.",,,
        K3,,,,,
        """);
    Path orders = dir.resolve("orders.csv");
    Files.writeString(orders, """
        customer_id,date,amount,order_id,sku,category,quantity
        K1,2024-03-01,20.00,o-1,book-1,books,2
        K2,2024-03-02,99.90,,,,
        NEW,2024-03-03,5,,,,
        """);
    String url = h2(dir.resolve("crm"));
    Result r = crm("import", "--customers", customers.toString(), "--orders", orders.toString(), "--store", url);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("customers: 4 added, 0 already there").contains("orders: 3 added");

    try (StoreOption.Opened db = open(url)) {
      CrmStore store = db.store();
      Customer anna = store.customers().findById(CustomerId.of("K1")).orElseThrow();
      assertThat(anna.name()).isEqualTo("Anna Schmidt");
      assertThat(anna.code()).isEqualTo("A-1");
      assertThat(store.customers().findById(CustomerId.of("K2")).orElseThrow())
          .isInstanceOf(Organization.class).extracting(Customer::name).isEqualTo("Acme, Inc.");
      assertThat(store.customers().findById(CustomerId.of("K3")).orElseThrow().name()).isEqualTo("K3");
      assertThat(store.customers().findById(CustomerId.of("NEW"))).isPresent();
      Order o1 = store.orders().findById("o-1").orElseThrow();
      assertThat(o1.lines().get(0).quantity()).isEqualTo(2);
      assertThat(o1.lines().get(0).unitPricePaid().amount()).isEqualByComparingTo("10");
      assertThat(o1.lines().get(0).category()).isEqualTo("books");
      assertThat(store.orders().findByCustomers(List.of(CustomerId.of("K2"))).get(0)
          .amountPaid().amount()).isEqualByComparingTo("99.90");
    }
  }

  @Test
  void a_bad_row_stops_with_file_line_and_reason_or_is_skipped_and_counted() throws Exception {
    Path orders = dir.resolve("orders.csv");
    String longValue = "x".repeat(500);
    Files.writeString(orders, "customer_id,date,amount\n"
        + "C1,2024-01-01,10\n"
        + "C2,2024-01-02," + longValue + "\n"
        + "C3,2024-13-01,3\n"
        + "C4,2024-01-04,-4\n"
        + "C5,2024-01-05,5\n");
    String url = h2(dir.resolve("crm"));
    Result stop = crm("import", "--orders", orders.toString(), "--store", url);
    assertThat(stop.exitCode()).isEqualTo(1);
    assertThat(stop.err()).contains(orders + ":3: amount: 'xxxx").contains("...' is not a number");
    assertThat(stop.err().length()).isLessThan(300);

    Result skip = crm("import", "--orders", orders.toString(), "--store", url, "--skip-bad-rows");
    assertThat(skip.exitCode()).as(skip.err()).isZero();
    // the row before the bad one was written by the first run
    assertThat(skip.out()).contains("orders: 1 added, 1 already there")
        .contains("skipped 3 bad rows; the first: " + orders + ":3: amount:");
    try (StoreOption.Opened db = open(url)) {
      assertThat(db.store().orders().all().map(o -> o.customerId().value()).sorted().toList())
          .containsExactly("C1", "C5");
    }
  }

  @Test
  void an_order_id_used_with_other_content_is_a_bad_row() throws Exception {
    Path orders = dir.resolve("orders.csv");
    Files.writeString(orders, "customer_id,date,amount,order_id\nC1,2024-01-01,10,o1\nC1,2024-01-02,12,o1\n");
    Result r = crm("import", "--orders", orders.toString(), "--store", h2(dir.resolve("crm")));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains(orders + ":3: order_id: 'o1' is already recorded with other content");
  }

  /**
   * After a batch whose look-up found none of its rows, the next batch is written without one;
   * when it meets rows already stored, it is written again with the look-up: the same counts as
   * an import that looks every batch up, nothing twice, and a changed row still named.
   */
  @Test
  void a_batch_written_without_look_up_that_meets_stored_rows_counts_them_as_there() throws Exception {
    String url = h2(dir.resolve("crm"));
    Path customers1 = dir.resolve("customers1.csv");
    Files.writeString(customers1, "id\nK3\nK4\n");
    Path orders1 = dir.resolve("orders1.csv");
    Files.writeString(orders1, "customer_id,date,amount,order_id\nK3,2024-01-03,3,o3\nK4,2024-01-04,4,o4\n");
    Result first = crm("import", "--customers", customers1.toString(), "--orders", orders1.toString(),
        "--store", url, "--batch", "2");
    assertThat(first.exitCode()).as(first.err()).isZero();

    // batches of two: the first (looked up) finds nothing, the second (not looked up) meets K3,
    // K4 and o3, o4, the third is looked up again
    Path customers2 = dir.resolve("customers2.csv");
    Files.writeString(customers2, "id\nK1\nK2\nK3\nK4\nK5\n");
    Path orders2 = dir.resolve("orders2.csv");
    Files.writeString(orders2, "customer_id,date,amount,order_id\n"
        + "K1,2024-01-01,1,o1\nK2,2024-01-02,2,o2\n"
        + "K3,2024-01-03,3,o3\nK4,2024-01-04,4,o4\n"
        + "K5,2024-01-05,5,o5\n");
    Result second = crm("import", "--customers", customers2.toString(), "--orders", orders2.toString(),
        "--store", url, "--batch", "2");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("customers: 3 added, 2 already there")
        .contains("orders: 3 added, 2 already there");
    try (StoreOption.Opened db = open(url)) {
      assertThat(db.store().orders().all().map(Order::id).sorted().toList())
          .containsExactly("o1", "o2", "o3", "o4", "o5");
      assertThat(db.store().customers().all().count()).isEqualTo(5L);
    }

    // a row already there with other content, in a batch written without look-up: named
    Path orders3 = dir.resolve("orders3.csv");
    Files.writeString(orders3, "customer_id,date,amount,order_id\n"
        + "K1,2024-02-01,1,o6\nK2,2024-02-02,2,o7\n"
        + "K3,2024-01-03,3,o3\nK4,2024-01-04,44,o4\n");
    Result third = crm("import", "--orders", orders3.toString(), "--store", url, "--batch", "2");
    assertThat(third.exitCode()).isEqualTo(1);
    assertThat(third.err()).contains(orders3 + ":5: order_id: 'o4' is already recorded with other content");
    try (StoreOption.Opened db = open(url)) {
      assertThat(db.store().orders().all().map(Order::id).sorted().toList())
          .containsExactly("o1", "o2", "o3", "o4", "o5", "o6", "o7");
      assertThat(db.store().orders().findById("o4").orElseThrow().amountPaid().amount())
          .isEqualByComparingTo("4");
    }
  }

  @Test
  void input_and_store_are_alternatives() {
    Result both = crm("rfm", "--input", "tx.csv", "--store", "jdbc:h2:mem:x", "--as-of", AS_OF,
        "--output", dir.resolve("o.csv").toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--input and --store are alternatives");
    for (String command : List.of("rfm", "abc")) {
      List<String> args = new ArrayList<>(List.of(command, "--as-of", AS_OF, "--output",
          dir.resolve("o.csv").toString()));
      Result neither = crm(args.toArray(String[]::new));
      assertThat(neither.exitCode()).as(command).isEqualTo(2);
      assertThat(neither.err()).as(command).contains("one of --input TX.csv or --store JDBC-URL is required");
    }
    Result summarize = crm("summarize", "--calibration-end", AS_OF, "--output", "s.csv");
    assertThat(summarize.exitCode()).isEqualTo(2);
    Result report = crm("report", "--out", dir.toString());
    assertThat(report.exitCode()).isEqualTo(2);
    assertThat(report.err()).contains("one of --input TX.csv or --store JDBC-URL is required");
    Result unknown = crm("rfm", "--store", "jdbc:mysql://x/y", "--as-of", AS_OF, "--output", "o.csv");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("is not a database crm knows");
  }

  @Test
  void summarize_abc_and_a_folder_store_read_the_imported_orders() throws Exception {
    Path orders = transactions(dir.resolve("orders.csv"), 800, 150, 3);
    Path folder = dir.resolve("store-folder");
    assertThat(crm("import", "--orders", orders.toString(), "--store", folder.toString()).exitCode()).isZero();

    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    assertThat(crm("summarize", "--input", orders.toString(), "--calibration-end", AS_OF, "--output", a.toString())
        .exitCode()).isZero();
    Result s = crm("summarize", "--store", folder.toString(), "--calibration-end", AS_OF, "--output", b.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(sortedRows(b)).containsExactlyElementsOf(sortedRows(a));

    assertThat(crm("abc", "--input", orders.toString(), "--as-of", AS_OF, "--output", a.toString()).exitCode()).isZero();
    Result abc = crm("abc", "--store", folder.toString(), "--as-of", AS_OF, "--output", b.toString());
    assertThat(abc.exitCode()).as(abc.err()).isZero();
    // customer, revenue and value share; the cumulative share (and so the class at a boundary)
    // depends on the order of customers with equal revenue, which is that of the input
    assertThat(abcColumns(b)).containsExactlyElementsOf(abcColumns(a));
  }

  private static List<String> abcColumns(Path csv) throws IOException {
    return sortedRows(csv).stream().skip(1).map(line -> {
      String[] f = line.split(",");
      return f[0] + "," + f[1] + "," + String.format(Locale.ROOT, "%.12f", Double.parseDouble(f[2]));
    }).toList();
  }

  /**
   * An import killed with kill -9 in the middle, then run again, leaves what one clean run
   * leaves: the same orders (ids, customers, times, lines) and customers, and the same RFM rows.
   */
  @Test
  void an_import_killed_and_run_again_leaves_what_one_clean_run_leaves() throws Exception {
    Path orders = transactions(dir.resolve("orders.csv"), 6000, 900, 11);
    String killed = h2(dir.resolve("killed"));
    String clean = h2(dir.resolve("clean"));

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrmCommand.class.getName(),
        "import", "--orders", orders.toString(), "--store", killed, "--batch", "50")
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    // the database file grows as batches commit; no second connection while the child writes
    Path file = dir.resolve("killed.mv.db");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (child.isAlive() && System.nanoTime() < deadline
        && (!Files.exists(file) || Files.size(file) < 1_000_000)) {
      Thread.sleep(20);
    }
    assertThat(child.isAlive()).as("the import was still running: " + Files.readString(dir.resolve("child.log")))
        .isTrue();
    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long left = countOrders(killed);
    assertThat(left).as("part of the file was written").isBetween(1L, 5999L);

    Result rerun = crm("import", "--orders", orders.toString(), "--store", killed);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out()).contains("orders: " + (6000 - left) + " added, " + left + " already there");
    Result once = crm("import", "--orders", orders.toString(), "--store", clean);
    assertThat(once.exitCode()).as(once.err()).isZero();

    try (StoreOption.Opened a = open(killed); StoreOption.Opened b = open(clean)) {
      assertThat(a.store().orders().all().toList()).hasSize(6000)
          .containsExactlyInAnyOrderElementsOf(b.store().orders().all().toList());
      assertThat(a.store().customers().all().map(c -> c.id() + " " + c.name() + " " + c.code()).toList())
          .containsExactlyElementsOf(b.store().customers().all().map(c -> c.id() + " " + c.name() + " " + c.code()).toList());
    }
    assertRfmMatches(orders, killed);
  }

  private static long countOrders(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crm_order")) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (java.sql.SQLException e) {
      return 0; // the schema is not there yet
    }
  }

  private static StoreOption.Opened open(String url) {
    StoreOption option = new StoreOption();
    option.url = url;
    return option.open(new picocli.CommandLine(new CrmCommand()));
  }

  static String setting(String name) {
    String property = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
    return property != null ? property : System.getenv(name);
  }

  /** The same import and comparison on PostgreSQL (in a schema of its own), when one is set. */
  @Test
  void on_postgresql_rfm_from_the_store_matches_rfm_on_the_file() throws Exception {
    String url = setting("CRMKIT_PG_URL");
    String user = setting("CRMKIT_PG_USER");
    String password = setting("CRMKIT_PG_PASSWORD");
    assumeTrue(url != null && user != null && password != null,
        "PostgreSQL tests skipped: set CRMKIT_PG_URL, CRMKIT_PG_USER and CRMKIT_PG_PASSWORD");
    String schema = "cli_import_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      String store = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      Path orders = transactions(dir.resolve("orders.csv"), 3000, 400, 5);
      Result r = crm("import", "--orders", orders.toString(), "--store", store,
          "--store-user", user, "--store-password", password);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("orders: 3000 added");
      assertRfmMatches(orders, store, "--store-user", user, "--store-password", password);
      Result again = crm("import", "--orders", orders.toString(), "--store", store,
          "--store-user", user, "--store-password", password);
      assertThat(again.out()).contains("orders: 0 added, 3000 already there");
    } finally {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
