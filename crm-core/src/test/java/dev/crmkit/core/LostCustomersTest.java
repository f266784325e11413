package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.lost.DepartureSummary;
import dev.crmkit.core.lost.LapseRule;
import dev.crmkit.core.lost.LapsedCustomer;
import dev.crmkit.core.lost.LostCustomerEvent;
import dev.crmkit.core.lost.LostCustomers;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LostCustomersTest {

  /** The facade under test: in memory here, on H2 in {@link LostCustomersH2Test}. */
  Crm crm(java.time.Clock clock) {
    return Fixtures.crm(clock);
  }


  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  final Crm crm = crm(clock);
  private final LostCustomers lost = LostCustomers.create(crm, clock, crm.events(),
      LapseRule.after(Duration.ofDays(365)).withThreshold("organization", Duration.ofDays(180)),
      Set.of("price", "service", "moved", "competitor"));

  private Order buy(Customer customer, String amount) {
    return crm.recordPurchase(OrderRequest.of(customer.id(), Channel.STORE, "EUR")
        .line("SKU", "parts", 2, Money.of(amount, "EUR"), Money.of(amount, "EUR")));
  }

  @Test
  void lapsed_customers_by_segment_threshold_with_last_purchase_value_and_interactions() {
    Individual anna = crm.register(Fixtures.anna());
    Individual ben = crm.register(Registration.individual("Ben Okafor"));
    Organization acme = crm.register(Fixtures.acme());
    Individual neverBought = crm.register(Registration.individual("Chen Li"));
    Order first = buy(anna, "100");
    crm.recordReturn(ReturnRequest.of(first.id()).line(1, 1)); // refund 100
    buy(acme, "1000");
    clock.advance(Duration.ofDays(30));
    Order last = buy(anna, "50");
    for (int i = 1; i <= 4; i++) {
      clock.advance(Duration.ofDays(1));
      crm.logInteraction(InteractionRequest.of(anna.id(), Channel.PHONE, InteractionType.INQUIRY,
          Direction.INBOUND).notes("call " + i));
    }
    clock.advance(Duration.ofDays(200));
    buy(ben, "10");
    Instant asOf = last.orderedAt().plus(Duration.ofDays(366));

    List<LapsedCustomer> lapsed = lost.lapsed(asOf);

    // acme: 396 days since its order (> 180); anna: 366 (> 365); ben: 162; Chen never bought
    assertThat(lapsed).extracting(l -> l.customer().id()).containsExactly(acme.id(), anna.id());
    LapsedCustomer a = lapsed.get(1);
    assertThat(a.segment()).isEqualTo("individual");
    assertThat(a.lastPurchase()).isEqualTo(last);
    assertThat(a.sinceLastPurchase()).isEqualTo(Duration.ofDays(366));
    assertThat(a.valueSoFar()).containsExactly(Money.of("200", "EUR")); // 200 + 100 - 100
    assertThat(a.lastInteractions()).extracting(Interaction::notes)
        .containsExactly("call 4", "call 3", "call 2");
    assertThat(lapsed.get(0).segment()).isEqualTo("organization");
    assertThat(lost.lapsed(last.orderedAt().plus(Duration.ofDays(365))))
        .as("exactly at the threshold is not lapsed yet")
        .extracting(l -> l.customer().id()).containsExactly(acme.id());
    assertThat(lost.lapsed(Fixtures.T0.minusSeconds(1))).isEmpty(); // nothing bought yet
    assertThat(lapsed).noneMatch(l -> l.customer().id().equals(neverBought.id()));
  }

  @Test
  void departures_need_a_configured_reason_and_are_summarised_with_win_backs() {
    Individual anna = crm.register(Fixtures.anna());
    Individual ben = crm.register(Registration.individual("Ben Okafor"));
    List<DomainEvent> events = new ArrayList<>();
    crm.events().subscribe(events::add);
    assertThatThrownBy(() -> lost.recordDeparture(anna.id(), "weather", ""))
        .hasMessage("reason: 'weather' is not valid; expected one of"
            + " [competitor, moved, price, service]");
    lost.recordDeparture(anna.id(), "price", "cheaper dealer nearby");
    lost.recordDeparture(ben.id(), "price", "");
    clock.advance(Duration.ofDays(3));
    lost.recordDeparture(ben.id(), "service", "waited too long for a repair");
    lost.recordWinBack(anna.id(), "10% voucher", WinBackAttempt.Outcome.DECLINED, "");
    lost.recordWinBack(ben.id(), "free service check", WinBackAttempt.Outcome.WON_BACK, "");

    DepartureSummary s = lost.summary(Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(10)));
    assertThat(s.departures()).isEqualTo(3);
    assertThat(s.byReason()).isEqualTo(Map.of("price", 2L, "service", 1L, "moved", 0L,
        "competitor", 0L));
    assertThat(s.winBacksByOutcome()).containsEntry(WinBackAttempt.Outcome.WON_BACK, 1L)
        .containsEntry(WinBackAttempt.Outcome.DECLINED, 1L)
        .containsEntry(WinBackAttempt.Outcome.PENDING, 0L);
    assertThat(lost.summary(Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(3))).byReason())
        .containsEntry("price", 2L).containsEntry("service", 0L);
    assertThat(lost.departures(ben.id())).hasSize(2);
    assertThat(events).filteredOn(e -> e instanceof LostCustomerEvent.CustomerLeft).hasSize(3);
    assertThat(events).filteredOn(e -> e instanceof LostCustomerEvent.WinBackAttempted).hasSize(2);
  }

  @Test
  void bad_settings_are_named() {
    assertThatThrownBy(() -> LapseRule.after(Duration.ZERO))
        .hasMessage("threshold: 'PT0S' is not valid; expected a positive duration");
    assertThatThrownBy(() -> LostCustomers.create(crm, clock, crm.events(),
        LapseRule.after(Duration.ofDays(1)), Set.of()))
        .hasMessageStartingWith("reasons: '[]' is not valid");
    LapseRule nullSegments = LapseRule.after(Duration.ofDays(1)).segmentedBy(c -> null);
    Individual anna = crm.register(Fixtures.anna());
    assertThatThrownBy(() -> nullSegments.segmentOf(anna))
        .hasMessageContaining("a segment for customer C-000001");
  }
}
