package dev.crmkit.scoring.clv;

import dev.crmkit.scoring.base.ScoringException;
import java.util.Arrays;

/**
 * A maximum-likelihood fit that did not converge, or whose optimum gives no standard errors. It
 * carries what a person needs to judge the failure: the model, the iterations, the last
 * parameters and the log-likelihood there. A {@link ScoringException}.
 *
 * <pre>{@code
 * try {
 *   BgNbd.fit(rows);
 * } catch (FitException e) {
 *   log.warn("{} after {} iterations", e.getMessage(), e.iterations());
 * }
 * }</pre>
 */
public final class FitException extends ScoringException {

  private static final long serialVersionUID = 1L;

  private final String model;
  private final int iterations;
  private final double[] lastParameters;
  private final double logLikelihood;

  FitException(String model, String reason, int iterations, String[] names, double[] lastParameters,
      double logLikelihood) {
    super(model + " fit failed: " + reason + " after " + iterations + " iterations; last parameters "
        + describe(names, lastParameters) + ", log-likelihood " + logLikelihood);
    this.model = model;
    this.iterations = iterations;
    this.lastParameters = lastParameters.clone();
    this.logLikelihood = logLikelihood;
  }

  private static String describe(String[] names, double[] values) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
    }
    return s.append('}').toString();
  }

  public String model() {
    return model;
  }

  public int iterations() {
    return iterations;
  }

  /** The parameters at the last iterate, in the model's order. */
  public double[] lastParameters() {
    return lastParameters.clone();
  }

  public double logLikelihood() {
    return logLikelihood;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + ": " + getMessage() + " " + Arrays.toString(lastParameters);
  }
}
