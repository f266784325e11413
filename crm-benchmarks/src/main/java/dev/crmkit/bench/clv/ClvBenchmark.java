package dev.crmkit.bench.clv;

import dev.crmkit.scoring.clv.BgBb;
import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.CbsRows;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.MbgNbd;
import dev.crmkit.scoring.clv.ModelFit;
import dev.crmkit.scoring.clv.ParetoNbd;
import dev.crmkit.scoring.clv.SpendRows;
import dev.crmkit.scoring.clv.TransactionModel;
import dev.crmkit.datagen.ClvSimulator;
import dev.crmkit.datagen.ClvSimulator.Histories;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fits and predictions of every CLV model on one million simulated customers.
 *
 * <p>The customers are a CDNOW-like cohort: first purchases spread over 12 weeks, a 39-week
 * calibration, times in whole days expressed in weeks (as {@code crm summarize --time-unit
 * weeks} writes them). A fit starts from the per-customer arrays, so the time includes the
 * compression of identical rows ({@code compressRows} and {@code fitBgNbdOnCompressedRows} show
 * the two parts). BG/BB customers have 8 transaction opportunities.
 *
 * <pre>
 * java -jar crm-benchmarks/target/benchmarks.jar ClvBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// time-bounded iterations: a fit is JIT-compiled after a few calls, so one cold call (single
// shot) measures the compiler more than the fit
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ClvBenchmark {

  static final int CUSTOMERS = 1_000_000;

  Histories bgNbd;
  Histories paretoNbd;
  Histories bgBb;
  ClvSimulator.Spend spend;
  BgNbd bgModel = new BgNbd(0.243, 4.414, 0.793, 2.426);
  MbgNbd mbgModel = new MbgNbd(0.525, 6.183, 0.891, 1.614);
  ParetoNbd paretoModel = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
  BgBb bgBbModel = new BgBb(1.2, 0.75, 0.66, 2.78);
  GammaGamma spendModel = new GammaGamma(6.25, 3.74, 15.44);
  CbsRows bgNbdRows;
  CbsRows paretoNbdRows;

  @Setup(Level.Trial)
  public void simulate() {
    ClvSimulator sim = ClvSimulator.withSeed(2026);
    double[] ages = sim.cohortAges(CUSTOMERS, 39, 12, 1.0 / 7);
    bgNbd = sim.bgNbd(CUSTOMERS, 0.243, 4.414, 0.793, 2.426, ages).onGrid(1.0 / 7);
    paretoNbd = sim.paretoNbd(CUSTOMERS, 0.553, 10.578, 0.606, 11.669, ages).onGrid(1.0 / 7);
    bgBb = sim.bgBb(CUSTOMERS, 1.2, 0.75, 0.66, 2.78, 8);
    spend = sim.gammaGamma(bgNbd.frequency(), 6.25, 3.74, 15.44);
    bgNbdRows = rows(bgNbd);
    paretoNbdRows = rows(paretoNbd);
  }

  static CbsRows rows(Histories h) {
    return CbsRows.of(h.frequency(), h.recency(), h.T());
  }

  @Benchmark
  public ModelFit<BgNbd> fitBgNbd() {
    return BgNbd.fit(rows(bgNbd));
  }

  /** The compression alone: validation and merging of identical rows. */
  @Benchmark
  public CbsRows compressRows() {
    return rows(bgNbd);
  }

  /** The BG/NBD fit alone, on rows compressed beforehand. */
  @Benchmark
  public ModelFit<BgNbd> fitBgNbdOnCompressedRows() {
    return BgNbd.fit(bgNbdRows);
  }

  /** The Pareto/NBD fit alone, on rows compressed beforehand. */
  @Benchmark
  public ModelFit<ParetoNbd> fitParetoNbdOnCompressedRows() {
    return ParetoNbd.fit(paretoNbdRows);
  }

  @Benchmark
  public ModelFit<MbgNbd> fitMbgNbd() {
    return MbgNbd.fit(rows(bgNbd));
  }

  @Benchmark
  public ModelFit<ParetoNbd> fitParetoNbd() {
    return ParetoNbd.fit(rows(paretoNbd));
  }

  @Benchmark
  public ModelFit<BgBb> fitBgBb() {
    return BgBb.fit(rows(bgBb));
  }

  @Benchmark
  public ModelFit<GammaGamma> fitGammaGamma() {
    return GammaGamma.fit(SpendRows.of(spend.frequency(), spend.monetaryValue()));
  }

  @Benchmark
  public void predictBgNbd(Blackhole bh) {
    predict(bgModel, bgNbd, 39, bh);
  }

  @Benchmark
  public void predictMbgNbd(Blackhole bh) {
    predict(mbgModel, bgNbd, 39, bh);
  }

  @Benchmark
  public void predictParetoNbd(Blackhole bh) {
    predict(paretoModel, paretoNbd, 39, bh);
  }

  @Benchmark
  public void predictBgBb(Blackhole bh) {
    predict(bgBbModel, bgBb, 5, bh);
  }

  @Benchmark
  public void predictGammaGamma(Blackhole bh) {
    double[] x = spend.frequency();
    double[] m = spend.monetaryValue();
    for (int i = 0; i < x.length; i++) {
      bh.consume(spendModel.expectedAverageValue(x[i], m[i]));
    }
  }

  /** Probability alive and conditional expected purchases for every customer. */
  static void predict(TransactionModel model, Histories h, double horizon, Blackhole bh) {
    double[] x = h.frequency();
    double[] tx = h.recency();
    double[] t = h.T();
    for (int i = 0; i < x.length; i++) {
      bh.consume(model.probabilityAlive(x[i], tx[i], t[i]));
      bh.consume(model.conditionalExpectedPurchases(horizon, x[i], tx[i], t[i]));
    }
  }
}
