package dev.crmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.json.CrmJson;
import dev.crmkit.core.privacy.Privacy;
import dev.crmkit.core.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Erasure overwrites the personal data in events the outbox still holds (parked ones here). */
class ErasureReachesStoredEventsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"memory", "h2"})
  void parked_events_lose_the_erased_customers_personal_data(String kind) throws Exception {
    SettableClock clock = SettableClock.of(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    try (Crm crm = kind.equals("memory") ? Crm.inMemory(clock) : Crm.embedded(dir, clock)) {
      crm.events().subscribe("always-fails", DomainEvent.class, e -> {
        throw new IllegalStateException("downstream is down");
      });
      Individual anna = crm.register(Registration.individual("Anna Schmidt")
          .email("anna.schmidt@example.com").phone("+49 30 1234567"));
      crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
          InteractionType.COMPLAINT, Direction.INBOUND).notes("Anna's parcel went to Hauptstr. 5"));
      ObjectMapper json = CrmJson.mapper();
      assertThat(json.writeValueAsString(crm.parkedEvents()))
          .contains("anna.schmidt@example.com", "Anna Schmidt", "Hauptstr. 5");

      Privacy.builder(crm).clock(clock).secret("0123456789abcdef".getBytes(StandardCharsets.UTF_8))
          .build().erase(anna.id());

      String parked = json.writeValueAsString(crm.parkedEvents());
      assertThat(parked).doesNotContain("anna.schmidt@example.com", "Anna Schmidt",
          "Hauptstr. 5", "+49301234567");
      // the erasure's own event was parked too (the listener still fails), and nothing is lost
      assertThat(crm.parkedEvents()).hasSize(3);
      assertThat(crm.store().outbox().pending()).isZero();
    }
  }
}
