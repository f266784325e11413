package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Organization;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.core.timeline.Timeline;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrmJsonTest {

  private final ObjectMapper mapper = CrmJson.mapper();
  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);

  @Test
  void customers_are_tagged_with_their_kind_and_times_are_iso_8601() throws Exception {
    Individual anna = crm.register(Fixtures.anna());
    JsonNode json = mapper.readTree(mapper.writeValueAsString(anna));
    assertThat(json.get("kind").asText()).isEqualTo("individual");
    assertThat(json.get("registeredAt").asText()).isEqualTo("2026-01-05T09:00:00Z");
    assertThat(json.get("profile").get("birthDate").asText()).isEqualTo("1985-03-14");
    assertThat(json.get("keys").get("phones").get(0).asText()).isEqualTo("+49301234567");
    assertThat(mapper.readValue(json.toString(), Customer.class)).isEqualTo(anna);

    Organization acme = crm.register(Fixtures.acme());
    String text = mapper.writeValueAsString(acme);
    assertThat(mapper.readTree(text).get("kind").asText()).isEqualTo("organization");
    assertThat(mapper.readValue(text, Customer.class)).isEqualTo(acme);
  }

  @Test
  void orders_returns_interactions_timelines_and_events_round_trip() throws Exception {
    List<DomainEvent> events = new ArrayList<>();
    crm.events().subscribe(events::add);
    Individual anna = crm.register(Fixtures.anna());
    Order order = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "USD")
        .line("XPS-13", "laptops", 2, Money.of("1299", "USD"), Money.of("1199.5", "USD")));
    crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1).reason("damaged"));
    crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
        InteractionType.COMPLAINT, Direction.INBOUND).notes("box was crushed"));
    crm.merge(anna.id(), crm.register(dev.crmkit.core.customer.Registration
        .individual("Anna Schmidt").email("anna@example.com")).id());

    JsonNode orderJson = mapper.readTree(mapper.writeValueAsString(order));
    assertThat(orderJson.get("lines").get(0).get("unitPricePaid").toString())
        .isEqualTo("{\"amount\":\"1199.50\",\"currency\":\"USD\"}");
    assertThat(orderJson.get("currency").asText()).isEqualTo("USD");
    assertThat(orderJson.get("campaignId").isNull()).isTrue();
    assertThat(mapper.readValue(orderJson.toString(), Order.class)).isEqualTo(order);

    Timeline timeline = crm.timeline(anna.id());
    assertThat(mapper.readValue(mapper.writeValueAsString(timeline), Timeline.class))
        .isEqualTo(timeline);
    assertThat(events).hasSize(6);
    for (DomainEvent e : events) {
      String text = mapper.writeValueAsString(e);
      assertThat(mapper.readValue(text, DomainEvent.class)).as(text).isEqualTo(e);
    }
  }

  @Test
  void an_order_has_the_json_form_shown_in_the_docs() throws Exception {
    Order order = new Order("O-000001", CustomerId.of("C-000001"),
        java.time.Instant.parse("2026-01-11T13:00:00Z"), Channel.STORE,
        java.util.Currency.getInstance("EUR"),
        List.of(new dev.crmkit.core.purchase.LineItem(1, "A-CLASS-180", "cars", 1,
            Money.of("35000", "EUR"), Money.of("33500", "EUR"))),
        java.util.Optional.of("spring-launch"));
    assertThat(mapper.writeValueAsString(order)).isEqualTo(
        "{\"id\":\"O-000001\",\"customerId\":\"C-000001\",\"orderedAt\":\"2026-01-11T13:00:00Z\","
            + "\"channel\":\"STORE\",\"currency\":\"EUR\",\"lines\":[{\"lineNumber\":1,"
            + "\"sku\":\"A-CLASS-180\",\"category\":\"cars\",\"quantity\":1,"
            + "\"unitListPrice\":{\"amount\":\"35000.00\",\"currency\":\"EUR\"},"
            + "\"unitPricePaid\":{\"amount\":\"33500.00\",\"currency\":\"EUR\"}}],"
            + "\"campaignId\":\"spring-launch\"}");
  }

  @Test
  void bad_values_in_json_are_rejected_naming_field_and_value() {
    assertThatThrownBy(() -> mapper.readValue("\"not-an-email\"",
            dev.crmkit.core.customer.EmailAddress.class))
        .hasMessageContaining("email: 'not-an-email'");
    assertThatThrownBy(() -> mapper.readValue("{\"lineNumber\":1,\"sku\":\"S\","
            + "\"category\":\"c\",\"quantity\":-2,\"unitListPrice\":{\"amount\":\"1\","
            + "\"currency\":\"EUR\"},\"unitPricePaid\":{\"amount\":\"1\",\"currency\":\"EUR\"}}",
            dev.crmkit.core.purchase.LineItem.class))
        .hasMessageContaining("quantity: '-2'");
  }

  @Test
  void unknown_properties_are_rejected_not_dropped() {
    assertThatThrownBy(() -> mapper.readValue(
        "{\"amount\":\"1\",\"currency\":\"USD\",\"ammount\":\"2\"}", Money.class))
        .hasMessageContaining("ammount");
  }
}
