package dev.crmkit.core.store;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.event.EventBus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Port: the transactional outbox. A use case appends its events in its own transaction, so an
 * event exists exactly when its change was committed; after the commit the relay delivers the
 * stored events to the {@link EventBus} listeners in the order they were appended (so in order
 * per customer), at least once, and removes them. Only one relay runs at a time across every
 * process that shares the store; an event whose delivery was interrupted by a crash is delivered
 * again by the next relay. A listener that fails every attempt is parked with its error.
 */
public interface Outbox {

  /** Stores {@code event} in the transaction this thread is in. */
  void append(DomainEvent event);

  /**
   * Stores {@code events}, in their order, in the transaction this thread is in; JDBC writes
   * them as one batch. The default appends them one by one.
   */
  default void appendAll(List<? extends DomainEvent> events) {
    events.forEach(this::append);
  }

  /**
   * Delivers every stored event to {@code bus}'s listeners, each failing listener called up to
   * {@code attempts} times before the event is parked for it; returns how many events were
   * delivered. Returns 0 at once when this thread is already relaying (a listener that writes
   * through the facade): the running relay picks up what that write appended.
   */
  int relay(EventBus bus, int attempts, Instant now);

  /** How many events wait for delivery. */
  long pending();

  /** The parked deliveries, oldest first. */
  List<ParkedEvent> parked();

  /**
   * Delivers each parked event again to the listener that failed on it (by name); those that
   * succeed are removed, those that fail stay parked with the new error.
   *
   * @return how many were delivered
   */
  int retryParked(EventBus bus, Instant now);

  /**
   * Overwrites, in the stored (pending and parked) events of these customers, every text value
   * equal to one of {@code values} by {@code replacement}: erasure reaches the outbox too.
   *
   * @return how many stored events changed
   * @throws IllegalArgumentException when the replacement would make an event unreadable (an
   *     e-mail address replaced by text that is no e-mail address): use
   *     {@link #redact(Collection, Map)} with a replacement of the right form for each value
   */
  default int redact(Collection<CustomerId> customerIds, Collection<String> values,
      String replacement) {
    dev.crmkit.core.internal.Checks.notNull("replacement", replacement);
    return redact(customerIds, values.stream().distinct()
        .collect(Collectors.toMap(Function.identity(), v -> replacement)));
  }

  /**
   * Overwrites, in the stored (pending and parked) events of these customers, every text value
   * that is a key of {@code replacements} by its value (an e-mail address by a pseudonymous
   * e-mail address, a name by a pseudonym, ...; a null value removes the value: null in an
   * object, left out of a list). All or nothing: when a replacement would make
   * a stored event unreadable, nothing changes.
   *
   * @return how many stored events changed
   * @throws IllegalArgumentException naming the event when a replacement makes it unreadable
   */
  int redact(Collection<CustomerId> customerIds, Map<String, String> replacements);
}
