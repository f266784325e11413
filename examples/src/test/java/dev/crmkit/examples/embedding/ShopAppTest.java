package dev.crmkit.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShopAppTest {

  @Test
  void the_host_registers_buys_calls_reacts_to_large_orders_and_scores_its_customers() {
    StringWriter text = new StringWriter();
    ShopApp.Result r = new ShopApp(Instant.parse("2026-01-05T09:00:00Z")).run(new PrintWriter(text, true));
    // two orders reach 500 EUR: Anna's phone (649.00) and Acme's tablet (1,890.00)
    assertThat(r.thankYouCalls()).hasSize(2);
    assertThat(text.toString()).contains("registered").contains("large order: thank-you call logged")
        .contains("RFM Anna Schmidt");
    // Anna bought three times, most recently with Dora; Ben once, long ago
    assertThat(r.segments()).containsOnlyKeys("Anna Schmidt", "Ben Okafor", "Acme GmbH", "Dora Novak");
    assertThat(r.segments().get("Anna Schmidt")).isNotEqualTo(r.segments().get("Ben Okafor"));
  }
}
