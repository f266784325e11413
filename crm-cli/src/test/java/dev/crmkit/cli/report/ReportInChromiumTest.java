package dev.crmkit.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crmkit.datagen.SyntheticBase;
import dev.crmkit.datagen.SyntheticData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the demo report in headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it) and checks that every chart was laid out and that the page logged no error.
 * Skips with a message where no Chromium is installed; installs nothing itself.
 */
class ReportInChromiumTest {

  private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

  @TempDir static Path dir;
  private static Path page;
  private static TourReport report;

  @BeforeAll
  static void writeReport() {
    SyntheticBase base = SyntheticData.builder().seed(42).customers(3_000)
        .period(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)).build();
    report = TourReport.builder(base.transactions()).currency("EUR").buyingPower(base.buyingPower())
        .service(base.complaints(), base.surveys())
        .salesFunnel(SalesRun.run(42, 120)).campaigns(MarketingRun.run(base, 5))
        .loyalty(LoyaltyRun.demoProgram()).build();
    page = report.write(dir.resolve("report"));
  }

  private static Path browser() {
    return BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  private record Run(String stdout, String stderr) {}

  private static Run chromium(String... extra) throws IOException, InterruptedException {
    return chromium(page, extra);
  }

  private static Run chromium(Path target, String... extra) throws IOException, InterruptedException {
    Path exe = browser();
    List<String> cmd = new ArrayList<>(List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
    cmd.addAll(List.of(extra));
    cmd.add(target.toUri().toString());
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s: " + cmd);
    }
    assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", Files.readString(err)).isZero();
    return new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void every_chart_is_laid_out_by_the_browser_and_the_page_logs_no_error() throws Exception {
    assumeTrue(browser() != null, "no Chromium at " + BROWSERS + ": install Debian's chromium package (.ci/run does)"
        + " to render the report");
    Run run = chromium("--enable-logging=stderr", "--v=0", "--dump-dom");
    String dom = run.stdout();
    assertThat(report.charts()).extracting(Chart::id).containsExactlyElementsOf(TourReport.CHART_IDS)
        .contains("sales-funnel", "campaign-returns");
    for (Chart c : report.charts()) {
      Matcher m = Pattern.compile("<section class=\"chart\" id=\"chart-" + Pattern.quote(c.id())
          + "\">.*?<svg.*?</svg>.*?<details>", Pattern.DOTALL).matcher(dom);
      assertThat(m.find()).as("chart %s with its svg and details in the rendered DOM", c.id()).isTrue();
    }
    Matcher rendered = Pattern.compile("data-rendered-charts=\"(\\d+)\"").matcher(dom);
    assertThat(rendered.find()).as("the load handler ran and set its marker").isTrue();
    assertThat(Integer.parseInt(rendered.group(1))).as("charts with a non-empty layout box")
        .isEqualTo(report.charts().size());
    List<String> pageErrors = run.stderr().lines()
        .filter(l -> l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to")).toList();
    assertThat(pageErrors).as("page messages on chromium's log").isEmpty();
  }

  /**
   * Measures the laid-out text of every chart in the browser: no two labels of a chart may
   * overlap (e.g. a heatmap's rotated axis title over its row label "Development"). Upright and
   * quarter-turned text is compared by its bounding boxes; the slanted (-30 degrees) category labels
   * of bar charts with many categories are left out, since their boxes overlap where their glyphs
   * do not.
   */
  @Test
  void no_two_labels_of_a_chart_overlap_as_the_browser_lays_them_out() throws Exception {
    assumeTrue(browser() != null, "no Chromium at " + BROWSERS + ": install Debian's chromium package (.ci/run does)"
        + " to render the report");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String probe = "<script>window.addEventListener('load',function(){var bad=[];"
        + "document.querySelectorAll('section.chart').forEach(function(sec){"
        + "var t=[].slice.call(sec.querySelectorAll('svg text')).map(function(e){return {s:e.textContent,"
        + "slant:(e.getAttribute('transform')||'').indexOf('rotate(-30')>=0,r:e.getBoundingClientRect()};});"
        + "for(var i=0;i<t.length;i++)for(var j=i+1;j<t.length;j++){if(t[i].slant||t[j].slant)continue;"
        + "var a=t[i].r,b=t[j].r,w=Math.min(a.right,b.right)-Math.max(a.left,b.left),"
        + "h=Math.min(a.bottom,b.bottom)-Math.max(a.top,b.top);"
        + "if(w>1&&h>1)bad.push(sec.id+': '+t[i].s+' / '+t[j].s);}});"
        + "document.body.setAttribute('data-overlaps',bad.length?bad.join(' ;; '):'none');});</script>";
    Path checked = page.resolveSibling("overlaps.html");
    Files.writeString(checked, html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);

    Run run = chromium(checked, "--window-size=1400,1000", "--dump-dom");

    Matcher m = Pattern.compile("data-overlaps=\"([^\"]*)\"").matcher(run.stdout());
    assertThat(m.find()).as("the probe ran and set its marker").isTrue();
    assertThat(m.group(1).replace("&amp;", "&")).as("overlapping labels (chart: text / text)").isEqualTo("none");
  }

  /**
   * The CLV intervals chart as laid out: ten whiskers, each reaching its bar's top (within the
   * 3 px a tiny bar is drawn at), the top decile's visibly tall.
   */
  @Test
  void the_clv_interval_whiskers_are_laid_out_around_the_bars() throws Exception {
    assumeTrue(browser() != null, "no Chromium at " + BROWSERS + ": install Debian's chromium package (.ci/run does)"
        + " to render the report");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String probe = "<script>window.addEventListener('load',function(){var sec=document.getElementById("
        + "'chart-clv-intervals');var bars=sec.querySelectorAll('svg rect');"
        + "var w=[].slice.call(sec.querySelectorAll('svg line.whisker'));var ok=0;"
        + "w.forEach(function(l,i){var r=l.getBoundingClientRect();var b=bars[i].getBoundingClientRect();"
        + "if(r.top<=b.top+3.5&&r.bottom>=b.top-0.5)ok++;});"
        + "var top=w.length?w[w.length-1].getBoundingClientRect().height:0;"
        + "document.body.setAttribute('data-whiskers',w.length+'/'+ok+(top>1?' top visible':' top flat'));});</script>";
    Path checked = page.resolveSibling("whiskers.html");
    Files.writeString(checked, html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);

    Run run = chromium(checked, "--window-size=1400,1000", "--dump-dom");

    Matcher m = Pattern.compile("data-whiskers=\"([^\"]*)\"").matcher(run.stdout());
    assertThat(m.find()).as("the probe ran and set its marker").isTrue();
    assertThat(m.group(1)).as("whiskers / whiskers laid out across their bar's top").isEqualTo("10/10 top visible");
    Chart chart = report.charts().stream().filter(c -> c.id().equals("clv-intervals")).findFirst().orElseThrow();
    assertThat(run.stdout()).contains(chart.reading().substring(0, chart.reading().indexOf(" from ")));
  }
}
