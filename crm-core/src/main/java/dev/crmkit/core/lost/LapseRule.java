package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Organization;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * When a customer counts as lapsed: the time since the last purchase exceeds the threshold of
 * the customer's segment. The segment comes from a function of the customer (by default its
 * kind, {@code "individual"} or {@code "organization"}); a segment without its own threshold
 * uses the default one.
 *
 * <pre>{@code
 * LapseRule rule = LapseRule.after(Duration.ofDays(365))
 *     .withThreshold("organization", Duration.ofDays(180));
 * }</pre>
 */
public final class LapseRule {

  private final Duration defaultThreshold;
  private final Map<String, Duration> thresholds;
  private final Function<Customer, String> segmentOf;

  private LapseRule(Duration defaultThreshold, Map<String, Duration> thresholds,
      Function<Customer, String> segmentOf) {
    this.defaultThreshold = defaultThreshold;
    this.thresholds = thresholds;
    this.segmentOf = segmentOf;
  }

  /** Every customer lapses after {@code threshold} without a purchase. */
  public static LapseRule after(Duration threshold) {
    return new LapseRule(positive("threshold", threshold), Map.of(),
        c -> c instanceof Organization ? "organization" : "individual");
  }

  /** A copy with its own threshold for one segment. */
  public LapseRule withThreshold(String segment, Duration threshold) {
    Map<String, Duration> copy = new TreeMap<>(thresholds);
    copy.put(text("segment", segment), positive("threshold", threshold));
    return new LapseRule(defaultThreshold, Map.copyOf(copy), segmentOf);
  }

  /** A copy that puts customers in segments with this function (it must not return null). */
  public LapseRule segmentedBy(Function<Customer, String> segmentFunction) {
    notNull("segmentFunction", segmentFunction);
    return new LapseRule(defaultThreshold, thresholds, segmentFunction);
  }

  public String segmentOf(Customer c) {
    String s = segmentOf.apply(notNull("customer", c));
    if (s == null) {
      throw invalid("segment", null, "a segment for customer " + c.id()
          + " from the segment function");
    }
    return s;
  }

  public Duration thresholdFor(String segment) {
    return thresholds.getOrDefault(notNull("segment", segment), defaultThreshold);
  }

  private static Duration positive(String field, Duration d) {
    notNull(field, d);
    if (d.isNegative() || d.isZero()) {
      throw invalid(field, d, "a positive duration");
    }
    return d;
  }
}
