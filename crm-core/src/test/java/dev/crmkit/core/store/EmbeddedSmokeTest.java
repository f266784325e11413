package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSmokeTest {

  @TempDir Path dir;

  @Test
  void a_shop_restarts_and_finds_its_customers() {
    SettableClock clock = SettableClock.of(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    String annaId;
    String orderId;
    List<DomainEvent> seen = new ArrayList<>();
    try (Crm crm = Crm.embedded(dir, clock)) {
      crm.events().subscribe(seen::add);
      Individual anna = crm.register(Registration.individual("Anna Schmidt").email("anna@example.com"));
      Order o = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
          .line("PHONE-X", "phones", 2, Money.of("699.00", "EUR"), Money.of("649.00", "EUR")));
      crm.recordReturn(ReturnRequest.of(o.id()).line(1, 1));
      annaId = anna.id().value();
      orderId = o.id();
      assertThat(annaId).isEqualTo("C-000001");
    }
    assertThat(seen).hasSize(3);
    try (Crm crm = Crm.embedded(dir, clock)) {
      Individual anna = (Individual) crm.get(dev.crmkit.core.base.CustomerId.of(annaId));
      assertThat(crm.orders(anna.id())).extracting(Order::id).containsExactly(orderId);
      assertThat(crm.returns(anna.id())).hasSize(1);
      assertThat(crm.timeline(anna.id()).entries()).hasSize(2);
      assertThat(crm.register(Registration.individual("Bo")).id().value()).isGreaterThan(annaId);
      assertThat(crm.store().outbox().pending()).isZero();
    }
  }
}
