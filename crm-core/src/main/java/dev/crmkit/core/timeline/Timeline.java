package dev.crmkit.core.timeline;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.list;
import static dev.crmkit.core.internal.Checks.notNull;

import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.interaction.Interaction;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.Return;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One customer's purchases, returns and interactions (those of records merged into it included)
 * in time order. At the same instant, purchases come before returns before interactions, then
 * by id, so the order is total and repeatable.
 *
 * <pre>{@code
 * Timeline t = crm.timeline(id).filter(TimelineFilter.ALL.channels(Channel.HOTLINE));
 * }</pre>
 */
public record Timeline(CustomerId customerId, List<TimelineEntry> entries) {

  /** The order of a timeline. */
  public static final Comparator<TimelineEntry> ORDER =
      Comparator.comparing(TimelineEntry::at)
          .thenComparing(TimelineEntry::kind)
          .thenComparing(TimelineEntry::id);

  /** Rejects entries out of order: a timeline is always sorted. */
  public Timeline {
    notNull("customerId", customerId);
    entries = list("entries", entries);
    for (int i = 1; i < entries.size(); i++) {
      if (ORDER.compare(entries.get(i - 1), entries.get(i)) > 0) {
        throw invalid("entries[" + i + "]", entries.get(i).id(), "entries in time order");
      }
    }
  }

  public static Timeline of(
      CustomerId customerId,
      Collection<Order> orders,
      Collection<Return> returns,
      Collection<Interaction> interactions) {
    List<TimelineEntry> entries = new ArrayList<>();
    orders.forEach(o -> entries.add(new TimelineEntry.PurchaseEntry(o)));
    returns.forEach(r -> entries.add(new TimelineEntry.ReturnEntry(r)));
    interactions.forEach(i -> entries.add(new TimelineEntry.InteractionEntry(i)));
    entries.sort(ORDER);
    return new Timeline(customerId, entries);
  }

  public Timeline filter(TimelineFilter filter) {
    return new Timeline(customerId, notNull("filter", filter).apply(entries));
  }

  public int size() {
    return entries.size();
  }
}
