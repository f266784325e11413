package dev.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Crm;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.docs.DocSnippets;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.CampaignReturn;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.sales.LargeDealRule.Trigger;
import dev.crmkit.core.time.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the snippet of docs/sales.md in the module folder and checks the page shows this text. */
class SalesQuickStartTest {

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
  void the_snippet_runs() {
    SettableClock clock = SettableClock.of(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    Instant until = Instant.parse("2027-01-01T00:00:00Z");
    Map<String, Money> costs = Map.of();
    // --- sales and marketing (docs) ---
    Crm crm = Crm.embedded(Path.of("crm-data"), clock); // or Crm.inMemory(clock)
    Sales sales = Sales.builder(crm) // clock and event bus: the facade's
        .pipeline(Pipeline.standard())
        .alert(LargeDealRule.above(Money.of("500000", "EUR"), Trigger.AMOUNT, Trigger.STAGE_CHANGE))
        .build();
    Lead lead = sales.capture(LeadRequest.of("Grace Hopper", Channel.EVENT)
        .company("Acme GmbH", BuyingRole.DECISION_MAKER).companyNationalId("DE123456789")
        .email("grace@acme.example").campaign("fair-2026"));
    sales.qualify(lead.id());
    Conversion c = sales.convert(lead.id(),
        Deal.of("Fleet renewal", "agent-7", Money.of("1728000", "EUR"), LocalDate.of(2026, 6, 30)));
    sales.moveTo(c.opportunity().get().id(), "proposal");
    FunnelReport f = sales.funnel(FunnelQuery.of(from, until, "EUR").owner("agent-7"));

    Marketing marketing = Marketing.builder(crm)
        .attribution(AttributionRule.lastTouch(30)).unitCosts(UnitCosts.of(costs)).build();
    marketing.launch(Campaign.of("fair-2026", "Trade fair", Channel.EVENT,
        TargetSegment.profile().industry("automotive"), Money.of("20000", "EUR")));
    marketing.targets("fair-2026").forEach(t -> marketing.contact("fair-2026", t.id()));
    CampaignReturn r = marketing.campaignReturn("fair-2026");
    // --- end of sales and marketing ---
    assertThat(c.opportunity()).isPresent();
    assertThat(f).isNotNull();
    assertThat(r.campaignId()).isEqualTo("fair-2026");
  }

  @Test
  void the_page_shows_the_snippet_that_runs() {
    DocSnippets.assertPageShows("sales and marketing", "dev/crmkit/core/sales/SalesQuickStartTest.java",
        "docs/sales.md", "```java");
  }
}
