package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.CustomerMetrics;
import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * Dell's customer types: one-time buyers (at most {@code oneTimeMaxTransactions} transactions);
 * relationship-oriented customers, who interact (interactions per transaction at or above {@code
 * minInteractionRate}) and are not price sensitive (mean discount share at or below {@code
 * maxDiscountShare}); and transaction-oriented customers, the other repeat buyers. Optionally,
 * relationship-oriented customers with revenue at or above {@code bigRelationshipRevenue} are
 * "big relationship" (Dell's Big R: a dedicated team).
 *
 * <p>The explanation gives the transactions, interaction rate and discount share used.
 *
 * <pre>{@code
 * ScoreTable types = new CustomerTypeStrategy(CustomerTypeConfig.defaults())
 *     .score(CustomerSummary.of(log, asOf, interactions)); // log with discount shares
 * }</pre>
 */
public final class CustomerTypeStrategy implements DistributableStrategy {

  public static final String ID = "customer-type";
  public static final String ONE_TIME = "one-time";
  public static final String TRANSACTION = "transaction-oriented";
  public static final String RELATIONSHIP = "relationship-oriented";
  public static final String BIG_RELATIONSHIP = "big-relationship";

  private final CustomerTypeConfig config;

  public CustomerTypeStrategy(CustomerTypeConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Types every customer one at a time, with the summary's interaction counts when it has them
   * (else {@code interactionRateDefault}).
   */
  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    return DistributableStrategy.scoreInMemory(scorer(summary.hasInteractions()), summary);
  }

  /** No population statistic: each customer is typed from its own numbers. */
  @Override
  public List<String> fitMetrics() {
    return List.of();
  }

  /**
   * The per-customer typing for a distributed summary, which has no interaction counts: it
   * needs {@code interactionRateDefault}.
   */
  @Override
  public CustomerScorer fit(List<ValueHistogram> histograms) {
    return scorer(false);
  }

  private Model scorer(boolean interactions) {
    if (!interactions && config.interactionRateDefault() == null) {
      throw new ScoringException(
          ID + ": the summary has no interaction counts; make it with interactions, or configure"
              + " interactionRateDefault");
    }
    List<String> classes = new ArrayList<>();
    if (config.bigRelationshipRevenue() != null) {
      classes.add(BIG_RELATIONSHIP);
    }
    classes.addAll(List.of(RELATIONSHIP, TRANSACTION, ONE_TIME));
    return new Model(config, interactions, List.copyOf(classes));
  }

  /** The typing rules with the configured limits. */
  private static final class Model implements CustomerScorer {
    private static final long serialVersionUID = 1L;
    private final int oneTimeMax;
    private final double minRate;
    private final double maxDiscount;
    private final Double rateDefault;
    private final Double discountDefault;
    private final Double bigRevenue;
    private final boolean interactions;
    private final List<String> classes;

    Model(CustomerTypeConfig config, boolean interactions, List<String> classes) {
      this.oneTimeMax = config.oneTimeMaxTransactions();
      this.minRate = config.minInteractionRate();
      this.maxDiscount = config.maxDiscountShare();
      this.rateDefault = config.interactionRateDefault();
      this.discountDefault = config.discountShareDefault();
      this.bigRevenue = config.bigRelationshipRevenue();
      this.interactions = interactions;
      this.classes = classes;
    }

    @Override
    public String strategyId() {
      return ID;
    }

    @Override
    public List<String> inputMetrics() {
      return interactions
          ? List.of("transactions", "interactions", "discount_share", "revenue")
          : List.of("transactions", "discount_share", "revenue");
    }

    @Override
    public List<String> explanationNames() {
      return List.of("transactions", "interaction_rate", "discount_share");
    }

    @Override
    public List<String> scoreNames() {
      return List.of();
    }

    @Override
    public String labelName() {
      return "type";
    }

    @Override
    public List<String> classes() {
      return classes;
    }

    @Override
    public boolean orderedClasses() {
      return false;
    }

    @Override
    public String score(CustomerMetrics customer, double[] out) {
      double transactions = customer.metric("transactions");
      double rate = interactions ? customer.metric("interactions") / transactions : rateDefault;
      double discount = customer.metric("discount_share");
      if (Double.isNaN(discount)) {
        if (discountDefault == null) {
          throw new ScoringException(
              ID + ": customer '" + customer.customerId() + "' has no discount share; give the"
                  + " transactions a discount_share, or configure discountShareDefault");
        }
        discount = discountDefault;
      }
      out[0] = transactions;
      out[1] = rate;
      out[2] = discount;
      if (transactions <= oneTimeMax) {
        return ONE_TIME;
      }
      if (rate >= minRate && discount <= maxDiscount) {
        return bigRevenue != null && customer.metric("revenue") >= bigRevenue
            ? BIG_RELATIONSHIP : RELATIONSHIP;
      }
      return TRANSACTION;
    }
  }
}
