package dev.crmkit.testkit;

import static dev.crmkit.testkit.CrmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.PurchaseHistory;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.core.timeline.TimelineFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Return rules, purchase history totals and timeline order over generated data. */
class PurchaseAndTimelineInvariantsTest {

  private static final Instant NOW = Instant.parse("2031-01-01T00:00:00Z");

  /**
   * Any sequence of return attempts against an order: the accepted ones never add up to more than
   * a line holds, and each rejected one leaves no trace.
   */
  @Property(tries = 200)
  void returns_never_exceed_what_was_bought(@ForAll("orders") Order template,
      @ForAll @Size(max = 10) List<@IntRange(min = 1, max = 6) Integer> lineNumbers,
      @ForAll @Size(max = 10) List<@IntRange(min = 1, max = 6) Integer> quantities) {
    Crm crm = Crm.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
    Individual buyer = crm.register(Registration.individual("Buyer"));
    OrderRequest request = OrderRequest.of(buyer.id(), template.channel(),
        template.currency().getCurrencyCode()).orderedAt(template.orderedAt());
    template.lines().forEach(l -> request.line(l.sku(), l.category(), l.quantity(),
        l.unitListPrice(), l.unitPricePaid()));
    Order order = crm.recordPurchase(request);

    Map<Integer, Integer> returned = new HashMap<>();
    for (int k = 0; k < Math.min(lineNumbers.size(), quantities.size()); k++) {
      int line = lineNumbers.get(k);
      int qty = quantities.get(k);
      int bought = order.line(line).map(LineItem::quantity).orElse(0);
      int before = returned.getOrDefault(line, 0);
      boolean allowed = bought > 0 && before + qty <= bought;
      int countBefore = crm.returns(buyer.id()).size();
      try {
        crm.recordReturn(ReturnRequest.of(order.id()).line(line, qty));
        assertThat(allowed).as("accepted a return of %d of line %d", qty, line).isTrue();
        returned.merge(line, qty, Integer::sum);
      } catch (IllegalArgumentException e) {
        assertThat(allowed).as("rejected: %s", e.getMessage()).isFalse();
        assertThat(crm.returns(buyer.id())).hasSize(countBefore);
      }
    }
    Money refunded = crm.returns(buyer.id()).stream().map(Return::refund)
        .reduce(Money.zero(order.currency()), Money::plus);
    assertThat(refunded.compareTo(order.amountPaid())).isLessThanOrEqualTo(0);
  }

  @Property(tries = 200)
  void purchase_history_nets_returns_against_purchases(
      @ForAll("histories") CustomerHistory history) {
    PurchaseHistory p = history.purchaseHistory();
    long bought = history.orders().stream().flatMap(o -> o.lines().stream())
        .mapToLong(LineItem::quantity).sum();
    long returned = history.returns().stream().flatMap(r -> r.lines().stream())
        .mapToLong(l -> l.quantity()).sum();
    assertThat(p.byProduct().stream().mapToLong(PurchaseHistory.Breakdown::quantityBought).sum())
        .isEqualTo(bought);
    assertThat(p.byCategory().stream().mapToLong(PurchaseHistory.Breakdown::quantityReturned)
        .sum()).isEqualTo(returned);
    assertThat(p.byProduct()).allSatisfy(b -> assertThat(b.netPaid().isNegative()).isFalse());
  }

  @Property(tries = 200)
  void timelines_are_in_time_order_and_filters_keep_order(
      @ForAll("histories") CustomerHistory history, @ForAll("filters") TimelineFilter filter) {
    Timeline timeline = history.timeline();
    assertThat(timeline).isInTimeOrder()
        .hasSize(history.orders().size() + history.returns().size()
            + history.interactions().size());
    Timeline filtered = timeline.filter(filter);
    assertThat(filtered).isInTimeOrder();
    assertThat(filtered.entries()).allMatch(filter::test);
    assertThat(timeline.entries().stream().filter(filter::test).toList())
        .isEqualTo(filtered.entries());
  }

  @Property(tries = 100)
  void the_facade_timeline_has_every_recorded_item(@ForAll("histories") CustomerHistory h) {
    Crm crm = Crm.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
    CustomerId id = crm.register(Registration.individual("Someone")).id();
    for (Order o : h.orders()) {
      OrderRequest r = OrderRequest.of(id, o.channel(), o.currency().getCurrencyCode())
          .orderId(o.id()).orderedAt(o.orderedAt());
      o.lines().forEach(l -> r.line(l.sku(), l.category(), l.quantity(), l.unitListPrice(),
          l.unitPricePaid()));
      crm.recordPurchase(r);
    }
    for (Return ret : h.returns()) {
      ReturnRequest r = ReturnRequest.of(ret.orderId()).returnId(ret.id())
          .returnedAt(ret.returnedAt()).channel(ret.channel());
      ret.lines().forEach(l -> r.line(l.lineNumber(), l.quantity()));
      try {
        crm.recordReturn(r);
      } catch (IllegalArgumentException tooMany) {
        // generated returns of one order are each valid alone, not necessarily together
      }
    }
    Timeline t = crm.timeline(id);
    assertThat(t).isInTimeOrder();
    assertThat(t.entries().stream().filter(e -> e.kind() == TimelineEntry.Kind.PURCHASE))
        .hasSize(h.orders().size());
  }

  @Provide
  Arbitrary<Order> orders() {
    return CrmArbitraries.orders();
  }

  @Provide
  Arbitrary<CustomerHistory> histories() {
    return CrmArbitraries.customerHistories();
  }

  @Provide
  Arbitrary<TimelineFilter> filters() {
    return CrmArbitraries.timelineFilters();
  }
}
