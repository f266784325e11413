package dev.crmkit.testkit;

import dev.crmkit.core.Crm;
import dev.crmkit.core.IdGenerator;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.marketing.AgeBand;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.sales.Deal;
import dev.crmkit.core.sales.Opportunity;
import dev.crmkit.core.sales.Pipeline;
import dev.crmkit.core.sales.Sales;
import dev.crmkit.core.sales.Stage;
import dev.crmkit.core.time.SettableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for the sales and marketing types. Opportunities are not assembled field by
 * field: each is opened in a fresh {@link Sales} and driven through random stage commands (moves,
 * wins, losses, reopens, some of them illegal and so refused), so its history is one the
 * pipeline really allowed.
 *
 * <pre>{@code
 * // in a jqwik test class
 * void history_obeys_the_pipeline(@ForAll("worlds") SalesArbitraries.SalesWorld w) { ... } // @Property
 * Arbitrary<SalesArbitraries.SalesWorld> worlds() { return SalesArbitraries.salesWorlds(); } // @Provide
 * }</pre>
 */
public final class SalesArbitraries {

  private static final List<String> STAGE_NAMES = List.of("qualification", "needs-analysis",
      "proposal", "negotiation", "review", "contract");
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  private SalesArbitraries() {}

  /** A pipeline of 1 to 6 stages with random probabilities and skippable flags. */
  public static Arbitrary<Pipeline> pipelines() {
    Arbitrary<Stage> stage = Combinators.combine(Arbitraries.integers().between(0, 100),
            Arbitraries.of(true, false))
        .as((p, skip) -> new Stage("x", BigDecimal.valueOf(p, 2), skip));
    return stage.list().ofMinSize(1).ofMaxSize(STAGE_NAMES.size()).map(stages -> {
      List<Stage> named = new ArrayList<>();
      for (int i = 0; i < stages.size(); i++) {
        Stage s = stages.get(i);
        named.add(new Stage(STAGE_NAMES.get(i), s.probability(), s.skippable()));
      }
      return new Pipeline(named);
    });
  }

  public static Arbitrary<Deal> deals(Currency currency) {
    return Combinators.combine(Arbitraries.of("Fleet", "Licences", "Service plan"),
            Arbitraries.of("ann", "bob", "chen"), CrmArbitraries.money(currency),
            Arbitraries.integers().between(0, 365))
        .as((name, owner, amount, days) -> Deal.of(name, owner, amount,
            LocalDate.of(2026, 1, 1).plusDays(days)));
  }

  /** One stage command: what to do, with which stage (index, modulo), after how many hours. */
  record Command(int action, int stage, int hours) {}

  private static Arbitrary<Command> commands() {
    return Combinators.combine(Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, STAGE_NAMES.size()),
            Arbitraries.integers().between(0, 24 * 20))
        .as(Command::new);
  }

  /**
   * A {@link Sales} over a fresh facade, with a pipeline, 0 to 12 opportunities in EUR (a few in
   * USD) opened over time, each driven through up to 10 random commands.
   */
  public static Arbitrary<SalesWorld> salesWorlds() {
    Arbitrary<List<Deal>> deals = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(9, deals(Currency.getInstance("EUR"))),
            net.jqwik.api.Tuple.of(1, deals(Currency.getInstance("USD"))))
        .list().ofMaxSize(12);
    Arbitrary<List<List<Command>>> scripts = commands().list().ofMaxSize(10).list()
        .ofSize(12);
    return Combinators.combine(pipelines(), deals, scripts).as(SalesArbitraries::play);
  }

  /** A sales world: the pipeline, the clock and the {@link Sales} the opportunities live in. */
  public record SalesWorld(Pipeline pipeline, Sales sales, Clock clock,
      List<Opportunity> opportunities) {}

  /** A new deal with the generated one's values (generated deals set nothing else). */
  private static Deal fresh(Deal d) {
    return Deal.of(d.name(), d.owner(), d.amount(), d.expectedClose());
  }

  private static SalesWorld play(Pipeline pipeline, List<Deal> deals,
      List<List<Command>> scripts) {
    SettableClock clock = SettableClock.of(START, ZoneOffset.UTC);
    Crm crm = Crm.builder().clock(clock).ids(IdGenerator.sequential()).build();
    Sales sales = Sales.builder(crm).clock(clock).pipeline(pipeline).sequentialIds().build();
    CustomerId customer = crm.register(Registration.organization("Acme GmbH")).id();
    List<String> ids = new ArrayList<>();
    List<String> open = new ArrayList<>(pipeline.stages().stream().map(Stage::name).toList());
    for (int i = 0; i < deals.size(); i++) {
      clock.advance(Duration.ofHours(5));
      Deal d = deals.get(i);
      // start in a stage the pipeline allows, or in the first
      int start = scripts.get(i).isEmpty() ? 0 : scripts.get(i).get(0).stage() % open.size();
      String id;
      // a Deal is a mutating builder: each attempt gets its own, so a refused start stage does
      // not stick to the retry (nor to the generated value jqwik may show or shrink)
      try {
        id = sales.open(customer, fresh(d).inStage(open.get(start))).id();
      } catch (IllegalArgumentException refused) {
        id = sales.open(customer, fresh(d)).id();
      }
      ids.add(id);
    }
    Instant openedAll = clock.instant();
    for (int i = 0; i < ids.size(); i++) {
      clock.set(openedAll);
      for (Command c : scripts.get(i)) {
        clock.advance(Duration.ofHours(c.hours()));
        String stage = c.stage() < open.size() ? open.get(c.stage()) : Pipeline.WON;
        try {
          switch (c.action()) {
            case 0, 1, 2, 3, 4 -> {
              if (Pipeline.WON.equals(stage)) {
                sales.win(ids.get(i));
              } else {
                sales.moveTo(ids.get(i), stage);
              }
            }
            case 5, 6 -> sales.win(ids.get(i));
            case 7, 8 -> sales.lose(ids.get(i), "lost in test");
            default -> sales.reopen(ids.get(i), stage, "reopened in test");
          }
        } catch (IllegalArgumentException refused) {
          // the pipeline said no: the history stays as it was, which the properties check
        }
      }
    }
    return new SalesWorld(pipeline, sales, clock, sales.opportunities());
  }

  public static Arbitrary<Opportunity> opportunities() {
    return salesWorlds().filter(w -> !w.opportunities().isEmpty())
        .flatMap(w -> Arbitraries.of(w.opportunities()));
  }

  public static Arbitrary<AgeBand> ageBands() {
    return Arbitraries.integers().between(0, 100).flatMap(from ->
        Arbitraries.integers().between(from, 150).map(to -> AgeBand.of(from, to)));
  }

  public static Arbitrary<TargetSegment> targetSegments() {
    Arbitrary<TargetSegment> scoreClass = Combinators.combine(
            Arbitraries.of("abc", "rfm", "value-matrix"), Arbitraries.of("A", "B", "C", "champions"))
        .as(TargetSegment::scoreClass);
    Arbitrary<Optional<String>> region = Arbitraries.of("Berlin", "London", "Bavaria")
        .optional();
    Arbitrary<TargetSegment> person = Combinators.combine(
            Arbitraries.of("engineer", "teacher", "nurse").optional(), ageBands().optional(),
            region)
        .as((occupation, band, r) -> new TargetSegment.ProfileFilter(Optional.empty(),
            occupation, band, r));
    Arbitrary<TargetSegment> company = Combinators.combine(
            Arbitraries.of("automotive", "retail", "software").optional(), region)
        .as((industry, r) -> new TargetSegment.ProfileFilter(industry, Optional.empty(),
            Optional.empty(), r));
    return Arbitraries.oneOf(scoreClass, person, company);
  }

  public static Arbitrary<Campaign> campaigns() {
    return Combinators.combine(Arbitraries.integers().between(1, 9999),
            Arbitraries.of(Channel.values()), targetSegments(), CrmArbitraries.currencies(),
            Arbitraries.integers().between(0, 1), Arbitraries.longs().between(0, 100_000))
        .as((n, channel, segment, currency, nested, spent) -> {
          Money budget = Money.of(BigDecimal.valueOf(spent * 2), currency);
          Campaign c = new Campaign("cmp-" + n, "Campaign " + n, nested == 1
              ? Optional.of("cmp-parent") : Optional.empty(), channel, segment, budget,
              Money.of(BigDecimal.valueOf(spent), currency));
          return c;
        });
  }
}
