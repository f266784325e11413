package dev.crmkit.core.event;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.crmkit.core.base.CustomerId;
import java.time.Instant;

/**
 * Something that happened to the customer base, published on the {@link EventBus} after the
 * change is stored. Every event names the customer it concerns and when it happened (by the
 * publisher's clock).
 *
 * <p>The events themselves are sealed families in the packages that publish them:
 * {@code customer.CustomerEvent}, {@code identity.IdentityEvent}, {@code purchase.PurchaseEvent},
 * {@code interaction.InteractionEvent}, {@code sales.SalesEvent}, {@code service.ServiceEvent},
 * {@code survey.SurveyEvent}, {@code lost.LostCustomerEvent} and {@code privacy.PrivacyEvent}.
 * This root knows none of them, so the {@code event} package depends on no feature; crmkit's
 * stores only write those families (a host's own implementation of this interface cannot be
 * stored in an outbox).
 *
 * <pre>{@code
 * bus.subscribe(PurchaseEvent.PurchaseRecorded.class, e -> loyalty.earn(e.order()));
 * }</pre>
 *
 * <p>JSON form: an object with a {@code "type"} property naming the event
 * ({@code "purchase-recorded"}, ...); {@code CrmJson.mapper()} reads any of them as a
 * {@code DomainEvent}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DomainEvent {

  /** The customer the event concerns. */
  CustomerId customerId();

  /** When it happened. */
  Instant occurredAt();
}
