package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;
import static dev.crmkit.core.internal.Locking.locked;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.CustomerId;
import dev.crmkit.core.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lost customers of a {@link Crm}: lists those who lapsed by a {@link LapseRule}, records why
 * customers left (a reason from a configured list, plus notes) and the attempts to win them
 * back, and summarises reasons over a period. Departures and attempts are kept in memory; each
 * is published on the event bus.
 *
 * <pre>{@code
 * LostCustomers lost = LostCustomers.create(crm, clock, crm.events(),
 *     LapseRule.after(Duration.ofDays(365)), Set.of("price", "service", "moved", "competitor"));
 * lost.lapsed(clock.instant()).forEach(l -> System.out.println(l.customer().id()));
 * }</pre>
 */
public final class LostCustomers {

  /** How many interactions a lapsed customer's entry shows. */
  public static final int LAST_INTERACTIONS = 3;

  private final Crm crm;
  private final Clock clock;
  private final EventBus events;
  private final LapseRule rule;
  private final Set<String> reasons;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Departure> departures = new ArrayList<>();
  private final List<WinBackAttempt> winBacks = new ArrayList<>();

  private LostCustomers(Crm crm, Clock clock, EventBus events, LapseRule rule,
      Set<String> reasons) {
    this.crm = crm;
    this.clock = clock;
    this.events = events;
    this.rule = rule;
    this.reasons = reasons;
  }

  /**
   * @param reasons the reasons a departure may give (at least one)
   */
  public static LostCustomers create(Crm crm, Clock clock, EventBus events, LapseRule rule,
      Collection<String> reasons) {
    notNull("reasons", reasons);
    Set<String> r = new TreeSet<>();
    reasons.forEach(x -> r.add(text("reasons", x)));
    if (r.isEmpty()) {
      throw invalid("reasons", reasons, "at least one departure reason");
    }
    return new LostCustomers(notNull("crm", crm), notNull("clock", clock),
        notNull("events", events), notNull("rule", rule), Set.copyOf(r));
  }

  /**
   * The customers lapsed as of {@code asOf}: their last purchase up to then is longer ago than
   * their segment's threshold. Customers who never bought are not lapsed (they never started);
   * orders and interactions after {@code asOf} are not looked at. Longest lapsed first.
   */
  public List<LapsedCustomer> lapsed(Instant asOf) {
    notNull("asOf", asOf);
    List<LapsedCustomer> out = new ArrayList<>();
    crm.histories().forEach(h -> lapsed(h, asOf).ifPresent(out::add));
    out.sort(Comparator.comparing(LapsedCustomer::sinceLastPurchase).reversed()
        .thenComparing(l -> l.customer().id()));
    return List.copyOf(out);
  }

  private Optional<LapsedCustomer> lapsed(CustomerHistory h, Instant asOf) {
    Optional<Order> last = h.orders().stream().filter(o -> !o.orderedAt().isAfter(asOf))
        .max(Comparator.comparing(Order::orderedAt).thenComparing(Order::id));
    if (last.isEmpty()) {
      return Optional.empty();
    }
    String segment = rule.segmentOf(h.customer());
    Duration since = Duration.between(last.get().orderedAt(), asOf);
    if (since.compareTo(rule.thresholdFor(segment)) <= 0) {
      return Optional.empty();
    }
    Map<String, Money> value = new TreeMap<>();
    for (Order o : h.orders()) {
      if (!o.orderedAt().isAfter(asOf)) {
        value.merge(o.currency().getCurrencyCode(), o.amountPaid(), Money::plus);
      }
    }
    for (Return r : h.returns()) {
      if (!r.returnedAt().isAfter(asOf)) {
        value.merge(r.refund().currency().getCurrencyCode(), r.refund().negate(), Money::plus);
      }
    }
    List<Interaction> lastInteractions = h.interactions().stream()
        .filter(i -> !i.occurredAt().isAfter(asOf))
        .sorted(Comparator.comparing(Interaction::occurredAt).thenComparing(Interaction::id)
            .reversed())
        .limit(LAST_INTERACTIONS).toList();
    return Optional.of(new LapsedCustomer(h.customer(), segment, last.get(), since,
        List.copyOf(value.values()), lastInteractions));
  }

  /** The configured departure reasons, sorted. */
  public Set<String> reasons() {
    return new TreeSet<>(reasons);
  }

  /**
   * Records why a customer left.
   *
   * @throws IllegalArgumentException when the reason is not one of the configured ones
   */
  public Departure recordDeparture(CustomerId customerId, String reason, String notes) {
    Customer c = crm.get(customerId);
    String r = text("reason", reason);
    if (!reasons.contains(r)) {
      throw invalid("reason", reason, "one of " + reasons());
    }
    Departure d = change(() -> {
      Departure x = new Departure(String.format("D-%06d", departures.size() + 1), c.id(),
          clock.instant(), r, notes);
      departures.add(x);
      return x;
    });
    events.publish(new DomainEvent.CustomerLeft(d, d.recordedAt()));
    return d;
  }

  /** Records an attempt to win a customer back. */
  public WinBackAttempt recordWinBack(CustomerId customerId, String action,
      WinBackAttempt.Outcome outcome, String notes) {
    Customer c = crm.get(customerId);
    String a = text("action", action);
    notNull("outcome", outcome);
    WinBackAttempt w = change(() -> {
      WinBackAttempt x = new WinBackAttempt(String.format("W-%06d", winBacks.size() + 1), c.id(),
          clock.instant(), a, outcome, notes);
      winBacks.add(x);
      return x;
    });
    events.publish(new DomainEvent.WinBackAttempted(w, w.attemptedAt()));
    return w;
  }

  public List<Departure> departures(CustomerId id) {
    Set<CustomerId> ids = crm.get(id).allIds();
    return change(() -> departures.stream().filter(d -> ids.contains(d.customerId())).toList());
  }

  public List<WinBackAttempt> winBacks(CustomerId id) {
    Set<CustomerId> ids = crm.get(id).allIds();
    return change(() -> winBacks.stream().filter(w -> ids.contains(w.customerId())).toList());
  }

  /** Departures and win-back attempts recorded in {@code [from, until)}. */
  public DepartureSummary summary(Instant from, Instant until) {
    notNull("from", from);
    notNull("until", until);
    if (!from.isBefore(until)) {
      throw invalid("until", until, "an instant after from (" + from + ")");
    }
    Map<String, Long> byReason = new TreeMap<>();
    reasons.forEach(r -> byReason.put(r, 0L));
    Map<WinBackAttempt.Outcome, Long> byOutcome = new EnumMap<>(WinBackAttempt.Outcome.class);
    for (WinBackAttempt.Outcome o : WinBackAttempt.Outcome.values()) {
      byOutcome.put(o, 0L);
    }
    long[] n = new long[1];
    change(() -> {
      for (Departure d : departures) {
        if (!d.recordedAt().isBefore(from) && d.recordedAt().isBefore(until)) {
          byReason.merge(d.reason(), 1L, Long::sum);
          n[0]++;
        }
      }
      for (WinBackAttempt w : winBacks) {
        if (!w.attemptedAt().isBefore(from) && w.attemptedAt().isBefore(until)) {
          byOutcome.merge(w.outcome(), 1L, Long::sum);
        }
      }
      return null;
    });
    return new DepartureSummary(from, until, n[0], byReason, byOutcome);
  }

  /** Replaces the notes of the customers' departures and attempts; used by erasure. */
  public int redactText(Set<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    String r = text("replacement", replacement);
    return change(() -> {
      int n = 0;
      for (int i = 0; i < departures.size(); i++) {
        Departure d = departures.get(i);
        if (customerIds.contains(d.customerId()) && !d.notes().isEmpty()) {
          departures.set(i, new Departure(d.id(), d.customerId(), d.recordedAt(), d.reason(), r));
          n++;
        }
      }
      for (int i = 0; i < winBacks.size(); i++) {
        WinBackAttempt w = winBacks.get(i);
        if (customerIds.contains(w.customerId()) && !w.notes().isEmpty()) {
          winBacks.set(i, new WinBackAttempt(w.id(), w.customerId(), w.attemptedAt(),
              w.action(), w.outcome(), r));
          n++;
        }
      }
      return n;
    });
  }

  private <T> T change(Supplier<T> body) {
    return locked(lock, body);
  }
}
