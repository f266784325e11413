package dev.crmkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model's set and map fields (Checks.sortedSet, sortedMap), since they are no Guava types. */
class SortedCollectionsTest {

  @Test
  void a_sorted_set_is_sorted_distinct_and_equal_to_any_set_of_the_same_elements() {
    Set<String> s = Checks.sortedSet("tags", List.of("b", "a", "c", "a"));

    assertThat(s).containsExactly("a", "b", "c");
    assertThat(s).isEqualTo(Set.of("c", "b", "a")).hasSameHashCodeAs(Set.of("a", "b", "c"));
    assertThat(s.toString()).isEqualTo("[a, b, c]");
    assertThat(s.contains("b")).isTrue();
    assertThat(s.contains("d")).isFalse();
    // like Guava's sets: no exception for null or another type
    assertThat(s.contains(null)).isFalse();
    assertThat(s.contains(42)).isFalse();
    assertThat(Checks.sortedSet("tags", List.<String>of())).isEmpty();
    assertThat(Checks.sortedSet("tags", null)).isEmpty();
  }

  @Test
  void a_sorted_set_cannot_be_changed_nor_hold_null() {
    Set<LocalDate> s = Checks.sortedSet("daysOff",
        List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 1, 1)));

    assertThat(s).containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 25));
    assertThatThrownBy(() -> s.add(LocalDate.of(2026, 5, 1)))
        .isInstanceOf(UnsupportedOperationException.class);
    Iterator<LocalDate> i = s.iterator();
    i.next();
    assertThatThrownBy(i::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> Checks.sortedSet("daysOff", Arrays.asList(LocalDate.MIN, null)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("daysOff element");
  }

  @Test
  void a_sorted_map_iterates_in_key_order_and_cannot_be_changed() {
    Map<String, Integer> input = new HashMap<>(Map.of("b", 2, "a", 1, "c", 3));
    Map<String, Integer> m = Checks.sortedMap("totals", input);
    input.put("d", 4);

    assertThat(m.keySet()).containsExactly("a", "b", "c");
    assertThat(m).isEqualTo(Map.of("a", 1, "b", 2, "c", 3));
    assertThat(m.toString()).isEqualTo("{a=1, b=2, c=3}");
    assertThat(m.get(null)).isNull();
    assertThat(m.containsKey(42)).isFalse();
    assertThatThrownBy(() -> m.put("e", 5)).isInstanceOf(UnsupportedOperationException.class);
  }
}
