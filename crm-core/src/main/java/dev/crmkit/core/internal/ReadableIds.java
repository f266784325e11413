package dev.crmkit.core.internal;

import java.util.Comparator;

/**
 * Readable ids such as {@code CASE-000042} and the order they sort in; shared by the entry
 * classes that count their records with the store's sequences.
 *
 * <p>Not part of the API: it may change without notice.
 */
public final class ReadableIds {

  /**
   * Shorter ids first, then by text: {@code CASE-999999} before {@code CASE-1000000}, so that ids
   * with one more digit still come in counting order.
   */
  public static final Comparator<String> ORDER =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private ReadableIds() {}

  /** {@code PREFIX-000042}: at least six digits. */
  public static String format(String prefix, long number) {
    return String.format("%s-%06d", prefix, number);
  }

  /**
   * Checks that an entry class built on a {@code Crm} is given the crm's own event bus: its
   * events are stored in the crm's outbox and delivered on {@code crm.events()} after commit,
   * so another bus would never see them.
   *
   * <p>Generic in the bus's type so that this package, which every package uses, depends on
   * none of them.
   *
   * @throws IllegalArgumentException naming what to pass instead
   */
  public static <B> B sameBus(B given, B crmEvents, String factory) {
    Checks.notNull("events", given);
    if (given != crmEvents) {
      throw new IllegalArgumentException("events: not the crm's event bus; events are stored in"
          + " the crm's outbox and delivered on crm.events() after commit, so pass crm.events()"
          + " (or use " + factory + ", which takes it from the crm)");
    }
    return given;
  }
}
