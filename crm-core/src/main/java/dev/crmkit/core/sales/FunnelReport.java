package dev.crmkit.core.sales;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;

import dev.crmkit.core.base.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sales funnel of the opportunities a {@link FunnelQuery} selects, as of {@code asOf}: the
 * figures per stage (open stages in pipeline order, then won and lost), the win rate (won over
 * won plus lost), the weighted pipeline value (sum of amount x probability over the open ones,
 * exact), the open amount, and the mean sales cycle (opened to won, over the won ones).
 * {@code otherCurrency} counts the selected opportunities left out because their amount is in
 * another currency than the query's.
 *
 * <pre>{@code
 * FunnelReport f = sales.funnel(FunnelQuery.of(from, until, "EUR"));
 * f.winRate().ifPresent(r -> System.out.println("win rate " + r));
 * }</pre>
 */
public record FunnelReport(
    FunnelQuery query,
    Instant asOf,
    long opportunities,
    long otherCurrency,
    List<StageFigures> stages,
    Optional<Ratio> winRate,
    Money weightedPipeline,
    Money openAmount,
    Optional<Duration> meanSalesCycle) {

  public FunnelReport {
    notNull("query", query);
    notNull("asOf", asOf);
    stages = list("stages", stages);
    winRate = optional(winRate);
    notNull("weightedPipeline", weightedPipeline);
    notNull("openAmount", openAmount);
    meanSalesCycle = optional(meanSalesCycle);
  }

  /** @throws IllegalArgumentException for a stage the report has not */
  public StageFigures stage(String name) {
    return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
        .orElseThrow(() -> invalid("stage", name, "one of " + stages.stream()
            .map(StageFigures::stage).toList()));
  }

  static FunnelReport compute(Pipeline pipeline, List<Opportunity> all, FunnelQuery query,
      Instant asOf) {
    List<Opportunity> selected = new ArrayList<>();
    long otherCurrency = 0;
    for (Opportunity o : all) {
      if (!query.covers(o)) {
        continue;
      }
      if (o.amount().currency().equals(query.currency())) {
        selected.add(o);
      } else {
        otherCurrency++;
      }
    }
    Money zero = Money.zero(query.currency());
    int open = pipeline.stages().size();
    // positions 0..open-1 are open stages, open is won, open+1 is lost
    long[] reached = new long[open + 2];
    Money[] reachedAmount = new Money[open + 2];
    long[] current = new long[open + 2];
    Money[] currentAmount = new Money[open + 2];
    java.util.Arrays.fill(reachedAmount, zero);
    java.util.Arrays.fill(currentAmount, zero);
    Map<String, Duration> stayTotal = new HashMap<>();
    Map<String, Long> stays = new HashMap<>();
    long won = 0;
    long lost = 0;
    Money weighted = zero;
    Money openAmount = zero;
    Duration cycleTotal = Duration.ZERO;

    for (Opportunity o : selected) {
      int furthest = -1;
      for (StageChange c : o.stageHistory()) {
        if (!Pipeline.LOST.equals(c.to())) {
          furthest = Math.max(furthest, pipeline.position(c.to()));
        }
      }
      if (o.isWon()) {
        furthest = open;
      }
      for (int i = 0; i <= Math.min(furthest, open); i++) {
        reached[i]++;
        reachedAmount[i] = reachedAmount[i].plus(o.amount());
      }
      int now = o.isLost() ? open + 1 : pipeline.position(o.stage());
      current[now]++;
      currentAmount[now] = currentAmount[now].plus(o.amount());
      if (o.isLost()) {
        lost++;
        reached[open + 1]++;
        reachedAmount[open + 1] = reachedAmount[open + 1].plus(o.amount());
      } else if (o.isWon()) {
        won++;
        cycleTotal = cycleTotal.plus(Duration.between(o.openedAt(), o.stageSince()));
      } else {
        weighted = weighted.plus(o.weightedAmount());
        openAmount = openAmount.plus(o.amount());
      }
      List<StageChange> h = o.stageHistory();
      for (int k = 0; k + 1 < h.size(); k++) {
        String stage = h.get(k).to();
        stayTotal.merge(stage, Duration.between(h.get(k).at(), h.get(k + 1).at()),
            Duration::plus);
        stays.merge(stage, 1L, Long::sum);
      }
    }

    List<String> names = pipeline.allStageNames();
    List<StageFigures> figures = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Optional<Ratio> conversion = i < open && reached[i] > 0
          ? Optional.of(Ratio.of(reached[i + 1], reached[i]))
          : Optional.empty();
      Optional<Duration> meanStay = Optional.ofNullable(stays.get(name))
          .map(n -> stayTotal.get(name).dividedBy(n));
      figures.add(new StageFigures(name, reached[i], reachedAmount[i], current[i],
          currentAmount[i], conversion, meanStay));
    }
    Optional<Ratio> winRate = won + lost > 0 ? Optional.of(Ratio.of(won, won + lost))
        : Optional.empty();
    Optional<Duration> cycle = won > 0 ? Optional.of(cycleTotal.dividedBy(won))
        : Optional.empty();
    return new FunnelReport(query, asOf, selected.size(), otherCurrency, figures, winRate,
        weighted, openAmount, cycle);
  }
}
