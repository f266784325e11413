package dev.crmkit.core.event;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers domain events to the listeners a host registers.
 *
 * <p>Delivery is synchronous, on the thread that made the change, after the change is stored,
 * in the order listeners subscribed. A listener that throws is logged (SLF4J, WARN), reported
 * to the failure handler and skipped: the other listeners still get the event and the change
 * stays as it is. A listener that must not slow the caller hands the event to its own executor.
 *
 * <pre>{@code
 * EventBus bus = EventBus.create();
 * EventBus.Subscription s = bus.subscribe(PurchaseEvent.PurchaseRecorded.class, e -> log(e.order()));
 * s.close(); // unsubscribes
 * }</pre>
 */
public final class EventBus {

  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final List<Registered> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<ListenerFailure> onFailure;

  private EventBus(Consumer<ListenerFailure> onFailure) {
    this.onFailure = onFailure;
  }

  /** A bus whose listener failures are only logged. */
  public static EventBus create() {
    return new EventBus(failure -> {});
  }

  /** A bus that also hands each listener failure to {@code onFailure}. */
  public static EventBus create(Consumer<ListenerFailure> onFailure) {
    return new EventBus(notNull("onFailure", onFailure));
  }

  /** Unsubscribes a listener when closed. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private record Registered(String name, Class<? extends DomainEvent> type,
      Consumer<? super DomainEvent> listener) {}

  /** Whether any listener is subscribed (the outbox relay skips reading events nobody hears). */
  public boolean hasListeners() {
    return !listeners.isEmpty();
  }

  /** Subscribes to every event. */
  public Subscription subscribe(Consumer<? super DomainEvent> listener) {
    return subscribe(DomainEvent.class, listener);
  }

  /** Subscribes to events of one type (or a supertype). */
  public <E extends DomainEvent> Subscription subscribe(
      Class<E> type, Consumer<? super E> listener) {
    return subscribe(notNull("listener", listener).getClass().getName(), type, listener);
  }

  /**
   * Subscribes under a name, which failure reports and logs use (a lambda's class name says
   * little).
   */
  public <E extends DomainEvent> Subscription subscribe(
      String name, Class<E> type, Consumer<? super E> listener) {
    Checks.text("name", name);
    notNull("type", type);
    notNull("listener", listener);
    @SuppressWarnings("unchecked")
    Consumer<? super DomainEvent> cast = e -> listener.accept((E) e);
    Registered registered = new Registered(name, type, cast);
    listeners.add(registered);
    return () -> listeners.remove(registered);
  }

  /**
   * Delivers an event to every listener that wants it.
   *
   * @return the failures, empty when every listener succeeded
   */
  public List<ListenerFailure> publish(DomainEvent event) {
    return publish(event, 1);
  }

  /**
   * Delivers an event to the listeners subscribed under {@code listenerName} only (for
   * redelivering a parked event to the listener that failed on it).
   *
   * @return the failure, or empty when it succeeded
   * @throws IllegalArgumentException when no listener has that name
   */
  public java.util.Optional<ListenerFailure> publishTo(String listenerName, DomainEvent event) {
    notNull("listenerName", listenerName);
    notNull("event", event);
    boolean found = false;
    for (Registered r : listeners) {
      if (!r.name().equals(listenerName)) {
        continue;
      }
      found = true;
      if (!r.type().isInstance(event)) {
        continue;
      }
      try {
        r.listener().accept(event);
      } catch (RuntimeException e) {
        LOG.warn("Listener {} failed again on {} for customer {}", r.name(),
            event.getClass().getSimpleName(), event.customerId(), e);
        return java.util.Optional.of(new ListenerFailure(r.name(), event, e));
      }
    }
    if (!found) {
      throw Checks.invalid("listenerName", listenerName, "the name of a subscribed listener");
    }
    return java.util.Optional.empty();
  }

  /**
   * Delivers an event to every listener that wants it, calling a listener that throws again,
   * up to {@code attempts} calls in all; the relay of stored events uses it.
   *
   * @return the last failure of each listener that failed every attempt
   */
  public List<ListenerFailure> publish(DomainEvent event, int attempts) {
    notNull("event", event);
    if (attempts < 1) {
      throw Checks.invalid("attempts", attempts, "at least 1");
    }
    List<ListenerFailure> failures = new ArrayList<>();
    for (Registered r : listeners) {
      if (!r.type().isInstance(event)) {
        continue;
      }
      for (int attempt = 1; attempt <= attempts; attempt++) {
        try {
          r.listener().accept(event);
          break;
        } catch (RuntimeException e) {
          LOG.warn("Listener {} failed on {} for customer {} (attempt {} of {}); the change is"
              + " kept", r.name(), event.getClass().getSimpleName(), event.customerId(),
              attempt, attempts, e);
          if (attempt == attempts) {
            ListenerFailure failure = new ListenerFailure(r.name(), event, e);
            failures.add(failure);
            try {
              onFailure.accept(failure);
            } catch (RuntimeException handlerError) {
              LOG.error("The listener-failure handler itself failed", handlerError);
            }
          }
        }
      }
    }
    return List.copyOf(failures);
  }
}
