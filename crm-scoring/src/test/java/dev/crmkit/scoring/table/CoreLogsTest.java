package dev.crmkit.scoring.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnLine;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreLogsTest {

  static final Currency USD = Currency.getInstance("USD");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Order order(String id, String customer, String instant, LineItem... lines) {
    return new Order(id, CustomerId.of(customer), Instant.parse(instant), Channel.WEB, USD,
        List.of(lines), Optional.empty());
  }

  static LineItem line(int n, String category, int quantity, String list, String paid) {
    return new LineItem(n, "sku-" + n, category, quantity, Money.of(list, "USD"), Money.of(paid, "USD"));
  }

  static Return refund(String id, String orderId, String customer, int line, String category, int qty,
      String amount) {
    return new Return(id, orderId, CustomerId.of(customer), Instant.parse("2024-03-01T10:00:00Z"),
        Channel.WEB, USD, List.of(new ReturnLine(line, "sku-" + line, category, qty, Money.of(amount, "USD"))),
        Optional.empty());
  }

  @Test
  void one_transaction_per_order_with_returns_netted_worked_by_hand() {
    // o1: 2 books at 10 paid 8 (16) + 1 music at 30 paid 30; one book returned (8) -> net 38
    Order o1 = order("o1", "C1", "2024-02-29T23:30:00Z",
        line(1, "books", 2, "10", "8"), line(2, "music", 1, "30", "30"));
    Order o2 = order("o2", "C2", "2024-02-10T12:00:00Z", line(1, "games", 1, "50", "50"));

    TransactionLog log =
        CoreLogs.transactions(List.of(o1, o2),
            List.of(refund("r1", "o1", "C1", 1, "books", 1, "8")), BERLIN, USD);

    assertThat(log.size()).isEqualTo(2);
    assertThat(log.customerId(log.customerIndex(0))).isEqualTo("C1");
    // 23:30 UTC on 29 February is 1 March in Berlin
    assertThat(log.day(0)).isEqualTo((int) LocalDate.of(2024, 3, 1).toEpochDay());
    assertThat(log.amount(0)).isEqualTo(38.0);
    assertThat(log.categoryName(log.category(0))).isEqualTo("music"); // 30 > 8 net for books
    assertThat(log.discountShare(0)).isEqualTo(4.0 / 50); // discount 4 of list 50
    assertThat(log.amount(1)).isEqualTo(50.0);
    assertThat(log.discountShare(1)).isZero();

    CustomerSummary summary = CustomerSummary.of(log, LocalDate.of(2024, 3, 31));
    assertThat(summary.total(summary.indexOf("C1"))).isEqualTo(38.0);
  }

  @Test
  void refuses_other_currencies_and_orphan_returns() {
    Order euro = new Order("o9", CustomerId.of("C1"), Instant.parse("2024-01-01T00:00:00Z"),
        Channel.WEB, Currency.getInstance("EUR"),
        List.of(new LineItem(1, "s", "c", 1, Money.of("1", "EUR"), Money.of("1", "EUR"))),
        Optional.empty());
    assertThatThrownBy(() -> CoreLogs.transactions(List.of(euro), List.of(), BERLIN, USD))
        .hasMessageContaining("order 'o9' is in EUR, not USD");
    Order o1 = order("o1", "C1", "2024-01-01T10:00:00Z", line(1, "books", 1, "10", "10"));
    assertThatThrownBy(
            () -> CoreLogs.transactions(List.of(o1), List.of(refund("r1", "o2", "C1", 1, "b", 1, "1")),
                BERLIN, USD))
        .hasMessageContaining("return 'r1' is of order 'o2', which is not among the orders");
  }

  @Test
  void interactions_by_local_date() {
    Interaction call = new Interaction("i1", CustomerId.of("C1"), Instant.parse("2024-01-31T23:30:00Z"),
        Channel.HOTLINE, InteractionType.COMPLAINT, Direction.INBOUND, Optional.empty(),
        Optional.empty(), Optional.empty(), "", Optional.empty());

    InteractionLog log = CoreLogs.interactions(List.of(call), BERLIN);

    assertThat(log.size()).isEqualTo(1);
    assertThat(log.customerId(0)).isEqualTo("C1");
    assertThat(log.day(0)).isEqualTo((int) LocalDate.of(2024, 2, 1).toEpochDay());
  }
}
