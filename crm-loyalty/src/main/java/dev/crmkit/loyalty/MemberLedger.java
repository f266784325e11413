package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One operation on a member: the member's state row, the lots the operation touches (read
 * through the store's {@link LedgerStore.MemberView} as it needs them, never the whole history)
 * and the entries it appends. All balance arithmetic lives here and in {@link MemberState}, so
 * every store derives balances the same way.
 */
final class MemberLedger {

  /** How an operator repairs a member a crash damaged (docs/loyalty.md, "Durability"). */
  static final String REPAIR_HINT =
      "LedgerStore.repair(member), or crm loyalty replay --repair, removes the cut-off operation so that it can be retried";

  private final CustomerId member;
  private final LedgerStore.MemberView view;
  private final List<Entry> added = new ArrayList<>();
  /**
   * Lots read or written by this operation, at their current remaining points, in the order first
   * read (callers sort), in a small array searched by seq (most writes touch one or two lots; a
   * hash index is built past {@value #SCAN} lots); {@code changed} lists the indexes of the lots
   * the operation changed, in the order first changed. Arrays, not a map and a linked set: those
   * were a tenth of what an earn allocated.
   */
  private Lot[] lots = NO_LOTS;
  private int lotCount;
  private java.util.@Nullable HashMap<Long, Integer> lotIndex;
  private boolean[] isChanged = NO_FLAGS;
  private int[] changed = NO_INTS;
  private int changedCount;

  private static final int SCAN = 8;
  private static final Lot[] NO_LOTS = {};
  private static final int[] NO_INTS = {};
  private static final boolean[] NO_FLAGS = {};
  private MemberState state;

  MemberLedger(CustomerId member, LedgerStore.MemberView view) {
    this.view = view;
    this.state = view.state();
    if (!state.member().equals(member)) {
      throw new IllegalStateException("the store gave the state of " + state.member() + " for " + member);
    }
    // the store's instance of the (equal) id: a member's entries then share one id object instead
    // of each holding the one its request was made with (a replay parses a new one per line)
    this.member = state.member();
  }

  private long budgetDrawn;

  /** Records points granted from the write's locked campaign budget. */
  void drawBudget(long points) {
    budgetDrawn = Math.addExact(budgetDrawn, points);
  }

  long budgetDrawn() {
    return budgetDrawn;
  }

  CustomerId member() {
    return member;
  }

  LedgerStore.MemberView view() {
    return view;
  }

  /** The entries appended so far by this operation. */
  List<Entry> added() {
    return List.copyOf(added);
  }

  MemberState state() {
    return state;
  }

  /** The lots this operation opened or changed, at their new remaining points (0: spent out). */
  List<Lot> changedLots() {
    Lot[] out = new Lot[changedCount];
    for (int i = 0; i < changedCount; i++) {
      out[i] = lots[changed[i]];
    }
    return List.of(out);
  }

  /** The index of the lot {@code seq} among those read, or -1. */
  private int find(long seq) {
    if (lotIndex != null) {
      Integer i = lotIndex.get(seq);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < lotCount; i++) {
      if (lots[i].seq() == seq) {
        return i;
      }
    }
    return -1;
  }

  /** Adds a lot not read before; returns its index. */
  private int add(Lot lot) {
    if (lotCount == lots.length) {
      lots = java.util.Arrays.copyOf(lots, Math.max(4, lotCount * 2));
      isChanged = java.util.Arrays.copyOf(isChanged, lots.length);
    }
    int i = lotCount++;
    lots[i] = lot;
    if (lotIndex != null) {
      lotIndex.put(lot.seq(), i);
    } else if (lotCount > SCAN) {
      lotIndex = new java.util.HashMap<>();
      for (int j = 0; j < lotCount; j++) {
        lotIndex.put(lots[j].seq(), j);
      }
    }
    return i;
  }

  /** Records the lot at {@code index} as changed (once). */
  private void changed(int index) {
    if (isChanged[index]) {
      return;
    }
    isChanged[index] = true;
    if (changedCount == changed.length) {
      changed = java.util.Arrays.copyOf(changed, Math.max(4, changedCount * 2));
    }
    changed[changedCount++] = index;
  }

  /** The lots read so far, in the order first read. */
  private List<Lot> readLots() {
    return java.util.Arrays.asList(lots).subList(0, lotCount);
  }

  long debt() {
    return state.debt();
  }

  /** A lot at its current remaining points (0 if spent out), or an error if no entry opened it. */
  Lot lot(long seq) {
    int i = find(seq);
    if (i >= 0) {
      return lots[i];
    }
    Lot lot = view.openLot(seq)
        .or(() -> view.entry(seq).filter(Entry::opensLot).map(Lot::openedBy))
        .orElseThrow(() -> new IllegalStateException("ledger of " + member + " is damaged: lot " + seq
            + " does not exist; " + REPAIR_HINT));
    add(lot);
    return lot;
  }

  private Lot current(Lot fromStore) {
    int i = find(fromStore.seq());
    if (i >= 0) {
      return lots[i];
    }
    add(fromStore);
    return fromStore;
  }

  Entry append(
      EntryKind kind, long points, Long lot, Instant at, Instant availableAt, Instant expiresAt,
      String reason, String reference, BigDecimal spend, String key) {
    long seq = state.lastSeq() + 1;
    Long lotRef = availableAt != null ? Long.valueOf(seq) : lot;
    Entry e = new Entry(member, seq, kind, points, lotRef, at, availableAt, expiresAt, reason, reference, spend, key);
    Lot drawn = e.opensLot() ? Lot.openedBy(e) : e.lot() == null ? null : lot(e.lot());
    state = state.plus(e);
    added.add(e);
    if (drawn != null) {
      long remaining = Math.addExact(drawn.remaining(), points);
      if (remaining < 0) {
        throw new IllegalStateException("lot " + drawn.seq() + " of " + member + " would be overspent: " + remaining);
      }
      int i = find(drawn.seq());
      if (i < 0) {
        i = add(drawn); // a lot this entry opened
      }
      lots[i] = drawn.withRemaining(remaining);
      changed(i);
    }
    return e;
  }

  /** Opens a lot and pays any debt back from it first. */
  Entry openLot(EntryKind kind, long points, Instant at, Instant availableAt, Instant expiresAt,
      String reason, String reference, String key) {
    Entry lot = append(kind, points, null, at, availableAt, expiresAt, reason, reference, null, key);
    long repay = Math.min(state.debt(), points);
    if (repay > 0) {
      append(EntryKind.REPAY, -repay, lot.seq(), at, null, null, "debt repaid", reference, null, key);
      append(EntryKind.REPAY, repay, null, at, null, null, "debt repaid", reference, null, key);
    }
    return lot;
  }

  /**
   * Writes off every lot past its expiry at {@code now}; each lot expires once. The lots come from
   * the store's expiry index: with nothing due this reads nothing.
   */
  long expireDue(Instant now) {
    List<Lot> fromIndex = view.lotsExpiringBy(now);
    if (fromIndex.isEmpty() && lotCount == 0) {
      return 0; // the common case, at the start of a write: nothing due, nothing read yet
    }
    List<Lot> due = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (Lot lot : fromIndex) {
      Lot c = current(lot);
      due.add(c);
      seen.add(c.seq());
    }
    for (Lot lot : readLots()) {
      if (!seen.contains(lot.seq()) && lot.expiredAt(now)) {
        due.add(lot);
      }
    }
    // in expiry order, so the entries come out the same whether one run or several write them off
    due.sort(Lot.SPEND_ORDER);
    long expired = 0;
    for (Lot lot : due) {
      if (lot.remaining() > 0 && lot.expiredAt(now)) {
        expired += lot.remaining();
        append(EntryKind.EXPIRE, -lot.remaining(), lot.seq(), lot.expiresAt(), null, null,
            "expired", lot.reference(), null, null);
      }
    }
    return expired;
  }

  /**
   * Unexpired lots with points that match {@code filter}, in spending order, read from the store
   * in that order only until they hold {@code needed} points (all of them if they never do).
   */
  List<Lot> unexpired(Instant now, Predicate<Lot> filter, long needed) {
    List<Lot> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long sum = 0;
    Iterator<Lot> it = view.openLots();
    while (sum < needed && it.hasNext()) {
      Lot lot = current(it.next());
      seen.add(lot.seq());
      if (lot.remaining() > 0 && !lot.expiredAt(now) && filter.test(lot)) {
        out.add(lot);
        sum += lot.remaining();
      }
    }
    for (Lot lot : readLots()) {
      if (!seen.contains(lot.seq()) && lot.remaining() > 0 && !lot.expiredAt(now) && filter.test(lot)) {
        out.add(lot);
      }
    }
    out.sort(Lot.SPEND_ORDER);
    return out;
  }

  /** The given lots, unexpired and with points, that match {@code filter}, in spending order. */
  List<Lot> unexpired(Instant now, Collection<Long> seqs, Predicate<Lot> filter) {
    List<Lot> out = new ArrayList<>();
    for (Long seq : new LinkedHashSet<>(seqs)) {
      Lot lot = lot(seq);
      if (lot.remaining() > 0 && !lot.expiredAt(now) && filter.test(lot)) {
        out.add(lot);
      }
    }
    out.sort(Lot.SPEND_ORDER);
    return out;
  }

  /** Draws up to {@code points} from {@code from} in order; returns what it drew. */
  long draw(List<Lot> from, long points, EntryKind kind, Instant at, String reason, String reference, String key) {
    long left = points;
    for (Lot listed : from) {
      if (left == 0) {
        break;
      }
      long take = Math.min(left, lot(listed.seq()).remaining());
      if (take > 0) {
        append(kind, -take, listed.seq(), at, null, null, reason, reference, null, key);
        left -= take;
      }
    }
    return points - left;
  }

  /** Spends exactly {@code points} from the spendable lots, or throws without drawing. */
  void spend(long points, EntryKind kind, Instant now, String reason, String reference, String key) {
    List<Lot> spendable = unexpired(now, l -> l.availableAt(now), points);
    long active = spendable.stream().mapToLong(Lot::remaining).sum();
    if (active < points) {
      throw new InsufficientPointsException(
          "member " + member + " has " + active + " points to spend, not " + points);
    }
    draw(spendable, points, kind, now, reason, reference, key);
  }

  /** A member's balance at {@code now} from the state row and the open lots. */
  static Balance balance(MemberState state, Collection<Lot> openLots, Instant now) {
    long active = 0;
    long pending = 0;
    long due = 0;
    for (Lot lot : openLots) {
      if (lot.remaining() < 0) {
        throw new IllegalStateException("lot " + lot.seq() + " of " + state.member() + " is overspent: " + lot.remaining());
      }
      if (lot.expiredAt(now)) {
        due += lot.remaining();
      } else if (lot.availableAt(now)) {
        active += lot.remaining();
      } else {
        pending += lot.remaining();
      }
    }
    return new Balance(state.member(), now, active, pending, due, state.debt(), state.total(), state.earned(),
        state.spent(), state.expired(), state.reversed());
  }
}
