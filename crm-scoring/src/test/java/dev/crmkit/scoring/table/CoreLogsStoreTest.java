package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.store.CrmStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CoreLogs} reading a {@link CrmStore}: in memory and on an embedded H2 database. */
class CoreLogsStoreTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void in_memory_store_gives_the_rows_of_the_orders_netted() {
    try (Crm crm = Crm.builder().clock(CLOCK).store(CrmStore.inMemory()).build()) {
      checkWorkedExample(crm);
    }
  }

  @Test
  void embedded_store_gives_the_same_rows_and_survives_reopening() {
    try (Crm crm = Crm.embedded(dir.resolve("db"), CLOCK)) {
      checkWorkedExample(crm);
    }
    try (CrmStore store = CrmStore.embedded(dir.resolve("db"))) {
      Map<String, List<String>> rows = rows(CoreLogs.transactions(store, BERLIN));
      assertThat(rows).containsOnlyKeys("C1", "C2");
    }
  }

  /**
   * C1 buys twice and returns one book; C3 buys once and is merged into C1 (its order counts
   * for C1); C2 buys once; the rows are those of the collection-based log, by hand.
   */
  private void checkWorkedExample(Crm crm) {
    for (String id : List.of("C1", "C2", "C3")) {
      crm.register(Registration.individual("Customer " + id).id(CustomerId.of(id)));
    }
    Order o1 = crm.recordPurchase(OrderRequest.of(CustomerId.of("C1"), Channel.WEB, "USD")
        .orderId("o1").orderedAt(Instant.parse("2024-02-29T23:30:00Z"))
        .line("b", "books", 2, Money.of("10", "USD"), Money.of("8", "USD"))
        .line("m", "music", 1, Money.of("30", "USD"), Money.of("30", "USD")));
    crm.recordPurchase(OrderRequest.of(CustomerId.of("C2"), Channel.WEB, "USD")
        .orderId("o2").orderedAt(Instant.parse("2024-02-10T12:00:00Z"))
        .line("g", "games", 1, Money.of("50", "USD"), Money.of("50", "USD")));
    crm.recordPurchase(OrderRequest.of(CustomerId.of("C3"), Channel.WEB, "USD")
        .orderId("o3").orderedAt(Instant.parse("2024-04-02T08:00:00Z"))
        .line("g", "games", 3, Money.of("5.25", "USD"), Money.of("5.25", "USD")));
    crm.recordReturn(ReturnRequest.of(o1.id()).line(1, 1).returnedAt(Instant.parse("2024-03-05T10:00:00Z")));
    crm.logInteraction(InteractionRequest.of(CustomerId.of("C3"), Channel.PHONE, InteractionType.INQUIRY,
        Direction.INBOUND).occurredAt(Instant.parse("2024-04-03T10:00:00Z")));
    crm.merge(CustomerId.of("C1"), CustomerId.of("C3"));

    TransactionLog log = CoreLogs.transactions(crm.store(), BERLIN);
    assertThat(rows(log)).isEqualTo(Map.of(
        "C1", List.of("2024-03-01 38.0 music", "2024-04-02 15.75 games"),
        "C2", List.of("2024-02-10 50.0 games")));

    InteractionLog touches = CoreLogs.interactions(crm.store(), BERLIN);
    CustomerSummary summary = CustomerSummary.of(log, LocalDate.of(2024, 5, 31), touches);
    int c1 = summary.indexOf(crm.get(CustomerId.of("C3")).id().value());
    assertThat(summary.customerId(c1)).isEqualTo("C1");
    assertThat(summary.total(c1)).isEqualTo(53.75);
    assertThat(summary.interactions(c1)).isEqualTo(1);

    // the same as the log made of every order and return in memory, merged ids aside
    TransactionLog fromObjects = CoreLogs.transactions(crm.orders(CustomerId.of("C1")),
        crm.returns(CustomerId.of("C1")), BERLIN, java.util.Currency.getInstance("USD"));
    assertThat(rows(fromObjects).values().stream().flatMap(List::stream).sorted().toList())
        .isEqualTo(rows(log).get("C1"));

    assertThatThrownBy(() -> CoreLogs.transactions(crm.store(), BERLIN, java.util.Currency.getInstance("EUR")))
        .hasMessageContaining("not EUR");
  }

  @Test
  void reads_more_customers_than_one_chunk() {
    try (Crm crm = Crm.builder().clock(CLOCK).store(CrmStore.inMemory()).build()) {
      int n = CoreLogs.STORE_CHUNK * 2 + 7;
      for (int i = 0; i < n; i++) {
        CustomerId id = CustomerId.of("K" + i);
        crm.register(Registration.individual("K " + i).id(id));
        for (int k = 0; k <= i % 3; k++) {
          crm.recordPurchase(OrderRequest.of(id, Channel.STORE, "EUR")
              .orderedAt(Instant.parse("2024-01-01T12:00:00Z").plusSeconds(86_400L * k))
              .line("s", "c", 1, Money.of(i + ".50", "EUR"), Money.of(i + ".50", "EUR")));
        }
      }
      TransactionLog log = CoreLogs.transactions(crm.store(), ZoneOffset.UTC);
      assertThat(log.customerCount()).isEqualTo(n);
      assertThat(log.size()).isEqualTo(n / 3 * 6 + 1 + 2); // 1, 2, 3 orders in turn; n % 3 == 2
      CustomerSummary s = CustomerSummary.of(log, LocalDate.of(2024, 2, 1));
      assertThat(s.total(s.indexOf("K1000"))).isEqualTo(2 * 1000.5);
    }
  }

  static Map<String, List<String>> rows(TransactionLog log) {
    Map<String, List<String>> rows = new TreeMap<>();
    Function<Integer, String> category = r -> log.category(r) == TransactionLog.NO_CATEGORY ? "-"
        : log.categoryName(log.category(r));
    for (int r = 0; r < log.size(); r++) {
      rows.computeIfAbsent(log.customerId(log.customerIndex(r)), k -> new ArrayList<>())
          .add(LocalDate.ofEpochDay(log.day(r)) + " " + log.amount(r) + " " + category.apply(r));
    }
    rows.values().forEach(l -> l.sort(null));
    return rows;
  }
}
