package dev.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.Money;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.marketing.Campaign;
import dev.crmkit.core.marketing.TargetSegment;
import dev.crmkit.core.sales.FunnelQuery;
import dev.crmkit.core.sales.FunnelReport;
import dev.crmkit.core.sales.LargeDealRule;
import dev.crmkit.core.sales.Opportunity;
import dev.crmkit.core.sales.Pipeline;
import dev.crmkit.core.sales.SalesEvent;
import dev.crmkit.core.sales.StageChange;
import dev.crmkit.core.sales.StageFigures;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the pipeline and the funnel, and the JSON form of the sales types. */
class SalesInvariantsTest {

  @Provide
  Arbitrary<SalesArbitraries.SalesWorld> worlds() {
    return SalesArbitraries.salesWorlds();
  }

  @Provide
  Arbitrary<Opportunity> opportunities() {
    return SalesArbitraries.opportunities();
  }

  @Provide
  Arbitrary<Campaign> campaigns() {
    return SalesArbitraries.campaigns();
  }

  @Property(tries = 150)
  void every_stored_history_is_one_the_pipeline_allows(
      @ForAll("worlds") SalesArbitraries.SalesWorld w) {
    Pipeline p = w.pipeline();
    for (Opportunity o : w.opportunities()) {
      List<StageChange> h = o.stageHistory();
      assertThat(h.get(0).from()).isEmpty();
      p.checkOpening(h.get(0).to());
      for (int k = 1; k < h.size(); k++) {
        StageChange c = h.get(k);
        assertThat(c.from()).contains(h.get(k - 1).to());
        assertThat(c.at()).isAfterOrEqualTo(h.get(k - 1).at());
        if (Pipeline.isFinal(c.from().get())) {
          // only a reopen leaves won or lost, and it gives a reason
          p.checkReopen(c.from().get(), c.to());
          assertThat(c.reason()).isPresent();
        } else {
          p.checkMove(c.from().get(), c.to());
          // and independently of checkMove: a forward move passed only skippable stages
          List<String> names = p.allStageNames();
          int from = names.indexOf(c.from().get());
          int to = Pipeline.LOST.equals(c.to()) ? from : names.indexOf(c.to());
          for (int i = from + 1; i < to; i++) {
            assertThat(p.stages().get(i).skippable()).as("skipped " + names.get(i)).isTrue();
          }
        }
      }
      assertThat(o.stage()).isEqualTo(h.get(h.size() - 1).to());
      if (o.isWon()) {
        assertThat(o.probability()).isEqualByComparingTo("1");
      }
      if (o.isLost()) {
        assertThat(o.lostReason()).isPresent();
      }
    }
  }

  @Property(tries = 150)
  void funnel_figures_add_up(@ForAll("worlds") SalesArbitraries.SalesWorld w) {
    FunnelReport f = w.sales().funnel(FunnelQuery.of(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"), "EUR"));
    List<StageFigures> s = f.stages();
    int open = w.pipeline().stages().size();
    long eur = w.opportunities().stream()
        .filter(o -> o.amount().currency().getCurrencyCode().equals("EUR")).count();
    assertThat(f.opportunities()).isEqualTo(eur);
    assertThat(f.opportunities() + f.otherCurrency()).isEqualTo(w.opportunities().size());
    // every opportunity reached the first stage; later stages never reach more (up to won)
    assertThat(s.get(0).reached()).isEqualTo(f.opportunities());
    for (int i = 1; i <= open; i++) {
      assertThat(s.get(i).reached()).isLessThanOrEqualTo(s.get(i - 1).reached());
    }
    assertThat(s.stream().mapToLong(StageFigures::current).sum()).isEqualTo(f.opportunities());
    long won = f.stage(Pipeline.WON).current();
    long lost = f.stage(Pipeline.LOST).current();
    f.winRate().ifPresent(r -> {
      assertThat(r.numerator()).isEqualTo(won);
      assertThat(r.denominator()).isEqualTo(won + lost);
    });
    assertThat(f.winRate().isPresent()).isEqualTo(won + lost > 0);
    assertThat(f.weightedPipeline()).isLessThanOrEqualTo(f.openAmount());
    assertThat(f.openAmount().plus(f.stage(Pipeline.WON).currentAmount())
        .plus(f.stage(Pipeline.LOST).currentAmount()))
        .isEqualTo(s.get(0).reachedAmount());
  }

  @Property(tries = 100)
  void opportunities_and_their_events_survive_json(@ForAll("opportunities") Opportunity o)
      throws Exception {
    JsonRoundTripTest.roundTrips(o, Opportunity.class);
    DomainEvent opened = new SalesEvent.OpportunityOpened(o, o.openedAt());
    JsonRoundTripTest.roundTrips(opened, DomainEvent.class);
    DomainEvent changed = new SalesEvent.OpportunityStageChanged(o,
        o.stageHistory().get(o.stageHistory().size() - 1), o.stageSince());
    JsonRoundTripTest.roundTrips(changed, DomainEvent.class);
    DomainEvent alert = new SalesEvent.LargeDealAlert(o, LargeDealRule.Trigger.STAGE_CHANGE,
        Money.zero(o.amount().currency()), o.stageSince());
    JsonRoundTripTest.roundTrips(alert, DomainEvent.class);
  }

  @Property(tries = 50)
  void funnel_reports_survive_json(@ForAll("worlds") SalesArbitraries.SalesWorld w)
      throws Exception {
    FunnelReport f = w.sales().funnel(FunnelQuery.of(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"), "EUR").owner("ann"));
    JsonRoundTripTest.roundTrips(f, FunnelReport.class);
  }

  @Property(tries = 200)
  void campaigns_survive_json(@ForAll("campaigns") Campaign c) throws Exception {
    JsonRoundTripTest.roundTrips(c, Campaign.class);
    JsonRoundTripTest.roundTrips(c.segment(), TargetSegment.class);
  }
}
