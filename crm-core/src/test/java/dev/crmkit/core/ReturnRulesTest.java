package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReturnRulesTest {

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);
  private final Individual anna = crm.register(Fixtures.anna());

  private Order buy() {
    return crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "USD")
        .line("XPS-13", "laptops", 3, Money.of("1299", "USD"), Money.of("1199.99", "USD"))
        .line("MOUSE", "accessories", 1, Money.of("25", "USD"), Money.of("25", "USD")));
  }

  @Test
  void an_order_shows_list_price_price_paid_and_discount() {
    Order order = buy();
    assertThat(order.amountPaid()).isEqualTo(Money.of("3624.97", "USD"));
    assertThat(order.listAmount()).isEqualTo(Money.of("3922", "USD"));
    assertThat(order.discount()).isEqualTo(Money.of("297.03", "USD"));
    assertThat(order.orderedAt()).isEqualTo(Fixtures.T0);
  }

  @Test
  void partial_returns_are_refunded_exactly_at_the_price_paid() {
    Order order = buy();
    clock.advance(Duration.ofDays(3));
    Return first = crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1).reason("damaged"));
    assertThat(first.refund()).isEqualTo(Money.of("1199.99", "USD"));
    assertThat(first.returnedAt()).isEqualTo(Fixtures.T0.plus(Duration.ofDays(3)));
    assertThat(first.channel()).isEqualTo(Channel.WEB);
    assertThat(first.lines().get(0).sku()).isEqualTo("XPS-13");
    Return second = crm.recordReturn(ReturnRequest.of(order.id()).line(1, 2).line(2, 1)
        .channel(Channel.STORE));
    assertThat(second.refund()).isEqualTo(Money.of("2424.98", "USD"));
    assertThat(crm.returns(anna.id())).containsExactly(first, second);
  }

  @Test
  void never_more_comes_back_than_was_bought_across_all_returns() {
    Order order = buy();
    crm.recordReturn(ReturnRequest.of(order.id()).line(1, 2));
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of(order.id()).line(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity: '2' is not valid; expected at most 1 for line 1 of order "
            + order.id() + " (bought 3, already returned 2)");
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of(order.id()).line(2, 2)))
        .hasMessageContaining("at most 1 for line 2");
    assertThat(crm.returns(anna.id())).hasSize(1); // the rejected ones left no trace
  }

  @Test
  void returns_name_a_known_order_and_line() {
    Order order = buy();
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of("O-404").line(1, 1)))
        .hasMessageStartingWith("orderId: 'O-404'");
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of(order.id()).line(3, 1)))
        .hasMessageStartingWith("lineNumber: '3'").hasMessageContaining("lines 1 to 2");
    assertThatThrownBy(() -> ReturnRequest.of(order.id()).line(1, -1))
        .hasMessageStartingWith("quantity: '-1'");
    assertThatThrownBy(() -> ReturnRequest.of(order.id()).line(1, 1).line(1, 1))
        .hasMessageStartingWith("lineNumber: '1'");
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of(order.id())))
        .hasMessageStartingWith("lines:");
    assertThatThrownBy(() -> crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1)
            .returnedAt(Fixtures.T0.minusSeconds(1))))
        .hasMessageStartingWith("returnedAt:");
  }

  @Test
  void negative_quantities_and_prices_are_rejected() {
    assertThatThrownBy(() -> OrderRequest.of(anna.id(), Channel.WEB, "USD")
            .line("S", "c", -1, Money.of("1", "USD"), Money.of("1", "USD")))
        .hasMessageStartingWith("quantity: '-1'");
    assertThatThrownBy(() -> OrderRequest.of(anna.id(), Channel.WEB, "USD")
            .line("S", "c", 1, Money.of("-1", "USD"), Money.of("1", "USD")))
        .hasMessageStartingWith("unitListPrice: '-1.00 USD'");
    assertThatThrownBy(() -> OrderRequest.of(anna.id(), Channel.WEB, "USD")
            .line("S", "c", 1, Money.of("1", "EUR"), Money.of("1", "EUR")))
        .hasMessageStartingWith("unitListPrice: '1.00 EUR'");
    assertThatThrownBy(() -> crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "USD")))
        .hasMessageStartingWith("lines:");
  }

  @Test
  void concurrent_returns_never_exceed_what_was_bought() throws Exception {
    Order order = buy();
    int attempts = 16;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < attempts; i++) {
      pool.submit(() -> {
        start.await();
        try {
          outcomes.add(crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1)));
        } catch (IllegalArgumentException e) {
          outcomes.add(e);
        }
        return null;
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(outcomes).hasSize(attempts);
    assertThat(outcomes).filteredOn(Return.class::isInstance).hasSize(3);
    assertThat(crm.returns(anna.id()).stream().mapToInt(r -> r.lines().get(0).quantity()).sum())
        .isEqualTo(3);
  }

  @Test
  void purchase_history_is_broken_down_by_product_and_category_net_of_returns() {
    Order order = buy();
    clock.advance(Duration.ofDays(10));
    crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "USD")
        .line("MOUSE", "accessories", 2, Money.of("25", "USD"), Money.of("20", "USD")));
    crm.recordPurchase(OrderRequest.of(anna.id(), Channel.STORE, "EUR")
        .line("MOUSE", "accessories", 1, Money.of("22", "EUR"), Money.of("22", "EUR")));
    crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1));

    PurchaseHistory history = crm.purchaseHistory(anna.id());

    PurchaseHistory.Breakdown laptops = history.byProduct().get(2);
    assertThat(laptops.key()).isEqualTo("XPS-13");
    assertThat(laptops.quantityBought()).isEqualTo(3);
    assertThat(laptops.quantityReturned()).isEqualTo(1);
    assertThat(laptops.netQuantity()).isEqualTo(2);
    assertThat(laptops.netPaid()).isEqualTo(Money.of("2399.98", "USD"));
    assertThat(history.byProduct()).extracting(b -> b.key() + " " + b.currency()
            + " " + b.orders() + " " + b.paid())
        .containsExactly("MOUSE EUR 1 22.00 EUR", "MOUSE USD 2 65.00 USD",
            "XPS-13 USD 1 3599.97 USD");
    assertThat(history.byCategory()).extracting(b -> b.key() + " " + b.netPaid())
        .containsExactly("accessories 22.00 EUR", "accessories 65.00 USD",
            "laptops 2399.98 USD");
    assertThat(laptops.firstPurchase()).contains(Fixtures.T0);
    assertThat(laptops.lastPurchase()).contains(Fixtures.T0);
  }
}
