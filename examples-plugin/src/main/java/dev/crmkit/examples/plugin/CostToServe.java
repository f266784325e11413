package dev.crmkit.examples.plugin;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.List;

/**
 * A scoring plugin: the customer's value net of the cost of serving it. Contribution =
 * revenue x margin - orders x cost per order - interactions x cost per interaction; classes
 * {@code profitable} (contribution above {@code breakEvenBand}), {@code break-even} (within the
 * band either side of zero) and {@code unprofitable}. Registered in
 * {@code META-INF/services/dev.crmkit.scoring.ScoringStrategyProvider}; crmkit is not changed.
 *
 * <pre>{@code
 * ScoringStrategy s = ScoringEngine.load().strategy("cost-to-serve",
 *     "{\"margin\": 0.3, \"costPerOrder\": 4.5, \"costPerInteraction\": 2.0, \"breakEvenBand\": 1.0}");
 * ScoreTable t = s.score(CustomerSummary.of(log, asOf, interactions));
 * }</pre>
 */
public final class CostToServe implements ScoringStrategyProvider<CostToServe.Config> {

  public static final String ID = "cost-to-serve";
  public static final List<String> CLASSES = List.of("profitable", "break-even", "unprofitable");

  /** The cost model; a missing JSON field takes its default. */
  public record Config(Double margin, Double costPerOrder, Double costPerInteraction, Double breakEvenBand) {
    public Config {
      margin = margin == null ? 0.3 : margin;
      costPerOrder = costPerOrder == null ? 4.5 : costPerOrder;
      costPerInteraction = costPerInteraction == null ? 2.0 : costPerInteraction;
      breakEvenBand = breakEvenBand == null ? 1.0 : breakEvenBand;
      if (!(margin > 0 && margin <= 1)) {
        throw new InvalidConfigurationException("margin", margin, "a number in (0, 1]");
      }
      if (!(costPerOrder >= 0) || Double.isInfinite(costPerOrder)) {
        throw new InvalidConfigurationException("costPerOrder", costPerOrder, "a finite number >= 0");
      }
      if (!(costPerInteraction >= 0) || Double.isInfinite(costPerInteraction)) {
        throw new InvalidConfigurationException("costPerInteraction", costPerInteraction, "a finite number >= 0");
      }
      if (!(breakEvenBand >= 0) || Double.isInfinite(breakEvenBand)) {
        throw new InvalidConfigurationException("breakEvenBand", breakEvenBand, "a finite number >= 0");
      }
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(null, null, null, null);
  }

  @Override
  public ScoringStrategy create(Config config) {
    return new ScoringStrategy() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public ScoreTable score(CustomerSummary s) {
        if (s.size() > 0 && !s.hasInteractions()) {
          // without interactions the cost of serving would silently be too low
          throw new IllegalArgumentException(ID + ": the summary has no interactions; build it with"
              + " CustomerSummary.of(log, asOf, interactions)");
        }
        int n = s.size();
        String[] ids = new String[n];
        double[] margin = new double[n];
        double[] orderCost = new double[n];
        double[] serviceCost = new double[n];
        double[] contribution = new double[n];
        String[] labels = new String[n];
        double[] revenue = s.metric("revenue");
        double[] orders = s.metric("transactions");
        double[] interactions = n == 0 ? new double[0] : s.metric("interactions");
        for (int i = 0; i < n; i++) {
          ids[i] = s.customerId(i);
          margin[i] = revenue[i] * config.margin();
          orderCost[i] = -orders[i] * config.costPerOrder();
          serviceCost[i] = -interactions[i] * config.costPerInteraction();
          contribution[i] = margin[i] + orderCost[i] + serviceCost[i];
          labels[i] = contribution[i] > config.breakEvenBand() ? "profitable"
              : contribution[i] < -config.breakEvenBand() ? "unprofitable" : "break-even";
        }
        return ScoreTable.builder(ID, ids)
            .explanation("margin", margin)
            .explanation("order_cost", orderCost)
            .explanation("service_cost", serviceCost)
            .score("contribution", contribution)
            .labels("class", labels)
            .orderedClasses(CLASSES)
            .build();
      }
    };
  }
}
