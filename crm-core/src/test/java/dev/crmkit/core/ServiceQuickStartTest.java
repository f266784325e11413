package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.service.BusinessCalendar;
import dev.crmkit.core.service.CaseRequest;
import dev.crmkit.core.service.CaseStatus;
import dev.crmkit.core.service.CaseType;
import dev.crmkit.core.service.EscalationPolicy;
import dev.crmkit.core.service.Priority;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.service.SlaPolicy;
import dev.crmkit.core.service.SlaTarget;
import dev.crmkit.core.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the quick start of docs/service.md and checks that the page shows this very text. */
class ServiceQuickStartTest {

  private static final String START = "// --- quick start (docs/service.md) ---\n";
  private static final String END = "// --- end of quick start ---";

  @Test
  void the_quick_start_runs() {
    SettableClock clock = SettableClock.of(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    // --- quick start (docs/service.md) ---
    Crm crm = Crm.inMemory(clock); // or Crm.embedded(Path.of("crm-data"), clock): kept on disk
    CustomerId annaId = crm.register(Registration.individual("Anna Schmidt")).id();
    BusinessCalendar calendar = BusinessCalendar.of(ZoneId.of("Europe/Berlin"),
        LocalTime.of(9, 0), LocalTime.of(17, 0), BusinessCalendar.MONDAY_TO_FRIDAY,
        Set.of(LocalDate.of(2026, 12, 25)));
    SlaPolicy sla = SlaPolicy.builder(calendar)
        .all(SlaTarget.businessHours(8, 40))
        .target(CaseType.COMPLAINT, Priority.HIGH, SlaTarget.businessHours(2, 8))
        .build();
    ServiceDesk desk = ServiceDesk.create(crm, sla, EscalationPolicy.standard());

    ServiceCase c = desk.open(CaseRequest.of(annaId, CaseType.COMPLAINT, Priority.HIGH, Channel.HOTLINE)
        .owner("agent-3").subject("paint chipped").product("A-CLASS-180").category("paint"));
    desk.escalate();                 // from a scheduler, e.g. every five minutes
    desk.start(c.id());
    desk.resolve(c.id(), "bonnet repainted", "paint shop process");
    desk.recordSatisfaction(c.id(), 4);
    desk.close(c.id());
    // --- end of quick start ---
    ServiceCase closed = desk.get(c.id());
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.satisfaction()).contains(4);
    assertThat(closed.rootCause()).contains("paint shop process");
  }

  @Test
  void the_page_shows_the_quick_start_that_runs() throws Exception {
    String test = Files.readString(
        Path.of("src/test/java/dev/crmkit/core/ServiceQuickStartTest.java"), StandardCharsets.UTF_8);
    int from = test.lastIndexOf(START) + START.length();
    String snippet = test.substring(from, test.lastIndexOf(END));
    snippet = snippet.substring(0, snippet.lastIndexOf('\n') + 1);
    String expected = snippet.lines().map(l -> l.length() >= 4 ? l.substring(4) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    String page = Files.readString(Path.of("../docs/service.md"), StandardCharsets.UTF_8);
    String afterHeading = page.substring(page.indexOf("## Quick start"));
    int open = afterHeading.indexOf("```java\n") + "```java\n".length();
    String shown = afterHeading.substring(open, afterHeading.indexOf("```", open));
    assertThat(shown).isEqualTo(expected);
  }
}
