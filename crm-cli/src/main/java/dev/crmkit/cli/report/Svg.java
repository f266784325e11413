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
    double max = 0;
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
    for (int c = 0; c < categories.size(); c++) {
      double gx = LEFT + c * group + group * 0.1;
      for (int k = 0; k < series.size(); k++) {
        double v = series.get(k).values()[c];
        double h = top == 0 ? 0 : v / top * plotH;
        b.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
            gx + k * bar, TOP + plotH - h, Math.max(bar - 1, 0.5), h, COLORS[k % COLORS.length],
            esc(categories.get(c)), esc(series.get(k).name()), number(v)));
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

  /** Lines over a numeric x axis, with optional vertical markers. */
  static String lines(String title, List<Line> lines, List<Marker> markers, String xLabel, String yLabel,
      double yMinHint) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    double minY = yMinHint;
    for (Line l : lines) {
      for (int i = 0; i < l.x().length; i++) {
        minX = Math.min(minX, l.x()[i]);
        maxX = Math.max(maxX, l.x()[i]);
        maxY = Math.max(maxY, l.y()[i]);
        minY = Math.min(minY, l.y()[i]);
      }
    }
    if (!(maxX > minX)) {
      maxX = minX + 1;
    }
    double[] yt = ticks(minY, Math.max(maxY, minY + 1e-9));
    double[] xt = ticks(minX, maxX);
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
      text(b, px, TOP + plotH + 16, "middle", number(t), 11);
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
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double cw = plotW / (double) columns.size();
    double ch = plotH / (double) rows.size();
    for (int r = 0; r < rows.size(); r++) {
      double y = TOP + plotH - (r + 1) * ch;
      text(b, LEFT - 6, y + ch / 2 + 4, "end", rows.get(r), 11);
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        double t = Double.isNaN(v) || max == min ? 0 : (v - min) / (max - min);
        String fill = Double.isNaN(v) ? "#eee" : shade(t);
        double x = LEFT + c * cw;
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
      text(b, LEFT + c * cw + cw / 2, TOP + plotH + 14, "middle", columns.get(c), 11);
    }
    b.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 %d)\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, esc(yLabel)));
    xTitle(b, xLabel);
    return close(b);
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
