package dev.crmkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.timeline.TimelineEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, compiled and run twice in the module folder: the second run finds
 * what the first one stored. Keep the snippet between the markers verbatim.
 */
class QuickStartTest {

  private static final Path DATA = Path.of("crm-data");

  @BeforeEach
  @AfterEach
  void removeTheData() throws IOException {
    if (Files.exists(DATA)) {
      try (Stream<Path> files = Files.walk(DATA)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void quick_start_runs_and_a_second_run_finds_the_first_ones_data() {
    assertThat(runQuickStart().lines()).hasSize(2);
    String second = runQuickStart();
    assertThat(second.lines()).hasSize(4);
    assertThat(second).contains("PURCHASE 1 item, paid 649.00 EUR (list 699.00 EUR)")
        .contains("INTERACTION inbound inquiry: asks about delivery -> answered");
  }

  private static String runQuickStart() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      // --- quick start (README) ---
      try (Crm crm = Crm.embedded(Path.of("crm-data"), Clock.systemUTC())) {
        Customer anna = crm.findByCode("K-1001").orElseGet(() -> crm.register(
            Registration.individual("Anna Schmidt").code("K-1001")
                .email("anna@example.com").phone("+49 30 1234567")));
        crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
            .line("PHONE-X", "phones", 1, Money.of("699.00", "EUR"), Money.of("649.00", "EUR")));
        crm.logInteraction(InteractionRequest.of(anna.id(), Channel.HOTLINE,
                InteractionType.INQUIRY, Direction.INBOUND)
            .agent("agent-7").notes("asks about delivery").outcome("answered"));
        for (TimelineEntry e : crm.timeline(anna.id()).entries()) {
          System.out.println(e.at() + " " + e.kind() + " " + e.summary());
        }
      }
      // --- end of quick start ---
    } finally {
      System.setOut(stdout);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readme_shows_exactly_this_quick_start() {
    ReadmeSnippets.assertReadmeShows(
        "quick start", "dev/crmkit/examples/QuickStartTest.java", "## Quick start");
    ReadmeSnippets.assertPageShows("quick start", "src/test/java/dev/crmkit/examples/QuickStartTest.java",
        "docs/core.md", "```java");
  }
}
