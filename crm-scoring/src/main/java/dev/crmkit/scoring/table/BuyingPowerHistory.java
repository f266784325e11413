package dev.crmkit.scoring.table;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates of each key account's annual buying power (its yearly budget for what we sell), as
 * they change over time: an estimate applies from its date until the next one.
 *
 * <pre>{@code
 * BuyingPowerHistory power = BuyingPowerHistory.builder()
 *     .add("K1", LocalDate.of(2024, 1, 1), 1_000_000)
 *     .add("K1", LocalDate.of(2024, 7, 1), 1_400_000)  // re-estimated
 *     .build();
 * power.estimate("K1", LocalDate.of(2024, 9, 30));    // 1400000.0
 * }</pre>
 *
 * <p>CSV form: {@code customer_id,effective_from,annual_buying_power} (ISO dates).
 */
public final class BuyingPowerHistory {

  private record Estimate(int day, double amount) {}

  private final Map<String, List<Estimate>> estimates; // by customer, ascending day

  private BuyingPowerHistory(Map<String, List<Estimate>> estimates) {
    this.estimates = estimates;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code customer_id,effective_from,annual_buying_power} rows.
   *
   * @throws MalformedRowException naming the line, field and value of a bad row
   */
  public static BuyingPowerHistory readCsv(Path path) {
    requireNonNull(path, "path");
    String source = path.toString();
    Builder builder = builder();
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
    String expected = "customer_id,effective_from,annual_buying_power";
    if (lines.isEmpty()
        || !CsvFields.split(source, 1, lines.get(0).replace("\uFEFF", "")).stream()
            .map(String::strip)
            .toList()
            .equals(List.of(expected.split(",")))) {
      throw new MalformedRowException(
          source, 1, null, null, "is not the header " + expected, lines.isEmpty() ? null : lines.get(0));
    }
    for (int i = 1; i < lines.size(); i++) {
      String text = lines.get(i);
      long line = i + 1;
      if (text.isBlank()) {
        continue;
      }
      List<String> f = CsvFields.split(source, line, text);
      if (f.size() != 3) {
        throw new MalformedRowException(source, line, null, null, "has " + f.size() + " fields; expected 3", text);
      }
      LocalDate from;
      try {
        from = LocalDate.parse(f.get(1).strip());
      } catch (DateTimeParseException e) {
        throw new MalformedRowException(
            source, line, "effective_from", f.get(1), "is not a date (expected yyyy-MM-dd)", text);
      }
      double amount;
      try {
        amount = Double.parseDouble(f.get(2).strip());
      } catch (NumberFormatException e) {
        throw new MalformedRowException(
            source, line, "annual_buying_power", f.get(2), "is not a number", text);
      }
      try {
        builder.add(f.get(0), from, amount);
      } catch (IllegalArgumentException e) {
        throw new MalformedRowException(source, line, null, null, e.getMessage(), text);
      }
    }
    return builder.build();
  }

  /** The key accounts, in order of first appearance. */
  public List<String> customerIds() {
    return List.copyOf(estimates.keySet());
  }

  /** The estimate in effect on a date (the latest one on or before it), or NaN when none. */
  public double estimate(String customerId, LocalDate date) {
    List<Estimate> list = estimates.get(customerId);
    if (list == null) {
      return Double.NaN;
    }
    int day = Math.toIntExact(date.toEpochDay());
    double amount = Double.NaN;
    for (Estimate e : list) {
      if (e.day() <= day) {
        amount = e.amount();
      }
    }
    return amount;
  }

  /** Builds a {@link BuyingPowerHistory}; each call checks its arguments at once. */
  public static final class Builder {
    private final Map<String, List<Estimate>> estimates = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds an estimate.
     *
     * @throws IllegalArgumentException for a non-positive amount or a second estimate of one
     *     account on one date
     */
    public Builder add(String customerId, LocalDate effectiveFrom, double annualBuyingPower) {
      requireNonNull(customerId, "customerId");
      requireNonNull(effectiveFrom, "effectiveFrom");
      if (!(annualBuyingPower > 0) || Double.isInfinite(annualBuyingPower)) {
        throw new IllegalArgumentException(
            "annual_buying_power: " + annualBuyingPower + " of '" + customerId
                + "' must be a positive amount");
      }
      int day = Math.toIntExact(effectiveFrom.toEpochDay());
      List<Estimate> list = estimates.computeIfAbsent(customerId, k -> new ArrayList<>());
      for (Estimate e : list) {
        if (e.day() == day) {
          throw new IllegalArgumentException(
              "effective_from: '" + customerId + "' has two estimates from " + effectiveFrom);
        }
      }
      list.add(new Estimate(day, annualBuyingPower));
      list.sort((a, b) -> Integer.compare(a.day(), b.day()));
      return this;
    }

    public BuyingPowerHistory build() {
      Map<String, List<Estimate>> copy = new LinkedHashMap<>();
      estimates.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new BuyingPowerHistory(copy);
    }
  }
}
