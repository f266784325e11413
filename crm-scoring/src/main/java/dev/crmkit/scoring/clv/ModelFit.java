package dev.crmkit.scoring.clv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A maximum-likelihood fit: the model, the standard errors of its parameters (from the inverse
 * Hessian of the negative log-likelihood at the optimum), the log-likelihood, and the information
 * criteria for comparing models fitted on the same customers.
 *
 * <pre>{@code
 * ModelFit<BgNbd> fit = BgNbd.fit(rows);
 * fit.model().r();                 // 0.243 on CDNOW
 * fit.standardErrors().get("r");
 * fit.bic();
 * }</pre>
 *
 * @param model the fitted model
 * @param standardErrors by parameter name, in the model's order
 * @param logLikelihood at the optimum
 * @param customers the number of customers fitted (the sum of the row weights)
 * @param rows the number of distinct rows the fit evaluated
 * @param iterations of the optimiser
 * @param warnings sentences on what the data do not identify (a parameter at a boundary, a
 *     standard error far larger than its estimate); empty for a clean fit. A fit with warnings
 *     holds the maximum found, to be read with them.
 */
public record ModelFit<M extends ClvModel>(
    M model, Map<String, Double> standardErrors, double logLikelihood, long customers, int rows, int iterations,
    java.util.List<String> warnings) {

  /** A fit without warnings. */
  public ModelFit(
      M model, Map<String, Double> standardErrors, double logLikelihood, long customers, int rows, int iterations) {
    this(model, standardErrors, logLikelihood, customers, rows, iterations, java.util.List.of());
  }

  public ModelFit {
    Objects.requireNonNull(model, "model");
    warnings = java.util.List.copyOf(warnings);
    if (!standardErrors.keySet().equals(model.parameters().keySet())) {
      throw new IllegalArgumentException("standard errors " + standardErrors.keySet()
          + " do not match the parameters " + model.parameters().keySet());
    }
    standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
    if (!Double.isFinite(logLikelihood)) {
      throw new IllegalArgumentException("log-likelihood must be finite, got " + logLikelihood);
    }
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be >= 1, got " + customers);
    }
  }

  /** The number of estimated parameters. */
  public int parameterCount() {
    return model.parameters().size();
  }

  /** Akaike's information criterion, 2k - 2 LL (smaller is better). */
  public double aic() {
    return 2.0 * parameterCount() - 2 * logLikelihood;
  }

  /** Schwarz's Bayesian information criterion, k ln N - 2 LL (smaller is better). */
  public double bic() {
    return parameterCount() * Math.log(customers) - 2 * logLikelihood;
  }

  static Map<String, Double> named(String[] names, double[] values) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }
}
