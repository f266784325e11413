package dev.crmkit.examples.embedding;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.table.CoreLogs;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Example 1, embedding: a small web shop's back office that keeps its customers in crmkit. It
 * registers customers, records orders and hotline calls, reacts to domain events (a large order
 * triggers a personal thank-you call, logged as an outbound interaction), and scores the base
 * with RFM straight from crm-core's orders. Run it with
 * {@code java -cp examples/target/crm.jar dev.crmkit.examples.embedding.ShopApp}.
 *
 * <pre>{@code
 * ShopApp.Result r = new ShopApp(clock).run(new PrintWriter(System.out, true));
 * }</pre>
 */
public final class ShopApp {

  /** Orders of at least this much get a thank-you call. */
  static final Money LARGE_ORDER = Money.of("500.00", "EUR");

  /** What the run did: the thank-you calls it placed and each customer's RFM segment. */
  public record Result(List<String> thankYouCalls, Map<String, String> segments) {}

  private final MovableClock clock;
  private final Crm crm;
  private final List<String> thankYouCalls = new ArrayList<>();

  public ShopApp(Instant start) {
    this.clock = new MovableClock(start);
    this.crm = Crm.inMemory(clock);
  }

  public static void main(String[] args) {
    new ShopApp(Instant.parse("2026-01-05T09:00:00Z")).run(new PrintWriter(System.out, true));
  }

  public Result run(PrintWriter out) {
    // the host reacts to crmkit's events; listeners run after the change, outside its lock
    crm.events().subscribe(PurchaseEvent.PurchaseRecorded.class, e -> onPurchase(e.order(), out));
    crm.events().subscribe(CustomerEvent.CustomerRegistered.class,
        e -> out.println("registered " + e.customer().id() + " " + e.customer().name()));

    Customer anna = crm.register(Registration.individual("Anna Schmidt").email("anna@example.com"));
    Customer ben = crm.register(Registration.individual("Ben Okafor").email("ben@example.org"));
    Customer acme = crm.register(Registration.organization("Acme GmbH").code("K-1001"));
    Customer dora = crm.register(Registration.individual("Dora Novak").email("dora@example.net"));

    buy(anna, "PHONE-X", "phones", "649.00");
    later(Duration.ofDays(20));
    buy(anna, "CASE-1", "accessories", "19.90");
    buy(ben, "CABLE-2", "accessories", "9.90");
    later(Duration.ofDays(40));
    buy(acme, "TABLET-10", "tablets", "1890.00");
    call(ben, "asks about delivery");
    later(Duration.ofDays(60));
    buy(anna, "WATCH-3", "accessories", "249.00");
    buy(dora, "CASE-1", "accessories", "19.90");
    later(Duration.ofDays(5));

    // scoring straight from the core's orders and returns
    List<Order> orders = new ArrayList<>();
    List<dev.crmkit.core.purchase.Return> returns = new ArrayList<>();
    crm.histories().forEach(h -> {
      orders.addAll(h.orders());
      returns.addAll(h.returns());
    });
    TransactionLog log = CoreLogs.transactions(orders, returns, ZoneOffset.UTC, Currency.getInstance("EUR"));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    ScoreTable rfm = new RfmStrategy(RfmConfig.defaults()).score(CustomerSummary.of(log, today));
    Map<String, String> segments = new TreeMap<>();
    for (int i = 0; i < rfm.size(); i++) {
      String name = crm.get(CustomerId.of(rfm.customerId(i))).name();
      segments.put(name, rfm.label(i));
      out.printf("RFM %-14s r=%.0f f=%.0f m=%.0f  %s%n", name, rfm.score(i, "r"), rfm.score(i, "f"), rfm.score(i, "m"),
          rfm.label(i));
    }
    out.flush();
    return new Result(List.copyOf(thankYouCalls), segments);
  }

  private void onPurchase(Order order, PrintWriter out) {
    Money paid = order.amountPaid();
    out.println("order " + order.id() + " of " + order.customerId() + ": " + paid);
    if (paid.amount().compareTo(LARGE_ORDER.amount()) >= 0) {
      crm.logInteraction(InteractionRequest.of(order.customerId(), Channel.PHONE, InteractionType.INQUIRY,
              Direction.OUTBOUND).agent("sales-desk").notes("thank you for order " + order.id())
          .outcome("thanked"));
      thankYouCalls.add(order.customerId() + " " + order.id());
      out.println("  large order: thank-you call logged for " + order.customerId());
    }
  }

  private void buy(Customer c, String sku, String category, String paid) {
    crm.recordPurchase(OrderRequest.of(c.id(), Channel.WEB, "EUR")
        .line(sku, category, 1, Money.of(paid, "EUR"), Money.of(paid, "EUR")));
  }

  private void call(Customer c, String notes) {
    crm.logInteraction(InteractionRequest.of(c.id(), Channel.HOTLINE, InteractionType.INQUIRY, Direction.INBOUND)
        .agent("agent-7").notes(notes).outcome("answered"));
  }

  private void later(Duration d) {
    clock.advance(d);
  }

  /** The host's clock: crmkit takes time only from it. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
