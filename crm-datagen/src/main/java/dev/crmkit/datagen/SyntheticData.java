package dev.crmkit.datagen;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.survey.SurveyResponse;
import dev.crmkit.datagen.SyntheticBase.Customer;
import dev.crmkit.datagen.SyntheticBase.Duplicate;
import dev.crmkit.datagen.SyntheticBase.Interaction;
import dev.crmkit.datagen.SyntheticBase.Kind;
import dev.crmkit.scoring.table.BuyingPowerHistory;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.TransactionLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible synthetic customer bases for tests, demos and benchmarks. Purchases come
 * from a BG/NBD or Pareto/NBD process (parameters per week, as in the CLV literature) drawn by
 * {@link ClvSimulator}, spend per purchase from the Gamma-Gamma model, so the CLV models fitted to
 * the result should recover the chosen parameters.
 *
 * <pre>{@code
 * SyntheticBase base = SyntheticData.builder()
 *     .seed(42).customers(20_000)
 *     .period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31))
 *     .bgNbd(0.243, 4.414, 0.793, 2.426)
 *     .gammaGammaSpend(6.25, 3.74, 15.44)
 *     .build();
 * }</pre>
 *
 * <p>What is generated, per customer: a kind (a share {@link Builder#organizationShare} are
 * organizations), a join day uniform over the first half of the period (the first purchase is
 * on that day), the repeat purchases of the process up to the period end, each with a
 * Gamma-Gamma amount in cents, a category and, for a share of them, a discount; interactions
 * after a share of purchases and a few unprompted ones, on every {@link Channel}; attribute
 * columns {@code population}, {@code growth_potential}, {@code social_influence},
 * {@code future_value}, {@code credit} (uniform 1..100) for the weighted-value and value-matrix
 * strategies; for every organization (the key accounts) an annual buying power each calendar
 * quarter, a multiple of its spend that drifts from quarter to quarter. A share of customers is
 * registered twice ({@link SyntheticBase#duplicates()}). A share of purchases leads to a
 * complaint (a cause, 0-2 escalations, a resolution date) and a share to a survey answer (CSAT
 * 1-5, NPS 0-10); a complaint is always followed by an answer, lower the more it escalated.
 */
public final class SyntheticData {

  /** The categories transactions are drawn from, with their weights. */
  public static final List<String> CATEGORIES = List.of("phones", "accessories", "tablets", "service", "software");

  private static final double[] CATEGORY_WEIGHTS = {0.30, 0.35, 0.10, 0.15, 0.10};
  /** Complaint causes, with their weights. */
  public static final List<String> COMPLAINT_CAUSES =
      List.of("late delivery", "defective product", "billing error", "wrong item", "staff attitude");

  private static final double[] CAUSE_WEIGHTS = {0.35, 0.25, 0.15, 0.15, 0.10};
  private static final List<String> REGIONS = List.of("North", "South", "East", "West", "Central");
  private static final String[] FIRST = {"Anna", "Ben", "Chen", "Dana", "Emil", "Fatma", "Goran", "Hana", "Ivo", "Jana"};
  private static final String[] LAST = {"Schmidt", "Okafor", "Li", "Novak", "Berg", "Yilmaz", "Horvat", "Sato", "Weber", "Costa"};
  private static final String[] FIRM = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne"};

  private SyntheticData() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Settings, each checked when it is set. */
  public static final class Builder {
    private long seed = 1;
    private int customers = 1_000;
    private LocalDate start = LocalDate.of(2024, 1, 1);
    private LocalDate end = LocalDate.of(2025, 12, 31);
    private boolean pareto;
    private double[] process = {0.243, 4.414, 0.793, 2.426};
    private double[] spend = {6.25, 3.74, 15.44};
    private double organizationShare = 0.1;
    private double duplicateShare = 0.005;
    private double discountShare = 0.3;
    private double complaintShare = 0.03;
    private double surveyShare = 0.1;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder customers(int customers) {
      if (customers < 0) {
        throw new IllegalArgumentException("customers must be >= 0, got " + customers);
      }
      this.customers = customers;
      return this;
    }

    /** The observed period; customers join in its first half. */
    public Builder period(LocalDate start, LocalDate end) {
      if (start == null || end == null) {
        throw new IllegalArgumentException("period: start and end are required, got " + start + ", " + end);
      }
      if (ChronoUnit.DAYS.between(start, end) < 14) {
        throw new IllegalArgumentException("period: end " + end + " must be at least 14 days after start " + start);
      }
      this.start = start;
      this.end = end;
      return this;
    }

    /** BG/NBD purchases: rate λ ~ Gamma(r, α) per week, dropout p ~ Beta(a, b) after each repeat purchase. */
    public Builder bgNbd(double r, double alpha, double a, double b) {
      positive("bgNbd", new String[] {"r", "alpha", "a", "b"}, r, alpha, a, b);
      this.pareto = false;
      this.process = new double[] {r, alpha, a, b};
      return this;
    }

    /** Pareto/NBD purchases: rate λ ~ Gamma(r, α) per week, lifetime rate μ ~ Gamma(s, β) per week. */
    public Builder paretoNbd(double r, double alpha, double s, double beta) {
      positive("paretoNbd", new String[] {"r", "alpha", "s", "beta"}, r, alpha, s, beta);
      this.pareto = true;
      this.process = new double[] {r, alpha, s, beta};
      return this;
    }

    /** Gamma-Gamma spend: each purchase ~ Gamma(p, ν), the customer's ν ~ Gamma(q, γ); needs q > 1 (finite mean). */
    public Builder gammaGammaSpend(double p, double q, double gamma) {
      positive("gammaGammaSpend", new String[] {"p", "q", "gamma"}, p, q, gamma);
      if (!(q > 1)) {
        throw new IllegalArgumentException("gammaGammaSpend: q must be > 1 for a finite mean spend, got " + q);
      }
      this.spend = new double[] {p, q, gamma};
      return this;
    }

    public Builder organizationShare(double share) {
      this.organizationShare = share("organizationShare", share);
      return this;
    }

    public Builder duplicateShare(double share) {
      this.duplicateShare = share("duplicateShare", share);
      return this;
    }

    /** The share of transactions with a discount (drawn uniformly from 5% to 30% of the list price). */
    public Builder discountShare(double share) {
      this.discountShare = share("discountShare", share);
      return this;
    }

    /** The share of purchases followed by a complaint (default 3%). */
    public Builder complaintShare(double share) {
      this.complaintShare = share("complaintShare", share);
      return this;
    }

    /** The share of purchases followed by a survey answer (default 10%); every complaint gets one too. */
    public Builder surveyShare(double share) {
      this.surveyShare = share("surveyShare", share);
      return this;
    }

    public SyntheticBase build() {
      return new Generation(this).run();
    }

    private static double share(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
      }
      return value;
    }

    private static void positive(String method, String[] names, double... values) {
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] > 0) || Double.isInfinite(values[i])) {
          throw new IllegalArgumentException(method + ": " + names[i] + " must be a finite number > 0, got " + values[i]);
        }
      }
    }
  }

  private static final class Generation {
    private final Builder s;
    private final ClvSimulator sim;
    private final SplittableRandom random;
    private int surveyCount;

    Generation(Builder settings) {
      this.s = settings;
      this.sim = ClvSimulator.withSeed(settings.seed);
      this.random = new SplittableRandom(settings.seed * 0x9E3779B97F4A7C15L + 1);
    }

    SyntheticBase run() {
      int n = s.customers;
      long days = ChronoUnit.DAYS.between(s.start, s.end);
      long joinSpread = days / 2 + 1;
      List<Customer> customers = new ArrayList<>(n);
      double[] ageWeeks = new double[n];
      for (int i = 0; i < n; i++) {
        LocalDate joined = s.start.plusDays(random.nextLong(joinSpread));
        ageWeeks[i] = ChronoUnit.DAYS.between(joined, s.end) / 7.0;
        customers.add(customer(i, joined));
      }
      List<List<Double>> repeats = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        repeats.add(new ArrayList<>(2));
      }
      ClvSimulator.PurchaseListener listener = (c, t) -> repeats.get(c).add(t);
      double[] p = s.process;
      if (s.pareto) {
        sim.paretoNbd(n, p[0], p[1], p[2], p[3], ageWeeks, listener);
      } else {
        sim.bgNbd(n, p[0], p[1], p[2], p[3], ageWeeks, listener);
      }

      TransactionLog.Builder log = TransactionLog.builder();
      List<Interaction> interactions = new ArrayList<>();
      List<SyntheticBase.Complaint> complaints = new ArrayList<>();
      List<SurveyResponse> surveys = new ArrayList<>();
      double[] revenue = new double[n];
      Channel[] channels = Channel.values();
      for (int i = 0; i < n; i++) {
        Customer c = customers.get(i);
        double nu = sim.gamma(s.spend[1], s.spend[2]);
        List<Double> times = repeats.get(i);
        for (int k = -1; k < times.size(); k++) {
          // the purchase happened during the day: a time of 3.2 days is on day 3
          LocalDate day = k < 0 ? c.joined()
              : min(c.joined().plusDays((long) Math.floor(times.get(k) * 7)), s.end);
          double amount = cents(sim.gamma(s.spend[0], nu));
          String category = CATEGORIES.get(pick(CATEGORY_WEIGHTS));
          double discount = random.nextDouble() < s.discountShare
              ? Math.round((0.05 + 0.25 * random.nextDouble()) * 100) / 100.0 : 0;
          log.add(c.id(), day, amount, category, discount);
          revenue[i] += amount;
          if (random.nextDouble() < s.complaintShare) {
            LocalDate opened = min(day.plusDays(random.nextInt(11)), s.end);
            double u = random.nextDouble();
            int escalations = u < 0.05 ? 2 : u < 0.2 ? 1 : 0;
            LocalDate resolved = opened.plusDays(1 + random.nextInt(5) + 7L * escalations);
            complaints.add(new SyntheticBase.Complaint(c.id(), opened,
                COMPLAINT_CAUSES.get(pick(CAUSE_WEIGHTS)), escalations, resolved));
            // asked after the resolution, a complaining customer answers lower, the more so when escalated
            surveys.add(survey(c.id(), min(resolved.plusDays(1), s.end), -1.5 - escalations));
          } else if (random.nextDouble() < s.surveyShare) {
            surveys.add(survey(c.id(), min(day.plusDays(1 + random.nextInt(7)), s.end), 0));
          }
          if (random.nextDouble() < 0.4) {
            LocalDate at = min(day.plusDays(random.nextInt(15)), s.end);
            interactions.add(new Interaction(c.id(), at, channels[random.nextInt(channels.length)]));
          }
        }
        int unprompted = random.nextInt(3);
        for (int k = 0; k < unprompted; k++) {
          long span = ChronoUnit.DAYS.between(c.joined(), s.end) + 1;
          interactions.add(new Interaction(c.id(), c.joined().plusDays(random.nextLong(span)),
              channels[random.nextInt(channels.length)]));
        }
      }

      List<Duplicate> duplicates = new ArrayList<>();
      int copies = (int) Math.round(n * s.duplicateShare);
      for (int k = 0; k < copies && n > 0; k++) {
        Customer original = customers.get(random.nextInt(n));
        String id = String.format(Locale.ROOT, "D%07d", k + 1);
        // the same person typed again: upper-case e-mail, name in capitals
        customers.add(new Customer(id, original.kind(), original.name().toUpperCase(Locale.ROOT),
            original.email().toUpperCase(Locale.ROOT), original.region(), original.joined()));
        duplicates.add(new Duplicate(original.id(), id));
      }

      CustomerAttributes.Builder attributes = CustomerAttributes.builder(
          "population", "growth_potential", "social_influence", "future_value", "credit");
      for (int i = 0; i < n; i++) {
        Customer c = customers.get(i);
        attributes.add(c.id(), c.kind() == Kind.ORGANIZATION ? "organization" : "individual",
            score(), score(), score(), score());
      }

      BuyingPowerHistory.Builder power = BuyingPowerHistory.builder();
      double years = Math.max(days / 365.25, 0.25);
      for (int i = 0; i < n; i++) {
        Customer c = customers.get(i);
        if (c.kind() != Kind.ORGANIZATION) {
          continue;
        }
        // our yearly revenue is a share of wallet between 2% and 90% of the account's budget
        double wallet = Math.max(revenue[i] / years, 100) / (0.02 + 0.88 * random.nextDouble());
        LocalDate quarter = c.joined().with(IsoFields.DAY_OF_QUARTER, 1);
        while (!quarter.isAfter(s.end)) {
          power.add(c.id(), quarter, cents(wallet));
          wallet *= 0.85 + 0.3 * random.nextDouble();
          quarter = quarter.plusMonths(3);
        }
      }
      return new SyntheticBase(s.start, s.end, customers, log.build(), interactions, duplicates,
          power.build(), attributes.build(), complaints, surveys);
    }

    private Customer customer(int i, LocalDate joined) {
      boolean organization = random.nextDouble() < s.organizationShare;
      String region = REGIONS.get(random.nextInt(REGIONS.size()));
      String id = String.format(Locale.ROOT, "C%07d", i + 1);
      if (organization) {
        String name = FIRM[random.nextInt(FIRM.length)] + " " + (i + 1) + " GmbH";
        return new Customer(id, Kind.ORGANIZATION, name, "buying@firm" + (i + 1) + ".example", region, joined);
      }
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String email = (first + "." + last + "." + (i + 1) + "@example.com").toLowerCase(Locale.ROOT);
      return new Customer(id, Kind.INDIVIDUAL, first + " " + last, email, region, joined);
    }

    /** CSAT 1..5 and NPS 0..10 around a satisfied customer's mean, shifted by {@code shift}. */
    private SurveyResponse survey(String customerId, LocalDate day, double shift) {
      int csat = (int) Math.max(1, Math.min(5, Math.round(4.1 + shift * 0.8 + normal() * 0.9)));
      int nps = (int) Math.max(0, Math.min(10, Math.round(8.0 + shift * 1.6 + normal() * 1.8)));
      String id = String.format(Locale.ROOT, "S-%07d", ++surveyCount);
      return new SurveyResponse(id, CustomerId.of(customerId),
          day.atTime(10, 0).toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(8 * 3600)),
          Optional.of(csat), Optional.of(nps), "", Optional.empty(), Optional.empty());
    }

    private double normal() {
      // Box-Muller; one value per call is enough here
      return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private String score() {
      return Integer.toString(1 + random.nextInt(100));
    }

    private int pick(double[] weights) {
      double u = random.nextDouble();
      for (int k = 0; k < weights.length - 1; k++) {
        u -= weights[k];
        if (u < 0) {
          return k;
        }
      }
      return weights.length - 1;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
      return a.isAfter(b) ? b : a;
    }

    private static double cents(double value) {
      // amounts are money: whole cents, never below one cent
      return Math.max(0.01, BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue());
    }
  }

}
