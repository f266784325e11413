package dev.crmkit.cli.report;

import dev.crmkit.cli.report.Svg.Line;
import dev.crmkit.cli.report.Svg.Marker;
import dev.crmkit.cli.report.Svg.Series;
import dev.crmkit.core.survey.SatisfactionReport;
import dev.crmkit.core.survey.SurveyResponse;
import dev.crmkit.core.survey.Surveys;
import dev.crmkit.scoring.Migration;
import dev.crmkit.scoring.ScoreTable;
import dev.crmkit.scoring.clv.BgNbd;
import dev.crmkit.scoring.clv.Bootstrap;
import dev.crmkit.scoring.clv.CbsSummary;
import dev.crmkit.scoring.clv.Clv;
import dev.crmkit.scoring.clv.GammaGamma;
import dev.crmkit.scoring.clv.HoldoutReport;
import dev.crmkit.scoring.clv.TimeUnit;
import dev.crmkit.scoring.strategies.AbcConfig;
import dev.crmkit.scoring.strategies.AbcStrategy;
import dev.crmkit.scoring.strategies.RadConfig;
import dev.crmkit.scoring.strategies.RadStrategy;
import dev.crmkit.scoring.strategies.RfmConfig;
import dev.crmkit.scoring.strategies.RfmStrategy;
import dev.crmkit.scoring.strategies.ValueMatrixConfig;
import dev.crmkit.scoring.strategies.ValueMatrixStrategy;
import dev.crmkit.scoring.strategies.WeightedValueConfig;
import dev.crmkit.scoring.strategies.WeightedValueStrategy;
import dev.crmkit.scoring.table.BuyingPowerHistory;
import dev.crmkit.scoring.table.CustomerAttributes;
import dev.crmkit.scoring.table.CustomerSummary;
import dev.crmkit.scoring.table.TransactionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.crmkit.datagen.SyntheticBase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The tour report: every built-in strategy, the CLV models with a calibration/holdout split and
 * a loyalty program over one transaction log, as one self-contained HTML page of inline-SVG
 * charts, each with a title, axis labels with units, a one-line reading and its table in a
 * {@code <details>} element.
 *
 * <pre>{@code
 * TourReport report = TourReport.builder(log).currency("EUR").buyingPower(power)
 *     .loyalty(LoyaltyRun.demoProgram()).build();
 * report.write(Path.of("crm-demo-report"));
 * }</pre>
 */
public final class TourReport {

  /**
   * The chart ids, in page order (the RAD pair only with buying power, complaints and
   * satisfaction only with service data, the funnel and the campaign returns only with them,
   * loyalty only with a program).
   */
  public static final List<String> CHART_IDS = List.of("pyramid", "rfm-heatmap", "rfm-segments", "abc-lorenz",
      "value-matrix", "rad-quarters", "rad-transitions", "clv-distribution", "clv-intervals", "p-alive", "holdout-tracking",
      "complaints", "complaint-causes", "nps", "csat", "sales-funnel", "campaign-returns", "loyalty-outstanding", "loyalty-tiers");

  private final String title;
  private final List<String> facts;
  private final List<Chart> charts;
  private final List<String> notes;

  private TourReport(String title, List<String> facts, List<Chart> charts, List<String> notes) {
    this.title = title;
    this.facts = List.copyOf(facts);
    this.charts = List.copyOf(charts);
    this.notes = List.copyOf(notes);
  }

  public static Builder builder(TransactionLog log) {
    return new Builder(log);
  }

  public List<Chart> charts() {
    return charts;
  }

  /** Lines saying what was computed (customers, rows, dates, fitted parameters). */
  public List<String> facts() {
    return facts;
  }

  /** What the report leaves out and why (e.g. no buying power given). */
  public List<String> notes() {
    return notes;
  }

  /** Writes {@code index.html} into the directory (created when missing) and returns its path. */
  public Path write(Path directory) {
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve("index.html");
      Files.writeString(file, html(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(directory + ": cannot write the report (" + e.getMessage() + ")", e);
    }
  }

  public String html() {
    StringBuilder b = new StringBuilder(256 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Svg.esc(title)).append("</title><style>")
        .append("body{font-family:sans-serif;max-width:1340px;margin:1em auto;padding:0 1em;color:#222}")
        .append("h1{font-size:1.6em}.charts{display:flex;flex-wrap:wrap;gap:16px}")
        .append("section.chart{border:1px solid #ddd;border-radius:4px;padding:8px 12px;width:640px;box-sizing:border-box}")
        .append("section.chart h2{font-size:1.1em;margin:.2em 0}.reading{margin:.2em 0 .5em;color:#444}")
        .append("svg{max-width:100%;height:auto}table{border-collapse:collapse;font-size:.85em}")
        .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f4f4f4}")
        .append("@media print{body{max-width:none}section.chart{break-inside:avoid;page-break-inside:avoid;width:100%;border:none}")
        .append("details{display:none}}")
        .append("</style></head><body>\n<h1>").append(Svg.esc(title)).append("</h1>\n<ul class=\"facts\">");
    for (String f : facts) {
      b.append("<li>").append(Svg.esc(f)).append("</li>");
    }
    b.append("</ul>\n");
    if (!notes.isEmpty()) {
      b.append("<p class=\"notes\">");
      for (String n : notes) {
        b.append(Svg.esc(n)).append(' ');
      }
      b.append("</p>\n");
    }
    b.append("<div class=\"charts\">\n");
    for (Chart c : charts) {
      b.append("<section class=\"chart\" id=\"chart-").append(c.id()).append("\"><h2>").append(Svg.esc(c.title()))
          .append("</h2><p class=\"reading\">").append(Svg.esc(c.reading())).append("</p>\n")
          .append(c.svg()).append("\n<details><summary>Table</summary><table><thead><tr>");
      for (String h : c.header()) {
        b.append("<th>").append(Svg.esc(h)).append("</th>");
      }
      b.append("</tr></thead><tbody>");
      for (List<String> row : c.rows()) {
        b.append("<tr>");
        for (String cell : row) {
          b.append("<td>").append(Svg.esc(cell)).append("</td>");
        }
        b.append("</tr>");
      }
      b.append("</tbody></table></details></section>\n");
    }
    // the only script: after load it counts the charts the browser actually laid out (a non-empty
    // bounding box), so a headless browser test can tell a rendered page from a parsed one
    b.append("</div>\n<script>addEventListener('load',function(){var n=0;")
        .append("document.querySelectorAll('section.chart svg').forEach(function(s){var r=s.getBBox();")
        .append("if(r.width>0&&r.height>0)n++;});document.body.setAttribute('data-rendered-charts',String(n));});")
        .append("</script>\n");
    return b.append("</body></html>\n").toString();
  }

  /**
   * Lower edges of the CLV bins: 0, then the 1-2-5 steps from the largest one at or below
   * {@code low} (at least 0.01, a cent) up to {@code max}; the last bin is open (at least its
   * edge). With {@code low} the 5th percentile, the first bin holds about one customer in twenty.
   */
  static double[] logBinEdges(double low, double max) {
    double floor = Math.max(0.01, low);
    int exponent = (int) Math.floor(Math.log10(floor));
    int[] steps = {1, 2, 5};
    int k = 0;
    while (k + 1 < steps.length && step(steps[k + 1], exponent) <= floor) {
      k++;
    }
    List<Double> edges = new ArrayList<>(List.of(0.0));
    for (double edge = step(steps[k], exponent); edge <= max; edge = step(steps[k], exponent)) {
      edges.add(edge);
      if (++k == steps.length) {
        k = 0;
        exponent++;
      }
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double step(int mantissa, int exponent) {
    return java.math.BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).doubleValue();
  }


  /** The bin of {@code v}: the last lower edge at or below it (the first bin for v below the second edge). */
  static int logBin(double v, double[] edges) {
    int k = 0;
    while (k + 1 < edges.length && v >= edges[k + 1]) {
      k++;
    }
    return k;
  }

  static String binNumber(double v) {
    return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Inputs, each checked when set. */
  public static final class Builder {
    private final TransactionLog log;
    private String title = "crmkit report";
    private String currency = "currency units";
    private BuyingPowerHistory buyingPower;
    private dev.crmkit.loyalty.LoyaltyProgram program;
    private int holdoutWeeks = 26;
    private Bootstrap.Options bootstrap = new Bootstrap.Options(100, 1L, 0.9);
    private LocalDate asOf;
    private List<SyntheticBase.Complaint> complaints;
    private List<SurveyResponse> surveys;
    private dev.crmkit.core.sales.FunnelReport funnel;
    private MarketingRun.Result campaigns;
    private Consumer<String> progress = s -> {};
    private final List<String> extraFacts = new ArrayList<>();

    private Builder(TransactionLog log) {
      this.log = Objects.requireNonNull(log, "log");
      if (log.size() == 0) {
        throw new IllegalArgumentException("the transaction log is empty: nothing to report");
      }
    }

    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /** The currency the amounts are in, for the axis units. */
    public Builder currency(String currency) {
      this.currency = Objects.requireNonNull(currency, "currency");
      return this;
    }

    /** Key accounts' buying power: adds the RAD charts. */
    public Builder buyingPower(BuyingPowerHistory power) {
      this.buyingPower = Objects.requireNonNull(power, "buyingPower");
      return this;
    }

    /** A loyalty program to run over the purchases: adds the loyalty charts. */
    public Builder loyalty(dev.crmkit.loyalty.LoyaltyProgram program) {
      this.program = Objects.requireNonNull(program, "program");
      return this;
    }

    /** Complaints and survey answers: adds complaints with escalation, causes, NPS and CSAT per quarter. */
    public Builder service(List<SyntheticBase.Complaint> complaints, List<SurveyResponse> surveys) {
      this.complaints = List.copyOf(complaints);
      this.surveys = List.copyOf(surveys);
      return this;
    }

    /** A sales funnel (crm-core's {@code Sales.funnel}): adds the funnel chart. */
    public Builder salesFunnel(dev.crmkit.core.sales.FunnelReport funnel) {
      this.funnel = Objects.requireNonNull(funnel, "funnel");
      return this;
    }

    /** Campaign returns ({@link MarketingRun}, crm-core's {@code Marketing}): adds the campaign returns chart. */
    public Builder campaigns(MarketingRun.Result campaigns) {
      this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
      return this;
    }

    /**
     * The day the report is as of (default: the last day with a transaction), e.g. the end of the
     * period a generated base covers, so that complaints and survey answers up to that day count
     * even when nobody bought on it. It cannot be before the last transaction.
     */
    public Builder asOf(LocalDate day) {
      this.asOf = Objects.requireNonNull(day, "asOf");
      return this;
    }

    /** The holdout: the last {@code weeks} weeks of the log (default 26). */
    public Builder holdoutWeeks(int weeks) {
      if (weeks < 1) {
        throw new IllegalArgumentException("holdoutWeeks must be >= 1, got " + weeks);
      }
      this.holdoutWeeks = weeks;
      return this;
    }

    /**
     * The CLV intervals chart's bootstrap (default: 100 refits, seed 1, 90% intervals): BG/NBD
     * and Gamma-Gamma refitted on resampled calibration customers.
     */
    public Builder bootstrap(Bootstrap.Options options) {
      this.bootstrap = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Receives a line as each step starts (the CLI prints them on a terminal). */
    public Builder progress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** A line added to the facts at the top of the page (e.g. how the data was generated). */
    public Builder fact(String line) {
      extraFacts.add(Objects.requireNonNull(line, "line"));
      return this;
    }

    public TourReport build() {
      return new Computation(this).run();
    }
  }

  private static final class Computation {
    private final Builder in;
    private final List<Chart> charts = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String money;

    Computation(Builder in) {
      this.in = in;
      this.money = in.currency;
    }

    TourReport run() {
      TransactionLog log = in.log;
      int first = Integer.MAX_VALUE;
      int last = Integer.MIN_VALUE;
      for (int r = 0; r < log.size(); r++) {
        first = Math.min(first, log.day(r));
        last = Math.max(last, log.day(r));
      }
      LocalDate start = LocalDate.ofEpochDay(first);
      LocalDate lastDay = LocalDate.ofEpochDay(last);
      if (in.asOf != null && in.asOf.isBefore(lastDay)) {
        throw new IllegalArgumentException("asOf " + in.asOf + " is before the last transaction, on " + lastDay
            + ": give a day on or after it");
      }
      LocalDate asOf = in.asOf == null ? lastDay : in.asOf;
      facts.addAll(in.extraFacts);
      facts.add(String.format(Locale.ROOT, "%,d transactions of %,d customers from %s to %s; scored as of %s.",
          log.size(), log.customerCount(), start, lastDay, asOf));

      in.progress.accept("summarising customers");
      CustomerSummary summary = CustomerSummary.of(log, asOf);

      in.progress.accept("fitting BG/NBD and Gamma-Gamma on a calibration/holdout split");
      long spanWeeks = ChronoUnit.DAYS.between(start, asOf) / 7;
      int holdout = (int) Math.min(in.holdoutWeeks, Math.max(1, spanWeeks / 3));
      LocalDate calibrationEnd = asOf.minusWeeks(holdout);
      CbsSummary calibration = CbsSummary.builder(calibrationEnd).observationEnd(asOf).timeUnit(TimeUnit.WEEKS)
          .netReturns(true).build(log);
      // a model that cannot be fitted leaves out its charts with a note saying why; the rest stays
      BgNbd model = null;
      GammaGamma spend = null;
      try {
        model = BgNbd.fit(calibration.rows()).model();
      } catch (RuntimeException e) {
        notes.add("The BG/NBD model could not be fitted on the calibration period to " + calibrationEnd
            + " (" + e.getMessage() + "), so CLV, the value matrix, P(alive) and holdout tracking are left out.");
      }
      if (model != null) {
        try {
          spend = GammaGamma.fit(calibration.spendRows()).model();
        } catch (RuntimeException e) {
          notes.add("The Gamma-Gamma spend model could not be fitted on the calibration period to " + calibrationEnd
              + " (" + e.getMessage() + "), so CLV and the value matrix are left out.");
        }
      }
      CbsSummary now = CbsSummary.builder(asOf).timeUnit(TimeUnit.WEEKS).netReturns(true).build(log);
      double[] clvValue = null;
      double[] nowValue = null;
      Bootstrap.ClvIntervals clvIntervals = null;
      CustomerSummary withClv = null;
      double[] pAlive = new double[now.size()];
      if (model != null) {
        for (int i = 0; i < now.size(); i++) {
          pAlive[i] = model.probabilityAlive(now.frequency(i), now.recency(i), now.T(i));
        }
      }
      if (spend != null) {
        Clv clv = Clv.of(model, spend, TimeUnit.WEEKS.perMonth(), 12, 0.01, 0.3);
        facts.add(String.format(Locale.ROOT,
            "BG/NBD fitted on the calibration period to %s (%d weeks of holdout after it): r = %.3f, alpha = %.3f, a = %.3f, b = %.3f; Gamma-Gamma p = %.3f, q = %.3f, gamma = %.3f.",
            calibrationEnd, holdout, model.r(), model.alpha(), model.a(), model.b(), spend.p(), spend.q(), spend.gamma()));
        clvValue = new double[summary.size()];
        nowValue = new double[now.size()];
        CustomerAttributes.Builder clvColumn = CustomerAttributes.builder("clv");
        for (int i = 0; i < now.size(); i++) {
          // no usable repeat spend (none, or netted to 0 by returns): valued at the population's
          double m = now.frequency(i) > 0 ? now.monetaryValue(i) : 0;
          double v = m > 0
              ? clv.value(now.frequency(i), now.recency(i), now.T(i), m)
              : clv.valueAtPopulationSpend(now.frequency(i), now.recency(i), now.T(i));
          clvColumn.add(now.customerId(i), Double.toString(v));
          nowValue[i] = v;
        }
        withClv = summary.withAttributes(clvColumn.build());
        double[] clvMetric = withClv.metric("clv");
        System.arraycopy(clvMetric, 0, clvValue, 0, clvValue.length);
        in.progress.accept("bootstrap: " + in.bootstrap.replicates()
            + " refits of BG/NBD and Gamma-Gamma on resampled customers for the CLV intervals");
        try {
          clvIntervals = Bootstrap.clv(clv, calibration, now, in.bootstrap);
        } catch (RuntimeException e) {
          notes.add("The CLV intervals could not be computed by bootstrap (" + e.getMessage()
              + "), so the CLV intervals chart is left out.");
        }
      }

      in.progress.accept("scoring: weighted value (pyramid), RFM, ABC, value matrix");
      pyramid(summary);
      rfm(summary);
      abc(summary);
      if (withClv != null) {
        valueMatrix(withClv);
      }
      if (in.buyingPower != null) {
        in.progress.accept("scoring: RAD per quarter");
        rad(log, start, asOf);
      } else {
        notes.add("No buying power was given, so the RAD charts (share of wallet per quarter) are left out.");
      }
      if (clvValue != null) {
        clvDistribution(clvValue);
      }
      if (clvIntervals != null) {
        clvIntervals(nowValue, clvIntervals);
      }
      if (model != null) {
        pAliveMatrix(now, pAlive);
        holdoutTracking(model, calibration);
      }
      if (in.complaints != null) {
        service(start, asOf);
      } else {
        notes.add("No complaints or survey answers were given, so the complaint and satisfaction charts are left out.");
      }
      if (in.funnel != null) {
        funnel(in.funnel);
      } else {
        notes.add("No sales funnel was given, so the funnel chart is left out.");
      }
      if (in.campaigns != null) {
        campaigns(in.campaigns);
      } else {
        notes.add("No campaigns were run, so the campaign returns chart is left out.");
      }
      if (in.program != null) {
        in.progress.accept("running loyalty program '" + in.program.id() + "' over the purchases");
        loyalty(LoyaltyRun.run(in.program, log));
      } else {
        notes.add("No loyalty program was given, so the loyalty charts are left out.");
      }
      return new TourReport(in.title, facts, charts, notes);
    }

    private void pyramid(CustomerSummary summary) {
      WeightedValueConfig config = new WeightedValueConfig(List.of(
          new WeightedValueConfig.Criterion("transaction_amount", "revenue", 0.7, null, null, null),
          new WeightedValueConfig.Criterion("transaction_frequency", "repurchases", 0.3, null, null, null)),
          "", null, null);
      ScoreTable t = new WeightedValueStrategy(config).score(summary);
      List<String> tiers = t.classes();
      double[] revenue = summary.metric("revenue");
      double total = Arrays.stream(revenue).sum();
      double[] count = new double[tiers.size()];
      double[] value = new double[tiers.size()];
      for (int i = 0; i < t.size(); i++) {
        int k = tiers.indexOf(t.label(i));
        count[k]++;
        value[k] += revenue[i];
      }
      double[] countShare = new double[tiers.size()];
      double[] valueShare = new double[tiers.size()];
      List<List<String>> rows = new ArrayList<>();
      for (int k = 0; k < tiers.size(); k++) {
        countShare[k] = 100 * count[k] / t.size();
        valueShare[k] = total == 0 ? 0 : 100 * value[k] / total;
        rows.add(List.of(tiers.get(k), fmt0(count[k]), pct(countShare[k]), money(value[k]), pct(valueShare[k])));
      }
      String svg = Svg.bars("Customer pyramid", tiers,
          List.of(new Series("share of customers", countShare), new Series("share of revenue", valueShare)),
          "tier (weighted value: 70% revenue, 30% repurchases)", "share (%)");
      int top = tiers.indexOf("VIP");
      String reading = top < 0 ? "Tier sizes and their share of revenue."
          : String.format(Locale.ROOT, "The %s%% of customers in the top tier (VIP) bring %s%% of revenue; the %s%% at the bottom bring %s%%.",
              fmt1(countShare[top]), fmt1(valueShare[top]), fmt1(countShare[tiers.size() - 1]),
              fmt1(valueShare[tiers.size() - 1]));
      charts.add(new Chart("pyramid", "Customer pyramid: counts and value shares", reading, svg,
          List.of("tier", "customers", "share of customers", "revenue (" + money + ")", "share of revenue"), rows));
    }

    private void rfm(CustomerSummary summary) {
      ScoreTable t = new RfmStrategy(RfmConfig.defaults()).score(summary);
      double[] revenue = summary.metric("revenue");
      double[][] sum = new double[5][5];
      double[][] n = new double[5][5];
      for (int i = 0; i < t.size(); i++) {
        int r = (int) t.score(i, "r") - 1;
        int f = (int) t.score(i, "f") - 1;
        sum[r][f] += revenue[i];
        n[r][f]++;
      }
      double[][] mean = new double[5][5];
      List<List<String>> rows = new ArrayList<>();
      double best = -1;
      String bestCell = "";
      for (int r = 0; r < 5; r++) {
        for (int f = 0; f < 5; f++) {
          mean[r][f] = n[r][f] == 0 ? Double.NaN : sum[r][f] / n[r][f];
          rows.add(List.of(Integer.toString(r + 1), Integer.toString(f + 1), fmt0(n[r][f]),
              n[r][f] == 0 ? "" : money(mean[r][f])));
          if (n[r][f] > 0 && mean[r][f] > best) {
            best = mean[r][f];
            bestCell = "R " + (r + 1) + " x F " + (f + 1);
          }
        }
      }
      List<String> scores = List.of("1", "2", "3", "4", "5");
      String svg = Svg.heatmap("RFM heatmap", scores, scores, mean, "frequency score F (5 = most transactions)",
          "recency score R (5 = most recent)", "%.0f");
      charts.add(new Chart("rfm-heatmap", "RFM: mean revenue per customer by recency x frequency score",
          String.format(Locale.ROOT, "The highest mean revenue per customer, %s %s, is in cell %s.", money(best), money, bestCell),
          svg, List.of("R", "F", "customers", "mean revenue (" + money + ")"), rows));

      Map<String, Integer> sizes = t.classSizes();
      List<String> names = new ArrayList<>(sizes.keySet());
      double[] counts = names.stream().mapToDouble(sizes::get).toArray();
      List<List<String>> segRows = new ArrayList<>();
      String biggest = "";
      double most = -1;
      for (int k = 0; k < names.size(); k++) {
        segRows.add(List.of(names.get(k), fmt0(counts[k]), pct(100 * counts[k] / t.size())));
        if (counts[k] > most) {
          most = counts[k];
          biggest = names.get(k);
        }
      }
      String svg2 = Svg.bars("RFM segments", names, List.of(new Series("customers", counts)), "segment", "customers");
      charts.add(new Chart("rfm-segments", "RFM segment sizes",
          String.format(Locale.ROOT, "The largest segment is %s with %s customers (%s of all).", biggest, fmt0(most),
              pct(100 * most / t.size())),
          svg2, List.of("segment", "customers", "share"), segRows));
    }

    private void abc(CustomerSummary summary) {
      ScoreTable t = new AbcStrategy(AbcConfig.defaults()).score(summary);
      AbcStrategy.Report report = (AbcStrategy.Report) t.report();
      double[] x = report.lorenz().stream().mapToDouble(p -> 100 * p.populationShare()).toArray();
      double[] y = report.lorenz().stream().mapToDouble(p -> 100 * p.valueShare()).toArray();
      double cumulative = 0;
      List<Marker> markers = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      for (AbcStrategy.ClassShare c : report.classes()) {
        cumulative += c.customerShare();
        rows.add(List.of(c.label(), fmt0(c.customers()), pct(100 * c.customerShare()), money(c.value()),
            pct(100 * c.valueShare())));
      }
      // the Lorenz curve runs poorest first: A is the richest end
      double a = report.classes().get(0).customerShare();
      double ab = a + (report.classes().size() > 1 ? report.classes().get(1).customerShare() : 0);
      markers.add(new Marker(100 * (1 - a), "B|A"));
      markers.add(new Marker(100 * (1 - ab), "C|B"));
      List<List<String>> all = new ArrayList<>(rows);
      for (int i = 0; i < x.length; i += Math.max(1, x.length / 20)) {
        all.add(List.of("Lorenz", "", pct(x[i]), "", pct(y[i])));
      }
      String svg = Svg.lines("ABC Lorenz curve", List.of(new Line("Lorenz curve", x, y, false),
          new Line("equal shares", new double[] {0, 100}, new double[] {0, 100}, true)), markers,
          "customers, poorest first (cumulative %)", "revenue (cumulative %)", 0);
      AbcStrategy.ClassShare top = report.classes().get(0);
      charts.add(new Chart("abc-lorenz", "ABC analysis: Lorenz curve, class boundaries and Gini",
          String.format(Locale.ROOT, "Gini %.3f: the %s%% of customers in class A bring %s%% of revenue.", report.gini(),
              fmt1(100 * top.customerShare()), fmt1(100 * top.valueShare())),
          svg, List.of("class", "customers", "share of customers", "revenue (" + money + ")", "share of revenue"), all));
    }

    private void valueMatrix(CustomerSummary withClv) {
      ScoreTable t = new ValueMatrixStrategy(new ValueMatrixConfig("revenue", "clv", null, null)).score(withClv);
      double[] revenue = withClv.metric("revenue");
      // rows bottom to top: low potential, high potential; columns: low current, high current
      String[][] cell = {{"lead", "gold"}, {"iron", "platinum"}};
      double[][] counts = new double[2][2];
      double[][] value = new double[2][2];
      for (int i = 0; i < t.size(); i++) {
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 2; c++) {
            if (cell[r][c].equals(t.label(i))) {
              counts[r][c]++;
              value[r][c] += revenue[i];
            }
          }
        }
      }
      List<List<String>> rows = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 2; c++) {
          rows.add(List.of(cell[r][c], fmt0(counts[r][c]), money(value[r][c])));
        }
      }
      String svg = Svg.heatmap("Value matrix", List.of("low CLV", "high CLV"), List.of("low revenue", "high revenue"),
          counts, "current value: revenue to date (split at the median)", "potential: 12-month CLV (split at the median)",
          "%,.0f customers");
      charts.add(new Chart("value-matrix", "Value matrix: current value x potential (CLV)",
          String.format(Locale.ROOT, "%s platinum customers (high revenue and high CLV) and %s iron customers (low revenue, high CLV) to develop.",
              fmt0(counts[1][1]), fmt0(counts[1][0])),
          svg, List.of("class", "customers", "revenue (" + money + ")"), rows));
    }

    private void rad(TransactionLog log, LocalDate start, LocalDate asOf) {
      List<RadStrategy.Quarter> quarters = RadStrategy.quarterly(log, in.buyingPower, start.plusYears(1).minusDays(1),
          asOf, RadConfig.defaults());
      if (quarters.isEmpty()) {
        notes.add("The log covers less than a year, so RAD (trailing-year share of wallet) is left out.");
        return;
      }
      List<String> classes = RadStrategy.CLASSES;
      List<String> labels = new ArrayList<>();
      double[][] counts = new double[classes.size()][quarters.size()];
      List<List<String>> rows = new ArrayList<>();
      for (int q = 0; q < quarters.size(); q++) {
        RadStrategy.Quarter quarter = quarters.get(q);
        labels.add(quarter.end().toString());
        Map<String, Integer> sizes = quarter.table().classSizes();
        List<String> row = new ArrayList<>(List.of(quarter.end().toString()));
        for (int k = 0; k < classes.size(); k++) {
          counts[k][q] = sizes.getOrDefault(classes.get(k), 0);
          row.add(fmt0(counts[k][q]));
        }
        rows.add(row);
      }
      List<Series> series = new ArrayList<>();
      for (int k = 0; k < classes.size(); k++) {
        series.add(new Series(classes.get(k), counts[k]));
      }
      List<String> header = new ArrayList<>(List.of("quarter end"));
      header.addAll(classes);
      int lastQ = quarters.size() - 1;
      charts.add(new Chart("rad-quarters", "RAD classes per quarter (key accounts, share of wallet)",
          String.format(Locale.ROOT, "At %s: %s Retention, %s Development, %s Acquisition accounts.", labels.get(lastQ),
              fmt0(counts[0][lastQ]), fmt0(counts[1][lastQ]), fmt0(counts[2][lastQ])),
          Svg.bars("RAD per quarter", labels, series, "quarter end", "key accounts"), header, rows));

      List<Migration> moves = RadStrategy.migrations(quarters);
      double[][] matrix = new double[classes.size()][classes.size()];
      long up = 0;
      long down = 0;
      for (Migration m : moves) {
        for (int a = 0; a < classes.size(); a++) {
          for (int b = 0; b < classes.size(); b++) {
            // rows of the heatmap run bottom to top: put Retention at the top
            matrix[classes.size() - 1 - a][b] += m.count(classes.get(a), classes.get(b));
          }
        }
        up += m.upgrades();
        down += m.downgrades();
      }
      List<String> reversed = new ArrayList<>(classes);
      java.util.Collections.reverse(reversed);
      List<List<String>> trows = new ArrayList<>();
      for (String a : classes) {
        for (String b : classes) {
          int c = 0;
          for (Migration m : moves) {
            c += m.count(a, b);
          }
          trows.add(List.of(a, b, fmt0(c)));
        }
      }
      charts.add(new Chart("rad-transitions", "RAD transitions between consecutive quarters",
          String.format(Locale.ROOT, "Over %d quarter changes, %,d moves up and %,d moves down.", moves.size(), up, down),
          Svg.heatmap("RAD transitions", reversed, classes, matrix, "class in the next quarter",
              "class in the quarter", "%,.0f"),
          List.of("from", "to", "account-quarters"), trows));
    }

    private void clvDistribution(double[] clvValue) {
      double[] sorted = clvValue.clone();
      Arrays.sort(sorted);
      // logarithmic bins (1-2-5 steps): CLV is heavily skewed, and equal-width bins put almost
      // everyone into the first one
      double[] edges = logBinEdges(sorted[(int) Math.floor(sorted.length * 0.05)], sorted[sorted.length - 1]);
      double[] counts = new double[edges.length];
      for (double v : clvValue) {
        counts[logBin(v, edges)]++;
      }
      List<String> labels = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      for (int k = 0; k < edges.length; k++) {
        String label = k + 1 < edges.length ? binNumber(edges[k]) + "-" + binNumber(edges[k + 1])
            : "≥ " + binNumber(edges[k]);
        labels.add(label);
        rows.add(List.of(label, fmt0(counts[k])));
      }
      int mode = 0;
      for (int k = 1; k < counts.length; k++) {
        if (counts[k] > counts[mode]) {
          mode = k;
        }
      }
      double median = sorted[sorted.length / 2];
      double mean = Arrays.stream(clvValue).average().orElse(0);
      charts.add(new Chart("clv-distribution", "CLV distribution (12 months, 1% a month discount, 30% margin)",
          String.format(Locale.ROOT, "Median CLV %s %s, mean %s; the top 10%% of customers hold %s of the total CLV;"
              + " the most common range is %s %s (%s customers, %s).",
              money(median), money, money(mean), pct(topDecileShare(sorted)), labels.get(mode), money,
              fmt0(counts[mode]), pct(100 * counts[mode] / clvValue.length)),
          Svg.bars("CLV distribution", labels, List.of(new Series("customers", counts)),
              "CLV (" + money + ", bins growing in steps of 1-2-5)", "customers"),
          List.of("CLV (" + money + ")", "customers"), rows));
    }

    /**
     * Customers in ten groups by their CLV (deciles, lowest first): each group's mean CLV as a bar,
     * with a whisker from the mean of the customers' lower ends to the mean of their upper ends;
     * the total's interval in the reading.
     */
    private void clvIntervals(double[] value, Bootstrap.ClvIntervals intervals) {
      int n = value.length;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(value[a], value[b]));
      int groups = Math.min(10, n);
      double[] mean = new double[groups];
      double[] lower = new double[groups];
      double[] upper = new double[groups];
      List<String> labels = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      double total = 0;
      for (int g = 0; g < groups; g++) {
        int from = (int) ((long) g * n / groups);
        int to = (int) ((long) (g + 1) * n / groups);
        for (int k = from; k < to; k++) {
          int i = order[k];
          mean[g] += value[i];
          lower[g] += intervals.clv().get(i).lower();
          upper[g] += intervals.clv().get(i).upper();
        }
        total += mean[g];
        mean[g] /= to - from;
        lower[g] /= to - from;
        upper[g] /= to - from;
        labels.add(Integer.toString(g + 1));
        rows.add(List.of(Integer.toString(g + 1), fmt0(to - from), money(mean[g]), money(lower[g]), money(upper[g])));
      }
      Bootstrap.Interval t = intervals.totalClv();
      rows.add(List.of("all (total)", fmt0(n), money(total), money(t.lower()), money(t.upper())));
      String level = String.format(Locale.ROOT, "%.0f%%", 100 * intervals.options().level());
      charts.add(new Chart("clv-intervals", "CLV by decile with " + level + " bootstrap intervals",
          String.format(Locale.ROOT, "Total CLV %s %s, %s interval %s to %s %s from %d refits of BG/NBD and"
              + " Gamma-Gamma on resampled customers; a whisker spans the average customer's interval in"
              + " that decile (top decile %s to %s %s around %s).",
              money(total), money, level, money(t.lower()), money(t.upper()), money, intervals.options().replicates(),
              money(lower[groups - 1]), money(upper[groups - 1]), money, money(mean[groups - 1])),
          Svg.barsWithWhiskers("CLV by decile", labels, new Series("mean CLV", mean), lower, upper,
              "decile of CLV (1 = the lowest tenth of customers, 10 = the highest)", "mean CLV (" + money + ")"),
          List.of("decile", "customers", "mean CLV (" + money + ")", "mean lower end", "mean upper end"), rows));
    }

    private void pAliveMatrix(CbsSummary now, double[] pAlive) {
      String[] fLabels = {"0", "1", "2", "3", "4", "5-6", "7-9", "10+"};
      int[] fLower = {0, 1, 2, 3, 4, 5, 7, 10};
      int[] weeksLower = {0, 4, 8, 13, 26, 39, 52, 78};
      String[] wLabels = {"0-3", "4-7", "8-12", "13-25", "26-38", "39-51", "52-77", "78+"};
      double[][] sum = new double[fLabels.length][wLabels.length];
      double[][] n = new double[fLabels.length][wLabels.length];
      for (int i = 0; i < now.size(); i++) {
        int f = bucket(now.frequency(i), fLower);
        int w = bucket(now.T(i) - now.recency(i), weeksLower);
        sum[f][w] += pAlive[i];
        n[f][w]++;
      }
      double[][] mean = new double[fLabels.length][wLabels.length];
      List<List<String>> rows = new ArrayList<>();
      for (int f = 0; f < fLabels.length; f++) {
        for (int w = 0; w < wLabels.length; w++) {
          mean[f][w] = n[f][w] == 0 ? Double.NaN : sum[f][w] / n[f][w];
          rows.add(List.of(fLabels[f], wLabels[w], fmt0(n[f][w]), n[f][w] == 0 ? "" : String.format(Locale.ROOT, "%.3f", mean[f][w])));
        }
      }
      long likelyAlive = Arrays.stream(pAlive).filter(p -> p >= 0.5).count();
      long noRepeat = java.util.stream.IntStream.range(0, now.size()).filter(i -> now.frequency(i) == 0).count();
      charts.add(new Chart("p-alive", "Probability alive (BG/NBD) by frequency and weeks since the last purchase",
          String.format(Locale.ROOT, "%,d of %,d customers (%s) are more likely alive than not (P(alive) >= 0.5).",
              likelyAlive, now.size(), pct(100.0 * likelyAlive / now.size()))
              + (noRepeat == 0 ? "" : String.format(Locale.ROOT, " The %,d customers without a repeat purchase (row 0)"
                  + " show 1.00 at every age: BG/NBD lets a customer drop out only right after a repeat purchase,"
                  + " so it counts them as alive (Pareto/NBD does not).", noRepeat)),
          Svg.heatmap("P(alive)", List.of(fLabels), List.of(wLabels), mean, "weeks since the last purchase",
              "repeat purchases", "%.2f"),
          List.of("repeat purchases", "weeks since last", "customers", "mean P(alive)"), rows));
    }

    private void holdoutTracking(BgNbd model, CbsSummary calibration) {
      HoldoutReport h = HoldoutReport.of(model, calibration);
      double[] predicted = h.cumulativePredicted();
      double[] actual = h.cumulativeActual();
      double[] weeks = new double[predicted.length];
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < weeks.length; i++) {
        weeks[i] = i + 1;
        rows.add(List.of(Integer.toString(i + 1), fmt0(Math.round(predicted[i])), fmt0(actual[i])));
      }
      double err = h.totalActual() == 0 ? 0 : 100 * (h.totalPredicted() - h.totalActual()) / h.totalActual();
      charts.add(new Chart("holdout-tracking", "Holdout tracking: predicted vs actual cumulative repeat purchases",
          String.format(Locale.ROOT, "Over the %d holdout weeks BG/NBD predicted %,.0f repeat purchases against %,.0f actual (%+.1f%%).",
              weeks.length, h.totalPredicted(), h.totalActual(), err),
          Svg.lines("Holdout tracking", List.of(new Line("actual", weeks, actual, false),
              new Line("predicted (BG/NBD)", weeks, predicted, true)), List.of(), "week of the holdout",
              "repeat purchases (cumulative)", 0),
          List.of("week", "predicted", "actual"), rows));
    }

    private void service(LocalDate start, LocalDate asOf) {
      List<LocalDate> quarterStarts = new ArrayList<>();
      for (LocalDate q = start.with(java.time.temporal.IsoFields.DAY_OF_QUARTER, 1); !q.isAfter(asOf); q = q.plusMonths(3)) {
        quarterStarts.add(q);
      }
      List<String> labels = quarterStarts.stream()
          .map(q -> q.getYear() + " Q" + q.get(java.time.temporal.IsoFields.QUARTER_OF_YEAR)).toList();
      int n = quarterStarts.size();
      double[][] byLevel = new double[3][n];
      Map<String, Integer> causes = new java.util.TreeMap<>();
      int inPeriod = 0;
      int escalated = 0;
      int outside = 0;
      for (SyntheticBase.Complaint c : in.complaints) {
        int q = quarterOf(quarterStarts, c.opened());
        if (q < 0 || c.opened().isAfter(asOf)) {
          outside++;
          continue;
        }
        inPeriod++;
        byLevel[Math.min(2, c.escalations())][q]++;
        if (c.escalations() > 0) {
          escalated++;
        }
        causes.merge(c.cause(), 1, Integer::sum);
      }
      List<List<String>> rows = new ArrayList<>();
      for (int q = 0; q < n; q++) {
        rows.add(List.of(labels.get(q), fmt0(byLevel[0][q]), fmt0(byLevel[1][q]), fmt0(byLevel[2][q])));
      }
      charts.add(new Chart("complaints", "Complaints per quarter and their escalation",
          String.format(Locale.ROOT, "%,d complaints, %,d of them (%s) escalated past their SLA.", inPeriod, escalated,
              pct(inPeriod == 0 ? 0 : 100.0 * escalated / inPeriod))
              + (outside == 0 ? "" : String.format(Locale.ROOT, " %,d opened outside %s to %s are not counted.",
                  outside, quarterStarts.get(0), asOf)),
          Svg.bars("Complaints", labels, List.of(new Series("within SLA", byLevel[0]), new Series("escalated once", byLevel[1]),
              new Series("escalated twice", byLevel[2])), "quarter opened", "complaints"),
          List.of("quarter", "within SLA", "escalated once", "escalated twice"), rows));

      List<String> names = new ArrayList<>(causes.keySet());
      names.sort(java.util.Comparator.comparing((String k) -> -causes.get(k)).thenComparing(k -> k));
      double[] counts = names.stream().mapToDouble(causes::get).toArray();
      List<List<String>> crows = new ArrayList<>();
      for (int k = 0; k < names.size(); k++) {
        crows.add(List.of(names.get(k), fmt0(counts[k]), pct(inPeriod == 0 ? 0 : 100 * counts[k] / inPeriod)));
      }
      charts.add(new Chart("complaint-causes", "Complaint causes",
          names.isEmpty() ? "No complaints in the period." : String.format(Locale.ROOT, "The most frequent cause is %s (%s of complaints).",
              names.get(0), pct(100 * counts[0] / inPeriod)),
          Svg.bars("Complaint causes", names, List.of(new Series("complaints", counts)), "cause", "complaints"),
          List.of("cause", "complaints", "share"), crows));

      double[] nps = new double[n];
      double[] csat = new double[n];
      List<List<String>> srows = new ArrayList<>();
      for (int q = 0; q < n; q++) {
        LocalDate end = q + 1 < n ? quarterStarts.get(q + 1) : asOf.plusDays(1);
        SatisfactionReport r = Surveys.aggregate(quarterStarts.get(q).atStartOfDay(ZoneOffset.UTC).toInstant(),
            end.atStartOfDay(ZoneOffset.UTC).toInstant(), in.surveys);
        nps[q] = r.nps().orElse(Double.NaN);
        csat[q] = r.csatMean().orElse(Double.NaN);
        srows.add(List.of(labels.get(q), fmt0(r.npsResponses()), r.nps().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse(""),
            fmt0(r.csatResponses()), r.csatMean().map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("")));
      }
      int[] npsAt = present(nps);
      int[] csatAt = present(csat);
      String xLabel = "quarter";
      charts.add(new Chart("nps", "Net Promoter Score per quarter",
          npsAt.length == 0 ? "No NPS answers." : String.format(Locale.ROOT, "NPS went from %.1f in %s to %.1f in %s (promoters 9-10 minus detractors 0-6, in points).",
              nps[npsAt[0]], labels.get(npsAt[0]), nps[npsAt[npsAt.length - 1]], labels.get(npsAt[npsAt.length - 1])),
          Svg.periodLines("NPS", labels, List.of(new Series("NPS", nps)), xLabel, "NPS (points, -100 to 100)", 0),
          List.of("quarter", "NPS answers", "NPS", "CSAT answers", "CSAT mean"), srows));
      charts.add(new Chart("csat", "Customer satisfaction (CSAT) per quarter",
          csatAt.length == 0 ? "No CSAT answers." : String.format(Locale.ROOT, "Mean CSAT (1-5) went from %.2f in %s to %.2f in %s.",
              csat[csatAt[0]], labels.get(csatAt[0]), csat[csatAt[csatAt.length - 1]], labels.get(csatAt[csatAt.length - 1])),
          Svg.periodLines("CSAT", labels, List.of(new Series("CSAT mean", csat)), xLabel, "mean CSAT (1-5)", 1),
          List.of("quarter", "NPS answers", "NPS", "CSAT answers", "CSAT mean"), srows));
    }

    private void funnel(dev.crmkit.core.sales.FunnelReport f) {
      List<String> stages = new ArrayList<>();
      double[] reached = new double[f.stages().size()];
      List<List<String>> rows = new ArrayList<>();
      for (int k = 0; k < f.stages().size(); k++) {
        dev.crmkit.core.sales.StageFigures s = f.stages().get(k);
        stages.add(s.stage());
        reached[k] = s.reached();
        rows.add(List.of(s.stage(), fmt0(s.reached()), s.reachedAmount().amount().toPlainString(), fmt0(s.current()),
            s.conversionToNext().map(r -> r.numerator() + "/" + r.denominator()).orElse("")));
      }
      String winRate = f.winRate().map(r -> pct(100.0 * r.numerator() / r.denominator())).orElse("-");
      charts.add(new Chart("sales-funnel", "Sales funnel: opportunities reaching each stage",
          String.format(Locale.ROOT, "%,d opportunities; win rate %s; mean sales cycle %s.", f.opportunities(), winRate,
              f.meanSalesCycle().map(d -> d.toDays() + " days").orElse("-")),
          Svg.bars("Sales funnel", stages, List.of(new Series("opportunities", reached)), "stage", "opportunities"),
          List.of("stage", "reached", "amount reached (EUR)", "now", "to next"), rows));
    }

    private void campaigns(MarketingRun.Result r) {
      List<String> ids = new ArrayList<>();
      double[] revenue = new double[r.returns().size()];
      double[] cost = new double[revenue.length];
      List<List<String>> rows = new ArrayList<>();
      String best = null;
      java.math.BigDecimal bestRoi = null;
      for (int k = 0; k < revenue.length; k++) {
        dev.crmkit.core.marketing.CampaignReturn c = r.returns().get(k);
        ids.add(c.campaignId());
        revenue[k] = c.revenue().amount().doubleValue();
        cost[k] = c.cost().amount().doubleValue();
        String roi = c.roi().map(x -> x.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()).orElse("-");
        if (c.roi().isPresent() && (bestRoi == null || c.roi().get().compareTo(bestRoi) > 0)) {
          bestRoi = c.roi().get();
          best = c.campaignId();
        }
        rows.add(List.of(c.campaignId(), fmt0(c.reached()), fmt0(c.converted()), fmt0(c.orders()),
            c.revenue().amount().toPlainString(), c.margin().amount().toPlainString(), c.cost().amount().toPlainString(),
            roi));
      }
      String reading = best == null
          ? String.format(Locale.ROOT, "No campaign booked a cost, so no ROI; %,d customers, %,d orders in the %d days after %s.",
              r.customers(), r.orders(), r.windowDays(), r.launch())
          : String.format(Locale.ROOT, "Last-touch attribution within %d days of the contacts on %s (%,d customers, %,d orders):"
              + " %s returns the most, ROI %s ((margin - cost) / cost).", r.windowDays(), r.launch(), r.customers(),
              r.orders(), best, bestRoi.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
      charts.add(new Chart("campaign-returns", "Campaign returns: attributed revenue and cost per campaign",
          reading,
          Svg.bars("Campaign returns", ids, List.of(new Series("revenue", revenue), new Series("cost", cost)),
              "campaign", "EUR"),
          List.of("campaign", "reached", "converted", "orders", "revenue (EUR)", "margin (EUR)", "cost (EUR)", "ROI"),
          rows));
    }

    /** The indices whose value is a number (a quarter without answers has none). */
    private static int[] present(double[] y) {
      return java.util.stream.IntStream.range(0, y.length).filter(i -> !Double.isNaN(y[i])).toArray();
    }

    private static int quarterOf(List<LocalDate> starts, LocalDate day) {
      for (int q = starts.size() - 1; q >= 0; q--) {
        if (!day.isBefore(starts.get(q))) {
          return q;
        }
      }
      return -1;
    }

    private void loyalty(LoyaltyRun.Result r) {
      double[] y = new double[r.monthEnds().size()];
      List<String> months = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        y[i] = r.outstanding().get(i);
        months.add(r.monthEnds().get(i).toString().substring(0, 7));
        rows.add(List.of(r.monthEnds().get(i).toString(), fmt0(y[i])));
      }
      charts.add(new Chart("loyalty-outstanding", "Loyalty points outstanding at each month end (program " + r.programId() + ")",
          String.format(Locale.ROOT, "%,d purchases earned points; %,d points (active and pending) are outstanding at %s.",
              r.purchases(), r.finalOutstanding(), r.monthEnds().isEmpty() ? "the end" : r.monthEnds().get(y.length - 1)),
          Svg.periodLines("Points outstanding", months, List.of(new Series("points outstanding", y)),
              "month end", "points", 0),
          List.of("month end", "points outstanding"), rows));
      List<String> tiers = new ArrayList<>(r.tiers().keySet());
      double[] sizes = tiers.stream().mapToDouble(t -> r.tiers().get(t)).toArray();
      double members = Arrays.stream(sizes).sum();
      List<List<String>> trows = new ArrayList<>();
      for (int k = 0; k < tiers.size(); k++) {
        trows.add(List.of(tiers.get(k), fmt0(sizes[k]), pct(members == 0 ? 0 : 100 * sizes[k] / members)));
      }
      String topTier = tiers.isEmpty() ? "" : tiers.get(tiers.size() - 1);
      charts.add(new Chart("loyalty-tiers", "Loyalty tier sizes at the end",
          tiers.isEmpty() ? "The program has no tiers." : String.format(Locale.ROOT, "%s of %s members reached the top tier, %s.",
              fmt0(sizes[sizes.length - 1]), fmt0(members), topTier),
          Svg.bars("Tier sizes", tiers, List.of(new Series("members", sizes)), "tier", "members"),
          List.of("tier", "members", "share"), trows));
    }

    private static double topDecileShare(double[] sorted) {
      double total = Arrays.stream(sorted).sum();
      double top = 0;
      for (int i = sorted.length - (int) Math.ceil(sorted.length / 10.0); i < sorted.length; i++) {
        top += sorted[i];
      }
      return total == 0 ? 0 : 100 * top / total;
    }

    private static int bucket(double v, int[] lower) {
      int k = 0;
      while (k + 1 < lower.length && v >= lower[k + 1]) {
        k++;
      }
      return k;
    }

    private static String fmt0(double v) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt1(double v) {
      return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double v) {
      return String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String money(double v) {
      return String.format(Locale.ROOT, "%,.2f", v);
    }
  }
}
