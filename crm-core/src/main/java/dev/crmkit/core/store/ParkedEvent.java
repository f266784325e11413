package dev.crmkit.core.store;

import dev.crmkit.core.event.DomainEvent;
import java.time.Instant;

/**
 * An event that a listener failed on every attempt: kept with the listener's name and its last
 * error, for the host to see ({@code crm.parkedEvents()}) and to deliver again once the cause is
 * fixed ({@code crm.retryParkedEvents()}).
 *
 * @param id the parked entry's number
 * @param listener the name of the listener that failed
 * @param event the event, as stored
 * @param error the last error's class and message
 * @param parkedAt when the relay gave up
 */
public record ParkedEvent(long id, String listener, DomainEvent event, String error,
    Instant parkedAt) {}
