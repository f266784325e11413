package dev.crmkit.testkit;

import dev.crmkit.loyalty.Entry;
import dev.crmkit.loyalty.EntryKind;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * AssertJ assertions on a member's ledger ({@code loyalty.ledger(member)}); failures list the
 * entries found.
 *
 * <pre>{@code
 * CrmAssertions.assertThatLedger(loyalty.ledger(ann)).isNumberedFromOne().sumsTo(61).hasKinds(EntryKind.EARN, EntryKind.REDEEM);
 * }</pre>
 */
public final class LedgerAssert extends AbstractListAssert<LedgerAssert, List<? extends Entry>, Entry, ObjectAssert<Entry>> {

  LedgerAssert(List<? extends Entry> actual) {
    super(actual, LedgerAssert.class);
  }

  @Override
  protected ObjectAssert<Entry> toAssert(Entry value, String description) {
    return new ObjectAssert<>(value).as(description);
  }

  @Override
  protected LedgerAssert newAbstractIterableAssert(Iterable<? extends Entry> iterable) {
    List<Entry> list = new java.util.ArrayList<>();
    iterable.forEach(list::add);
    return new LedgerAssert(list);
  }

  /** The sum of all entries' points (the balance's total). */
  public LedgerAssert sumsTo(long expected) {
    isNotNull();
    long sum = actual.stream().mapToLong(Entry::points).sum();
    if (sum != expected) {
      failWithMessage("Expected the ledger to sum to %d points but it sums to %d:%n%s", expected, sum, describe());
    }
    return this;
  }

  /** Entries numbered 1, 2, 3, ... without gaps, as the store appends them. */
  public LedgerAssert isNumberedFromOne() {
    isNotNull();
    for (int i = 0; i < actual.size(); i++) {
      if (actual.get(i).seq() != i + 1) {
        failWithMessage("Expected entry %d to have seq %d but it has %d:%n%s", i, i + 1, actual.get(i).seq(), describe());
      }
    }
    return this;
  }

  /** The entries' kinds, in order. */
  public LedgerAssert hasKinds(EntryKind... expected) {
    isNotNull();
    List<EntryKind> kinds = actual.stream().map(Entry::kind).map(EntryKind.class::cast).toList();
    if (!kinds.equals(List.of(expected))) {
      failWithMessage("Expected ledger kinds %s but they are %s:%n%s", List.of(expected), kinds, describe());
    }
    return this;
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (Entry e : actual) {
      b.append(String.format("  #%d %s %+d %s (%s)%n", e.seq(), e.kind(), e.points(), e.reason(), e.key()));
    }
    return b.toString();
  }
}
