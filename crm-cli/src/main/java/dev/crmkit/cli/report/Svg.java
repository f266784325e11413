package dev.crmkit.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny inline-SVG chart writer: grouped bars, lines and heatmaps with axes, tick labels, axis
 * titles and a legend. Output is a self-contained {@code <svg>} element (no script, no external
 * style), so the report opens and prints offline.
 */
final class Svg {

  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 20;
  private static final int BOTTOM = 80;
  /** A positive bar is drawn at least this tall (px), so a tiny group stays visible. */
  static final double MIN_BAR = 3;
  /** Bars get their value written above them when there are at most this many (and 6 categories). */
  static final int MAX_LABELLED_BARS = 12;
  /** Approximate width of a character of an 11 px sans-serif label, for the heatmap's margin. */
  private static final double CHAR_WIDTH_11 = 6.5;
  static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

  /** A named series of values. */
  record Series(String name, double[] values) {}

  /** A named line through (x, y) points. */
  record Line(String name, double[] x, double[] y, boolean dashed) {
    Line {
      if (x.length != y.length) {
        throw new IllegalArgumentException("line " + name + ": " + x.length + " x values, " + y.length + " y values");
      }
    }
  }

  /** A vertical marker at x with a label (class boundaries). */
  record Marker(double x, String label) {}

  private Svg() {}

  /** Grouped vertical bars: one group per category, one bar per series. */
  static String bars(String title, List<String> categories, List<Series> series, String xLabel, String yLabel) {
    return bars(title, categories, series, null, null, xLabel, yLabel);
  }

  /**
   * One bar per category with a whisker from {@code lower[c]} to {@code upper[c]} (an interval
   * around the bar's value), drawn as {@code <line class="whisker">} with caps.
   */
  static String barsWithWhiskers(String title, List<String> categories, Series series, double[] lower,
      double[] upper, String xLabel, String yLabel) {
    if (lower.length != categories.size() || upper.length != categories.size()) {
      throw new IllegalArgumentException("whiskers: " + lower.length + " lower and " + upper.length
          + " upper ends for " + categories.size() + " categories");
    }
    return bars(title, categories, List.of(series), lower, upper, xLabel, yLabel);
  }

  private static String bars(String title, List<String> categories, List<Series> series, double[] lower,
      double[] upper, String xLabel, String yLabel) {
    double max = 0;
    if (upper != null) {
      for (double v : upper) {
        max = Math.max(max, v);
      }
    }
    for (Series s : series) {
      if (s.values().length != categories.size()) {
        throw new IllegalArgumentException("series " + s.name() + " has " + s.values().length
            + " values for " + categories.size() + " categories");
      }
      for (double v : s.values()) {
        max = Math.max(max, v);
      }
    }
    double[] ticks = ticks(0, max);
    double top = ticks[ticks.length - 1];
    StringBuilder b = open(title);
    yAxis(b, ticks, 0, top, yLabel);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double group = plotW / (double) Math.max(1, categories.size());
    double bar = group * 0.8 / Math.max(1, series.size());
    // values above the bars where there are few and their category labels are upright (slanted
    // labels of many categories reach up into the space above the axis)
    boolean labelled = categories.size() <= 6 && categories.size() * series.size() <= MAX_LABELLED_BARS;
    for (int c = 0; c < categories.size(); c++) {
      double gx = LEFT + c * group + group * 0.1;
      for (int k = 0; k < series.size(); k++) {
        double v = series.get(k).values()[c];
        double h = barHeight(v, top, plotH);
        b.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
            gx + k * bar, TOP + plotH - h, Math.max(bar - 1, 0.5), h, COLORS[k % COLORS.length],
            esc(categories.get(c)), esc(series.get(k).name()), number(v)));
        if (labelled) {
          // the value above the bar: a group too small to see still says how large it is
          text(b, gx + k * bar + Math.max(bar - 1, 0.5) / 2, TOP + plotH - h - 3, "middle", number(v), 10);
        }
      }
      if (upper != null) {
        double cx = gx + Math.max(bar - 1, 0.5) / 2;
        double yLow = TOP + plotH - Math.max(0, lower[c]) / top * plotH;
        double yHigh = TOP + plotH - upper[c] / top * plotH;
        b.append(String.format(Locale.ROOT,
            "<g class=\"whisker\" stroke=\"#222\" stroke-width=\"1.5\"><title>%s: %s to %s</title>"
                + "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>",
            esc(categories.get(c)), number(lower[c]), number(upper[c]), cx, yLow, cx, yHigh,
            cx - 4, yLow, cx + 4, yLow, cx - 4, yHigh, cx + 4, yHigh));
      }
      if (categories.size() <= 6) {
        text(b, gx + group * 0.4, TOP + plotH + 14, "middle", categories.get(c), 11);
      } else if (categories.size() <= 24 || c % Math.ceil(categories.size() / 12.0) == 0) {
        // many categories: slanted labels, so that long names do not overlap
        double x = gx + group * 0.4;
        double y = TOP + plotH + 10;
        b.append(String.format(Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"9\" transform=\"rotate(-30 %.1f %.1f)\">%s</text>",
            x, y, x, y, esc(categories.get(c))));
      }
    }
    xTitle(b, xLabel);
    legend(b, series.stream().map(Series::name).toList());
    return close(b);
  }

  /**
   * The drawn height of a bar of value {@code v} on an axis up to {@code top}: proportional, but a
   * positive value is at least {@link #MIN_BAR} px tall.
   */
  static double barHeight(double v, double top, double plotH) {
    if (top == 0 || !(v > 0)) {
      return 0;
    }
    return Math.max(MIN_BAR, v / top * plotH);
  }

  /**
   * Lines over labelled periods (quarters, months): point {@code i} of every line is at period
   * {@code i}, and the x axis shows the periods' names (thinned to about 12 when there are more).
   * A value NaN (a period without data) is left out; the line joins the points around it.
   */
  static String periodLines(String title, List<String> periods, List<Series> series, String xLabel, String yLabel,
      double yMinHint) {
    List<Line> lines = new ArrayList<>();
    for (Series s : series) {
      if (s.values().length != periods.size()) {
        throw new IllegalArgumentException("series " + s.name() + " has " + s.values().length
            + " values for " + periods.size() + " periods");
      }
      List<double[]> p = new ArrayList<>();
      for (int i = 0; i < periods.size(); i++) {
        if (!Double.isNaN(s.values()[i])) {
          p.add(new double[] {i, s.values()[i]});
        }
      }
      lines.add(new Line(s.name(), p.stream().mapToDouble(a -> a[0]).toArray(),
          p.stream().mapToDouble(a -> a[1]).toArray(), false));
    }
    return lines(title, lines, List.of(), xLabel, yLabel, yMinHint, 0, Math.max(1, periods.size() - 1), periods);
  }

  /** Lines over a numeric x axis, with optional vertical markers. */
  static String lines(String title, List<Line> lines, List<Marker> markers, String xLabel, String yLabel,
      double yMinHint) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (int i = 0; i < l.x().length; i++) {
        minX = Math.min(minX, l.x()[i]);
        maxX = Math.max(maxX, l.x()[i]);
      }
    }
    return lines(title, lines, markers, xLabel, yLabel, yMinHint, minX, maxX, null);
  }

  /** Lines over [minX, maxX]; with {@code periodNames}, x = i is labelled periodNames[i]. */
  private static String lines(String title, List<Line> lines, List<Marker> markers, String xLabel, String yLabel,
      double yMinHint, double minX, double maxX, List<String> periodNames) {
    double maxY = Double.NEGATIVE_INFINITY;
    double minY = yMinHint;
    for (Line l : lines) {
      for (int i = 0; i < l.x().length; i++) {
        maxY = Math.max(maxY, l.y()[i]);
        minY = Math.min(minY, l.y()[i]);
      }
    }
    if (!(maxX > minX)) {
      maxX = minX + 1;
    }
    double[] yt = ticks(minY, Math.max(maxY, minY + 1e-9));
    double[] xt = periodNames == null ? ticks(minX, maxX) : periodTicks(periodNames.size());
    double y0 = yt[0];
    double y1 = yt[yt.length - 1];
    double x0 = minX;
    double x1 = maxX;
    StringBuilder b = open(title);
    yAxis(b, yt, y0, y1, yLabel);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    for (double t : xt) {
      if (t < x0 - 1e-9 || t > x1 + 1e-9) {
        continue;
      }
      double px = LEFT + (t - x0) / (x1 - x0) * plotW;
      b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>",
          px, TOP + plotH, px, TOP + plotH + 4));
      String label = periodNames == null ? number(t) : periodNames.get((int) Math.round(t));
      text(b, px, TOP + plotH + 16, "middle", label, periodNames != null && periodNames.size() > 8 ? 9 : 11);
    }
    for (Marker m : markers) {
      double px = LEFT + (m.x() - x0) / (x1 - x0) * plotW;
      b.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>",
          px, TOP, px, TOP + plotH));
      text(b, px + 3, TOP + 12, "start", m.label(), 10);
    }
    for (int k = 0; k < lines.size(); k++) {
      Line l = lines.get(k);
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < l.x().length; i++) {
        double px = LEFT + (l.x()[i] - x0) / (x1 - x0) * plotW;
        double py = TOP + plotH - (l.y()[i] - y0) / (y1 - y0) * plotH;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      }
      b.append(String.format(Locale.ROOT,
          "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"><title>%s</title></polyline>",
          COLORS[k % COLORS.length], l.dashed() ? " stroke-dasharray=\"6,4\"" : "", pts.toString().trim(),
          esc(l.name())));
    }
    xTitle(b, xLabel);
    legend(b, lines.stream().map(Line::name).toList());
    return close(b);
  }

  /** A heatmap: rows bottom to top in the given order, columns left to right, cells labelled. */
  static String heatmap(String title, List<String> rows, List<String> columns, double[][] values,
      String xLabel, String yLabel, String cellFormat) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    StringBuilder b = open(title);
    // the row labels end 6 px left of the cells; the rotated axis title (12 px, centred on x = 16)
    // stays left of the longest of them, so "Development" does not run into it
    int left = heatmapLeft(rows);
    int plotW = WIDTH - left - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double cw = plotW / (double) columns.size();
    double ch = plotH / (double) rows.size();
    for (int r = 0; r < rows.size(); r++) {
      double y = TOP + plotH - (r + 1) * ch;
      text(b, left - 6, y + ch / 2 + 4, "end", rows.get(r), 11);
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        double t = Double.isNaN(v) || max == min ? 0 : (v - min) / (max - min);
        String fill = Double.isNaN(v) ? "#eee" : shade(t);
        double x = left + c * cw;
        b.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#fff\"><title>%s / %s: %s</title></rect>",
            x, y, cw, ch, fill, esc(rows.get(r)), esc(columns.get(c)), Double.isNaN(v) ? "none" : number(v)));
        if (columns.size() <= 12 && rows.size() <= 12) {
          String label = Double.isNaN(v) ? "–" : String.format(Locale.ROOT, cellFormat, v);
          b.append(String.format(Locale.ROOT,
              "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">%s</text>",
              x + cw / 2, y + ch / 2 + 4, t > 0.6 ? "#fff" : "#000", esc(label)));
        }
      }
    }
    for (int c = 0; c < columns.size(); c++) {
      text(b, left + c * cw + cw / 2, TOP + plotH + 14, "middle", columns.get(c), 11);
    }
    b.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 %d)\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, esc(yLabel)));
    text(b, left + plotW / 2.0, HEIGHT - 26, "middle", xLabel, 12);
    return close(b);
  }

  /**
   * The left edge of a heatmap's cells: the default margin, or more when the longest row label
   * (about 6.5 px a character at 11 px) would reach the band of the rotated axis title (x up to 24).
   */
  static int heatmapLeft(List<String> rows) {
    int longest = rows.stream().mapToInt(String::length).max().orElse(0);
    return Math.max(LEFT, (int) Math.ceil(24 + 4 + longest * CHAR_WIDTH_11 + 6));
  }

  /** The periods 0..n-1 that get a label: all up to 12, else every k-th and always the last. */
  static double[] periodTicks(int n) {
    int step = Math.max(1, (int) Math.ceil(n / 12.0));
    List<Double> t = new ArrayList<>();
    for (int i = 0; i < n; i += step) {
      t.add((double) i);
    }
    if (n > 0 && t.get(t.size() - 1) != n - 1) {
      if (n - 1 - t.get(t.size() - 1) < step) {
        t.remove(t.size() - 1); // too close to the last one to both fit: keep the last
      }
      t.add((double) (n - 1));
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Round tick values covering [lo, hi], about five of them. */
  static double[] ticks(double lo, double hi) {
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * mag >= raw) {
        step = m * mag;
        break;
      }
    }
    double start = Math.floor(lo / step) * step;
    List<Double> t = new ArrayList<>();
    for (double v = start; v < hi + step * 0.999; v += step) {
      t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String shade(double t) {
    // white-ish to dark blue
    int r = (int) Math.round(235 - t * (235 - 8));
    int g = (int) Math.round(243 - t * (243 - 48));
    int bl = (int) Math.round(250 - t * (250 - 107));
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
  }

  private static StringBuilder open(String title) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" font-family=\"sans-serif\"><title>%s</title>",
        WIDTH, HEIGHT, WIDTH, HEIGHT, esc(title)));
    return b;
  }

  private static String close(StringBuilder b) {
    return b.append("</svg>").toString();
  }

  private static void yAxis(StringBuilder b, double[] ticks, double lo, double hi, String label) {
    int plotH = HEIGHT - TOP - BOTTOM;
    for (double t : ticks) {
      double py = TOP + plotH - (t - lo) / (hi - lo) * plotH;
      b.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, py, WIDTH - RIGHT, py));
      text(b, LEFT - 6, py + 4, "end", number(t), 11);
    }
    b.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>",
        LEFT, TOP, LEFT, TOP + plotH, LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH));
    b.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 %d)\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, esc(label)));
  }

  private static void xTitle(StringBuilder b, String label) {
    text(b, LEFT + (WIDTH - LEFT - RIGHT) / 2.0, HEIGHT - 26, "middle", label, 12);
  }

  private static void legend(StringBuilder b, List<String> names) {
    if (names.size() < 2) {
      return;
    }
    double x = LEFT;
    for (int k = 0; k < names.size(); k++) {
      b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>",
          x, HEIGHT - 14, COLORS[k % COLORS.length]));
      text(b, x + 14, HEIGHT - 5, "start", names.get(k), 11);
      x += 24 + names.get(k).length() * 6.5;
    }
  }

  private static void text(StringBuilder b, double x, double y, String anchor, String s, int size) {
    b.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>", x, y, anchor, size, esc(s)));
  }
}
