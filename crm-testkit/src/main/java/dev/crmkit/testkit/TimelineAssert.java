package dev.crmkit.testkit;

import dev.crmkit.core.timeline.Timeline;
import dev.crmkit.core.timeline.TimelineEntry;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link Timeline}; failures list the entries found.
 *
 * <pre>{@code
 * CrmAssertions.assertThat(timeline).hasSize(3).hasKinds(PURCHASE, RETURN, INTERACTION);
 * }</pre>
 */
public final class TimelineAssert extends AbstractObjectAssert<TimelineAssert, Timeline> {

  TimelineAssert(Timeline actual) {
    super(actual, TimelineAssert.class);
  }

  public TimelineAssert hasSize(int expected) {
    isNotNull();
    if (actual.size() != expected) {
      failWithMessage("Expected %d timeline entries but found %d:%n%s", expected, actual.size(),
          describe(actual.entries()));
    }
    return this;
  }

  /** The kinds of the entries, in order. */
  public TimelineAssert hasKinds(TimelineEntry.Kind... kinds) {
    isNotNull();
    List<TimelineEntry.Kind> found = actual.entries().stream().map(TimelineEntry::kind).toList();
    if (!found.equals(Arrays.asList(kinds))) {
      failWithMessage("Expected timeline kinds %s but found %s:%n%s", Arrays.toString(kinds),
          found, describe(actual.entries()));
    }
    return this;
  }

  /** Entries never go back in time. */
  public TimelineAssert isInTimeOrder() {
    isNotNull();
    List<TimelineEntry> e = actual.entries();
    for (int i = 1; i < e.size(); i++) {
      if (e.get(i).at().isBefore(e.get(i - 1).at())) {
        failWithMessage("Expected entries in time order but entry %d (%s at %s) comes after"
            + " entry %d at %s", i, e.get(i).id(), e.get(i).at(), i - 1, e.get(i - 1).at());
      }
    }
    return this;
  }

  public TimelineAssert containsEntry(String id) {
    isNotNull();
    if (actual.entries().stream().noneMatch(x -> x.id().equals(id))) {
      failWithMessage("Expected the timeline to contain %s but found:%n%s", id,
          describe(actual.entries()));
    }
    return this;
  }

  static String describe(List<TimelineEntry> entries) {
    return entries.stream()
        .map(x -> "  " + x.at() + " " + x.kind() + " " + x.channel() + " " + x.id())
        .collect(Collectors.joining("\n"));
  }
}
