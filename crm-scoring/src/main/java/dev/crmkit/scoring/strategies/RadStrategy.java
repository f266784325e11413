package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.CustomerMetrics;
import dev.crmkit.scoring.CustomerScorer;
import dev.crmkit.scoring.DistributableStrategy;
import dev.crmkit.scoring.Migration;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ValueHistogram;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.table.BuyingPowerHistory;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dell's RAD status of key accounts: share of wallet = our revenue from the account / its
 * annual buying power over the same period, classed Retention (at or above {@code retention},
 * default 50%), Development (at or above {@code development}, default 10%) or Acquisition
 * (below, including accounts with no business yet).
 *
 * <p>As a strategy ({@link #score}) it reads one period: the summary's revenue against the
 * {@code annual_buying_power} attribute, so the summary should cover one year; every customer
 * of the summary must have a buying power (RAD is for key accounts).
 *
 * <p>{@link #quarterly} computes the status per calendar quarter from the history: at each
 * quarter end, the revenue of the trailing year against the buying-power estimate in effect
 * then, for every account with an estimate (with or without purchases); {@link
 * #migrations(List)} gives the movements between consecutive quarters.
 *
 * <pre>{@code
 * List<RadStrategy.Quarter> quarters = RadStrategy.quarterly(
 *     log, power, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), RadConfig.defaults());
 * List<Migration> moves = RadStrategy.migrations(quarters);
 * }</pre>
 */
public final class RadStrategy implements DistributableStrategy {

  public static final String ID = "rad";
  public static final List<String> CLASSES = List.of("Retention", "Development", "Acquisition");

  private final RadConfig config;

  public RadStrategy(RadConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String id() {
    return ID;
  }

  /** One quarter's status table. */
  public record Quarter(LocalDate end, ScoreTable table) {}

  /** RAD needs no population statistic: each account is classed from its own share of wallet. */
  @Override
  public List<String> fitMetrics() {
    return List.of();
  }

  @Override
  public CustomerScorer fit(List<ValueHistogram> histograms) {
    return new Model(config.buyingPower(), config.retention(), config.development());
  }

  /** The per-account classification (no fitted parameter: the configured shares). */
  private static final class Model implements CustomerScorer {
    private static final long serialVersionUID = 1L;
    private final String buyingPower;
    private final double retention;
    private final double development;

    Model(String buyingPower, double retention, double development) {
      this.buyingPower = buyingPower;
      this.retention = retention;
      this.development = development;
    }

    @Override
    public String strategyId() {
      return ID;
    }

    @Override
    public List<String> inputMetrics() {
      return List.of("revenue", buyingPower);
    }

    @Override
    public List<String> explanationNames() {
      return List.of("revenue", "buying_power");
    }

    @Override
    public List<String> scoreNames() {
      return List.of("share_of_wallet");
    }

    @Override
    public String labelName() {
      return "status";
    }

    @Override
    public List<String> classes() {
      return CLASSES;
    }

    @Override
    public boolean orderedClasses() {
      return true;
    }

    @Override
    public String score(CustomerMetrics customer, double[] out) {
      double revenue = customer.metric("revenue");
      double power = customer.metric(buyingPower);
      if (!(power > 0)) {
        throw new ScoringException(
            ID + ": customer '" + customer.customerId() + "' has " + buyingPower + " " + power
                + "; every account needs a positive buying power (RAD is for key accounts)");
      }
      out[0] = revenue;
      out[1] = power;
      out[2] = revenue / power;
      return status(out[2], retention, development);
    }
  }

  private static String status(double share, double retention, double development) {
    return share >= retention ? "Retention" : share >= development ? "Development" : "Acquisition";
  }

  static ScoreTable table(String[] ids, double[] revenue, double[] power, RadConfig config) {
    int n = ids.length;
    double[] share = new double[n];
    String[] status = new String[n];
    for (int i = 0; i < n; i++) {
      share[i] = revenue[i] / power[i];
      status[i] = status(share[i], config.retention(), config.development());
    }
    return ScoreTable.builder(ID, ids)
        .explanation("revenue", revenue)
        .explanation("buying_power", power)
        .score("share_of_wallet", share)
        .labels("status", status)
        .orderedClasses(CLASSES)
        .build();
  }

  /**
   * The status at every calendar quarter end from {@code from} to {@code to} (inclusive), each
   * from the trailing year's revenue (the 365 or 366 days up to and including the quarter end)
   * and the buying power in effect at the quarter end. Accounts without an estimate yet are left
   * out of that quarter.
   */
  public static List<Quarter> quarterly(
      TransactionLog log, BuyingPowerHistory power, LocalDate from, LocalDate to, RadConfig config) {
    requireNonNull(log, "log");
    requireNonNull(power, "power");
    requireNonNull(config, "config");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to: " + to + " is before from " + from);
    }
    Map<String, Integer> logIndex = new HashMap<>();
    for (int c = 0; c < log.customerCount(); c++) {
      logIndex.put(log.customerId(c), c);
    }
    List<Quarter> quarters = new ArrayList<>();
    LocalDate end = quarterEnd(from);
    while (!end.isAfter(to)) {
      int last = Math.toIntExact(end.toEpochDay());
      int first = Math.toIntExact(end.minusYears(1).toEpochDay()); // exclusive
      double[] byCustomer = new double[log.customerCount()];
      for (int r = 0; r < log.size(); r++) {
        int d = log.day(r);
        if (d > first && d <= last) {
          byCustomer[log.customerIndex(r)] += log.amount(r);
        }
      }
      List<String> ids = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (String id : power.customerIds()) {
        double estimate = power.estimate(id, end);
        if (!Double.isNaN(estimate)) {
          Integer c = logIndex.get(id);
          ids.add(id);
          values.add(new double[] {c == null ? 0 : byCustomer[c], estimate});
        }
      }
      double[] revenue = new double[ids.size()];
      double[] estimates = new double[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        revenue[i] = values.get(i)[0];
        estimates[i] = values.get(i)[1];
      }
      quarters.add(new Quarter(end, table(ids.toArray(new String[0]), revenue, estimates, config)));
      end = quarterEnd(end.plusDays(1));
    }
    return List.copyOf(quarters);
  }

  /** The movements between each quarter and the next. */
  public static List<Migration> migrations(List<Quarter> quarters) {
    List<Migration> moves = new ArrayList<>();
    for (int i = 1; i < quarters.size(); i++) {
      moves.add(Migration.between(quarters.get(i - 1).table(), quarters.get(i).table()));
    }
    return moves;
  }

  static LocalDate quarterEnd(LocalDate date) {
    LocalDate start = date.with(IsoFields.DAY_OF_QUARTER, 1);
    return start.plusMonths(3).minusDays(1);
  }
}
