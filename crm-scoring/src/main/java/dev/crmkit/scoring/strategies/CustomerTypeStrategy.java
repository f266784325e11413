package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringException;
import dev.crmkit.scoring.ScoringStrategy;
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
public final class CustomerTypeStrategy implements ScoringStrategy {

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

  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    int n = summary.size();
    if (!summary.hasInteractions() && config.interactionRateDefault() == null) {
      throw new ScoringException(
          ID + ": the summary has no interaction counts; make it with interactions, or configure"
              + " interactionRateDefault");
    }
    String[] ids = new String[n];
    String[] labels = new String[n];
    double[] transactions = new double[n];
    double[] rate = new double[n];
    double[] discount = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = summary.customerId(i);
      transactions[i] = summary.transactions(i);
      rate[i] =
          summary.hasInteractions()
              ? (double) summary.interactions(i) / summary.transactions(i)
              : config.interactionRateDefault();
      discount[i] = summary.meanDiscountShare(i);
      if (Double.isNaN(discount[i])) {
        if (config.discountShareDefault() == null) {
          throw new ScoringException(
              ID + ": customer '" + ids[i] + "' has no discount share; give the transactions a"
                  + " discount_share, or configure discountShareDefault");
        }
        discount[i] = config.discountShareDefault();
      }
      String label;
      if (transactions[i] <= config.oneTimeMaxTransactions()) {
        label = ONE_TIME;
      } else if (rate[i] >= config.minInteractionRate() && discount[i] <= config.maxDiscountShare()) {
        label =
            config.bigRelationshipRevenue() != null
                    && summary.total(i) >= config.bigRelationshipRevenue()
                ? BIG_RELATIONSHIP
                : RELATIONSHIP;
      } else {
        label = TRANSACTION;
      }
      labels[i] = label;
    }
    List<String> classes = new ArrayList<>();
    if (config.bigRelationshipRevenue() != null) {
      classes.add(BIG_RELATIONSHIP);
    }
    classes.addAll(List.of(RELATIONSHIP, TRANSACTION, ONE_TIME));
    return ScoreTable.builder(ID, ids)
        .explanation("transactions", transactions)
        .explanation("interaction_rate", rate)
        .explanation("discount_share", discount)
        .labels("type", labels)
        .classes(classes, false)
        .build();
  }
}
