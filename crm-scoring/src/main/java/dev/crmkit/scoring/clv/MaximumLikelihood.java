package dev.crmkit.scoring.clv;

import java.util.function.Function;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Maximum likelihood with positive parameters: BFGS on the logarithms of the parameters (and on
 * the values themselves of those the likelihood calls {@link Likelihood#unconstrained
 * unconstrained}, the covariate coefficients), with an Armijo backtracking line search, then
 * standard errors from the inverse of the numerical Hessian of the negative log-likelihood at the
 * optimum.
 *
 * <p>Why not Hipparchus' optimisers: it has Nelder-Mead, BOBYQA and non-linear conjugate
 * gradients but no quasi-Newton method; with analytic gradients BFGS converges on these four
 * parameter problems in a few dozen evaluations, several times fewer than the others need.
 *
 * <p>The objective is the negative log-likelihood per customer, so the gradient tolerance means
 * the same thing for a hundred customers and for ten million.
 */
final class MaximumLikelihood {

  static final int MAX_ITERATIONS = 500;
  /** Converged when every component of the gradient (per customer, in log-parameters) is below. */
  static final double GRADIENT_TOLERANCE = 1e-7;
  /** Where a line search can no longer improve (rounding), a gradient below this still counts. */
  static final double NOISE_FLOOR = 1e-4;
  /**
   * Parameters beyond these bounds mean the data do not identify the model (for example no
   * heterogeneity, so a gamma's shape and scale run off together); the fit fails there instead
   * of chasing them, which for Pareto/NBD also keeps its 2F1 away from z = 1.
   */
  static final double LOWER = 1e-6;
  static final double UPPER = 1e6;
  /** The largest change of a log-parameter in one step: a factor e^3 at most. */
  private static final double MAX_LOG_STEP = 3;

  record Optimum(double[] parameters, double logLikelihood, double[] standardErrors, int iterations,
      java.util.List<String> warnings) {

    Optimum(double[] parameters, double logLikelihood, double[] standardErrors, int iterations) {
      this(parameters, logLikelihood, standardErrors, iterations, java.util.List.of());
    }

    /** The fit of the model made from the optimal parameters (named in the order given to {@code fit}). */
    <M extends ClvModel> ModelFit<M> toFit(Function<double[], M> model, String[] names, long customers, int rows) {
      return new ModelFit<>(model.apply(parameters), ModelFit.named(names, standardErrors), logLikelihood,
          customers, rows, iterations, warnings);
    }
  }

  /** A standard error this many times its estimate means the data barely identify the parameter. */
  static final double WEAK = 10;

  private MaximumLikelihood() {}

  static Optimum fit(String model, String[] names, Likelihood likelihood, double[] start, double customers) {
    return fit(model, names, likelihood, start, customers, null);
  }

  /**
   * As {@link #fit(String, String[], Likelihood, double[], double)}; with a list for warnings, a
   * fit the data do not identify (a parameter running to a bound, a Hessian that is not positive
   * definite, no convergence) is not an error: the maximum found is returned, the warnings say
   * what is wrong, standard errors that cannot be computed are NaN.
   */
  static Optimum fit(String model, String[] names, Likelihood likelihood, double[] start, double customers,
      java.util.List<String> warnings) {
    Search found = search(model, names, likelihood, start, customers, warnings);
    return finish(model, names, likelihood, found, warnings);
  }

  /** Where the optimiser stopped: the parameters, the iterations, the objective (per customer). */
  record Search(double[] parameters, int iterations, double objective, double customers) {}

  /**
   * The BFGS search of {@link #fit}, without the standard errors: a caller that searched on a
   * reparameterised likelihood maps the point back and calls {@link #finish} on the original.
   */
  static Search search(String model, String[] names, Likelihood likelihood, double[] start, double customers,
      java.util.List<String> warnings) {
    int n = likelihood.dimension();
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = likelihood.unconstrained(i) ? start[i] : Math.log(start[i]);
    }
    double[] p = start.clone();
    double[] g = new double[n];
    double f = objective(likelihood, p, g, customers);
    if (!Double.isFinite(f)) {
      throw new FitException(model, "the log-likelihood is not finite at the starting point", 0, names, p, -f * customers);
    }
    double[][] h = identity(n);
    double[] un = new double[n];
    double[] pn = new double[n];
    double[] gn = new double[n];
    int iteration = 0;
    while (true) {
      if (maxAbs(g) < GRADIENT_TOLERANCE) {
        break;
      }
      if (iteration == MAX_ITERATIONS) {
        if (warnings != null) {
          warnings.add("The optimiser stopped after " + MAX_ITERATIONS + " iterations without converging"
              + " (gradient " + String.format(java.util.Locale.ROOT, "%.2g", maxAbs(g)) + "); the best point found is returned.");
          break;
        }
        throw new FitException(model, "no convergence (gradient " + maxAbs(g) + ")", iteration, names, p, -f * customers);
      }
      iteration++;
      double[] d = times(h, g, -1);
      double slope = dot(g, d);
      if (!(slope < 0)) {
        h = identity(n);
        d = times(h, g, -1);
        slope = dot(g, d);
      }
      double step = Math.min(1, MAX_LOG_STEP / maxAbs(d));
      double fn = Double.NaN;
      boolean accepted = false;
      for (int tries = 0; tries < 80; tries++) {
        for (int i = 0; i < n; i++) {
          un[i] = u[i] + step * d[i];
          pn[i] = likelihood.unconstrained(i) ? un[i] : Math.exp(un[i]);
        }
        fn = objective(likelihood, pn, gn, customers);
        if (Double.isFinite(fn) && fn <= f + 1e-4 * step * slope && allFinite(gn)) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        if (maxAbs(g) < NOISE_FLOOR) {
          break;
        }
        if (warnings != null) {
          warnings.add("The line search found no better point (gradient "
              + String.format(java.util.Locale.ROOT, "%.2g", maxAbs(g)) + "); the best point found is returned.");
          break;
        }
        throw new FitException(model, "the line search found no better point (gradient " + maxAbs(g) + ")",
            iteration, names, p, -f * customers);
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = un[i] - u[i];
        y[i] = gn[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        if (iteration == 1) {
          double scale = sy / dot(y, y);
          for (int i = 0; i < n; i++) {
            h[i][i] = scale;
          }
        }
        h = bfgsUpdate(h, s, y, sy);
      }
      int off = -1;
      for (int i = 0; i < n && warnings != null; i++) {
        if (outside(likelihood, i, pn[i])) {
          off = i;
        }
      }
      if (off >= 0) {
        String toward = likelihood.unconstrained(off) ? (pn[off] < 0 ? "-infinity" : "infinity")
            : pn[off] < LOWER ? "0" : "infinity";
        warnings.add("Parameter " + names[off] + " runs to the boundary (toward " + toward
            + "): the data do not identify it; the maximum found inside the bounds is returned.");
        break;
      }
      for (int i = 0; i < n; i++) {
        if (outside(likelihood, i, pn[i])) {
          throw new FitException(model, "parameter " + names[i] + " ran off to " + pn[i] + " (outside ["
              + LOWER + ", " + UPPER + "]): the data do not identify the model", iteration, names, pn, -fn * customers);
        }
      }
      double previous = f;
      System.arraycopy(un, 0, u, 0, n);
      System.arraycopy(pn, 0, p, 0, n);
      System.arraycopy(gn, 0, g, 0, n);
      f = fn;
      if (previous - f <= 1e-16 * Math.abs(f) && maxAbs(g) < NOISE_FLOOR) {
        break; // no progress left at the precision of doubles
      }
    }
    return new Search(p, iteration, f, customers);
  }

  /** A coefficient (unconstrained) beyond this in absolute value has run off. */
  static final double FREE_BOUND = 100;

  private static boolean outside(Likelihood likelihood, int i, double value) {
    return likelihood.unconstrained(i) ? Math.abs(value) > FREE_BOUND : value < LOWER || value > UPPER;
  }

  /**
   * The log-likelihood and standard errors at the point a search found; with a warnings list,
   * standard errors that cannot be computed are NaN with a warning, and a positive parameter
   * whose standard error is {@link #WEAK} times its estimate is named.
   */
  static Optimum finish(String model, String[] names, Likelihood likelihood, Search found,
      java.util.List<String> warnings) {
    int n = likelihood.dimension();
    double[] p = found.parameters();
    int iteration = found.iterations();
    double f = found.objective();
    double customers = found.customers();
    try {
      double logLikelihood = likelihood.value(p);
      if (warnings == null) {
        double[] se = standardErrors(model, names, likelihood, p, logLikelihood, iteration);
        return new Optimum(p, logLikelihood, se, iteration);
      }
      double[] se;
      try {
        se = standardErrors(model, names, likelihood, p, logLikelihood, iteration);
      } catch (FitException e) {
        se = new double[n];
        java.util.Arrays.fill(se, Double.NaN);
        warnings.add("No standard errors: the Hessian at the maximum found is not positive definite"
            + " (the parameters are not identified by these data).");
      }
      for (int i = 0; i < n; i++) {
        if (!likelihood.unconstrained(i) && se[i] > WEAK * p[i]) {
          warnings.add(String.format(java.util.Locale.ROOT,
              "Parameter %s has a standard error %.0f times its estimate: the data barely identify it.",
              names[i], se[i] / p[i]));
        }
      }
      return new Optimum(p, logLikelihood, se, iteration, warnings);
    } catch (ArithmeticException e) {
      throw new FitException(model, "the likelihood could not be evaluated next to the optimum (" + e.getMessage()
          + ")", iteration, names, p, -f * customers);
    }
  }

  /** Negative log-likelihood per customer, with its gradient in log-parameters. */
  private static double objective(Likelihood likelihood, double[] p, double[] gradient, double customers) {
    double ll = likelihood.safeValueAndGradient(p, gradient);
    for (int i = 0; i < p.length; i++) {
      gradient[i] = -gradient[i] * (likelihood.unconstrained(i) ? 1 : p[i]) / customers;
    }
    return Double.isNaN(ll) ? Double.NaN : -ll / customers;
  }

  /**
   * Square roots of the diagonal of the inverse observed information (minus the Hessian of the
   * log-likelihood, by central differences in the natural parameters).
   */
  static double[] standardErrors(String model, String[] names, Likelihood likelihood, double[] p, double f0,
      int iterations) {
    int n = p.length;
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = likelihood.unconstrained(i) ? 1e-4 * Math.max(1, Math.abs(p[i])) : 1e-4 * p[i];
    }
    double[][] info = new double[n][n];
    double[] q = p.clone();
    if (likelihood.hasAnalyticGradient()) {
      // central differences of the exact gradient: 2n gradient evaluations instead of 2n^2 + 1 values
      double[] up = new double[n];
      double[] down = new double[n];
      for (int j = 0; j < n; j++) {
        q[j] = p[j] + h[j];
        likelihood.valueAndGradient(q, up);
        q[j] = p[j] - h[j];
        likelihood.valueAndGradient(q, down);
        q[j] = p[j];
        for (int i = 0; i < n; i++) {
          info[i][j] = -(up[i] - down[i]) / (2 * h[j]);
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          double mean = (info[i][j] + info[j][i]) / 2;
          info[i][j] = mean;
          info[j][i] = mean;
        }
      }
    }
    for (int i = 0; i < n && !likelihood.hasAnalyticGradient(); i++) {
      q[i] = p[i] + h[i];
      double up = likelihood.value(q);
      q[i] = p[i] - h[i];
      double down = likelihood.value(q);
      q[i] = p[i];
      info[i][i] = -(up - 2 * f0 + down) / (h[i] * h[i]);
      for (int j = 0; j < i; j++) {
        double pp = shifted(likelihood, q, i, h[i], j, h[j]);
        double pm = shifted(likelihood, q, i, h[i], j, -h[j]);
        double mp = shifted(likelihood, q, i, -h[i], j, h[j]);
        double mm = shifted(likelihood, q, i, -h[i], j, -h[j]);
        info[i][j] = -(pp - pm - mp + mm) / (4 * h[i] * h[j]);
        info[j][i] = info[i][j];
      }
    }
    RealMatrix covariance;
    try {
      covariance = new CholeskyDecomposition(new Array2DRowRealMatrix(info, false), 1e-6, 0)
          .getSolver().getInverse();
    } catch (MathIllegalArgumentException e) {
      throw new FitException(model, "the Hessian of the negative log-likelihood at the optimum is not positive"
          + " definite (the parameters are not identified by these data)", iterations, names, p, f0);
    }
    double[] se = new double[n];
    for (int i = 0; i < n; i++) {
      se[i] = Math.sqrt(covariance.getEntry(i, i));
      if (!Double.isFinite(se[i])) {
        throw new FitException(model, "the standard error of " + names[i] + " is not finite", iterations, names, p, f0);
      }
    }
    return se;
  }

  private static double shifted(Likelihood likelihood, double[] q, int i, double hi, int j, double hj) {
    double qi = q[i];
    double qj = q[j];
    q[i] = qi + hi;
    q[j] = qj + hj;
    double v = likelihood.value(q);
    q[i] = qi;
    q[j] = qj;
    return v;
  }

  private static double[][] bfgsUpdate(double[][] h, double[] s, double[] y, double sy) {
    int n = s.length;
    double rho = 1 / sy;
    double[] hy = times(h, y, 1);
    double yhy = dot(y, hy);
    double[][] next = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        next[i][j] = h[i][j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
      }
    }
    return next;
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static double[] times(double[][] m, double[] v, double sign) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double s = 0;
      for (int j = 0; j < v.length; j++) {
        s += m[i][j] * v[j];
      }
      r[i] = sign * s;
    }
    return r;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static boolean allFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
