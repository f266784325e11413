package dev.crmkit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.sales.SalesEvent;
import dev.crmkit.core.service.ServiceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The outbox stores events as JSON. The resource holds one event of each of the 21 types as the
 * code before the split of the single sealed {@code DomainEvent} into per-feature families wrote
 * them (generated with that code from the test kit's arbitraries); the families must read every
 * one back and write it again byte for byte.
 */
class EventJsonCompatibilityTest {

  private final ObjectMapper mapper = CrmJson.mapper();

  private static List<String> writtenBeforeTheSplit() throws IOException {
    try (InputStream in = EventJsonCompatibilityTest.class.getResourceAsStream(
        "events-before-the-split.jsonl")) {
      assertThat(in).as("test resource events-before-the-split.jsonl").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void every_event_written_before_the_split_reads_back_and_writes_the_same_json()
      throws Exception {
    List<String> lines = writtenBeforeTheSplit();
    Set<String> types = new TreeSet<>();
    for (String line : lines) {
      String type = mapper.readTree(line).get("type").asText();
      types.add(type);
      DomainEvent event = mapper.readValue(line, DomainEvent.class);
      assertThat(kebab(event.getClass().getSimpleName())).as(line).isEqualTo(type);
      assertThat(mapper.writeValueAsString(event)).as(type).isEqualTo(line);
      // the concrete family reads it too, and the record's own type writes the same form
      Class<?> family = event.getClass().getInterfaces()[0];
      assertThat(family.getSimpleName()).endsWith("Event");
      assertThat(mapper.readValue(line, family)).isEqualTo(event);
    }
    assertThat(types).hasSize(21).contains("purchase-recorded", "customers-merged",
        "lead-converted", "case-escalated", "customer-erased", "win-back-attempted");
  }

  @Test
  void the_event_package_knows_no_family() {
    assertThat(DomainEvent.class.isSealed()).isFalse();
    assertThat(DomainEvent.class.getAnnotation(
        com.fasterxml.jackson.annotation.JsonSubTypes.class)).isNull();
    assertThat(SalesEvent.class.isSealed()).isTrue();
    assertThat(SalesEvent.class.getPermittedSubclasses()).hasSize(4);
  }

  @Test
  void an_unknown_type_name_is_an_error_naming_it() {
    assertThatThrownBy(() -> mapper.readValue(
        "{\"type\":\"purchase-recordet\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}",
        DomainEvent.class))
        .hasMessageContaining("purchase-recordet");
  }

  @Test
  void an_event_of_one_family_is_not_read_as_another() throws Exception {
    String purchase = writtenBeforeTheSplit().stream()
        .filter(l -> l.startsWith("{\"type\":\"purchase-recorded\"")).findFirst().orElseThrow();
    assertThat(mapper.readValue(purchase, PurchaseEvent.class))
        .isInstanceOf(PurchaseEvent.PurchaseRecorded.class);
    assertThatThrownBy(() -> mapper.readValue(purchase, ServiceEvent.class))
        .hasMessageContaining("purchase-recorded");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
