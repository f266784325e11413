package dev.crmkit.scoring.strategies;

import dev.crmkit.scoring.base.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration of the {@code weighted-value} strategy (the multi-criteria customer value
 * model and customer pyramid); a missing (null) field takes its default.
 *
 * <ul>
 *   <li>{@code criteria}: each with a {@code name}, the source {@code metric} (see {@link
 *       dev.crmkit.scoring.table.CustomerSummary#metric(String)}), a {@code weight} (the weights
 *       must sum to 1), a {@code normalization} to 1..100 ({@code percentile}, the default,
 *       {@code min-max} or {@code bands}, with {@code bands} as [lower bound, score] pairs) and
 *       an optional {@code default} raw value for customers who lack the metric (else missing is
 *       an error). Default: the Mercedes-Benz table of {@link #MERCEDES_BENZ}.
 *   <li>{@code population}: the attribute column that splits customers into populations ranked
 *       separately (default {@code population}; null in JSON is not possible, use {@code ""} for
 *       one population of everyone); {@code populations}: its allowed values (default
 *       organization, individual).
 *   <li>{@code pyramid}: the cumulative rank shares that close VIP, Major and Ordinary (default
 *       0.01, 0.05, 0.20).
 * </ul>
 *
 * <pre>{@code
 * {"criteria": [{"name": "spend", "metric": "revenue", "weight": 0.7},
 *               {"name": "loyalty", "metric": "tenure", "weight": 0.3, "normalization": "min-max"}],
 *  "population": ""}
 * }</pre>
 */
public record WeightedValueConfig(
    List<Criterion> criteria, String population, List<String> populations, Pyramid pyramid) {

  public static final String PERCENTILE = "percentile";
  public static final String MIN_MAX = "min-max";
  public static final String BANDS = "bands";

  /** The weighted-value model of DOMAIN.md, as Mercedes-Benz described it. */
  public static final List<Criterion> MERCEDES_BENZ =
      List.of(
          new Criterion("transaction_amount", "revenue", 0.20, null, null, null),
          new Criterion("transaction_frequency", "repurchases", 0.15, null, null, null),
          new Criterion("interaction_level", "interactions", 0.15, null, null, null),
          new Criterion("social_influence", "social_influence", 0.20, null, null, null),
          new Criterion("future_value", "future_value", 0.20, null, null, null),
          new Criterion("credit", "credit", 0.10, null, null, null));

  public WeightedValueConfig {
    if (criteria == null) {
      criteria = MERCEDES_BENZ;
    }
    if (criteria.isEmpty()) {
      throw new InvalidConfigurationException("criteria", "[]", "at least one criterion");
    }
    criteria = Collections.unmodifiableList(new ArrayList<>(criteria));
    double sum = 0;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < criteria.size(); i++) {
      Criterion c = criteria.get(i);
      if (c == null) {
        throw new InvalidConfigurationException("criteria[" + i + "]", null, "a criterion");
      }
      if (!names.add(c.name())) {
        throw new InvalidConfigurationException(
            "criteria[" + i + "].name", c.name(), "a name not used by another criterion");
      }
      sum += c.weight();
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidConfigurationException(
          "criteria", "weights summing to " + sum, "weights that sum to 1");
    }
    if (population == null) {
      population = "population";
    }
    if (populations == null) {
      populations = List.of("organization", "individual");
    }
    populations = Collections.unmodifiableList(new ArrayList<>(populations));
    if (!population.isEmpty()
        && (populations.isEmpty() || populations.contains(null)
            || new HashSet<>(populations).size() != populations.size())) {
      throw new InvalidConfigurationException(
          "populations", populations, "a non-empty list of distinct population names");
    }
    if (pyramid == null) {
      pyramid = new Pyramid(null, null, null);
    }
  }

  public static WeightedValueConfig defaults() {
    return new WeightedValueConfig(null, null, null, null);
  }

  /**
   * One criterion of the model.
   *
   * @param bands for normalization {@code bands}: [lower bound, score] pairs with ascending bounds
   *     and scores in 1..100; a value scores the band of the largest bound at or below it
   * @param defaultValue the raw value used when a customer lacks the metric (JSON {@code
   *     default}); null makes a missing value an error
   */
  public record Criterion(
      String name,
      String metric,
      Double weight,
      String normalization,
      List<List<Double>> bands,
      @com.fasterxml.jackson.annotation.JsonProperty("default") Double defaultValue) {
    public Criterion {
      if (name == null || name.isBlank()) {
        throw new InvalidConfigurationException("name", name, "a non-blank criterion name");
      }
      if (metric == null || metric.isBlank()) {
        throw new InvalidConfigurationException("metric", metric, "the name of a metric");
      }
      if (weight == null || !(weight > 0 && weight <= 1)) {
        throw new InvalidConfigurationException("weight", weight, "a number in (0, 1]");
      }
      if (normalization == null) {
        normalization = PERCENTILE;
      }
      if (!List.of(PERCENTILE, MIN_MAX, BANDS).contains(normalization)) {
        throw new InvalidConfigurationException(
            "normalization", normalization, "\"percentile\", \"min-max\" or \"bands\"");
      }
      if (normalization.equals(BANDS)) {
        if (bands == null || bands.isEmpty()) {
          throw new InvalidConfigurationException(
              "bands", bands, "[lower bound, score] pairs for normalization \"bands\"");
        }
        List<List<Double>> copy = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
          List<Double> band = bands.get(i);
          if (band == null || band.size() != 2 || band.contains(null)
              || !(band.get(1) >= 1 && band.get(1) <= 100)
              || (i > 0 && !(band.get(0) > bands.get(i - 1).get(0)))) {
            throw new InvalidConfigurationException(
                "bands[" + i + "]", band,
                "a [lower bound, score] pair, bounds ascending, score from 1 to 100");
          }
          copy.add(List.copyOf(band));
        }
        bands = List.copyOf(copy);
      } else if (bands != null) {
        throw new InvalidConfigurationException(
            "bands", bands, "no bands unless normalization is \"bands\"");
      }
      if (defaultValue != null && !Double.isFinite(defaultValue)) {
        throw new InvalidConfigurationException("default", defaultValue, "a finite number");
      }
    }
  }

  /** The cumulative rank shares that close the VIP, Major and Ordinary tiers. */
  public record Pyramid(Double vip, Double major, Double ordinary) {
    public Pyramid {
      vip = vip == null ? 0.01 : vip;
      major = major == null ? 0.05 : major;
      ordinary = ordinary == null ? 0.20 : ordinary;
      String rule = "shares with 0 < vip < major < ordinary < 1";
      if (!(vip > 0 && vip < major)) {
        throw new InvalidConfigurationException("vip", vip, rule + " (major is " + major + ")");
      }
      if (!(major < ordinary)) {
        throw new InvalidConfigurationException(
            "major", major, rule + " (ordinary is " + ordinary + ")");
      }
      if (!(ordinary < 1)) {
        throw new InvalidConfigurationException("ordinary", ordinary, rule);
      }
    }
  }
}
