package dev.crmkit.core.lost;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.Crm;
import dev.crmkit.core.CustomerHistory;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.event.EventBus;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.internal.ReadableIds;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import dev.crmkit.core.store.RecordType;
import dev.crmkit.core.store.Records;
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

/**
 * Lost customers of a {@link Crm}: lists those who lapsed by a {@link LapseRule}, records why
 * customers left (a reason from a configured list, plus notes) and the attempts to win them
 * back, and summarises reasons over a period.
 *
 * <p>Departures ({@link #DEPARTURES}) and attempts ({@link #WIN_BACKS}) are kept in the crm's
 * store, so in a database they survive a restart and are shared by every process using it. Each
 * is recorded in a transaction of the store with its event, which is delivered on
 * {@code crm.events()} after the commit. Ids come from the store's counters {@code departure}
 * and {@code win_back}. Thread-safe.
 *
 * <pre>{@code
 * LostCustomers lost = LostCustomers.create(crm, LapseRule.after(Duration.ofDays(365)),
 *     Set.of("price", "service", "moved", "competitor"));
 * lost.lapsed(clock.instant()).forEach(l -> System.out.println(l.customer().id()));
 * }</pre>
 */
public final class LostCustomers {

  /** How many interactions a lapsed customer's entry shows. */
  public static final int LAST_INTERACTIONS = 3;

  /** The recorded departures in the crm's store. */
  public static final RecordType<Departure> DEPARTURES = RecordType.of("departure",
      Departure.class, Departure::id, Departure::customerId, Departure::recordedAt);

  /** The recorded win-back attempts in the crm's store. */
  public static final RecordType<WinBackAttempt> WIN_BACKS = RecordType.of("win-back",
      WinBackAttempt.class, WinBackAttempt::id, WinBackAttempt::customerId,
      WinBackAttempt::attemptedAt);

  private final Crm crm;
  private final Clock clock;
  private final LapseRule rule;
  private final Set<String> reasons;
  private final Records<Departure> departures;
  private final Records<WinBackAttempt> winBacks;

  private LostCustomers(Crm crm, Clock clock, LapseRule rule, Set<String> reasons) {
    this.crm = crm;
    this.clock = clock;
    this.rule = rule;
    this.reasons = reasons;
    this.departures = crm.store().records(DEPARTURES);
    this.winBacks = crm.store().records(WIN_BACKS);
  }

  /**
   * Lost customers on the crm's store, clock and event bus.
   *
   * @param reasons the reasons a departure may give (at least one)
   */
  public static LostCustomers create(Crm crm, LapseRule rule, Collection<String> reasons) {
    notNull("crm", crm);
    return new LostCustomers(crm, crm.clock(), notNull("rule", rule), checkReasons(reasons));
  }

  /**
   * Lost customers whose times come from {@code clock}.
   *
   * @param events must be {@code crm.events()}: events leave through the crm's outbox after
   *     commit and are delivered there
   * @param reasons the reasons a departure may give (at least one)
   * @throws IllegalArgumentException when {@code events} is another bus
   */
  public static LostCustomers create(Crm crm, Clock clock, EventBus events, LapseRule rule,
      Collection<String> reasons) {
    Set<String> r = checkReasons(reasons);
    notNull("crm", crm);
    ReadableIds.sameBus(events, crm.events(), "LostCustomers.create(crm, rule, reasons)");
    return new LostCustomers(crm, notNull("clock", clock), notNull("rule", rule), r);
  }

  private static Set<String> checkReasons(Collection<String> reasons) {
    notNull("reasons", reasons);
    Set<String> r = new TreeSet<>();
    reasons.forEach(x -> r.add(text("reasons", x)));
    if (r.isEmpty()) {
      throw invalid("reasons", reasons, "at least one departure reason");
    }
    return Set.copyOf(r);
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
   * Records why a customer left (id {@code D-000001}, from the store's counter).
   *
   * @throws IllegalArgumentException when the reason is not one of the configured ones
   */
  public Departure recordDeparture(CustomerId customerId, String reason, String notes) {
    notNull("customerId", customerId);
    String r = text("reason", reason);
    if (!reasons.contains(r)) {
      throw invalid("reason", reason, "one of " + reasons());
    }
    return crm.inTransaction(() -> {
      // resolved inside the use case, so a merge just before it names the survivor
      Customer c = crm.get(customerId);
      Departure d = new Departure(
          ReadableIds.format("D", crm.store().sequences().next("departure")), c.id(),
          clock.instant(), r, notes);
      departures.add(d);
      crm.publish(new LostCustomerEvent.CustomerLeft(d, d.recordedAt()));
      return d;
    });
  }

  /** Records an attempt to win a customer back (id {@code W-000001}, from the store's counter). */
  public WinBackAttempt recordWinBack(CustomerId customerId, String action,
      WinBackAttempt.Outcome outcome, String notes) {
    notNull("customerId", customerId);
    String a = text("action", action);
    notNull("outcome", outcome);
    return crm.inTransaction(() -> {
      Customer c = crm.get(customerId);
      WinBackAttempt w = new WinBackAttempt(
          ReadableIds.format("W", crm.store().sequences().next("win_back")), c.id(),
          clock.instant(), a, outcome, notes);
      winBacks.add(w);
      crm.publish(new LostCustomerEvent.WinBackAttempted(w, w.attemptedAt()));
      return w;
    });
  }

  /** The departures of the customer {@code id} is or was merged into, in id order. */
  public List<Departure> departures(CustomerId id) {
    List<Departure> found = new ArrayList<>(departures.findByCustomers(crm.get(id).allIds()));
    found.sort(Comparator.comparing(Departure::id, ReadableIds.ORDER));
    return List.copyOf(found);
  }

  /** The win-back attempts of the customer {@code id} is or was merged into, in id order. */
  public List<WinBackAttempt> winBacks(CustomerId id) {
    List<WinBackAttempt> found = new ArrayList<>(winBacks.findByCustomers(crm.get(id).allIds()));
    found.sort(Comparator.comparing(WinBackAttempt::id, ReadableIds.ORDER));
    return List.copyOf(found);
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
    departures.forEach(d -> {
      if (!d.recordedAt().isBefore(from) && d.recordedAt().isBefore(until)) {
        byReason.merge(d.reason(), 1L, Long::sum);
        n[0]++;
      }
    });
    winBacks.forEach(w -> {
      if (!w.attemptedAt().isBefore(from) && w.attemptedAt().isBefore(until)) {
        byOutcome.merge(w.outcome(), 1L, Long::sum);
      }
    });
    return new DepartureSummary(from, until, n[0], byReason, byOutcome);
  }

  /**
   * Replaces the notes of the customers' departures and attempts; used by erasure. One
   * transaction (or part of the caller's), locking each record it changes.
   */
  public int redactText(Set<CustomerId> customerIds, String replacement) {
    notNull("customerIds", customerIds);
    String r = text("replacement", replacement);
    return crm.inTransaction(() -> {
      int n = 0;
      for (Departure found : departures.findByCustomers(customerIds)) {
        Optional<Departure> locked = departures.findForUpdate(found.id());
        if (locked.isPresent() && !locked.get().notes().isEmpty()) {
          Departure d = locked.get();
          departures.update(new Departure(d.id(), d.customerId(), d.recordedAt(), d.reason(), r));
          n++;
        }
      }
      for (WinBackAttempt found : winBacks.findByCustomers(customerIds)) {
        Optional<WinBackAttempt> locked = winBacks.findForUpdate(found.id());
        if (locked.isPresent() && !locked.get().notes().isEmpty()) {
          WinBackAttempt w = locked.get();
          winBacks.update(new WinBackAttempt(w.id(), w.customerId(), w.attemptedAt(),
              w.action(), w.outcome(), r));
          n++;
        }
      }
      return n;
    });
  }
}
