package dev.crmkit.scoring.clv;

import java.util.Map;

/**
 * A model of repeat purchases in a non-contractual setting, fitted on (frequency, recency, T)
 * rows: BG/NBD, MBG/NBD, Pareto/NBD, GGompertz/NBD in continuous time; BG/BB in discrete transaction
 * opportunities (there T is the number of opportunities and every time is a whole number of
 * periods).
 *
 * <pre>{@code
 * TransactionModel model = BgNbd.fit(rows).model();
 * double alive = model.probabilityAlive(2, 30.43, 38.86);
 * double next = model.conditionalExpectedPurchases(39, 2, 30.43, 38.86);
 * }</pre>
 */
public sealed interface TransactionModel extends ClvModel permits BgNbd, MbgNbd, ParetoNbd, GGompertzNbd, BgBb {

  /** The log-likelihood of one customer's (frequency, recency, T). */
  double logLikelihood(double frequency, double recency, double T);

  /** The probability that a customer with this history is alive at T. */
  double probabilityAlive(double frequency, double recency, double T);

  /**
   * Expected repeat purchases in (0, t] of a new customer (one who just made a first purchase):
   * the conditional expectation of a customer with no repeat purchase, observed for no time.
   */
  default double expectedPurchases(double t) {
    return conditionalExpectedPurchases(t, 0, 0, 0);
  }

  /** Expected purchases in (T, T + t] of a customer with this history. */
  double conditionalExpectedPurchases(double t, double frequency, double recency, double T);

  /** The probability that a new customer makes exactly n repeat purchases in (0, t]. */
  double probabilityOfPurchases(int n, double t);

  /**
   * The model with this id ({@code bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd, bg-bb}) and these named
   * parameters, as {@link ClvModel#parameters()} gives them.
   *
   * @throws IllegalArgumentException for an unknown id, a missing or extra parameter, or a
   *     value that is not finite and positive
   */
  static TransactionModel of(String id, Map<String, Double> parameters) {
    switch (id) {
      case BgNbd.ID:
        return new BgNbd(get(id, parameters, BgNbd.NAMES, 0), get(id, parameters, BgNbd.NAMES, 1),
            get(id, parameters, BgNbd.NAMES, 2), get(id, parameters, BgNbd.NAMES, 3));
      case MbgNbd.ID:
        return new MbgNbd(get(id, parameters, MbgNbd.NAMES, 0), get(id, parameters, MbgNbd.NAMES, 1),
            get(id, parameters, MbgNbd.NAMES, 2), get(id, parameters, MbgNbd.NAMES, 3));
      case ParetoNbd.ID:
        return new ParetoNbd(get(id, parameters, ParetoNbd.NAMES, 0), get(id, parameters, ParetoNbd.NAMES, 1),
            get(id, parameters, ParetoNbd.NAMES, 2), get(id, parameters, ParetoNbd.NAMES, 3));
      case GGompertzNbd.ID:
        return new GGompertzNbd(get(id, parameters, GGompertzNbd.NAMES, 0), get(id, parameters, GGompertzNbd.NAMES, 1),
            get(id, parameters, GGompertzNbd.NAMES, 2), get(id, parameters, GGompertzNbd.NAMES, 3),
            get(id, parameters, GGompertzNbd.NAMES, 4));
      case BgBb.ID:
        return new BgBb(get(id, parameters, BgBb.NAMES, 0), get(id, parameters, BgBb.NAMES, 1),
            get(id, parameters, BgBb.NAMES, 2), get(id, parameters, BgBb.NAMES, 3));
      default:
        throw new IllegalArgumentException("unknown transaction model '" + id
            + "'; expected one of bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd, bg-bb");
    }
  }

  /**
   * Fits the model with this id on the rows.
   *
   * @throws FitException when the fit does not converge
   */
  static ModelFit<? extends TransactionModel> fit(String id, CbsRows rows) {
    switch (id) {
      case BgNbd.ID:
        return BgNbd.fit(rows);
      case MbgNbd.ID:
        return MbgNbd.fit(rows);
      case ParetoNbd.ID:
        return ParetoNbd.fit(rows);
      case GGompertzNbd.ID:
        return GGompertzNbd.fit(rows);
      case BgBb.ID:
        return BgBb.fit(rows);
      default:
        throw new IllegalArgumentException("unknown transaction model '" + id
            + "'; expected one of bg-nbd, mbg-nbd, pareto-nbd, ggompertz-nbd, bg-bb");
    }
  }

  private static double get(String id, Map<String, Double> parameters, String[] names, int i) {
    if (parameters.size() != names.length || !parameters.keySet().containsAll(java.util.List.of(names))) {
      throw new IllegalArgumentException(id + " needs exactly the parameters " + String.join(", ", names)
          + ", got " + parameters.keySet());
    }
    Double value = parameters.get(names[i]);
    if (value == null) {
      throw new IllegalArgumentException(id + " parameter " + names[i] + " is missing");
    }
    return value;
  }
}
