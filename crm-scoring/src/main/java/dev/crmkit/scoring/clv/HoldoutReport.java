package dev.crmkit.scoring.clv;

import java.util.Objects;

/**
 * Predicted against actual purchases in the holdout period of a summary: per customer, the
 * conditional expectation over the holdout against the holdout frequency; in aggregate, the
 * totals, the mean absolute error and the root mean squared error; and the cumulative tracking
 * curve, period by period (one time unit each) over the holdout.
 *
 * <pre>{@code
 * HoldoutReport report = HoldoutReport.of(bgNbd, summary);
 * report.meanAbsoluteError();
 * report.cumulativePredicted()[38];   // vs report.cumulativeActual()[38]
 * }</pre>
 */
public final class HoldoutReport {

  private final double[] predicted;
  private final double[] actual;
  private final double[] cumulativePredicted;
  private final double[] cumulativeActual;

  private HoldoutReport(double[] predicted, double[] actual, double[] cumulativePredicted, double[] cumulativeActual) {
    this.predicted = predicted;
    this.actual = actual;
    this.cumulativePredicted = cumulativePredicted;
    this.cumulativeActual = cumulativeActual;
  }

  /**
   * The report of a transaction model on a summary with a holdout.
   *
   * @throws IllegalStateException when the summary has no holdout
   */
  public static HoldoutReport of(TransactionModel model, CbsSummary summary) {
    Objects.requireNonNull(model, "model");
    double duration = summary.durationHoldout();
    int n = summary.size();
    double[] byPeriod = summary.holdoutTransactionsByPeriod();
    int periods = byPeriod.length;
    double[] predicted = new double[n];
    double[] actual = new double[n];
    double[] cumPredicted = new double[periods];
    double[] cumActual = new double[periods];
    for (int i = 0; i < n; i++) {
      double x = summary.frequency(i);
      double tx = summary.recency(i);
      double t = summary.T(i);
      predicted[i] = model.conditionalExpectedPurchases(duration, x, tx, t);
      actual[i] = summary.frequencyHoldout(i);
      for (int k = 0; k < periods; k++) {
        cumPredicted[k] += model.conditionalExpectedPurchases(Math.min(k + 1, duration), x, tx, t);
      }
    }
    double running = 0;
    for (int k = 0; k < periods; k++) {
      running += byPeriod[k];
      cumActual[k] = running;
    }
    return new HoldoutReport(predicted, actual, cumPredicted, cumActual);
  }

  public int size() {
    return predicted.length;
  }

  /** Expected holdout purchases of customer i (in the summary's order). */
  public double predicted(int i) {
    return predicted[i];
  }

  public double actual(int i) {
    return actual[i];
  }

  public double totalPredicted() {
    double s = 0;
    for (double p : predicted) {
      s += p;
    }
    return s;
  }

  public double totalActual() {
    double s = 0;
    for (double a : actual) {
      s += a;
    }
    return s;
  }

  public double meanAbsoluteError() {
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      s += Math.abs(predicted[i] - actual[i]);
    }
    return s / predicted.length;
  }

  public double rootMeanSquaredError() {
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - actual[i];
      s += d * d;
    }
    return Math.sqrt(s / predicted.length);
  }

  /** Predicted repeat purchases of all customers from the calibration end to the end of period k + 1. */
  public double[] cumulativePredicted() {
    return cumulativePredicted.clone();
  }

  /** Actual purchases of all customers from the calibration end to the end of period k + 1. */
  public double[] cumulativeActual() {
    return cumulativeActual.clone();
  }
}
