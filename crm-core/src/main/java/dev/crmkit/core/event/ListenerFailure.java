package dev.crmkit.core.event;

import static dev.crmkit.core.internal.Checks.notNull;

/**
 * A listener that threw while handling an event. The change that raised the event is stored
 * regardless; this only reports that one listener did not see it through.
 *
 * <pre>{@code
 * EventBus bus = EventBus.create(failure -> metrics.increment("crm.listener.failures"));
 * }</pre>
 */
public record ListenerFailure(String listener, DomainEvent event, RuntimeException error) {

  public ListenerFailure {
    notNull("listener", listener);
    notNull("event", event);
    notNull("error", error);
  }
}
