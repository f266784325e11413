package dev.crmkit.examples;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.ConsentRule;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.marketing.AttributionRule;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.CampaignReturn;
import dev.crmkit.core.marketing.Dimension;
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.marketing.UnitCosts;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.sales.Deal;
import dev.crmkit.core.sales.FunnelQuery;
import dev.crmkit.core.sales.FunnelReport;
import dev.crmkit.core.sales.Pipeline;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.time.SettableClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An end-to-end run of the sales and marketing side at scale, for the figures in
 * {@code docs/sales.md}: {@code n} customers, one opportunity each moved through the pipeline
 * (a third won with its order, a third lost, a third left in proposal), ten campaigns that
 * contact every customer once, one order per customer; then the funnel, the return of every
 * campaign under last-touch attribution and the target groups by region, printing the time of
 * each step (wall clock, one thread).
 *
 * <pre>{@code
 * java -cp examples/target/crm.jar dev.crmkit.examples.SalesScaleRun 100000
 * }</pre>
 */
public final class SalesScaleRun {

  /** What one run did, for checking that it did what it says. */
  public record Counts(long opportunities, long won, long lost, long attributedOrders,
      long groups) {}

  private static final List<String> REGIONS = List.of("Berlin", "Bavaria", "London", "Paris",
      "Milan");

  private SalesScaleRun() {}

  public static void main(String[] args) {
    run(args.length == 0 ? 100_000 : Integer.parseInt(args[0]), System.out);
  }

  /** Moves the run's clock one second before each write, so that everything has an order. */
  private static void tick(SettableClock clock) {
    clock.advance(Duration.ofSeconds(1));
  }

  public static Counts run(int n, PrintStream out) {
    if (n < 1) {
      throw new IllegalArgumentException("n: '" + n + "' is not valid; expected 1 or more");
    }
    SettableClock clock = SettableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    Instant start = clock.instant();
    Crm crm = Crm.builder().clock(clock).ids(IdGenerator.sequential()).build();
    Sales sales = Sales.builder(crm).clock(clock).pipeline(Pipeline.standard()).sequentialIds()
        .build();
    Marketing marketing = Marketing.builder(crm).clock(clock)
        .attribution(AttributionRule.lastTouch(30))
        .unitCosts(UnitCosts.of(Map.of("SKU-1", Money.of("6", "EUR"))))
        .consentRule(ConsentRule.optOut()).build(); // made-up customers record no consents
    for (int c = 0; c < 10; c++) {
      tick(clock);
      marketing.launch(Campaign.of("cmp-" + c, "Campaign " + c, Channel.EMAIL,
          TargetSegment.profile().region(REGIONS.get(c % REGIONS.size())),
          Money.of("10000", "EUR")));
      tick(clock);
      marketing.recordCost("cmp-" + c, Money.of("5000", "EUR"));
    }
    for (int i = 0; i < n; i++) {
      tick(clock);
      crm.register(Registration.individual("Person " + i)
          .region(REGIONS.get(i % REGIONS.size())));
    }
    List<CustomerId> ids = crm.customers().map(Customer::id).toList();

    long t0 = System.nanoTime();
    LocalDate close = LocalDate.of(2026, 6, 30);
    for (int i = 0; i < ids.size(); i++) {
      tick(clock);
      String o = sales.open(ids.get(i), Deal.of("deal", "rep-" + (i % 20),
          Money.of(String.valueOf(1000 + i % 500), "EUR"), close)).id();
      tick(clock);
      sales.moveTo(o, "needs-analysis");
      tick(clock);
      sales.moveTo(o, "proposal");
      tick(clock);
      if (i % 3 == 0) {
        String order = crm.recordPurchase(OrderRequest.of(ids.get(i), Channel.WEB, "EUR")
            .line("SKU-1", "things", 1, Money.of("10", "EUR"), Money.of("9", "EUR"))).id();
        tick(clock);
        sales.win(o, order);
      } else if (i % 3 == 1) {
        sales.lose(o, "price");
      }
    }
    long t1 = System.nanoTime();
    tick(clock);
    FunnelReport funnel = sales.funnel(FunnelQuery.of(start, clock.instant(), "EUR"));
    long t2 = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      tick(clock);
      marketing.contact("cmp-" + (i % 10), ids.get(i));
    }
    for (int i = 0; i < ids.size(); i++) {
      if (i % 3 != 0) {
        tick(clock);
        crm.recordPurchase(OrderRequest.of(ids.get(i), Channel.WEB, "EUR")
            .line("SKU-1", "things", 2, Money.of("10", "EUR"), Money.of("9", "EUR")));
      }
    }
    long t3 = System.nanoTime();
    List<CampaignReturn> returns = marketing.campaignReturns();
    long t4 = System.nanoTime();
    long groups = marketing.targetGroups(Dimension.REGION, "EUR").size();
    long t5 = System.nanoTime();
    long attributed = returns.stream().mapToLong(CampaignReturn::orders).sum();
    long won = funnel.stage(Pipeline.WON).current();
    long lost = funnel.stage(Pipeline.LOST).current();
    out.printf(Locale.ROOT, "customers %d: %d opportunities through the pipeline %d ms;"
            + " funnel %d ms; %d contacts + orders %d ms; 10 campaign returns (%d orders"
            + " attributed) %d ms; target groups %d ms%n",
        ids.size(), funnel.opportunities(), ms(t0, t1), ms(t1, t2), ids.size(), ms(t2, t3),
        attributed, ms(t3, t4), ms(t4, t5));
    return new Counts(funnel.opportunities(), won, lost, attributed, groups);
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
