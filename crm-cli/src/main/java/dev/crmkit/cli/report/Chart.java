package dev.crmkit.cli.report;

import java.util.List;
import java.util.Objects;

/**
 * One chart of the report: an id (the HTML element id is {@code chart-<id>}), a title, the
 * one-line reading, the SVG and the table behind it.
 *
 * <pre>{@code
 * Chart c = new Chart("abc-lorenz", "ABC Lorenz curve", "Gini 0.61", svg, List.of("share", "value"), rows);
 * }</pre>
 */
public record Chart(String id, String title, String reading, String svg, List<String> header, List<List<String>> rows) {
  public Chart {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(svg, "svg");
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("chart " + id + ": a row has " + row.size() + " cells for "
            + header.size() + " columns");
      }
    }
  }
}
