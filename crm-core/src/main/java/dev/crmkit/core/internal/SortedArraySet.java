package dev.crmkit.core.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of distinct, non-null elements in their natural order, over a sorted array:
 * what the model's set fields hold (a few keys, days, tags per record). {@code contains} is a
 * binary search and answers {@code false} for null or an element of another type.
 *
 * <p>Not part of the API: it may change without notice.
 */
final class SortedArraySet<T extends Comparable<? super T>> extends AbstractSet<T> {

  private final List<T> elements;

  private SortedArraySet(List<T> elements) {
    this.elements = elements;
  }

  /** The distinct elements of {@code values} (none null), sorted. */
  @SuppressWarnings("unchecked")
  static <T extends Comparable<? super T>> SortedArraySet<T> copyOf(Collection<? extends T> values) {
    Comparable<Object>[] array = values.toArray(new Comparable[0]);
    Arrays.sort(array);
    int n = 0;
    for (int i = 0; i < array.length; i++) {
      if (n == 0 || array[n - 1].compareTo(array[i]) != 0) {
        array[n++] = array[i];
      }
    }
    return new SortedArraySet<>((List<T>) List.of(Arrays.copyOf(array, n)));
  }

  @Override
  public Iterator<T> iterator() {
    return elements.iterator();
  }

  @Override
  public int size() {
    return elements.size();
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean contains(@Nullable Object o) {
    if (o == null || elements.isEmpty() || !elements.get(0).getClass().isInstance(o)) {
      return false;
    }
    return java.util.Collections.binarySearch(elements, (T) o) >= 0;
  }
}
