package dev.crmkit.core.timeline;

import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.interaction.InteractionType;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One line of a customer's timeline as a list shows it, without the order, return or
 * interaction behind it: what {@code crm.timelineItems(id)} reads (on a JDBC store from plain
 * columns, one indexed query, no JSON). The same kind, instant, id, customer, channel and
 * summary as the {@link TimelineEntry} of the same record, the amount paid (purchase) or
 * refunded (return), and the type of an interaction. Read the whole record by its id
 * ({@code crm.findOrder(id)}, ...) when it is needed.
 *
 * <pre>{@code
 * for (TimelineItem i : crm.timelineItems(id)) {
 *   System.out.println(i.at() + " " + i.kind() + " " + i.summary());
 * }
 * }</pre>
 */
public record TimelineItem(
    TimelineEntry.Kind kind,
    Instant at,
    String id,
    CustomerId recordedUnder,
    Channel channel,
    String summary,
    Optional<Money> amount,
    Optional<InteractionType> interactionType) {

  /** The order of a timeline: by instant, purchases before returns before interactions, id. */
  public static final Comparator<TimelineItem> ORDER = (a, b) -> {
    // written out rather than composed (Comparator.comparing(...).thenComparing(...)): a long
    // timeline sorts tens of thousands of items per read
    int byTime = a.at.compareTo(b.at);
    if (byTime != 0) {
      return byTime;
    }
    int byKind = a.kind.compareTo(b.kind);
    return byKind != 0 ? byKind : a.id.compareTo(b.id);
  };

  public TimelineItem {
    notNull("kind", kind);
    notNull("at", at);
    notNull("id", id);
    notNull("recordedUnder", recordedUnder);
    notNull("channel", channel);
    notNull("summary", summary);
    notNull("amount", amount);
    notNull("interactionType", interactionType);
    if (amount.isPresent() == (kind == TimelineEntry.Kind.INTERACTION)) {
      throw dev.crmkit.core.internal.Checks.invalid("amount", amount,
          "an amount for a purchase or return, none for an interaction");
    }
    if (interactionType.isPresent() != (kind == TimelineEntry.Kind.INTERACTION)) {
      throw dev.crmkit.core.internal.Checks.invalid("interactionType", interactionType,
          "a type for an interaction, none for a purchase or return");
    }
  }

  /** The item of a full timeline entry. */
  public static TimelineItem of(TimelineEntry entry) {
    notNull("entry", entry);
    Optional<Money> amount = Optional.empty();
    Optional<InteractionType> type = Optional.empty();
    if (entry instanceof TimelineEntry.PurchaseEntry p) {
      amount = Optional.of(p.order().amountPaid());
    } else if (entry instanceof TimelineEntry.ReturnEntry r) {
      amount = Optional.of(r.returned().refund());
    } else if (entry instanceof TimelineEntry.InteractionEntry i) {
      type = Optional.of(i.interaction().type());
    }
    return new TimelineItem(entry.kind(), entry.at(), entry.id(), entry.recordedUnder(),
        entry.channel(), entry.summary(), amount, type);
  }
}
