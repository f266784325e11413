package dev.crmkit.scoring.strategies;

import static java.util.Objects.requireNonNull;

import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.ScoringStrategy;
import dev.crmkit.scoring.base.ScoringException;
import dev.crmkit.scoring.binning.Ranks;
import dev.crmkit.scoring.table.CustomerSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighted-value model and the customer pyramid (DOMAIN.md section 3): each criterion's raw
 * metric is normalised to 1..100 within its population, multiplied by its weight and summed;
 * customers are then ranked within their population and placed in the pyramid: VIP (top 1%),
 * Major (top 5% without the VIPs), Ordinary (top 20% without the above), Small (the rest).
 *
 * <p>Normalisations: {@code percentile} gives 1 + 99 (r - 1) / (n - 1) for the mid-rank r of
 * the value among the population's n customers (equal values, equal scores); {@code min-max}
 * gives 1 + 99 (x - min) / (max - min); both give 50.5 when all values are equal or n is 1;
 * {@code bands} gives the score of the band with the largest lower bound at or below the value.
 *
 * <p>Pyramid rule: a customer's place is the mid-rank of its group of equal weighted values
 * (best first); it is VIP when that place is at most 1% of the population's size, Major at most
 * 5%, Ordinary at most 20%. So with 1,000 customers and no ties the tiers hold 10, 40, 150 and
 * 800; equal values always share a tier.
 *
 * <p>Every customer's explanation lists each criterion's contribution (weight x score), which
 * sum to the {@code value} score. The report gives, per population, its customers, revenue,
 * share of the revenue (the share of resources to allocate to it) and tier sizes.
 *
 * <pre>{@code
 * ScoreTable pyramid = new WeightedValueStrategy(WeightedValueConfig.defaults())
 *     .score(summary.withAttributes(attributes)); // population, social_influence, ...
 * }</pre>
 */
public final class WeightedValueStrategy implements ScoringStrategy {

  public static final String ID = "weighted-value";
  public static final List<String> TIERS = List.of("VIP", "Major", "Ordinary", "Small");
  static final String EVERYONE = "all";

  private final WeightedValueConfig config;

  public WeightedValueStrategy(WeightedValueConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  public String id() {
    return ID;
  }

  /** A population's part of the result. */
  public record PopulationReport(
      String population, int customers, double revenue, double resourceShare,
      Map<String, Integer> tiers) {
    public PopulationReport {
      tiers = Map.copyOf(tiers);
    }
  }

  /** The report: one entry per population. */
  public record Report(List<PopulationReport> populations) {
    public Report {
      populations = List.copyOf(populations);
    }
  }

  @Override
  public ScoreTable score(CustomerSummary summary) {
    requireNonNull(summary, "summary");
    int n = summary.size();
    String[] population = populations(summary);
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    if (config.population().isEmpty()) {
      members.put(EVERYONE, new ArrayList<>());
    } else {
      for (String p : config.populations()) {
        members.put(p, new ArrayList<>());
      }
    }
    for (int i = 0; i < n; i++) {
      members.get(population[i]).add(i);
    }

    List<WeightedValueConfig.Criterion> criteria = config.criteria();
    double[][] contribution = new double[criteria.size()][n];
    double[] value = new double[n];
    for (int c = 0; c < criteria.size(); c++) {
      WeightedValueConfig.Criterion criterion = criteria.get(c);
      double[] raw = raw(summary, criterion);
      for (List<Integer> group : members.values()) {
        double[] scores = normalise(raw, group, criterion);
        for (int k = 0; k < group.size(); k++) {
          int i = group.get(k);
          contribution[c][i] = criterion.weight() * scores[k];
          value[i] += contribution[c][i];
        }
      }
    }

    String[] tier = new String[n];
    double[] rank = new double[n];
    double[] rankShare = new double[n];
    double[] revenue = summary.metric("revenue");
    double allRevenue = Arrays.stream(revenue).sum();
    List<PopulationReport> reports = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
      List<Integer> group = e.getValue();
      int size = group.size();
      double[] groupValues = new double[size];
      for (int k = 0; k < size; k++) {
        groupValues[k] = value[group.get(k)];
      }
      long[] ties = Ranks.tieGroups(groupValues);
      Map<String, Integer> tiers = new LinkedHashMap<>();
      for (String t : TIERS) {
        tiers.put(t, 0);
      }
      double groupRevenue = 0;
      for (int k = 0; k < size; k++) {
        int i = group.get(k);
        // best first: the tie group at ascending positions [lo, hi] holds ranks size-hi..size-lo
        int lo = Ranks.lo(ties[k]);
        int hi = Ranks.hi(ties[k]);
        double midRank = size - (lo + hi) / 2.0;
        String t = tier(midRank, size);
        tier[i] = t;
        rank[i] = size - hi;
        rankShare[i] = midRank / size;
        tiers.merge(t, 1, Integer::sum);
        groupRevenue += revenue[i];
      }
      reports.add(new PopulationReport(e.getKey(), size, groupRevenue,
          allRevenue == 0 ? 0 : groupRevenue / allRevenue, tiers));
    }

    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = summary.customerId(i);
    }
    ScoreTable.Builder table = ScoreTable.builder(ID, ids);
    for (int c = 0; c < criteria.size(); c++) {
      table.explanation(criteria.get(c).name(), contribution[c]);
    }
    return table
        .score("value", value)
        .score("rank", rank)
        .score("rank_share", rankShare)
        .labels("tier", tier)
        .orderedClasses(TIERS)
        .report(new Report(reports))
        .build();
  }

  private String tier(double midRank, int size) {
    WeightedValueConfig.Pyramid p = config.pyramid();
    if (midRank <= p.vip() * size) {
      return "VIP";
    }
    if (midRank <= p.major() * size) {
      return "Major";
    }
    if (midRank <= p.ordinary() * size) {
      return "Ordinary";
    }
    return "Small";
  }

  private String[] populations(CustomerSummary summary) {
    int n = summary.size();
    String[] population = new String[n];
    if (config.population().isEmpty()) {
      Arrays.fill(population, EVERYONE);
      return population;
    }
    if (!summary.attributeColumns().contains(config.population())) {
      throw new ScoringException(
          ID + ": the population column '" + config.population() + "' is not among the attached"
              + " attributes " + summary.attributeColumns()
              + "; attach it, or configure \"population\": \"\" for one population");
    }
    for (int i = 0; i < n; i++) {
      String p = summary.attribute(i, config.population());
      if (p == null || !config.populations().contains(p.strip())) {
        throw new ScoringException(
            ID + ": customer '" + summary.customerId(i) + "' has population '" + p
                + "'; expected one of " + config.populations());
      }
      population[i] = p.strip();
    }
    return population;
  }

  private static double[] raw(CustomerSummary summary, WeightedValueConfig.Criterion criterion) {
    double[] raw = Metrics.read(ID + ": criterion '" + criterion.name() + "'", summary, criterion.metric());
    for (int i = 0; i < raw.length; i++) {
      if (Double.isNaN(raw[i])) {
        if (criterion.defaultValue() == null) {
          throw new ScoringException(
              ID + ": criterion '" + criterion.name() + "': customer '" + summary.customerId(i)
                  + "' has no value for '" + criterion.metric()
                  + "' and the criterion has no default");
        }
        raw[i] = criterion.defaultValue();
      }
    }
    return raw;
  }

  /** Scores 1..100 of the group's raw values, in the group's order. */
  static double[] normalise(double[] raw, List<Integer> group, WeightedValueConfig.Criterion c) {
    int size = group.size();
    double[] out = new double[size];
    switch (c.normalization()) {
      case WeightedValueConfig.MIN_MAX: {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i : group) {
          min = Math.min(min, raw[i]);
          max = Math.max(max, raw[i]);
        }
        for (int k = 0; k < size; k++) {
          double x = raw[group.get(k)];
          out[k] = max == min ? 50.5 : 1 + 99 * (x - min) / (max - min);
        }
        return out;
      }
      case WeightedValueConfig.BANDS: {
        List<List<Double>> bands = c.bands();
        for (int k = 0; k < size; k++) {
          double x = raw[group.get(k)];
          double score = Double.NaN;
          for (List<Double> band : bands) {
            if (band.get(0) <= x) {
              score = band.get(1);
            }
          }
          if (Double.isNaN(score)) {
            throw new ScoringException(
                ID + ": criterion '" + c.name() + "': the value " + x
                    + " is below the lowest band " + bands.get(0));
          }
          out[k] = score;
        }
        return out;
      }
      default: {
        double[] values = new double[size];
        for (int k = 0; k < size; k++) {
          values[k] = raw[group.get(k)];
        }
        long[] ties = Ranks.tieGroups(values);
        for (int k = 0; k < size; k++) {
          double midRank = (Ranks.lo(ties[k]) + Ranks.hi(ties[k])) / 2.0 + 1;
          out[k] = size == 1 ? 50.5 : 1 + 99 * (midRank - 1) / (size - 1);
        }
        return out;
      }
    }
  }
}
