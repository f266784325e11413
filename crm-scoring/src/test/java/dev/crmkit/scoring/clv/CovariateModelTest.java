package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Covariates and the Pareto/NBD and BG/NBD models with covariates: the coding of the design
 * matrix, the likelihood at zero coefficients against the published CDNOW fits, the analytic
 * gradient, per-customer predictions and the errors. Recovery of known effects from simulated
 * customers is in crm-testkit ({@code CovariateRecoveryTest}).
 */
class CovariateModelTest {

  /** CDNOW with two covariates made from the customer number: a numeric and a 3-level one. */
  static Covariates cdnowCovariates(CbsSummary summary) {
    int n = summary.size();
    double[] number = new double[n];
    List<String> group = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      number[i] = (i % 5) / 4.0;
      group.add(List.of("b", "a", "c").get(i % 3));
    }
    return Covariates.builder().numeric("number", number).categorical("group", group).build();
  }

  static double[][] columns(CbsSummary s) {
    double[][] c = new double[3][s.size()];
    for (int i = 0; i < s.size(); i++) {
      c[0][i] = s.frequency(i);
      c[1][i] = s.recency(i);
      c[2][i] = s.T(i);
    }
    return c;
  }

  static CovariateModel.CovariateLikelihood likelihood(boolean pareto, double[][] h, Covariates z) {
    return likelihoodOf(pareto, h[0], h[1], h[2], z);
  }

  /** The likelihood as the fit builds it, one pattern per customer (no grouping). */
  static CovariateModel.CovariateLikelihood likelihoodOf(boolean pareto, double[] x, double[] tx, double[] t,
      Covariates z) {
    List<CbsRows> rows = new ArrayList<>();
    List<double[]> patterns = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(CbsRows.of(new double[] {x[i]}, new double[] {tx[i]}, new double[] {t[i]}));
      patterns.add(z.row(i));
    }
    return new CovariateModel.CovariateLikelihood(pareto, rows, patterns, z.names().size());
  }

  @Test
  void categorical_columns_become_k_minus_1_dummies_with_the_first_sorted_level_as_reference() {
    Covariates z = Covariates.builder()
        .numeric("age", new double[] {30, 40, 50, 60})
        .categorical("channel", List.of("web", "shop", "phone", "web"))
        .build();
    assertThat(z.names()).containsExactly("age", "channel=shop", "channel=web");
    assertThat(z.columns().get(1).reference()).isEqualTo("phone");
    assertThat(z.columns().get(0).categorical()).isFalse();
    assertThat(z.size()).isEqualTo(4);
    assertThat(new double[] {z.value(0, 0), z.value(0, 1), z.value(0, 2)}).containsExactly(30, 0, 1);
    assertThat(new double[] {z.value(2, 1), z.value(2, 2)}).containsExactly(0, 0);
    assertThat(new double[] {z.value(1, 1), z.value(1, 2)}).containsExactly(1, 0);
    // levels given (as a fit recorded them): the same coding for new customers
    Covariates again = Covariates.builder().categorical("channel", List.of("web"), List.of("phone", "shop", "web"))
        .build();
    assertThat(again.names()).containsExactly("channel=shop", "channel=web");
    assertThat(again.value(0, 1)).isEqualTo(1);
  }

  @Test
  void bad_covariates_are_refused_naming_the_column_the_row_and_the_value() {
    assertThatThrownBy(() -> Covariates.builder().numeric("age", new double[] {1, Double.NaN}).build())
        .hasMessage("covariate age, row 1: missing value (NaN)");
    assertThatThrownBy(() -> Covariates.builder().numeric("age", new double[] {Double.POSITIVE_INFINITY}))
        .hasMessage("covariate age, row 0: value Infinity is not finite");
    assertThatThrownBy(() -> Covariates.builder().categorical("channel", Arrays.asList("web", " ")))
        .hasMessage("covariate channel, row 1: missing value");
    assertThatThrownBy(() -> Covariates.builder().numeric("age", new double[] {1, 2})
        .categorical("channel", List.of("web")))
        .hasMessage("covariate channel has 1 rows, age has 2: every column needs one value per customer");
    assertThatThrownBy(() -> Covariates.builder().numeric("age", new double[] {1}).numeric("age", new double[] {2}))
        .hasMessage("covariate age is given twice");
    assertThatThrownBy(() -> Covariates.builder().categorical("channel", List.of("fax"), List.of("shop", "web")))
        .hasMessage("covariate channel, row 0: level 'fax' is not one of [shop, web]");
    assertThatThrownBy(() -> Covariates.builder().build()).hasMessage("covariates: no column was added");
  }

  @Test
  void a_covariate_that_never_varies_is_not_identified_and_the_fit_says_so() {
    double[] x = {0, 1, 2};
    double[] tx = {0, 1, 2};
    double[] t = {3, 3, 3};
    Covariates constant = Covariates.builder().numeric("age", new double[] {7, 7, 7}).build();
    assertThatThrownBy(() -> CovariateModel.fit("pareto-nbd", x, tx, t, constant))
        .hasMessageStartingWith("covariate age is 7.0 for every customer: a constant is not identified");
    Covariates oneLevel = Covariates.builder().categorical("channel", List.of("web", "web", "web")).build();
    assertThatThrownBy(() -> CovariateModel.fit("bg-nbd", x, tx, t, oneLevel))
        .hasMessageStartingWith("covariate channel: every customer has level 'web'");
    Covariates absent = Covariates.builder()
        .categorical("channel", List.of("web", "shop", "web"), List.of("shop", "phone", "web")).build();
    assertThatThrownBy(() -> CovariateModel.fit("bg-nbd", x, tx, t, absent))
        .hasMessageStartingWith("covariate channel: no customer has level 'phone'");
  }

  @Test
  void the_fit_refuses_other_models_mismatched_rows_and_bad_histories() {
    Covariates z = Covariates.builder().numeric("age", new double[] {1, 2}).build();
    assertThatThrownBy(() -> CovariateModel.fit("mbg-nbd", new double[2], new double[2], new double[] {1, 1}, z))
        .hasMessage("covariates are available for pareto-nbd and bg-nbd, not 'mbg-nbd'");
    assertThatThrownBy(() -> CovariateModel.fit("bg-nbd", new double[3], new double[3], new double[3], z))
        .hasMessage("frequency, recency, T and the covariates must have one row per customer, got 3, 3, 3 and 2");
    assertThatThrownBy(() -> CovariateModel.fit("bg-nbd", new double[] {0, 1}, new double[] {0, 5},
        new double[] {4, 4}, z))
        .hasMessage("row 1: recency 5.0 is greater than T 4.0");
  }

  @Test
  void with_every_coefficient_zero_the_likelihood_is_the_published_cdnow_likelihood() throws IOException {
    CbsSummary summary = CdnowPublishedEstimatesTest.summary();
    Covariates z = cdnowCovariates(summary);
    double[][] h = columns(summary);
    // Fader, Hardie and Lee (2005): Pareto/NBD LL -9595.0, BG/NBD LL -9582.4 at the published estimates
    double[] pareto = {0.5533, 10.5777, 0.6062, 11.6687, 0, 0, 0, 0, 0, 0};
    double withCovariates = likelihood(true, h, z).value(pareto);
    double without = new ParetoNbd.ParetoLikelihood(summary.rows()).value(Arrays.copyOf(pareto, 4));
    assertThat(withCovariates).isCloseTo(without, within(1e-8 * Math.abs(without)));
    assertThat(CdnowPublishedEstimatesTest.round(withCovariates, 1)).isEqualTo(-9595.0);
    double[] bg = {0.243, 4.414, 0.793, 2.426, 0, 0, 0, 0, 0, 0};
    double bgWith = likelihood(false, h, z).value(bg);
    assertThat(bgWith).isCloseTo(new BetaGeometricLikelihood(summary.rows(), false).value(Arrays.copyOf(bg, 4)),
        within(1e-8 * Math.abs(bgWith)));
    assertThat(CdnowPublishedEstimatesTest.round(bgWith, 1)).isEqualTo(-9582.4);
  }

  @Test
  void fits_on_cdnow_with_covariates_that_carry_nothing_reach_at_least_the_fit_without_them() throws IOException {
    CbsSummary summary = CdnowPublishedEstimatesTest.summary();
    Covariates z = cdnowCovariates(summary);
    double[][] h = columns(summary);
    ModelFit<CovariateModel> pareto = CovariateModel.fit("pareto-nbd", h[0], h[1], h[2], z);
    assertThat(pareto.model().parameters().keySet()).containsExactly("r", "alpha", "s", "beta",
        "trans.number", "trans.group=b", "trans.group=c", "life.number", "life.group=b", "life.group=c");
    assertThat(pareto.standardErrors().keySet()).isEqualTo(pareto.model().parameters().keySet());
    assertThat(pareto.standardErrors().values()).allSatisfy(se -> assertThat(se).isPositive().isFinite());
    // nested models: the fit with covariates is at least the published maximum without them, and
    // covariates made from the customer number add little (a likelihood-ratio statistic of 6 df)
    assertThat(pareto.logLikelihood()).isGreaterThanOrEqualTo(-9594.98 - 0.01).isLessThan(-9594.98 + 15);
    assertThat(pareto.customers()).isEqualTo(2357);
    assertThat(pareto.parameterCount()).isEqualTo(10);
    ModelFit<CovariateModel> bg = CovariateModel.fit("bg-nbd", h[0], h[1], h[2], z);
    assertThat(bg.logLikelihood()).isGreaterThanOrEqualTo(-9582.43 - 0.01).isLessThan(-9582.43 + 15);
    // the reported maximum is the likelihood of the reported parameters
    List<String> names = z.names();
    CovariateModel again = CovariateModel.of("bg-nbd", bg.model().parameters(), names);
    double sum = 0;
    for (int i = 0; i < summary.size(); i++) {
      sum += again.forCustomer(z, i).logLikelihood(h[0][i], h[1][i], h[2][i]);
    }
    assertThat(sum).isCloseTo(bg.logLikelihood(), within(1e-6));
  }

  @Test
  void the_analytic_gradient_matches_central_differences() {
    Random random = new Random(3);
    CbsRows base = AnalyticGradientTest.histories(11, 300);
    int n = base.size();
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    double[] age = new double[n];
    List<String> level = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      x[i] = base.frequency(i);
      tx[i] = base.recency(i);
      t[i] = base.T(i);
      age[i] = random.nextGaussian();
      level.add(List.of("a", "b", "c").get(random.nextInt(3)));
    }
    Covariates z = Covariates.builder().numeric("age", age).categorical("level", level).build();
    for (boolean pareto : new boolean[] {true, false}) {
      double[][] points = {
          {0.6, 9, 0.7, 12, 0.2, -0.3, 0.4, -0.1, 0.25, 0.5},
          {1.3, 4, 0.9, 2.5, -0.4, 0.1, 0.2, 0.3, -0.2, 0.1}};
      for (double[] p : points) {
        Likelihood l = likelihoodOf(pareto, x, tx, t, z);
        double[] analytic = new double[p.length];
        double value = l.valueAndGradient(p, analytic);
        double[] numeric = new double[p.length];
        new NumericOnly(l).valueAndGradient(p, numeric);
        for (int i = 0; i < p.length; i++) {
          assertThat(analytic[i]).as("%s d LL / d p[%d]", pareto ? "pareto" : "bg", i)
              .isCloseTo(numeric[i], within(1e-5 * Math.max(Math.abs(numeric[i]), 1e-3 * Math.abs(value))));
        }
      }
    }
  }

  /** The default central differences of Likelihood on the values of another likelihood. */
  private static final class NumericOnly extends Likelihood {
    private final Likelihood of;

    NumericOnly(Likelihood of) {
      super(of.dimension());
      this.of = of;
    }

    @Override
    double value(double[] p) {
      return of.value(p);
    }

    @Override
    boolean unconstrained(int i) {
      return of.unconstrained(i);
    }
  }

  @Test
  void each_customer_is_predicted_with_its_own_alpha_beta_and_a_b() {
    Covariates z = Covariates.builder()
        .numeric("age", new double[] {0, 2})
        .categorical("channel", List.of("shop", "web"))
        .build();
    CovariateModel pareto = CovariateModel.of("pareto-nbd", Map.of("r", 0.5, "alpha", 10.0, "s", 0.6, "beta", 12.0,
        "trans.age", 0.1, "trans.channel=web", -0.2, "life.age", 0.3, "life.channel=web", 0.4), z.names());
    assertThat(pareto.forCustomer(z, 0)).isEqualTo(new ParetoNbd(0.5, 10, 0.6, 12));
    ParetoNbd second = (ParetoNbd) pareto.forCustomer(z, 1);
    assertThat(second.alpha()).isCloseTo(10 * Math.exp(-(0.1 * 2 - 0.2)), within(1e-12));
    assertThat(second.beta()).isCloseTo(12 * Math.exp(-(0.3 * 2 + 0.4)), within(1e-12));
    assertThat(pareto.baseline()).isEqualTo(new ParetoNbd(0.5, 10, 0.6, 12));
    assertThat(pareto.id()).isEqualTo("pareto-nbd");
    assertThat(CovariateModel.of("pareto-nbd", pareto.parameters(), z.names())).isEqualTo(pareto)
        .hasSameHashCodeAs(pareto);
    CovariateModel bg = CovariateModel.of("bg-nbd", Map.of("r", 0.5, "alpha", 4.0, "a", 0.8, "b", 2.4,
        "trans.age", 0.1, "trans.channel=web", -0.2, "life.age", 0.3, "life.channel=web", 0.4), z.names());
    BgNbd b = (BgNbd) bg.forCustomer(z, 1);
    double life = Math.exp(0.3 * 2 + 0.4);
    assertThat(b).isEqualTo(new BgNbd(0.5, 4 * Math.exp(-(0.2 - 0.2)), 0.8 * life, 2.4 * life));
    assertThat(b.probabilityAlive(2, 10, 20)).isNotEqualTo(bg.baseline().probabilityAlive(2, 10, 20));
    Covariates other = Covariates.builder().numeric("age", new double[] {1}).build();
    assertThatThrownBy(() -> bg.forCustomer(other, 0))
        .hasMessageStartingWith("the covariates' design columns [age] are not the model's [age, channel=web]");
    assertThatThrownBy(() -> CovariateModel.of("bg-nbd", Map.of("r", 0.5, "alpha", 4.0, "a", 0.8, "b", 2.4),
        z.names()))
        .hasMessageStartingWith("bg-nbd with covariates [age, channel=web] needs exactly the parameters r, alpha, a,"
            + " b, trans.age, trans.channel=web, life.age, life.channel=web");
  }
}
