package dev.crmkit.cli.report;

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
import dev.crmkit.core.marketing.Marketing;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.datagen.SyntheticBase;
import dev.crmkit.scoring.table.TransactionLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Campaign returns on a generated base: a sample of its individuals is registered in crm-core,
 * four campaigns (one per region, each through its own channel) contact every target on one
 * day, and the sampled customers' generated purchases of the next 30 days are recorded as
 * orders, which crm-core's {@link Marketing} attributes to the last campaign contact within 30
 * days. The customers of the fifth region are not contacted. Cost is contacts times a cost per
 * contact of the channel; margin counts 60% of each sale as the cost of the goods.
 */
public final class MarketingRun {

  /** A campaign of the run: the region it targets, its channel, and what one contact costs. */
  public record Plan(String id, String region, Channel channel, Money perContact) {}

  /** The plans (regions of crm-datagen's generator; "Central" is left uncontacted). */
  public static final List<Plan> PLANS = List.of(
      new Plan("north-email", "North", Channel.EMAIL, Money.of("0.15", "EUR")),
      new Plan("south-letter", "South", Channel.LETTER, Money.of("1.20", "EUR")),
      new Plan("east-phone", "East", Channel.PHONE, Money.of("6.00", "EUR")),
      new Plan("west-visit", "West", Channel.FIELD_VISIT, Money.of("40.00", "EUR")));

  /** Share of a sale that the goods cost, for the margin. */
  static final BigDecimal COST_OF_GOODS = new BigDecimal("0.60");

  /** The run: the contact day, the attribution window, customers registered, and a return per campaign. */
  public record Result(LocalDate launch, int windowDays, int customers, long orders, List<CampaignReturn> returns) {}

  private static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");

  private MarketingRun() {}

  /**
   * Runs the campaigns on every {@code every}-th individual of the base (ids in the base's order),
   * launched {@code windowDays} + 1 days before the base's end.
   */
  public static Result run(SyntheticBase base, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be >= 1, got " + every);
    }
    int windowDays = 30;
    LocalDate launch = base.end().minusDays(windowDays + 1L);
    SettableClock clock = SettableClock.of(launch.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    Crm crm = Crm.builder().clock(clock).ids(IdGenerator.sequential()).build();
    Map<String, CustomerId> registered = new HashMap<>();
    int n = 0;
    for (SyntheticBase.Customer c : base.customers()) {
      // duplicates (ids starting with D) would only be merged back; organizations have no region
      if (c.kind() != SyntheticBase.Kind.INDIVIDUAL || c.id().startsWith("D") || n++ % every != 0) {
        continue;
      }
      Customer customer = crm.register(Registration.individual(c.name()).email(c.email()).region(c.region()));
      registered.put(c.id(), customer.id());
    }
    Map<String, Money> unitCosts = new HashMap<>();
    Marketing marketing = Marketing.builder(crm).clock(clock).attribution(AttributionRule.lastTouch(windowDays))
        .unitCosts(sku -> java.util.Optional.ofNullable(unitCosts.get(sku)))
        // imported customers carry no consents: contact them until they withdraw
        .consentRule(ConsentRule.optOut()).build();
    for (Plan p : PLANS) {
      marketing.launch(Campaign.of(p.id(), p.region() + " by " + p.channel(), p.channel(),
          TargetSegment.profile().region(p.region()), Money.of("100000", "EUR")));
      List<Customer> targets = marketing.targets(p.id());
      for (Customer t : targets) {
        marketing.contact(p.id(), t.id());
      }
      if (!targets.isEmpty()) {
        marketing.recordCost(p.id(), Money.of(p.perContact().amount().multiply(BigDecimal.valueOf(targets.size())),
            p.perContact().currency()));
      }
    }
    TransactionLog log = base.transactions();
    long first = launch.toEpochDay() + 1;
    long last = launch.toEpochDay() + windowDays;
    List<Integer> rows = IntStream.range(0, log.size())
        .filter(r -> log.day(r) >= first && log.day(r) <= last && log.amount(r) > 0
            && registered.containsKey(log.customerId(log.customerIndex(r))))
        .boxed().sorted(Comparator.comparingInt(log::day)).toList();
    for (int r : rows) {
      clock.set(LocalDate.ofEpochDay(log.day(r)).atTime(12, 0).toInstant(ZoneOffset.UTC));
      Money paid = exact(log, r);
      String sku = "TX-" + r;
      unitCosts.put(sku, Money.of(paid.amount().multiply(COST_OF_GOODS).setScale(2, RoundingMode.HALF_EVEN),
          paid.currency()));
      String category = log.category(r) == TransactionLog.NO_CATEGORY ? "none" : log.categoryName(log.category(r));
      crm.recordPurchase(OrderRequest.of(registered.get(log.customerId(log.customerIndex(r))), Channel.STORE, "EUR")
          .line(sku, category, 1, paid, paid));
    }
    List<CampaignReturn> returns = new ArrayList<>();
    for (Plan p : PLANS) {
      returns.add(marketing.campaignReturn(p.id()));
    }
    return new Result(launch, windowDays, registered.size(), rows.size(), returns);
  }

  private static Money exact(TransactionLog log, int r) {
    try {
      return Money.of(BigDecimal.valueOf(log.amount(r)).setScale(2, RoundingMode.UNNECESSARY), EUR);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("transaction row " + r + " of " + log.customerId(log.customerIndex(r))
          + ": amount " + log.amount(r) + " has more than 2 decimals; campaign returns book exact money", e);
    }
  }
}
