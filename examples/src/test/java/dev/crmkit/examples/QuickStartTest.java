package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Channel;
import dev.crmkit.core.Crm;
import dev.crmkit.core.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.timeline.TimelineEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled and run. Keep the snippet between the markers verbatim. */
class QuickStartTest {

  @Test
  void quick_start_runs() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      // --- quick start (README) ---
      Crm crm = Crm.inMemory(Clock.systemUTC());
      Customer anna = crm.register(Registration.individual("Anna Schmidt")
          .email("anna@example.com").phone("+49 30 1234567"));
      Customer acme = crm.register(Registration.organization("Acme GmbH").code("K-1001"));
      crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
          .line("PHONE-X", "phones", 1, Money.of("699.00", "EUR"), Money.of("649.00", "EUR")));
      crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
              InteractionType.INQUIRY, Direction.INBOUND)
          .agent("agent-7").notes("asks about delivery").outcome("answered"));
      for (TimelineEntry e : crm.timeline(anna.id()).entries()) {
        System.out.println(e.at() + " " + e.kind() + " " + e.summary());
      }
      // --- end of quick start ---
      assertThat(acme.code()).isEqualTo("K-1001");
    } finally {
      System.setOut(stdout);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(2);
    assertThat(printed).contains("PURCHASE 1 item, paid 649.00 EUR (list 699.00 EUR)")
        .contains("INTERACTION inbound inquiry: asks about delivery -> answered");
  }

  @Test
  void readme_shows_exactly_this_quick_start() {
    ReadmeSnippets.assertReadmeShows(
        "quick start", "dev/crmkit/examples/QuickStartTest.java", "## Quick start");
  }
}
