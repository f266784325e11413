package dev.crmkit.core.timeline;

import static dev.crmkit.core.internal.Checks.invalid;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.optional;
import static dev.crmkit.core.internal.Checks.sortedSet;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.interaction.InteractionType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which entries of a timeline to keep: by kind, by channel, by interaction type and by period
 * {@code [from, until)}. An empty set means "any". With interaction types set, only interactions
 * of those types are kept.
 *
 * <pre>{@code
 * TimelineFilter complaintsThisYear = TimelineFilter.ALL
 *     .interactionTypes(InteractionType.COMPLAINT)
 *     .between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
 * }</pre>
 */
@dev.crmkit.core.base.CheckReturnValue
public record TimelineFilter(
    Set<TimelineEntry.Kind> kinds,
    Set<Channel> channels,
    Set<InteractionType> interactionTypes,
    Optional<Instant> from,
    Optional<Instant> until) {

  public static final TimelineFilter ALL =
      new TimelineFilter(Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty());

  public TimelineFilter {
    kinds = sortedSet("kinds", kinds);
    channels = sortedSet("channels", channels);
    interactionTypes = sortedSet("interactionTypes", interactionTypes);
    from = optional(from);
    until = optional(until);
    if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
      throw invalid("until", until.get(), "a time after from " + from.get());
    }
  }

  public TimelineFilter kinds(TimelineEntry.Kind... values) {
    return new TimelineFilter(distinct("kinds", values), channels, interactionTypes, from,
        until);
  }

  public TimelineFilter channels(Channel... values) {
    return new TimelineFilter(kinds, distinct("channels", values), interactionTypes, from,
        until);
  }

  public TimelineFilter interactionTypes(InteractionType... values) {
    return new TimelineFilter(kinds, channels, distinct("interactionTypes", values), from,
        until);
  }

  /** Entries at or after {@code from} and before {@code until}. */
  public TimelineFilter between(Instant from, Instant until) {
    return new TimelineFilter(kinds, channels, interactionTypes,
        Optional.of(notNull("from", from)), Optional.of(notNull("until", until)));
  }

  /** The values as a set; a value given twice is a mistake in the caller's filter, said so. */
  @SafeVarargs
  private static <T extends Comparable<? super T>> Set<T> distinct(String field, T... values) {
    notNull(field, values);
    Set<T> set = new TreeSet<>();
    for (int i = 0; i < values.length; i++) {
      T v = notNull(field + "[" + i + "]", values[i]);
      if (!set.add(v)) {
        throw invalid(field, v, "each value at most once; " + v + " is given twice");
      }
    }
    return set;
  }

  public boolean test(TimelineEntry e) {
    if (!kinds.isEmpty() && !kinds.contains(e.kind())) {
      return false;
    }
    if (!channels.isEmpty() && !channels.contains(e.channel())) {
      return false;
    }
    if (!interactionTypes.isEmpty()
        && !(e instanceof TimelineEntry.InteractionEntry c
            && interactionTypes.contains(c.interaction().type()))) {
      return false;
    }
    if (from.isPresent() && e.at().isBefore(from.get())) {
      return false;
    }
    return until.isEmpty() || e.at().isBefore(until.get());
  }

  List<TimelineEntry> apply(List<TimelineEntry> entries) {
    return entries.stream().filter(this::test).toList();
  }
}
