package dev.crmkit.scoring.clv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.datagen.ClvSimulator;
import dev.crmkit.datagen.ClvSimulator.Histories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known covariate effects are recovered: 20,000 customers simulated (seeded) by {@link
 * ClvSimulator} with one numeric covariate and one categorical covariate of three levels, both
 * acting on the transaction and the lifetime process, fitted back with {@link CovariateModel};
 * every coefficient lies within 3 of the fit's standard errors of the truth, the fit is a
 * maximum (its log-likelihood at least the truth's) and the model's own parameters are
 * recovered in the same sense as in {@link ParameterRecoveryTest}.
 */
class CovariateRecoveryTest {

  static final int N = 20_000;
  /** The coefficients of age (numeric), channel=shop and channel=web (reference: phone). */
  static final double[] TRANS = {0.4, -0.5, 0.3};
  static final double[] LIFE = {-0.3, 0.6, -0.4};

  record Population(Histories histories, Covariates covariates) {}

  static Population population(long seed, boolean pareto) {
    ClvSimulator sim = ClvSimulator.withSeed(seed);
    double[] age = new double[N];
    List<String> channel = new ArrayList<>();
    double[][] z = new double[N][];
    for (int i = 0; i < N; i++) {
      // a numeric covariate on a continuous scale: every customer has a value of his own
      age[i] = 2 * sim.uniform() - 1;
      String level = List.of("phone", "shop", "web").get((int) (3 * sim.uniform()));
      channel.add(level);
      z[i] = new double[] {age[i], level.equals("shop") ? 1 : 0, level.equals("web") ? 1 : 0};
    }
    double[] ages = sim.cohortAges(N, 52, 12, 1.0 / 7);
    Histories h = pareto
        ? sim.paretoNbd(N, 0.8, 6, 0.7, 15, ages, z, TRANS, LIFE)
        : sim.bgNbd(N, 0.8, 6, 0.7, 3, ages, z, TRANS, LIFE);
    return new Population(h.onGrid(1.0 / 7), Covariates.builder().numeric("age", age)
        .categorical("channel", channel).build());
  }

  static void recovered(ModelFit<CovariateModel> fit, Map<String, Double> truth, Population p) {
    assertThat(fit.model().covariates()).containsExactly("age", "channel=shop", "channel=web");
    assertThat(fit.warnings()).isEmpty();
    CovariateModel trueModel = CovariateModel.of(fit.model().id(), truth, fit.model().covariates());
    Histories h = p.histories();
    double truthLogLikelihood = 0;
    for (int i = 0; i < h.size(); i++) {
      truthLogLikelihood += trueModel.forCustomer(p.covariates(), i)
          .logLikelihood(h.frequency()[i], h.recency()[i], h.T()[i]);
    }
    ParameterRecoveryTest.recovered(fit, trueModel, truthLogLikelihood);
    for (String name : truth.keySet()) {
      if (name.startsWith("trans.") || name.startsWith("life.")) {
        assertThat(ParameterRecoveryTest.waldDistance(fit, trueModel, name))
            .as("%s = %s (truth %s, standard error %s)", name, fit.model().parameters().get(name), truth.get(name),
                fit.standardErrors().get(name))
            .isLessThan(3);
      }
    }
  }

  static Map<String, Double> truth(String a, double av, String b, double bv) {
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("r", 0.8);
    m.put("alpha", 6.0);
    m.put(a, av);
    m.put(b, bv);
    String[] names = {"age", "channel=shop", "channel=web"};
    for (int k = 0; k < 3; k++) {
      m.put("trans." + names[k], TRANS[k]);
    }
    for (int k = 0; k < 3; k++) {
      m.put("life." + names[k], LIFE[k]);
    }
    return m;
  }

  static void fitsBack(String model, long seed, Map<String, Double> truth) {
    Population p = population(seed, model.equals("pareto-nbd"));
    Histories h = p.histories();
    recovered(CovariateModel.fit(model, h.frequency(), h.recency(), h.T(), p.covariates()), truth, p);
  }

  @Test
  void pareto_nbd_recovers_known_covariate_effects() {
    fitsBack("pareto-nbd", 20261206L, truth("s", 0.7, "beta", 15));
  }

  @Test
  void bg_nbd_recovers_known_covariate_effects() {
    fitsBack("bg-nbd", 20261207L, truth("a", 0.7, "b", 3));
  }

  @Test
  void without_covariate_effects_the_simulation_is_the_one_without_covariates() {
    // the simulator draws in the same order: zero coefficients give the same customers
    double[] ages = ClvSimulator.ages(500, 39);
    double[][] z = new double[500][];
    for (int i = 0; i < 500; i++) {
      z[i] = new double[] {i % 7};
    }
    Histories plain = ClvSimulator.withSeed(5).paretoNbd(500, 0.5, 10, 0.6, 12, ages);
    Histories zero = ClvSimulator.withSeed(5).paretoNbd(500, 0.5, 10, 0.6, 12, ages, z, new double[1], new double[1]);
    assertThat(zero.frequency()).containsExactly(plain.frequency());
    assertThat(zero.recency()).containsExactly(plain.recency());
    Histories bgPlain = ClvSimulator.withSeed(5).bgNbd(500, 0.5, 4, 0.8, 2.4, ages);
    Histories bgZero = ClvSimulator.withSeed(5).bgNbd(500, 0.5, 4, 0.8, 2.4, ages, z, new double[1], new double[1]);
    assertThat(bgZero.frequency()).containsExactly(bgPlain.frequency());
    assertThat(bgZero.recency()).containsExactly(bgPlain.recency());
  }
}
