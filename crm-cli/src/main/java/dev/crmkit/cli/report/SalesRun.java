package dev.crmkit.cli.report;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.sales.Deal;
import dev.crmkit.core.sales.FunnelQuery;
import dev.crmkit.core.sales.FunnelReport;
import dev.crmkit.core.sales.Opportunity;
import dev.crmkit.core.sales.Pipeline;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A seeded sales pipeline for the report: organizations registered in crm-core, one opportunity
 * each in the standard pipeline, driven stage by stage (at each stage 30% are lost, the rest move
 * on; past the last stage the deal is won with a real order), then crm-core's funnel over them.
 *
 * <pre>{@code
 * FunnelReport f = SalesRun.run(42, 400);
 * }</pre>
 */
public final class SalesRun {

  static final Instant START = Instant.parse("2025-01-06T09:00:00Z");

  private SalesRun() {}

  public static FunnelReport run(long seed, int opportunities) {
    if (opportunities < 1) {
      throw new IllegalArgumentException("opportunities must be >= 1, got " + opportunities);
    }
    SplittableRandom random = new SplittableRandom(seed);
    SettableClock clock = SettableClock.of(START, ZoneOffset.UTC);
    Crm crm = Crm.builder().clock(clock).ids(IdGenerator.sequential()).build();
    Sales sales = Sales.builder(crm).clock(clock).sequentialIds().build();
    List<String> stages = Pipeline.standard().allStageNames().stream().filter(s -> !Pipeline.isFinal(s)).toList();
    for (int i = 0; i < opportunities; i++) {
      clock.advance(Duration.ofHours(2));
      Customer org = crm.register(Registration.organization("Prospect " + (i + 1) + " AG"));
      Money amount = Money.of(Long.toString(5_000 + 100L * random.nextInt(1_950)), "EUR");
      Opportunity o = sales.open(org.id(), Deal.of("Deal " + (i + 1), "agent-" + (1 + random.nextInt(5)), amount,
          LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(90)));
      for (int k = 1; ; k++) {
        clock.advance(Duration.ofHours(6 + random.nextInt(72)));
        if (random.nextDouble() < 0.3) {
          sales.lose(o.id(), "no decision");
          break;
        }
        if (k == stages.size()) {
          Order order = crm.recordPurchase(OrderRequest.of(org.id(), Channel.FIELD_VISIT, "EUR")
              .line("CONTRACT", "contracts", 1, amount, amount));
          sales.win(o.id(), order.id());
          break;
        }
        sales.moveTo(o.id(), stages.get(k));
      }
    }
    return sales.funnel(new FunnelQuery(START, clock.instant().plusSeconds(1), Optional.empty(),
        Currency.getInstance("EUR")));
  }
}
