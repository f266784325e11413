package dev.crmkit.scoring.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pareto/NBD or BG/NBD with time-invariant covariates, as R's CLVTools parameterises them: a
 * customer with covariates z buys with λ ~ Gamma(r, α_i), α_i = α0 exp(-γ_trans'z), and
 * <ul>
 *   <li>Pareto/NBD: lives with μ ~ Gamma(s, β_i), β_i = β0 exp(-γ_life'z);
 *   <li>BG/NBD: drops out with p ~ Beta(a_i, b_i), a_i = a0 exp(γ_life'z), b_i = b0 exp(γ_life'z).
 * </ul>
 * A positive γ_trans raises the purchase rate (mean r/α_i); a positive γ_life raises the dropout
 * rate of Pareto/NBD (mean s/β_i). The same covariates enter both processes.
 *
 * <p>Parameters, in order: the model's own (named as without covariates, holding α0, β0, a0, b0),
 * then {@code trans.<name>} and {@code life.<name>} for every design column of the {@link
 * Covariates}. Predictions are those of the customer's own model, {@link #forCustomer}.
 *
 * <pre>{@code
 * ModelFit<CovariateModel> fit = CovariateModel.fit("pareto-nbd", x, tx, T, covariates);
 * fit.model().parameters();                  // r, alpha, s, beta, trans.age, ..., life.age, ...
 * fit.standardErrors().get("trans.age");
 * fit.model().forCustomer(covariates, 0).probabilityAlive(x[0], tx[0], T[0]);
 * }</pre>
 */
public final class CovariateModel implements ClvModel {

  private static final long serialVersionUID = 1L;
  static final int BASE = 4;

  private final TransactionModel baseline;
  private final List<String> covariates;
  private final double[] trans;
  private final double[] life;

  private CovariateModel(TransactionModel baseline, List<String> covariates, double[] trans, double[] life) {
    this.baseline = baseline;
    this.covariates = List.copyOf(covariates);
    this.trans = trans.clone();
    this.life = life.clone();
    for (int k = 0; k < trans.length; k++) {
      if (!Double.isFinite(trans[k]) || !Double.isFinite(life[k])) {
        throw new IllegalArgumentException("coefficients of " + covariates.get(k) + " must be finite, got trans "
            + trans[k] + ", life " + life[k]);
      }
    }
  }

  /**
   * The model {@code pareto-nbd} or {@code bg-nbd} with these named parameters (as {@link
   * #parameters()} gives them) for the design columns named (as {@link Covariates#names()} gives
   * them).
   *
   * @throws IllegalArgumentException for another model id, a missing or extra parameter, or a
   *     value out of range
   */
  public static CovariateModel of(String id, Map<String, Double> parameters, List<String> covariates) {
    String[] base = baseNames(id);
    List<String> expected = names(base, covariates);
    if (parameters.size() != expected.size() || !parameters.keySet().containsAll(expected)) {
      throw new IllegalArgumentException(id + " with covariates " + covariates + " needs exactly the parameters "
          + String.join(", ", expected) + ", got " + parameters.keySet());
    }
    Map<String, Double> own = new LinkedHashMap<>();
    for (String name : base) {
      own.put(name, parameters.get(name));
    }
    int k = covariates.size();
    double[] trans = new double[k];
    double[] life = new double[k];
    for (int j = 0; j < k; j++) {
      trans[j] = parameters.get("trans." + covariates.get(j));
      life[j] = parameters.get("life." + covariates.get(j));
    }
    return new CovariateModel(TransactionModel.of(id, own), covariates, trans, life);
  }

  private static String[] baseNames(String id) {
    switch (id) {
      case ParetoNbd.ID:
        return ParetoNbd.NAMES;
      case BgNbd.ID:
        return BgNbd.NAMES;
      default:
        throw new IllegalArgumentException("covariates are available for pareto-nbd and bg-nbd, not '" + id + "'");
    }
  }

  private static List<String> names(String[] base, List<String> covariates) {
    List<String> names = new ArrayList<>(List.of(base));
    for (String c : covariates) {
      names.add("trans." + c);
    }
    for (String c : covariates) {
      names.add("life." + c);
    }
    return names;
  }

  @Override
  public String id() {
    return baseline.id();
  }

  /** The model of a customer whose covariates are all 0 (α0, β0 or a0, b0). */
  public TransactionModel baseline() {
    return baseline;
  }

  /** The design columns the coefficients belong to. */
  public List<String> covariates() {
    return covariates;
  }

  @Override
  public Map<String, Double> parameters() {
    Map<String, Double> map = new LinkedHashMap<>(baseline.parameters());
    for (int k = 0; k < trans.length; k++) {
      map.put("trans." + covariates.get(k), trans[k]);
    }
    for (int k = 0; k < life.length; k++) {
      map.put("life." + covariates.get(k), life[k]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /**
   * The model of customer {@code row} of {@code z}: Pareto/NBD with α_i and β_i, or BG/NBD with
   * α_i, a_i and b_i; its predictions (P(alive), expected purchases) are that customer's.
   *
   * @throws IllegalArgumentException when z's design columns are not the model's
   */
  public TransactionModel forCustomer(Covariates z, int row) {
    if (!z.names().equals(covariates)) {
      throw new IllegalArgumentException("the covariates' design columns " + z.names()
          + " are not the model's " + covariates + " (code new customers with the fitted levels)");
    }
    java.util.Objects.checkIndex(row, z.size());
    return at(z.row(row));
  }

  TransactionModel at(double[] z) {
    double t = dot(trans, z);
    double l = dot(life, z);
    if (baseline instanceof ParetoNbd m) {
      return new ParetoNbd(m.r(), m.alpha() * Math.exp(-t), m.s(), m.beta() * Math.exp(-l));
    }
    BgNbd m = (BgNbd) baseline;
    return new BgNbd(m.r(), m.alpha() * Math.exp(-t), m.a() * Math.exp(l), m.b() * Math.exp(l));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Maximum-likelihood fit of {@code pareto-nbd} or {@code bg-nbd} with covariates, one row per
   * customer (the customers sharing frequency, recency, T and covariates are evaluated once).
   *
   * <p>The search starts from the fit without covariates (all coefficients 0) and runs on
   * standardised design columns and in a time unit where the mean T is 1; the result is mapped
   * back and the standard errors are taken from the Hessian of the likelihood in the parameters
   * reported. As for {@link ParetoNbd#fit}, data that do not identify a parameter give {@link
   * ModelFit#warnings() warnings}, not an error.
   *
   * @throws IllegalArgumentException for another model, columns of different lengths, a history
   *     that is not valid (naming the row), or a covariate that is constant (not identified)
   * @throws FitException when the likelihood cannot be evaluated at the start
   */
  public static ModelFit<CovariateModel> fit(String id, double[] frequency, double[] recency, double[] T,
      Covariates z) {
    String[] base = baseNames(id);
    int n = frequency.length;
    if (recency.length != n || T.length != n || z.size() != n) {
      throw new IllegalArgumentException("frequency, recency, T and the covariates must have one row per customer,"
          + " got " + n + ", " + recency.length + ", " + T.length + " and " + z.size());
    }
    z.checkIdentified();
    int k = z.names().size();
    double[][] moments = z.moments();
    double[] mean = moments[0];
    double[] sd = moments[1];
    // customers grouped by covariate pattern, each group's histories compressed
    Map<Pattern, CbsRows.Builder> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(new Pattern(z.row(i)), p -> new CbsRows.Builder());
    }
    CbsRows.Builder all = new CbsRows.Builder();
    for (int i = 0; i < n; i++) {
      try {
        all.add(frequency[i], recency[i], T[i], 1);
        groups.get(new Pattern(z.row(i))).add(frequency[i], recency[i], T[i], 1);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replaceFirst("^row \\d+", "row " + i));
      }
    }
    CbsRows pooled = all.build();
    double c = ParetoNbd.unitScale(pooled);
    List<double[]> patterns = new ArrayList<>();
    List<double[]> standardised = new ArrayList<>();
    List<CbsRows> rows = new ArrayList<>();
    List<CbsRows> scaledRows = new ArrayList<>();
    int distinct = 0;
    for (Map.Entry<Pattern, CbsRows.Builder> e : groups.entrySet()) {
      double[] zi = e.getKey().z;
      double[] si = new double[k];
      for (int j = 0; j < k; j++) {
        si[j] = (zi[j] - mean[j]) / sd[j];
      }
      CbsRows r = e.getValue().build();
      patterns.add(zi);
      standardised.add(si);
      rows.add(r);
      scaledRows.add(ParetoNbd.scaled(r, c));
      distinct += r.size();
    }
    boolean pareto = id.equals(ParetoNbd.ID);
    String[] names = names(base, z.names()).toArray(new String[0]);
    // the start: the model without covariates on all customers, in the fit's time unit
    CbsRows pooledScaled = ParetoNbd.scaled(pooled, c);
    double[] s0 = BgNbd.start(pooledScaled);
    double[] baseStart = pareto ? new double[] {1, s0[1], 1, s0[1]} : s0;
    Likelihood pooledLikelihood = pareto ? new ParetoNbd.ParetoLikelihood(pooledScaled)
        : new BetaGeometricLikelihood(pooledScaled, false);
    double[] own = MaximumLikelihood.search(id, base, pooledLikelihood, baseStart, n, new ArrayList<>())
        .parameters();
    double[] start = Arrays.copyOf(own, BASE + 2 * k);
    List<String> warnings = new ArrayList<>();
    MaximumLikelihood.Search found = MaximumLikelihood.search(id, names,
        new CovariateLikelihood(pareto, scaledRows, standardised, k), start, n, warnings);
    // back to the data's time unit and design columns
    double[] q = found.parameters();
    double[] p = q.clone();
    double shiftTrans = 0;
    double shiftLife = 0;
    for (int j = 0; j < k; j++) {
      p[BASE + j] = q[BASE + j] / sd[j];
      p[BASE + k + j] = q[BASE + k + j] / sd[j];
      shiftTrans += p[BASE + j] * mean[j];
      shiftLife += p[BASE + k + j] * mean[j];
    }
    p[1] = q[1] * Math.exp(shiftTrans) / c;
    if (pareto) {
      p[3] = q[3] * Math.exp(shiftLife) / c;
    } else {
      p[2] = q[2] * Math.exp(-shiftLife);
      p[3] = q[3] * Math.exp(-shiftLife);
    }
    CovariateLikelihood original = new CovariateLikelihood(pareto, rows, patterns, k);
    MaximumLikelihood.Optimum o = MaximumLikelihood.finish(id, names, original,
        new MaximumLikelihood.Search(p, found.iterations(), found.objective(), n), warnings);
    List<String> cov = z.names();
    return o.toFit(v -> new CovariateModel(TransactionModel.of(id, ModelFit.named(base, Arrays.copyOf(v, BASE))),
        cov, Arrays.copyOfRange(v, BASE, BASE + k), Arrays.copyOfRange(v, BASE + k, BASE + 2 * k)),
        names, n, distinct);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CovariateModel other && id().equals(other.id()) && covariates.equals(other.covariates)
        && parameters().equals(other.parameters());
  }

  @Override
  public int hashCode() {
    return parameters().hashCode();
  }

  @Override
  public String toString() {
    return id() + " with covariates " + parameters();
  }

  /** A row of the design matrix as a key (bitwise equality). */
  private static final class Pattern {
    final double[] z;
    private final int hash;

    Pattern(double[] z) {
      this.z = z;
      this.hash = Arrays.hashCode(z);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Pattern other && Arrays.equals(z, other.z);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The log-likelihood with covariates: per covariate pattern, the model's own analytic
   * likelihood on that pattern's compressed rows at the pattern's α_i, β_i (a_i, b_i), and the
   * chain rule through them for the gradient in α0, β0 (a0, b0) and the coefficients.
   */
  static final class CovariateLikelihood extends AnalyticLikelihood {
    private final boolean pareto;
    private final List<AnalyticLikelihood> groups = new ArrayList<>();
    private final List<double[]> patterns;
    private final int k;

    CovariateLikelihood(boolean pareto, List<CbsRows> rows, List<double[]> patterns, int k) {
      super(BASE + 2 * k);
      this.pareto = pareto;
      this.patterns = patterns;
      this.k = k;
      for (CbsRows r : rows) {
        groups.add(pareto ? new ParetoNbd.ParetoLikelihood(r) : new BetaGeometricLikelihood(r, false));
      }
    }

    @Override
    boolean unconstrained(int i) {
      return i >= BASE;
    }

    @Override
    double evaluate(double[] p, double @Nullable [] gradient) {
      double[] q = new double[BASE];
      double[] g = gradient == null ? null : new double[BASE];
      if (gradient != null) {
        Arrays.fill(gradient, 0);
      }
      double sum = 0;
      for (int j = 0; j < groups.size(); j++) {
        double[] z = patterns.get(j);
        double t = 0;
        double l = 0;
        for (int m = 0; m < k; m++) {
          t += p[BASE + m] * z[m];
          l += p[BASE + k + m] * z[m];
        }
        double et = Math.exp(-t);
        double el = pareto ? Math.exp(-l) : Math.exp(l);
        q[0] = p[0];
        q[1] = p[1] * et;
        if (pareto) {
          q[2] = p[2];
          q[3] = p[3] * el;
        } else {
          q[2] = p[2] * el;
          q[3] = p[3] * el;
        }
        if (!(q[1] > 0 && q[1] < Double.POSITIVE_INFINITY && q[2] > 0 && q[2] < Double.POSITIVE_INFINITY
            && q[3] > 0 && q[3] < Double.POSITIVE_INFINITY)) {
          return Double.NaN;
        }
        sum += groups.get(j).evaluate(q, g);
        if (g == null) {
          continue;
        }
        gradient[0] += g[0];
        gradient[1] += g[1] * et;
        double dTrans = -g[1] * q[1]; // d/dt of the value, t the linear predictor of alpha_i
        double dLife;
        if (pareto) {
          gradient[2] += g[2];
          gradient[3] += g[3] * el;
          dLife = -g[3] * q[3];
        } else {
          gradient[2] += g[2] * el;
          gradient[3] += g[3] * el;
          dLife = g[2] * q[2] + g[3] * q[3];
        }
        for (int m = 0; m < k; m++) {
          gradient[BASE + m] += dTrans * z[m];
          gradient[BASE + k + m] += dLife * z[m];
        }
      }
      return sum;
    }
  }
}
