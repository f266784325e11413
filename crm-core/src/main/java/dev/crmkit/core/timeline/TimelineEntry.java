package dev.crmkit.core.timeline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.internal.Checks;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import java.time.Instant;
import java.util.Locale;

/**
 * One item of a customer's {@link Timeline}: a purchase, a return or an interaction.
 *
 * <pre>{@code
 * for (TimelineEntry e : crm.timeline(id).entries()) {
 *   System.out.println(e.at() + " " + e.kind() + " " + e.summary());
 * }
 * }</pre>
 *
 * <p>JSON form: {@code {"kind": "purchase", "order": {...}}}, {@code {"kind": "return",
 * "returned": {...}}} or {@code {"kind": "interaction", "interaction": {...}}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TimelineEntry.PurchaseEntry.class, name = "purchase"),
  @JsonSubTypes.Type(value = TimelineEntry.ReturnEntry.class, name = "return"),
  @JsonSubTypes.Type(value = TimelineEntry.InteractionEntry.class, name = "interaction")
})
public sealed interface TimelineEntry {

  /** What kind of item an entry is. */
  enum Kind {
    PURCHASE,
    RETURN,
    INTERACTION
  }

  Kind kind();

  Instant at();

  Channel channel();

  /** The id of the order, return or interaction. */
  String id();

  /** The customer id it was recorded under (a merged record's id for merged history). */
  CustomerId recordedUnder();

  /** One line saying what happened, e.g. "2 items, paid 2398.00 USD (list 2598.00 USD)". */
  String summary();

  /** A purchase. */
  record PurchaseEntry(Order order) implements TimelineEntry {
    public PurchaseEntry {
      Checks.notNull("order", order);
    }

    @Override
    public Kind kind() {
      return Kind.PURCHASE;
    }

    @Override
    public Instant at() {
      return order.orderedAt();
    }

    @Override
    public Channel channel() {
      return order.channel();
    }

    @Override
    public String id() {
      return order.id();
    }

    @Override
    public CustomerId recordedUnder() {
      return order.customerId();
    }

    @Override
    public String summary() {
      int units = order.lines().stream().mapToInt(l -> l.quantity()).sum();
      String paid = order.amountPaid().toString();
      String text = units + (units == 1 ? " item" : " items") + ", paid " + paid;
      return order.discount().isZero() ? text : text + " (list " + order.listAmount() + ")";
    }
  }

  /** A return of goods. */
  record ReturnEntry(Return returned) implements TimelineEntry {
    public ReturnEntry {
      Checks.notNull("returned", returned);
    }

    @Override
    public Kind kind() {
      return Kind.RETURN;
    }

    @Override
    public Instant at() {
      return returned.returnedAt();
    }

    @Override
    public Channel channel() {
      return returned.channel();
    }

    @Override
    public String id() {
      return returned.id();
    }

    @Override
    public CustomerId recordedUnder() {
      return returned.customerId();
    }

    @Override
    public String summary() {
      int units = returned.lines().stream().mapToInt(l -> l.quantity()).sum();
      return units + (units == 1 ? " item" : " items") + " of order " + returned.orderId()
          + ", refund " + returned.refund() + returned.reason().map(r -> " (" + r + ")").orElse("");
    }
  }

  /** An interaction. */
  record InteractionEntry(Interaction interaction) implements TimelineEntry {
    public InteractionEntry {
      Checks.notNull("interaction", interaction);
    }

    @Override
    public Kind kind() {
      return Kind.INTERACTION;
    }

    @Override
    public Instant at() {
      return interaction.occurredAt();
    }

    @Override
    public Channel channel() {
      return interaction.channel();
    }

    @Override
    public String id() {
      return interaction.id();
    }

    @Override
    public CustomerId recordedUnder() {
      return interaction.customerId();
    }

    @Override
    public String summary() {
      StringBuilder text = new StringBuilder()
          .append(interaction.direction().name().toLowerCase(Locale.ROOT)).append(' ')
          .append(interaction.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      if (!interaction.notes().isEmpty()) {
        text.append(": ").append(interaction.notes().replaceAll("\\s*\\R\\s*", " "));
      }
      interaction.outcome().ifPresent(o -> text.append(" -> ").append(o));
      return text.toString();
    }
  }
}
