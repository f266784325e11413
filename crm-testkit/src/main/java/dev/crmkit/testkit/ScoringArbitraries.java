package dev.crmkit.testkit;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringEngine;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.TransactionModel;
import dev.crmkit.scoring.clv.BgBb;
import dev.crmkit.scoring.clv.ParetoNbd;
import dev.crmkit.scoring.clv.MbgNbd;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.strategies.AbcConfig;
import dev.crmkit.scoring.strategies.AbcStrategy;
import dev.crmkit.scoring.strategies.CustomerTypeConfig;
import dev.crmkit.scoring.strategies.CustomerTypeStrategy;
import dev.crmkit.scoring.strategies.RadConfig;
import dev.crmkit.scoring.strategies.RadStrategy;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmSegmentRule;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.strategies.ValueMatrixConfig;
import dev.crmkit.scoring.strategies.ValueMatrixStrategy;
import dev.crmkit.scoring.table.TransactionLog;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for crm-scoring's value types: valid strategy configurations (each field
 * either left to its default or set within its documented range), score tables of real
 * strategies over {@link AnalyticsArbitraries#summaries()}, CBS summaries of
 * {@link AnalyticsArbitraries#transactionLogs()} with a calibration/holdout split, and BG/NBD
 * and Gamma-Gamma models with parameters in a sane range.
 *
 * <pre>{@code
 * @Property
 * void rfm_scores_every_customer(@ForAll("tables") ScoreTable t) { ... }
 * @Provide
 * Arbitrary<ScoreTable> tables() { return ScoringArbitraries.scoreTables(); }
 * }</pre>
 */
public final class ScoringArbitraries {

  private static final ScoringEngine ENGINE = ScoringEngine.load();

  private ScoringArbitraries() {}

  /** ABC configurations: fixed thresholds 0 &lt; a &lt; b &lt;= 1 in hundredths, or computed ones. */
  public static Arbitrary<AbcConfig> abcConfigs() {
    Arbitrary<AbcConfig> fixed = Arbitraries.integers().between(1, 99).flatMap(a -> Arbitraries.integers()
        .between(a + 1, 100).map(b -> new AbcConfig(null, AbcConfig.THRESHOLDS, List.of(a / 100.0, b / 100.0),
            null)));
    Arbitrary<AbcConfig> computed = Arbitraries.integers().between(2, 1001)
        .injectNull(0.3).map(points -> new AbcConfig(null, AbcConfig.COMPUTED, null, points));
    return Arbitraries.oneOf(fixed, computed);
  }

  /**
   * RFM configurations: 2 to 10 bins, and for each dimension either quantile bins (null) or
   * bins - 1 strictly ascending cut points.
   */
  public static Arbitrary<RfmConfig> rfmConfigs() {
    return Arbitraries.integers().between(2, 10).flatMap(bins -> Combinators
        .combine(cuts(bins, 730), cuts(bins, 30), cuts(bins, 5_000))
        .as((r, f, m) -> new RfmConfig(bins,
            r == null && f == null && m == null ? null : new RfmConfig.Thresholds(r, f, m),
            bins == RfmConfig.DEFAULT_BINS ? null : List.of(new RfmSegmentRule(
                "Best", List.of(bins, bins), List.of(bins, bins), null)))));
  }

  private static Arbitrary<List<Double>> cuts(int bins, int max) {
    return Arbitraries.integers().between(1, max).set().ofSize(bins - 1)
        .map(s -> s.stream().sorted().map(Integer::doubleValue).toList())
        .injectNull(0.5);
  }

  /** RAD configurations: 0 &lt; development &lt; retention &lt;= 1, in hundredths. */
  public static Arbitrary<RadConfig> radConfigs() {
    return Arbitraries.integers().between(2, 100).flatMap(retention -> Arbitraries.integers()
        .between(1, retention - 1).map(development -> new RadConfig(null, retention / 100.0,
            development / 100.0)));
  }

  /** Value-matrix configurations: median thresholds (null) or fixed finite ones. */
  public static Arbitrary<ValueMatrixConfig> valueMatrixConfigs() {
    Arbitrary<Double> threshold = Arbitraries.integers().between(0, 100_000).map(Integer::doubleValue)
        .injectNull(0.4);
    return Combinators.combine(threshold, threshold)
        .as((c, p) -> new ValueMatrixConfig(null, null, c, p));
  }

  /** Customer-type configurations within their documented ranges, defaults set or not. */
  public static Arbitrary<CustomerTypeConfig> customerTypeConfigs() {
    Arbitrary<Double> share = Arbitraries.integers().between(0, 100).map(p -> p / 100.0);
    return Combinators.combine(Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(0, 400).map(p -> p / 100.0), share,
            Arbitraries.integers().between(0, 400).map(p -> p / 100.0).injectNull(0.5), share.injectNull(0.5),
            Arbitraries.integers().between(1, 1_000_000).map(Integer::doubleValue).injectNull(0.5))
        .as(CustomerTypeConfig::new);
  }

  /** The strategy id and the configuration of one of the built-in strategies, drawn from above. */
  public record Configured(String strategyId, Object config) {}

  /** A configuration of any built-in strategy, with the id its provider registers. */
  public static Arbitrary<Configured> configurations() {
    return Arbitraries.oneOf(
        abcConfigs().map(c -> new Configured(AbcStrategy.ID, c)),
        rfmConfigs().map(c -> new Configured(RfmStrategy.ID, c)),
        radConfigs().map(c -> new Configured(RadStrategy.ID, c)),
        valueMatrixConfigs().map(c -> new Configured(ValueMatrixStrategy.ID, c)),
        customerTypeConfigs().map(c -> new Configured(CustomerTypeStrategy.ID, c)));
  }

  /**
   * Score tables of the RFM and ABC strategies (configured from {@link #rfmConfigs()} and
   * {@link #abcConfigs()}) over {@link AnalyticsArbitraries#summaries()}: every customer of the
   * summary scored once, as a real run gives them.
   */
  public static Arbitrary<ScoreTable> scoreTables() {
    Arbitrary<Configured> config = Arbitraries.oneOf(
        abcConfigs().map(c -> new Configured(AbcStrategy.ID, c)),
        rfmConfigs().map(c -> new Configured(RfmStrategy.ID, c)));
    return Combinators.combine(config, AnalyticsArbitraries.summaries())
        .as((c, summary) -> create(c).score(summary));
  }

  /** The strategy a configuration describes, created by its provider (not through JSON). */
  public static ScoringStrategy create(Configured configured) {
    return create(ENGINE.provider(configured.strategyId()), configured.config());
  }

  private static <C> ScoringStrategy create(
      ScoringStrategyProvider<C> provider, Object config) {
    return provider.create(provider.configType().cast(config));
  }

  /**
   * CBS summaries of {@link AnalyticsArbitraries#transactionLogs()}: the calibration ends 0 to
   * 600 days before {@link AnalyticsArbitraries#AS_OF}, with or without a holdout up to it,
   * in days or weeks. Customers who first bought after the calibration end are not in it.
   */
  public static Arbitrary<CbsSummary> cbsSummaries() {
    return Combinators.combine(AnalyticsArbitraries.transactionLogs(), Arbitraries.integers().between(1, 600),
            Arbitraries.of(true, false), Arbitraries.of(TimeUnit.DAYS, TimeUnit.WEEKS))
        .as((log, back, holdout, unit) -> cbs(log, back, holdout, unit))
        .filter(s -> s.size() > 0);
  }

  private static CbsSummary cbs(TransactionLog log, int daysBack, boolean holdout, TimeUnit unit) {
    CbsSummary.Builder b = CbsSummary.builder(AnalyticsArbitraries.AS_OF.minusDays(daysBack)).timeUnit(unit);
    if (holdout) {
      b.observationEnd(AnalyticsArbitraries.AS_OF);
    }
    return b.build(log);
  }

  /**
   * BG/NBD models in a sane range around published fits (CDNOW: r 0.243, alpha 4.414, a 0.793,
   * b 2.426 per week): r 0.05-5, alpha 0.5-50, a 0.05-5, b 0.2-20.
   */
  public static Arbitrary<BgNbd> bgNbdModels() {
    return Combinators.combine(Arbitraries.doubles().between(0.05, 5), Arbitraries.doubles().between(0.5, 50),
            Arbitraries.doubles().between(0.05, 5), Arbitraries.doubles().between(0.2, 20))
        .as(BgNbd::new);
  }

  /**
   * Gamma-Gamma models with a finite population mean (q &gt; 1), around the CDNOW fit (p 6.25,
   * q 3.74, gamma 15.44): p 0.5-20, q 1.1-20, gamma 0.5-100.
   */
  public static Arbitrary<GammaGamma> gammaGammaModels() {
    return Combinators.combine(Arbitraries.doubles().between(0.5, 20), Arbitraries.doubles().between(1.1, 20),
            Arbitraries.doubles().between(0.5, 100))
        .as(GammaGamma::new);
  }

  /** MBG/NBD models in the same ranges as {@link #bgNbdModels()}. */
  public static Arbitrary<MbgNbd> mbgNbdModels() {
    return Combinators.combine(Arbitraries.doubles().between(0.05, 5), Arbitraries.doubles().between(0.5, 50),
            Arbitraries.doubles().between(0.05, 5), Arbitraries.doubles().between(0.2, 20))
        .as(MbgNbd::new);
  }

  /**
   * Pareto/NBD models around the CDNOW fit (r 0.55, alpha 10.58, s 0.61, beta 11.67): r and s
   * 0.05-5, alpha and beta 0.5-50.
   */
  public static Arbitrary<ParetoNbd> paretoNbdModels() {
    return Combinators.combine(Arbitraries.doubles().between(0.05, 5), Arbitraries.doubles().between(0.5, 50),
            Arbitraries.doubles().between(0.05, 5), Arbitraries.doubles().between(0.5, 50))
        .as(ParetoNbd::new);
  }

  /** BG/BB (discrete-time) models: every parameter 0.1-20. */
  public static Arbitrary<BgBb> bgBbModels() {
    return Combinators.combine(Arbitraries.doubles().between(0.1, 20), Arbitraries.doubles().between(0.1, 20),
            Arbitraries.doubles().between(0.1, 20), Arbitraries.doubles().between(0.1, 20))
        .as(BgBb::new);
  }

  /** The continuous-time purchase models (BG/NBD, MBG/NBD, Pareto/NBD), in the ranges above. */
  public static Arbitrary<TransactionModel> continuousTransactionModels() {
    return Arbitraries.oneOf(bgNbdModels(), mbgNbdModels(), paretoNbdModels());
  }
}
