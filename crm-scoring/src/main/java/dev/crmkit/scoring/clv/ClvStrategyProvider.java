package dev.crmkit.scoring.clv;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.ScoringStrategyProvider;
import dev.crmkit.scoring.base.InvalidConfigurationException;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code clv} scoring strategy: per customer the predicted CLV, the probability of being
 * alive, the expected purchases over the horizon and the historic CLV, in a score table whose
 * class is {@code active} or {@code inactive} (probability alive at or above the threshold, or
 * below), so ABC, the value matrix and the weighted-value model can use them.
 *
 * <p>The summary's as-of date is the calibration end. Without given models the strategy fits
 * BG/NBD and Gamma-Gamma on the summary itself. The spend input is the mean value of the repeat
 * purchase days ({@link CustomerSummary#repeatMean(int)}), as in {@link CbsSummary}. A customer whose
 * repeat days net to zero or less (returns) has no spend history the Gamma-Gamma model can use:
 * the spend model's population mean per purchase stands in for it, and such customers are left
 * out of the spend fit and counted in the report ({@code customersValuedAtPopulationSpend}). The
 * explanation column {@code expected_spend} is the expected value per purchase that the CLV
 * multiplies (Gamma-Gamma's estimate for the customer, or its population mean).
 *
 * <pre>{@code
 * ScoringStrategy clv = ScoringEngine.load().strategy("clv",
 *     "{\"timeUnit\": \"weeks\", \"horizonMonths\": 12, \"discountRate\": 0.01, \"margin\": 0.3}");
 * ScoreTable scores = clv.score(CustomerSummary.of(log, LocalDate.of(2024, 12, 31)));
 * }</pre>
 */
public final class ClvStrategyProvider implements ScoringStrategyProvider<ClvStrategyProvider.Config> {

  static final String ID = "clv";

  /** A fitted model given by id and named parameters, as {@code crm clv fit} writes them. */
  public record ModelSpec(String model, Map<String, Double> parameters) {}

  /**
   * The configuration; every field is optional.
   *
   * @param transaction the purchase model (bg-nbd, mbg-nbd, pareto-nbd or ggompertz-nbd); fitted as BG/NBD when absent
   * @param spend the gamma-gamma spend model; fitted when absent
   * @param timeUnit the unit the models were fitted in: days, weeks (default) or months
   * @param horizonMonths the CLV horizon, default 12
   * @param discountRate the monthly discount rate, default 0.01
   * @param margin the profit share of spend, in (0, 1], default 1
   * @param aliveThreshold the probability alive from which a customer is active, default 0.5
   */
  public record Config(ModelSpec transaction, ModelSpec spend, String timeUnit, Integer horizonMonths,
      Double discountRate, Double margin, Double aliveThreshold) {
    public Config {
      if (timeUnit == null) {
        timeUnit = "weeks";
      }
      try {
        TimeUnit.parse(timeUnit);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("timeUnit", timeUnit, "days, weeks or months");
      }
      if (horizonMonths == null) {
        horizonMonths = 12;
      }
      if (horizonMonths < 1 || horizonMonths > 1200) {
        throw new InvalidConfigurationException("horizonMonths", horizonMonths, "an integer from 1 to 1200");
      }
      if (discountRate == null) {
        discountRate = 0.01;
      }
      if (!(discountRate >= 0) || discountRate.isInfinite()) {
        throw new InvalidConfigurationException("discountRate", discountRate, "a number >= 0");
      }
      if (margin == null) {
        margin = 1.0;
      }
      if (!(margin > 0 && margin <= 1)) {
        throw new InvalidConfigurationException("margin", margin, "a number in (0, 1]");
      }
      if (aliveThreshold == null) {
        aliveThreshold = 0.5;
      }
      if (!(aliveThreshold >= 0 && aliveThreshold <= 1)) {
        throw new InvalidConfigurationException("aliveThreshold", aliveThreshold, "a number in [0, 1]");
      }
      if (transaction != null) {
        if (transaction.model() == null || !List.of("bg-nbd", "mbg-nbd", "pareto-nbd", "ggompertz-nbd").contains(transaction.model())) {
          throw new InvalidConfigurationException("transaction.model", transaction.model(),
              "bg-nbd, mbg-nbd, pareto-nbd or ggompertz-nbd");
        }
        try {
          TransactionModel.of(transaction.model(), transaction.parameters() == null ? Map.of() : transaction.parameters());
        } catch (IllegalArgumentException e) {
          throw new InvalidConfigurationException("transaction.parameters", transaction.parameters(), e.getMessage());
        }
      }
      if (spend != null) {
        if (!"gamma-gamma".equals(spend.model())) {
          throw new InvalidConfigurationException("spend.model", spend.model(), "gamma-gamma");
        }
        try {
          GammaGamma.of(spend.parameters() == null ? Map.of() : spend.parameters());
        } catch (IllegalArgumentException e) {
          throw new InvalidConfigurationException("spend.parameters", spend.parameters(), e.getMessage());
        }
      }
    }
  }

  /** Public for {@link java.util.ServiceLoader}. */
  public ClvStrategyProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(null, null, null, null, null, null, null);
  }

  @Override
  public String description() {
    return "clv: predicted customer lifetime value and probability alive (BG/NBD-family and Gamma-Gamma)";
  }

  @Override
  public ScoringStrategy create(Config config) {
    return new ScoringStrategy() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public ScoreTable score(CustomerSummary summary) {
        return ClvStrategyProvider.score(config, summary);
      }
    };
  }

  static ScoreTable score(Config config, CustomerSummary summary) {
    TimeUnit unit = TimeUnit.parse(config.timeUnit());
    int n = summary.size();
    String[] ids = new String[n];
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      ids[i] = summary.customerId(i);
      x[i] = summary.distinctDays(i) - 1;
      tx[i] = (summary.lastDay(i) - summary.firstDay(i)) / unit.days();
      age[i] = summary.tenure(i) / unit.days();
      m[i] = summary.repeatMean(i);
    }
    if (n == 0) {
      throw new ScoringException("clv: the summary has no customers to score");
    }
    TransactionModel transactions;
    GammaGamma spend;
    try {
      transactions = config.transaction() != null
          ? TransactionModel.of(config.transaction().model(), config.transaction().parameters())
          : BgNbd.fit(CbsRows.of(x, tx, age)).model();
      spend = config.spend() != null ? GammaGamma.of(config.spend().parameters()) : fitSpend(x, m);
    } catch (FitException e) {
      throw new ScoringException("clv: " + e.getMessage(), e);
    }
    Clv clv = Clv.of(transactions, spend, unit.perMonth(), config.horizonMonths(), config.discountRate(),
        config.margin());
    double horizon = config.horizonMonths() * unit.perMonth();
    double[] value = new double[n];
    double[] alive = new double[n];
    double[] expected = new double[n];
    double[] historic = new double[n];
    String[] status = new String[n];
    double[] expectedSpend = new double[n];
    int atPopulationSpend = 0;
    for (int i = 0; i < n; i++) {
      if (x[i] > 0 && !(m[i] > 0)) {
        // returns netted the repeat days to zero or less: no spend history the model can use
        value[i] = clv.valueAtPopulationSpend(x[i], tx[i], age[i]);
        expectedSpend[i] = spend.expectedAverageValue(0, 0);
        atPopulationSpend++;
      } else {
        value[i] = clv.value(x[i], tx[i], age[i], m[i]);
        expectedSpend[i] = spend.expectedAverageValue(x[i], m[i]);
      }
      alive[i] = transactions.probabilityAlive(x[i], tx[i], age[i]);
      expected[i] = transactions.conditionalExpectedPurchases(horizon, x[i], tx[i], age[i]);
      historic[i] = Clv.historic(summary.total(i), config.margin());
      status[i] = alive[i] >= config.aliveThreshold() ? "active" : "inactive";
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("transactionModel", transactions.id());
    report.put("transactionParameters", transactions.parameters());
    report.put("spendParameters", spend.parameters());
    report.put("timeUnit", unit.label());
    report.put("horizonMonths", config.horizonMonths());
    report.put("customersValuedAtPopulationSpend", atPopulationSpend);
    return ScoreTable.builder(ID, ids)
        .score("clv", value)
        .score("p_alive", alive)
        .score("expected_purchases", expected)
        .score("historic_clv", historic)
        .labels("status", status)
        .explanation("expected_spend", expectedSpend)
        .orderedClasses(List.of("active", "inactive"))
        .report(report)
        .build();
  }

  private static GammaGamma fitSpend(double[] x, double[] m) {
    int repeaters = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && m[i] > 0) {
        repeaters++;
      }
    }
    if (repeaters == 0) {
      throw new ScoringException("clv: no customer has a repeat purchase of positive net value, so the spend"
          + " model cannot be fitted;"
          + " give spend parameters in the configuration");
    }
    double[] fx = new double[repeaters];
    double[] fm = new double[repeaters];
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && m[i] > 0) {
        fx[j] = x[i];
        fm[j++] = m[i];
      }
    }
    return GammaGamma.fit(SpendRows.of(fx, fm)).model();
  }
}
