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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
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
  void readme_shows_exactly_this_quick_start() throws IOException {
    String test = Files.readString(
        Path.of("src/test/java/dev/crmkit/examples/QuickStartTest.java"), StandardCharsets.UTF_8);
    String snippet = between(test, "// --- quick start (README) ---\n", "      // --- end of quick start ---");
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    String fenced = between(between(readme, "## Quick start", "\n## "), "```java\n", "```");
    assertThat(fenced)
        .as("the README's quick start must be the snippet this test runs")
        .isEqualTo(unindent(snippet, 6));
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    from += start.length();
    int to = text.indexOf(end, from);
    assertThat(to).as("marker %s", end).isNotNegative();
    return text.substring(from, to);
  }

  private static String unindent(String block, int spaces) {
    List<String> lines = block.lines().map(line -> line.length() >= spaces ? line.substring(spaces) : line.strip())
        .collect(Collectors.toList());
    return String.join("\n", lines) + "\n";
  }
}
