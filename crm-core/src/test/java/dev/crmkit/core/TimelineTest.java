package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.Individual;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.Order;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.time.SettableClock;
import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineEntry;
import dev.crmkit.core.timeline.TimelineFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private final SettableClock clock = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private final Crm crm = Fixtures.crm(clock);
  private final Individual anna = crm.register(Fixtures.anna());

  private Instant day(int n) {
    return Fixtures.T0.plus(Duration.ofDays(n));
  }

  private Timeline story() {
    Individual duplicate = crm.register(Registration.individual("Anna Schmidt")
        .email("anna@example.com"));
    // recorded out of time order on purpose: the timeline sorts
    crm.logInteraction(InteractionRequest.of(duplicate.id(), Channel.HOTLINE,
        InteractionType.COMPLAINT, Direction.INBOUND).occurredAt(day(5)).notes("late delivery"));
    Order order = crm.recordPurchase(OrderRequest.of(anna.id(), Channel.WEB, "EUR")
        .orderedAt(day(1))
        .line("PHONE-X", "phones", 1, Money.of("699", "EUR"), Money.of("649", "EUR")));
    crm.recordReturn(ReturnRequest.of(order.id()).line(1, 1).returnedAt(day(7)));
    crm.logInteraction(InteractionRequest.of(anna.id(), Channel.EMAIL,
        InteractionType.CAMPAIGN_CONTACT, Direction.OUTBOUND).occurredAt(day(1))
        .campaign("spring"));
    crm.recordPurchase(OrderRequest.of(duplicate.id(), Channel.STORE, "EUR").orderedAt(day(9))
        .line("CASE", "accessories", 2, Money.of("20", "EUR"), Money.of("20", "EUR")));
    crm.merge(anna.id(), duplicate.id());
    return crm.timeline(anna.id());
  }

  @Test
  void the_timeline_holds_the_merged_records_history_in_time_order() {
    Timeline timeline = story();
    assertThat(timeline.entries()).extracting(TimelineEntry::at, TimelineEntry::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(day(1), TimelineEntry.Kind.PURCHASE),
            org.assertj.core.groups.Tuple.tuple(day(1), TimelineEntry.Kind.INTERACTION),
            org.assertj.core.groups.Tuple.tuple(day(5), TimelineEntry.Kind.INTERACTION),
            org.assertj.core.groups.Tuple.tuple(day(7), TimelineEntry.Kind.RETURN),
            org.assertj.core.groups.Tuple.tuple(day(9), TimelineEntry.Kind.PURCHASE));
    assertThat(timeline.entries()).extracting(TimelineEntry::summary).containsExactly(
        "1 item, paid 649.00 EUR (list 699.00 EUR)",
        "outbound campaign contact",
        "inbound complaint: late delivery",
        "1 item of order O-000001, refund 649.00 EUR",
        "2 items, paid 40.00 EUR");
    assertThat(timeline.entries().get(4).recordedUnder()).isNotEqualTo(anna.id());
  }

  @Test
  void timelines_filter_by_kind_channel_interaction_type_and_period() {
    Timeline timeline = story();
    assertThat(timeline.filter(TimelineFilter.ALL.kinds(TimelineEntry.Kind.PURCHASE)).size())
        .isEqualTo(2);
    assertThat(timeline.filter(TimelineFilter.ALL.channels(Channel.WEB)).entries())
        .extracting(TimelineEntry::kind)
        .containsExactly(TimelineEntry.Kind.PURCHASE, TimelineEntry.Kind.RETURN);
    assertThat(timeline.filter(TimelineFilter.ALL.interactionTypes(InteractionType.COMPLAINT))
        .entries()).extracting(TimelineEntry::at).containsExactly(day(5));
    assertThat(crm.timeline(anna.id(), TimelineFilter.ALL.between(day(1), day(7))).entries())
        .extracting(TimelineEntry::at).containsExactly(day(1), day(1), day(5));
    assertThat(timeline.filter(TimelineFilter.ALL)).isEqualTo(timeline);
  }

  @Test
  void a_period_must_end_after_it_starts_and_a_timeline_must_be_sorted() {
    assertThatThrownBy(() -> TimelineFilter.ALL.between(day(2), day(1)))
        .hasMessageStartingWith("until:");
    Timeline timeline = story();
    java.util.List<TimelineEntry> reversed = new java.util.ArrayList<>(timeline.entries());
    java.util.Collections.reverse(reversed);
    assertThatThrownBy(() -> new Timeline(anna.id(), reversed))
        .hasMessageContaining("entries in time order");
  }

  @Test
  void a_value_given_twice_to_a_filter_is_named_with_its_field() {
    assertThatThrownBy(() -> TimelineFilter.ALL.kinds(TimelineEntry.Kind.PURCHASE,
            TimelineEntry.Kind.PURCHASE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kinds: 'PURCHASE' is not valid; expected each value at most once;"
            + " PURCHASE is given twice");
    assertThatThrownBy(() -> TimelineFilter.ALL.channels(Channel.WEB, Channel.STORE, Channel.WEB))
        .hasMessageStartingWith("channels: 'WEB' is not valid");
    assertThatThrownBy(() -> TimelineFilter.ALL.interactionTypes(InteractionType.COMPLAINT,
            InteractionType.COMPLAINT))
        .hasMessageStartingWith("interactionTypes: 'COMPLAINT' is not valid");
    assertThatThrownBy(() -> TimelineFilter.ALL.kinds(TimelineEntry.Kind.PURCHASE, null))
        .isInstanceOf(NullPointerException.class).hasMessageStartingWith("kinds[1]:");
    assertThat(TimelineFilter.ALL.kinds(TimelineEntry.Kind.RETURN, TimelineEntry.Kind.PURCHASE)
        .kinds()).containsExactly(TimelineEntry.Kind.PURCHASE, TimelineEntry.Kind.RETURN);
  }
}
