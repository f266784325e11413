package dev.crmkit.core.marketing;

import static dev.crmkit.core.internal.Checks.notFound;
import static dev.crmkit.core.internal.Checks.conflict;
import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.requiredClock;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.ConsentRule;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.LineItem;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.purchase.ReturnLine;
import dev.crmkit.core.sales.Ratio;
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.store.Records;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The marketing side over a {@link Crm}: campaigns (nested, with channel, target segment,
 * budget and cost), campaign contacts and responses (logged as interactions), attribution of
 * purchases to campaigns by a configurable {@link AttributionRule}, campaign return per campaign
 * and per segment, and target-group analysis of the customer base.
 *
 * <p>Campaign contacts respect consent, by one {@link ConsentRule} (default
 * {@link ConsentRule#optIn()}: no contact without a recorded opt-in for the campaign's channel):
 * {@link #targets} lists only the customers it allows, {@link #contact} refuses the others and
 * {@link #hasMarketingConsent} answers by it. Campaigns are kept in the facade's store
 * ({@link Crm#store()}, record type {@link #CAMPAIGNS}), so they survive a restart and are
 * shared by every process using the same database; a cost is booked in a transaction that locks
 * the campaign (no lost cost when two processes book at once). Contacts and responses are
 * interactions the facade keeps; attribution and figures are computed from the facade's
 * histories on each call, so nothing about them is stored apart. Thread-safe.
 *
 * <pre>{@code
 * Marketing marketing = Marketing.builder(crm)
 *     .attribution(AttributionRule.lastTouch(30)).unitCosts(costs).build();
 * marketing.launch(Campaign.of("spring", "Spring", Channel.EMAIL, TargetSegment.profile(), budget));
 * marketing.targets("spring").forEach(c -> marketing.contact("spring", c.id()));
 * CampaignReturn r = marketing.campaignReturn("spring");
 * }</pre>
 */
public final class Marketing {

  /**
   * Launched campaigns, by launch time; a campaign is filed under the placeholder customer id
   * {@code campaign:<id>} (no customer's) and referenced by its parent's id.
   */
  public static final RecordType<LaunchedCampaign> CAMPAIGNS = RecordType.of(
          "marketing-campaign", LaunchedCampaign.class, LaunchedCampaign::id,
          LaunchedCampaign::storeKey, LaunchedCampaign::launchedAt)
      .withRef(c -> c.campaign().parentId().orElse(null));

  private static final Comparator<LaunchedCampaign> LAUNCH_ORDER =
      Comparator.comparingLong(LaunchedCampaign::launchNumber);

  private final Crm crm;
  private final Clock clock;
  private final AttributionRule rule;
  private final UnitCosts unitCosts;
  private final Optional<ScoreClasses> scoreClasses;
  private final ConsentRule consentRule;
  private final Records<LaunchedCampaign> campaigns;

  private Marketing(Builder b) {
    this.crm = b.crm;
    this.clock = b.clock;
    this.rule = b.rule;
    this.unitCosts = b.unitCosts;
    this.scoreClasses = Optional.ofNullable(b.scoreClasses);
    this.consentRule = b.consentRule;
    this.campaigns = crm.store().records(CAMPAIGNS);
  }

  public static Builder builder(Crm crm) {
    return new Builder(notNull("crm", crm));
  }

  /**
   * Configures {@link Marketing}. Attribution rule and unit costs are required; the clock
   * defaults to the facade's; score classes only for campaigns that target a score-table class.
   *
   * <pre>{@code
   * Marketing.builder(crm).attribution(AttributionRule.campaignCode())
   *     .unitCosts(UnitCosts.of(costs)).scoreClasses(classes).build();
   * }</pre>
   */
  public static final class Builder {
    private final Crm crm;
    private Clock clock;
    private AttributionRule rule;
    private UnitCosts unitCosts;
    private ScoreClasses scoreClasses;
    private ConsentRule consentRule = ConsentRule.optIn();

    private Builder(Crm crm) {
      this.crm = crm;
      this.clock = crm.clock();
    }

    public Builder clock(Clock value) {
      clock = notNull("clock", value);
      return this;
    }

    public Builder attribution(AttributionRule value) {
      rule = notNull("attribution", value);
      return this;
    }

    public Builder unitCosts(UnitCosts value) {
      unitCosts = notNull("unitCosts", value);
      return this;
    }

    public Builder scoreClasses(ScoreClasses value) {
      scoreClasses = notNull("scoreClasses", value);
      return this;
    }

    /**
     * When a customer without a decision for the campaign's channel may be contacted (default
     * {@link ConsentRule#optIn()}: not without a recorded opt-in, as EU e-mail marketing
     * requires); a withdrawal always forbids.
     */
    public Builder consentRule(ConsentRule value) {
      consentRule = notNull("consentRule", value);
      return this;
    }

    /** @throws IllegalStateException naming the first missing setting */
    public Marketing build() {
      requiredClock(clock);
      if (rule == null) {
        throw new IllegalStateException("attribution: is required, e.g."
            + " attribution(AttributionRule.campaignCode()) or AttributionRule.lastTouch(30)");
      }
      if (unitCosts == null) {
        throw new IllegalStateException("unitCosts: is required (the margin of a campaign"
            + " needs the cost of what it sold), e.g. unitCosts(UnitCosts.of(map))");
      }
      return new Marketing(this);
    }
  }

  public AttributionRule attribution() {
    return rule;
  }

  // ---------------------------------------------------------------- campaigns

  /**
   * Adds a campaign (stored with its launch number and the clock's time).
   *
   * @throws IllegalArgumentException when the id is taken or the parent is unknown
   */
  public Campaign launch(Campaign campaign) {
    notNull("campaign", campaign);
    return crm.inTransaction(() -> {
      if (campaigns.find(campaign.id()).isPresent()) {
        throw conflict("campaign.id", campaign.id(), "an id no other campaign has");
      }
      campaign.parentId().ifPresent(p -> requireCampaign("campaign.parentId", p));
      campaigns.add(new LaunchedCampaign(campaign,
          crm.store().sequences().next("campaign_launch"), clock.instant()));
      return campaign;
    });
  }

  /** Books a cost on a campaign (added to its actual cost). */
  public Campaign recordCost(String campaignId, Money amount) {
    notNull("amount", amount);
    if (!amount.isPositive()) {
      throw invalid("amount", amount, "a positive amount");
    }
    notNull("campaignId", campaignId);
    return crm.inTransaction(() -> {
      LaunchedCampaign stored = campaigns.findForUpdate(campaignId)
          .orElseThrow(() -> notFound("campaignId", campaignId, "the id of a launched campaign"));
      Campaign c = stored.campaign();
      if (!amount.currency().equals(c.budget().currency())) {
        throw invalid("amount", amount, "an amount in the campaign's currency "
            + c.budget().currency());
      }
      Campaign updated = c.withCost(c.actualCost().plus(amount));
      campaigns.update(stored.with(updated));
      return updated;
    });
  }

  public Optional<Campaign> campaign(String campaignId) {
    notNull("campaignId", campaignId);
    return campaigns.find(campaignId).map(LaunchedCampaign::campaign);
  }

  /** Every campaign, in launch order. */
  public List<Campaign> campaigns() {
    return inLaunchOrder(campaigns.all());
  }

  /** The campaigns directly under this one. */
  public List<Campaign> subCampaigns(String campaignId) {
    requireCampaign("campaignId", campaignId);
    return inLaunchOrder(campaigns.findByRef(campaignId));
  }

  /** The rule that decides whom campaigns may contact. */
  public ConsentRule consentRule() {
    return consentRule;
  }

  /**
   * Whether the customer {@code id} resolves to may be contacted through the channel, by this
   * Marketing's {@link ConsentRule} (the rule {@link #targets} and {@link #contact} use).
   */
  public boolean hasMarketingConsent(CustomerId customerId, Channel channel) {
    return consentRule.allows(crm.get(notNull("customerId", customerId)),
        notNull("channel", channel));
  }

  /**
   * The live customers in the campaign's target segment that its consent rule lets it contact
   * through the campaign's channel, in id order; ages are counted on the clock's date. So
   * {@code targets(id).forEach(t -> contact(id, t.id()))} contacts every one of them.
   *
   * @throws IllegalStateException when the segment is a score class and no
   *     {@link ScoreClasses} was configured
   */
  public List<Customer> targets(String campaignId) {
    return targetCheck(campaignId).stream().filter(Target::contactable).map(Target::customer)
        .toList();
  }

  /**
   * Every live customer in the campaign's target segment, in id order, each with whether the
   * consent rule lets the campaign contact them and, when not, why.
   */
  public List<Target> targetCheck(String campaignId) {
    Campaign c = requireCampaign("campaignId", campaignId);
    return segmentOf(c, campaignId).stream()
        .map(x -> new Target(x, consentRule.refusal(x, c.channel()))).toList();
  }

  private List<Customer> segmentOf(Campaign c, String campaignId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
    if (c.segment() instanceof TargetSegment.ScoreClass sc) {
      ScoreClasses classes = scoreClasses.orElseThrow(() -> new IllegalStateException(
          "scoreClasses: campaign " + campaignId + " targets class '" + sc.classLabel()
              + "' of strategy '" + sc.strategyId() + "'; configure scoreClasses(...)"));
      return crm.customers()
          .filter(x -> classes.classOf(sc.strategyId(), x.id())
              .equals(Optional.of(sc.classLabel())))
          .toList();
    }
    TargetSegment.ProfileFilter filter = (TargetSegment.ProfileFilter) c.segment();
    return crm.customers().filter(x -> filter.matches(x, today)).toList();
  }

  /**
   * Logs an outbound campaign contact through the campaign's channel.
   *
   * @throws IllegalArgumentException when the consent rule does not let the campaign contact the
   *     customer through that channel (withdrawn, or no opt-in on an opt-in channel)
   */
  public Interaction contact(String campaignId, CustomerId customerId) {
    notNull("customerId", customerId);
    return crm.inTransaction(() -> {
      Campaign c = requireCampaign("campaignId", campaignId);
      Customer customer = crm.get(customerId);
      Optional<String> refusal = consentRule.refusal(customer, c.channel());
      if (refusal.isPresent()) {
        throw invalid("customerId", customerId, "a customer who may be contacted through "
            + c.channel() + " (" + refusal.get() + ")");
      }
      return crm.logInteraction(InteractionRequest.of(customer.id(), c.channel(),
              InteractionType.CAMPAIGN_CONTACT, Direction.OUTBOUND)
          .campaign(campaignId).notes(c.name()));
    });
  }

  /** Logs a customer's response to a campaign (inbound, through any channel). */
  public Interaction respond(String campaignId, CustomerId customerId, Channel channel,
      String outcome) {
    requireCampaign("campaignId", campaignId);
    InteractionRequest response = InteractionRequest.of(customerId, notNull("channel", channel),
            InteractionType.CAMPAIGN_CONTACT, Direction.INBOUND)
        .campaign(campaignId).outcome(text("outcome", outcome));
    return crm.inTransaction(() -> {
      requireCampaign("campaignId", campaignId);
      return crm.logInteraction(response);
    });
  }

  // ---------------------------------------------------------------- attribution

  /** The campaign an order is attributed to under the rule in force, if any. */
  public Optional<String> attributionOf(String orderId) {
    Order order = crm.findOrder(notNull("orderId", orderId))
        .orElseThrow(() -> notFound("orderId", orderId, "the id of a recorded order"));
    Set<String> known = campaignIds();
    return attribute(order, crm.interactions(order.customerId()), known);
  }

  private Optional<String> attribute(Order order, List<Interaction> interactions,
      Set<String> known) {
    if (rule.kind() == AttributionRule.Kind.CAMPAIGN_CODE) {
      return order.campaignId().filter(known::contains);
    }
    var windowStart = order.orderedAt().minus(Duration.ofDays(rule.days()));
    Comparator<Interaction> byTime = Comparator.comparing(Interaction::occurredAt)
        .thenComparing(Interaction::id);
    var touches = interactions.stream()
        .filter(i -> i.campaignId().filter(known::contains).isPresent())
        .filter(i -> !i.occurredAt().isBefore(windowStart)
            && !i.occurredAt().isAfter(order.orderedAt()));
    Optional<Interaction> chosen = rule.kind() == AttributionRule.Kind.FIRST_TOUCH
        ? touches.min(byTime)
        : touches.max(Comparator.comparing(Interaction::occurredAt)
            .thenComparing(Interaction::id, Comparator.reverseOrder()));
    return chosen.flatMap(Interaction::campaignId);
  }

  // ---------------------------------------------------------------- returns

  /** The return of one campaign on its own. */
  public CampaignReturn campaignReturn(String campaignId) {
    Campaign c = requireCampaign("campaignId", campaignId);
    return computeReturn(c, Set.of(campaignId), c.actualCost(), false, snapshot());
  }

  /** The return of a campaign and every campaign nested under it, costs added up. */
  public CampaignReturn campaignReturnWithSubCampaigns(String campaignId) {
    Campaign c = requireCampaign("campaignId", campaignId);
    Set<String> family = descendants(campaignId);
    Money cost = Money.zero(c.budget().currency());
    for (String id : family) {
      Money own = campaign(id).orElseThrow().actualCost();
      if (!own.currency().equals(cost.currency())) {
        throw invalid("campaign.budget", own, "sub-campaigns budgeted in the parent's currency "
            + cost.currency() + " to add up their costs");
      }
      cost = cost.plus(own);
    }
    return computeReturn(c, family, cost, true, snapshot());
  }

  /** The return of every campaign on its own, in launch order. */
  public List<CampaignReturn> campaignReturns() {
    Snapshot snapshot = snapshot();
    return campaigns().stream()
        .map(c -> computeReturn(c, Set.of(c.id()), c.actualCost(), false, snapshot)).toList();
  }

  /** One campaign's return per group of its customers, groups in name order. */
  public List<SegmentReturn> segmentReturns(String campaignId, Dimension dimension) {
    notNull("dimension", dimension);
    Campaign c = requireCampaign("campaignId", campaignId);
    LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
    Figures all = figures(Set.of(campaignId), c.budget().currency());
    Map<String, Figures> groups = new TreeMap<>();
    Function<String, Figures> group = g -> new Figures(c.budget().currency());
    for (Map.Entry<CustomerId, Customer> e : all.customers.entrySet()) {
      Figures f = groups.computeIfAbsent(dimension.groupOf(e.getValue(), today), group);
      f.reached.add(e.getKey());
      if (all.converted.contains(e.getKey())) {
        f.converted.add(e.getKey());
      }
      f.orders += all.ordersBy.getOrDefault(e.getKey(), 0L);
      f.revenue = f.revenue.plus(all.revenueBy.getOrDefault(e.getKey(), f.revenue.times(0)));
      f.margin = f.margin.plus(all.marginBy.getOrDefault(e.getKey(), f.margin.times(0)));
    }
    return groups.entrySet().stream().map(e -> new SegmentReturn(e.getKey(),
        e.getValue().reached.size(), e.getValue().converted.size(), e.getValue().orders,
        e.getValue().revenue, e.getValue().margin)).toList();
  }

  private CampaignReturn computeReturn(Campaign c, Set<String> ids, Money cost,
      boolean withSubs, Snapshot snapshot) {
    Figures f = figures(ids, c.budget().currency(), snapshot);
    long reached = f.reached.size();
    Optional<Ratio> response = reached == 0 ? Optional.empty()
        : Optional.of(Ratio.of(f.responded.size(), reached));
    Optional<Ratio> conversion = reached == 0 ? Optional.empty()
        : Optional.of(Ratio.of(f.converted.size(), reached));
    Optional<BigDecimal> roi = cost.isZero() ? Optional.empty()
        : Optional.of(f.margin.minus(cost).amount()
            .divide(cost.amount(), MathContext.DECIMAL64).stripTrailingZeros());
    return new CampaignReturn(c.id(), withSubs, rule, reached, f.responded.size(),
        f.converted.size(), response, conversion, f.orders, f.revenue, f.margin, cost, roi,
        f.otherCurrency);
  }

  /** Working totals for a set of campaigns. */
  private static final class Figures {
    final Set<CustomerId> reached = new HashSet<>();
    final Set<CustomerId> responded = new HashSet<>();
    final Set<CustomerId> converted = new HashSet<>();
    final Map<CustomerId, Customer> customers = new TreeMap<>();
    final Map<CustomerId, Long> ordersBy = new HashMap<>();
    final Map<CustomerId, Money> revenueBy = new HashMap<>();
    final Map<CustomerId, Money> marginBy = new HashMap<>();
    final List<String> otherCurrency = new ArrayList<>();
    long orders;
    Money revenue;
    Money margin;

    Figures(Currency currency) {
      revenue = Money.zero(currency);
      margin = Money.zero(currency);
    }
  }

  /** The histories and every order's campaign, read once for all campaigns of one call. */
  private record Snapshot(List<CustomerHistory> histories, Map<String, String> campaignOf) {}

  private Snapshot snapshot() {
    Set<String> known = campaignIds();
    List<CustomerHistory> histories = crm.histories().toList();
    Map<String, String> campaignOf = new HashMap<>();
    for (CustomerHistory h : histories) {
      for (Order o : h.orders()) {
        attribute(o, h.interactions(), known).ifPresent(c -> campaignOf.put(o.id(), c));
      }
    }
    return new Snapshot(histories, campaignOf);
  }

  private Figures figures(Set<String> ids, Currency currency) {
    return figures(ids, currency, snapshot());
  }

  private Figures figures(Set<String> ids, Currency currency, Snapshot snapshot) {
    Figures f = new Figures(currency);
    for (CustomerHistory h : snapshot.histories()) {
      CustomerId who = h.customer().id();
      for (Interaction i : h.interactions()) {
        if (i.campaignId().filter(ids::contains).isPresent()) {
          f.reached.add(who);
          f.customers.put(who, h.customer());
          if (i.direction() == Direction.INBOUND) {
            f.responded.add(who);
          }
        }
      }
      for (Order o : h.orders()) {
        String campaign = snapshot.campaignOf().get(o.id());
        if (campaign == null || !ids.contains(campaign)) {
          continue;
        }
        f.reached.add(who);
        f.customers.put(who, h.customer());
        f.converted.add(who);
        f.orders++;
        f.ordersBy.merge(who, 1L, Long::sum);
        if (!o.currency().equals(currency)) {
          f.otherCurrency.add(o.id());
          continue;
        }
        Money revenue = o.amountPaid();
        Money goods = Money.zero(currency);
        for (LineItem line : o.lines()) {
          goods = goods.plus(unitCost(o, line.lineNumber(), line.sku()).times(line.quantity()));
        }
        for (Return r : h.returns()) {
          if (!r.orderId().equals(o.id())) {
            continue;
          }
          revenue = revenue.minus(r.refund());
          for (ReturnLine rl : r.lines()) {
            goods = goods.minus(unitCost(o, rl.lineNumber(), rl.sku()).times(rl.quantity()));
          }
        }
        Money margin = revenue.minus(goods);
        f.revenue = f.revenue.plus(revenue);
        f.margin = f.margin.plus(margin);
        f.revenueBy.merge(who, revenue, Money::plus);
        f.marginBy.merge(who, margin, Money::plus);
      }
    }
    return f;
  }

  private Money unitCost(Order o, int lineNumber, String sku) {
    Money cost = unitCosts.unitCost(sku).orElseThrow(() -> invalid("sku", sku,
        "a sku with a unit cost (order " + o.id() + " line " + lineNumber
            + " has none, so the campaign margin is unknown)"));
    if (!cost.currency().equals(o.currency())) {
      throw invalid("unitCost", cost, "a unit cost of sku " + sku + " in the order's currency "
          + o.currency() + " (order " + o.id() + ")");
    }
    return cost;
  }

  // ---------------------------------------------------------------- target groups

  /**
   * The live customer base by one profile field: per group, customers, buyers, revenue in the
   * currency net of returns, and revenue per customer; groups in name order.
   */
  public List<TargetGroup> targetGroups(Dimension dimension, String currencyCode) {
    notNull("dimension", dimension);
    Currency currency = Money.zero(currencyCode).currency();
    LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
    Map<String, long[]> counts = new TreeMap<>(); // customers, buyers, other-currency orders
    Map<String, Money> revenue = new HashMap<>();
    for (CustomerHistory h : crm.histories().toList()) {
      String g = dimension.groupOf(h.customer(), today);
      long[] n = counts.computeIfAbsent(g, k -> new long[3]);
      n[0]++;
      Money net = Money.zero(currency);
      boolean bought = false;
      for (Order o : h.orders()) {
        if (o.currency().equals(currency)) {
          net = net.plus(o.amountPaid());
          bought = true;
        } else {
          n[2]++;
        }
      }
      for (Return r : h.returns()) {
        if (r.currency().equals(currency)) {
          net = net.minus(r.refund());
        }
      }
      if (bought) {
        n[1]++;
      }
      revenue.merge(g, net, Money::plus);
    }
    List<TargetGroup> out = new ArrayList<>();
    counts.forEach((g, n) -> {
      Money r = revenue.get(g);
      Money perCustomer = Money.of(r.amount().divide(BigDecimal.valueOf(n[0]),
          Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.HALF_EVEN), currency);
      out.add(new TargetGroup(g, n[0], n[1], r, perCustomer, n[2]));
    });
    return out;
  }

  // ---------------------------------------------------------------- internals

  private Set<String> descendants(String root) {
    Set<String> family = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      if (family.add(id)) {
        campaigns.findByRef(id).forEach(c -> todo.add(c.id()));
      }
    }
    return family;
  }

  private Campaign requireCampaign(String field, String id) {
    notNull(field, id);
    return campaigns.find(id).map(LaunchedCampaign::campaign)
        .orElseThrow(() -> notFound(field, id, "the id of a launched campaign"));
  }

  private Set<String> campaignIds() {
    Set<String> ids = new HashSet<>();
    campaigns.forEach(c -> ids.add(c.id()));
    return ids;
  }

  private static List<Campaign> inLaunchOrder(List<LaunchedCampaign> stored) {
    return stored.stream().sorted(LAUNCH_ORDER).map(LaunchedCampaign::campaign).toList();
  }

}
