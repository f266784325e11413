package dev.crmkit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.time.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk-writes block of docs/core.md, run on the embedded store. */
class BulkWritesSnippetTest {

  @TempDir Path dir;

  @Test
  void the_bulk_use_cases_store_every_element_and_one_event_each() {
    SettableClock clock = SettableClock.of(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    List<DomainEvent> events = new ArrayList<>();
    try (Crm crm = Crm.embedded(dir, clock)) {
      crm.events().subscribe(events::add);
      // --- bulk writes (docs) ---
      crm.registerAll(List.of(Registration.individual("Anna").id(CustomerId.of("C-1")),
          Registration.individual("Bo").id(CustomerId.of("C-2"))));
      crm.recordPurchases(List.of(OrderRequest.of(CustomerId.of("C-1"), Channel.WEB, "EUR")
          .orderId("O-1").line("SKU-1", "phones", 1, Money.of("699", "EUR"), Money.of("649", "EUR"))));
      // --- end of bulk writes ---
      assertThat(crm.customers().map(c -> c.name())).containsExactly("Anna", "Bo");
      assertThat(crm.orders(CustomerId.of("C-1"))).extracting(Order::id).containsExactly("O-1");
    }
    assertThat(events).hasSize(3);
  }

  @Test
  void docs_show_exactly_this_block() {
    DocSnippets.assertPageShows("bulk writes",
        "dev/crmkit/core/docs/BulkWritesSnippetTest.java", "docs/core.md", "**Bulk writes (imports).**");
  }
}
