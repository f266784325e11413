package dev.crmkit.bench.clv;

import dev.crmkit.datagen.ClvSimulator;
import dev.crmkit.datagen.ClvSimulator.Histories;
import dev.crmkit.scoring.clv.CbsRows;
import dev.crmkit.scoring.clv.CovariateModel;
import dev.crmkit.scoring.clv.Covariates;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.TransactionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pareto/NBD and BG/NBD fits with time-invariant covariates, side by side with the fits without
 * them on the same customers: 20,000 customers as in crm-testkit's CovariateRecoveryTest, one
 * numeric covariate in [-1, 1] ({@code continuous}: every customer a value of his own, so no two
 * customers share a covariate pattern; {@code rounded}: one decimal, 21 values) and one of three
 * levels.
 *
 * <pre>
 * java -jar crm-benchmarks/target/benchmarks.jar ClvCovariateBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ClvCovariateBenchmark {

  static final int CUSTOMERS = 20_000;

  @Param({"pareto-nbd", "bg-nbd"})
  String model;

  @Param({"continuous", "rounded"})
  String covariate;

  Histories histories;
  Covariates covariates;

  @Setup(Level.Trial)
  public void simulate() {
    ClvSimulator sim = ClvSimulator.withSeed(2026);
    double[] age = new double[CUSTOMERS];
    List<String> channel = new ArrayList<>();
    double[][] z = new double[CUSTOMERS][];
    for (int i = 0; i < CUSTOMERS; i++) {
      age[i] = 2 * sim.uniform() - 1;
      if (covariate.equals("rounded")) {
        age[i] = Math.round(age[i] * 10) / 10.0;
      }
      String level = List.of("phone", "shop", "web").get((int) (3 * sim.uniform()));
      channel.add(level);
      z[i] = new double[] {age[i], level.equals("shop") ? 1 : 0, level.equals("web") ? 1 : 0};
    }
    double[] ages = sim.cohortAges(CUSTOMERS, 52, 12, 1.0 / 7);
    double[] trans = {0.4, -0.5, 0.3};
    double[] life = {-0.3, 0.6, -0.4};
    histories = (model.equals("pareto-nbd") ? sim.paretoNbd(CUSTOMERS, 0.8, 6, 0.7, 15, ages, z, trans, life)
        : sim.bgNbd(CUSTOMERS, 0.8, 6, 0.7, 3, ages, z, trans, life)).onGrid(1.0 / 7);
    covariates = Covariates.builder().numeric("age", age).categorical("channel", channel).build();
  }

  @Benchmark
  public ModelFit<CovariateModel> fitWithCovariates() {
    return CovariateModel.fit(model, histories.frequency(), histories.recency(), histories.T(), covariates);
  }

  @Benchmark
  public ModelFit<? extends TransactionModel> fitWithout() {
    return TransactionModel.fit(model, CbsRows.of(histories.frequency(), histories.recency(), histories.T()));
  }
}
