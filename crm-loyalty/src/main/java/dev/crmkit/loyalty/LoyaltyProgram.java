package dev.crmkit.loyalty;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A loyalty program: currency, time zone, earning rules, pending period, expiry and return
 * policies, tiers, rewards and voucher series. Usually read from JSON (format in
 * docs/loyalty.md); every field is checked when the program is built and a bad one is named with
 * its path, e.g. {@code rules[1].perAmount}.
 *
 * <pre>{@code
 * LoyaltyProgram program = LoyaltyProgram.fromJson(Path.of("coffee-club.json"));
 * }</pre>
 */
public record LoyaltyProgram(
    String id,
    Currency currency,
    ZoneId zone,
    Integer pendingDays,
    Expiry expiry,
    ReturnPolicy returnPolicy,
    List<Rule> rules,
    Tiers tiers,
    List<Reward> rewards,
    List<VoucherSeries> vouchers,
    BigDecimal pointValue,
    Integer holdMinutes,
    List<Campaign> campaigns) {

  public LoyaltyProgram {
    id = Checks.text("id", id);
    require(currency, "currency");
    require(zone, "zone");
    require(pendingDays, "pendingDays");
    if (pendingDays < 0) {
      throw new IllegalArgumentException("pendingDays: " + pendingDays + " must be 0 or more");
    }
    require(expiry, "expiry");
    long window = expiry.shortestWindowDays();
    if (pendingDays >= window) {
      throw new IllegalArgumentException("pendingDays: " + pendingDays + " is not shorter than the expiry window ("
          + window + " days at the shortest under " + expiry.policy().json() + "): points would expire before"
          + " they become spendable");
    }
    require(returnPolicy, "returnPolicy");
    rules = List.copyOf(require(rules, "rules"));
    unique("rules", rules.stream().map(Rule::id).toList());
    rewards = rewards == null ? List.of() : List.copyOf(rewards);
    unique("rewards", rewards.stream().map(Reward::id).toList());
    vouchers = vouchers == null ? List.of() : List.copyOf(vouchers);
    unique("vouchers", vouchers.stream().map(VoucherSeries::id).toList());
    campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
    List<String> earnReasons = new java.util.ArrayList<>(rules.stream().map(Rule::id).toList());
    earnReasons.addAll(campaigns.stream().map(Campaign::id).toList());
    // a campaign's extra points are earns with the campaign's id as reason, like a rule's
    unique("rules and campaigns", earnReasons);
    for (int i = 0; i < campaigns.size(); i++) {
      for (int j = 0; j < i; j++) {
        Campaign a = campaigns.get(j);
        Campaign b = campaigns.get(i);
        if (!b.activeFrom().isAfter(a.activeUntil()) && !a.activeFrom().isAfter(b.activeUntil())) {
          throw new IllegalArgumentException("campaigns[" + i + "]: '" + b.id() + "' (" + b.activeFrom() + " to "
              + b.activeUntil() + ") overlaps '" + a.id() + "' (" + a.activeFrom() + " to " + a.activeUntil()
              + "); a purchase draws on one campaign's budget, so campaigns may not overlap");
        }
      }
    }
    if (pointValue != null && pointValue.signum() < 0) {
      throw new IllegalArgumentException("pointValue: " + pointValue + " must not be negative");
    }
    if (holdMinutes != null && (holdMinutes < 1 || holdMinutes > 525_600)) {
      throw new IllegalArgumentException("holdMinutes: " + holdMinutes + " must be from 1 to 525600 (a year)");
    }
    for (int i = 0; i < rewards.size(); i++) {
      String minTier = rewards.get(i).minTier();
      if (minTier != null && (tiers == null || tiers.indexOf(minTier) < 0)) {
        throw new IllegalArgumentException(
            "rewards[" + i + "].minTier: '" + minTier + "' is not a tier of this program");
      }
    }
  }

  /** Reads and checks a program from a JSON file. */
  public static LoyaltyProgram fromJson(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("program: cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads and checks a program from JSON text.
   *
   * @throws IllegalArgumentException naming the bad field by its path and the reason
   */
  public static LoyaltyProgram fromJson(String json) {
    try {
      return MAPPER.readValue(json, LoyaltyProgram.class);
    } catch (JsonMappingException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String reason = root instanceof IllegalArgumentException || root instanceof DateTimeException
          ? root.getMessage()
          : e.getOriginalMessage();
      throw new IllegalArgumentException("program: at " + path(e) + ": " + reason, e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("program: not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The rule with this id. */
  public Optional<Rule> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }

  /** The reward with this id. */
  public Optional<Reward> reward(String rewardId) {
    return rewards.stream().filter(r -> r.id().equals(rewardId)).findFirst();
  }

  /** The campaign with this id. */
  public Optional<Campaign> campaign(String campaignId) {
    return campaigns.stream().filter(c -> c.id().equals(campaignId)).findFirst();
  }

  /** The campaign running on a local day, if any (campaigns do not overlap). */
  Optional<Campaign> campaignOn(LocalDate day) {
    return campaigns.stream().filter(c -> c.activeOn(day)).findFirst();
  }

  /** The voucher series with this id. */
  public Optional<VoucherSeries> voucherSeries(String seriesId) {
    return vouchers.stream().filter(v -> v.id().equals(seriesId)).findFirst();
  }

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // whole numbers are JSON numbers ("pendingDays": 14, not "14"); decimals may be strings
          .withCoercionConfig(com.fasterxml.jackson.databind.type.LogicalType.Integer, c -> c
              .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                  com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .findAndAddModules()
          .build();

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "the top level" : sb.toString();
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": is required");
    }
    return value;
  }

  private static void unique(String field, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException(field + ": id '" + id + "' appears twice");
      }
    }
  }

  /** When earned points expire. */
  public record Expiry(Policy policy, Integer days, Integer months, Integer years) {
    public Expiry {
      require(policy, "policy");
      check("days", days, policy == Policy.AFTER_DAYS, policy);
      check("months", months, policy == Policy.END_OF_MONTH, policy);
      check("years", years, policy == Policy.END_OF_YEAR, policy);
    }

    private static void check(String field, Integer value, boolean wanted, Policy policy) {
      if (wanted && value == null) {
        throw new IllegalArgumentException(field + ": is required for policy " + policy.json());
      }
      if (!wanted && value != null) {
        throw new IllegalArgumentException(
            field + ": " + value + " does not apply to policy " + policy.json());
      }
      if (value != null && value < 0) {
        throw new IllegalArgumentException(field + ": " + value + " must be 0 or more");
      }
      if (value != null && value == 0 && policy == Policy.AFTER_DAYS) {
        throw new IllegalArgumentException(field + ": 0 would expire points the day they are earned");
      }
    }

    /** Never expire. */
    public static Expiry never() {
      return new Expiry(Policy.NEVER, null, null, null);
    }

    /** Usable through the end of the local day {@code days} after the day earned. */
    public static Expiry afterDays(int days) {
      return new Expiry(Policy.AFTER_DAYS, days, null, null);
    }

    /** Usable through the end of the month {@code months} after the month earned (0 = same). */
    public static Expiry endOfMonth(int months) {
      return new Expiry(Policy.END_OF_MONTH, null, months, null);
    }

    /** Usable through the end of the year {@code years} after the year earned (0 = same). */
    public static Expiry endOfYear(int years) {
      return new Expiry(Policy.END_OF_YEAR, null, null, years);
    }

    /**
     * The fewest days from the day a lot is earned to the day it is expired (over every day of a
     * 400-year cycle of the calendar); {@code Long.MAX_VALUE} when points never expire.
     */
    long shortestWindowDays() {
      if (policy == Policy.NEVER) {
        return Long.MAX_VALUE;
      }
      long shortest = Long.MAX_VALUE;
      // the window depends on the day in the month and year only at month ends: scan them all
      for (LocalDate day = LocalDate.of(2000, 1, 1); day.getYear() < 2400; day = day.plusDays(day.getDayOfMonth() < 28 ? 27 : 1)) {
        shortest = Math.min(shortest, java.time.temporal.ChronoUnit.DAYS.between(day, expiredFrom(day)));
      }
      return shortest;
    }

    /** The first local day on which a lot earned on {@code earned} is expired, or null. */
    LocalDate expiredFrom(LocalDate earned) {
      return switch (policy) {
        case NEVER -> null;
        case AFTER_DAYS -> earned.plusDays(days + 1L);
        case END_OF_MONTH -> earned.withDayOfMonth(1).plusMonths(months + 1L);
        case END_OF_YEAR -> earned.withDayOfYear(1).plusYears(years + 1L);
      };
    }

    /** The expiry policies. */
    public enum Policy {
      @JsonProperty("never")
      NEVER,
      @JsonProperty("after-days")
      AFTER_DAYS,
      @JsonProperty("end-of-month")
      END_OF_MONTH,
      @JsonProperty("end-of-year")
      END_OF_YEAR;

      String json() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      }
    }
  }

  /** What a return may take back. */
  public enum ReturnPolicy {
    /** Only points still pending; the rest stays with the member. */
    @JsonProperty("pending-only")
    PENDING_ONLY,
    /** As many as the member has (pending and active), never below zero. */
    @JsonProperty("within-balance")
    WITHIN_BALANCE,
    /** All of them; the balance may go negative and later earnings pay the debt back. */
    @JsonProperty("unlimited")
    UNLIMITED
  }

  /** How an earning rule rounds to whole points. */
  public enum Rounding {
    @JsonProperty("down")
    DOWN(RoundingMode.DOWN),
    @JsonProperty("up")
    UP(RoundingMode.UP),
    @JsonProperty("half-up")
    HALF_UP(RoundingMode.HALF_UP),
    @JsonProperty("half-even")
    HALF_EVEN(RoundingMode.HALF_EVEN);

    final RoundingMode mode;

    Rounding(RoundingMode mode) {
      this.mode = mode;
    }
  }

  /** The kinds of earning rule. */
  public enum RuleType {
    /** Points per amount spent on a purchase. */
    @JsonProperty("spend")
    SPEND,
    /** Fixed points for an event. */
    @JsonProperty("event")
    EVENT
  }

  /** A per-member period over which a rule's awards are counted. */
  public enum Period {
    @JsonProperty("day")
    DAY,
    @JsonProperty("month")
    MONTH,
    @JsonProperty("year")
    YEAR,
    @JsonProperty("lifetime")
    LIFETIME
  }

  /** At most {@code count} awards of a rule per member per {@code per}. */
  public record Limit(Integer count, Period per) {
    public Limit {
      require(count, "count");
      if (count < 1) {
        throw new IllegalArgumentException("count: " + count + " must be at least 1");
      }
      require(per, "per");
    }
  }

  /**
   * An earning rule. A {@code spend} rule awards {@code round(eligible * points / perAmount *
   * tierMultiplier)} where eligible sums the non-excluded lines, each times its SKU multiplier,
   * else its category multiplier, else 1; an {@code event} rule awards fixed {@code points}.
   * Rules are evaluated in order; a rule with {@code stop} (default false) that awarded points
   * ends the evaluation.
   */
  public record Rule(
      String id,
      RuleType type,
      BigDecimal points,
      BigDecimal perAmount,
      Rounding rounding,
      Map<String, BigDecimal> categoryMultipliers,
      Map<String, BigDecimal> skuMultipliers,
      Set<String> excludedSkus,
      BigDecimal minOrderValue,
      MemberEvent event,
      LocalDate activeFrom,
      LocalDate activeUntil,
      Limit limit,
      Boolean stop) {

    public Rule {
      id = Checks.text("id", id);
      stop = stop != null && stop;
      require(type, "type");
      require(points, "points");
      if (points.signum() <= 0) {
        throw new IllegalArgumentException("points: " + points.toPlainString() + " must be positive");
      }
      categoryMultipliers = categoryMultipliers == null ? Map.of() : Map.copyOf(categoryMultipliers);
      skuMultipliers = skuMultipliers == null ? Map.of() : Map.copyOf(skuMultipliers);
      excludedSkus = excludedSkus == null ? Set.of() : Set.copyOf(excludedSkus);
      checkMultipliers("categoryMultipliers", categoryMultipliers);
      checkMultipliers("skuMultipliers", skuMultipliers);
      if (type == RuleType.SPEND) {
        require(perAmount, "perAmount");
        require(rounding, "rounding");
        if (perAmount.signum() <= 0) {
          throw new IllegalArgumentException(
              "perAmount: " + perAmount.toPlainString() + " must be positive");
        }
        if (event != null) {
          throw new IllegalArgumentException("event: does not apply to a spend rule");
        }
        if (minOrderValue != null && minOrderValue.signum() < 0) {
          throw new IllegalArgumentException(
              "minOrderValue: " + minOrderValue.toPlainString() + " must not be negative");
        }
      } else {
        require(event, "event");
        for (var field : new Object[][] {
          {"perAmount", perAmount}, {"rounding", rounding}, {"minOrderValue", minOrderValue}
        }) {
          if (field[1] != null) {
            throw new IllegalArgumentException(field[0] + ": does not apply to an event rule");
          }
        }
        if (!categoryMultipliers.isEmpty() || !skuMultipliers.isEmpty() || !excludedSkus.isEmpty()) {
          throw new IllegalArgumentException(
              "categoryMultipliers/skuMultipliers/excludedSkus: do not apply to an event rule");
        }
        if (points.stripTrailingZeros().scale() > 0) {
          throw new IllegalArgumentException(
              "points: " + points.toPlainString() + " must be whole for an event rule");
        }
      }
      if (activeFrom != null && activeUntil != null && activeUntil.isBefore(activeFrom)) {
        throw new IllegalArgumentException(
            "activeUntil: " + activeUntil + " is before activeFrom " + activeFrom);
      }
    }

    private static void checkMultipliers(String field, Map<String, BigDecimal> multipliers) {
      multipliers.forEach(
          (k, v) -> {
            if (v == null || v.signum() < 0) {
              throw new IllegalArgumentException(
                  field + "." + k + ": " + v + " must be 0 or more");
            }
          });
    }

    boolean activeOn(LocalDate day) {
      return (activeFrom == null || !day.isBefore(activeFrom))
          && (activeUntil == null || !day.isAfter(activeUntil));
    }
  }

  /** What tiers are computed on. */
  public enum TierBasis {
    @JsonProperty("points")
    POINTS,
    @JsonProperty("spend")
    SPEND
  }

  /** The window over which the tier basis is summed. */
  public enum TierWindow {
    @JsonProperty("rolling")
    ROLLING,
    @JsonProperty("calendar-year")
    CALENDAR_YEAR
  }

  /** How often downgrades are considered (on the first local day of each period). */
  public enum Review {
    @JsonProperty("monthly")
    MONTHLY,
    @JsonProperty("quarterly")
    QUARTERLY,
    @JsonProperty("yearly")
    YEARLY
  }

  /** How far a review moves a member who no longer qualifies. */
  public enum Downgrade {
    @JsonProperty("one-level")
    ONE_LEVEL,
    @JsonProperty("to-qualified")
    TO_QUALIFIED
  }

  /** A tier (club level): its threshold on the basis and its earning multiplier. */
  public record Tier(String id, BigDecimal threshold, BigDecimal multiplier) {
    public Tier {
      id = Checks.text("id", id);
      require(threshold, "threshold");
      require(multiplier, "multiplier");
      if (threshold.signum() < 0) {
        throw new IllegalArgumentException("threshold: " + threshold + " must not be negative");
      }
      if (multiplier.signum() <= 0) {
        throw new IllegalArgumentException("multiplier: " + multiplier + " must be positive");
      }
    }
  }

  /**
   * The tier rules: levels in ascending order (the first at threshold 0), the basis and window
   * they are measured on ({@code windowDays} for a rolling window), and the review.
   */
  public record Tiers(
      TierBasis basis,
      TierWindow window,
      Integer windowDays,
      Review review,
      Downgrade downgrade,
      List<Tier> levels) {
    public Tiers {
      require(basis, "basis");
      require(window, "window");
      require(review, "review");
      require(downgrade, "downgrade");
      levels = List.copyOf(require(levels, "levels"));
      if (window == TierWindow.ROLLING && (windowDays == null || windowDays < 1)) {
        throw new IllegalArgumentException(
            "windowDays: " + windowDays + " must be at least 1 for a rolling window");
      }
      if (window == TierWindow.CALENDAR_YEAR && windowDays != null) {
        throw new IllegalArgumentException("windowDays: does not apply to a calendar-year window");
      }
      if (levels.isEmpty() || levels.get(0).threshold().signum() != 0) {
        throw new IllegalArgumentException("levels: the first level must have threshold 0");
      }
      unique("levels", levels.stream().map(Tier::id).toList());
      for (int i = 1; i < levels.size(); i++) {
        if (levels.get(i).threshold().compareTo(levels.get(i - 1).threshold()) <= 0) {
          throw new IllegalArgumentException(
              "levels[" + i + "].threshold: " + levels.get(i).threshold()
                  + " must be above the previous level's " + levels.get(i - 1).threshold());
        }
      }
    }

    int indexOf(String tierId) {
      for (int i = 0; i < levels.size(); i++) {
        if (levels.get(i).id().equals(tierId)) {
          return i;
        }
      }
      return -1;
    }

    int qualified(BigDecimal value) {
      int level = 0;
      for (int i = 0; i < levels.size(); i++) {
        if (value.compareTo(levels.get(i).threshold()) >= 0) {
          level = i;
        }
      }
      return level;
    }
  }

  /** A reward that costs points; {@code minTier} restricts it to that tier and above. */
  public record Reward(String id, Long points, String minTier) {
    public Reward {
      // spending it writes the reason "reward " + id, in a 200-character column
      id = Checks.text("id", id, 200 - "reward ".length());
      require(points, "points");
      Checks.positive("points", points);
    }
  }

  /**
   * A campaign: on the local days {@code activeFrom} to {@code activeUntil}, the points a
   * purchase earns under the spend rules are multiplied by {@code multiplier} (above 1); the
   * extra points ({@code floor(rule points x (multiplier - 1))}) are a lot of their own, with the
   * campaign's id as reason, and are drawn from a budget of {@code budget} points that the
   * stores never overspend, however many purchases run at once (the purchase that reaches the
   * budget gets what is left, later ones none).
   */
  public record Campaign(String id, BigDecimal multiplier, LocalDate activeFrom, LocalDate activeUntil, Long budget) {
    public Campaign {
      id = Checks.text("id", id);
      require(multiplier, "multiplier");
      if (multiplier.compareTo(BigDecimal.ONE) <= 0) {
        throw new IllegalArgumentException("multiplier: " + multiplier.toPlainString() + " must be above 1");
      }
      require(activeFrom, "activeFrom");
      require(activeUntil, "activeUntil");
      if (activeUntil.isBefore(activeFrom)) {
        throw new IllegalArgumentException("activeUntil: " + activeUntil + " is before activeFrom " + activeFrom);
      }
      require(budget, "budget");
      Checks.positive("budget", budget);
    }

    boolean activeOn(LocalDate day) {
      return !day.isBefore(activeFrom) && !day.isAfter(activeUntil);
    }
  }

  /**
   * A voucher or coupon series: each code may be used {@code usesPerCode} times (1 = single
   * use); a member at most {@code perMemberLimit} times; the series at most {@code totalLimit}
   * times (absent = no limit); valid on the local days from {@code validFrom} to {@code
   * validUntil}; {@code points} (default 0) is charged, and returned on rollback, when a code is
   * reserved.
   */
  public record VoucherSeries(
      String id,
      Integer usesPerCode,
      Integer perMemberLimit,
      Integer totalLimit,
      LocalDate validFrom,
      LocalDate validUntil,
      Long points) {
    public VoucherSeries {
      id = Checks.text("id", id);
      points = points == null ? 0L : points;
      require(usesPerCode, "usesPerCode");
      if (usesPerCode < 1) {
        throw new IllegalArgumentException("usesPerCode: " + usesPerCode + " must be at least 1");
      }
      if (perMemberLimit != null && perMemberLimit < 1) {
        throw new IllegalArgumentException(
            "perMemberLimit: " + perMemberLimit + " must be at least 1");
      }
      if (totalLimit != null && totalLimit < 1) {
        throw new IllegalArgumentException("totalLimit: " + totalLimit + " must be at least 1");
      }
      if (points < 0) {
        throw new IllegalArgumentException("points: " + points + " must not be negative");
      }
      if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
        throw new IllegalArgumentException(
            "validUntil: " + validUntil + " is before validFrom " + validFrom);
      }
    }
  }
}
