package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member's state recomputed from the whole ledger: what the member row and the open lots must
 * hold. Used to check stored state ({@link LedgerStore#verify}), to build it for ledgers written
 * before state rows existed, and after a repair.
 */
final class LedgerReplay {

  /** The state and every lot (spent-out ones with 0 remaining), by seq. */
  record Rebuilt(MemberState state, Map<Long, Lot> lots) {
    List<Lot> open() {
      return lots.values().stream().filter(l -> l.remaining() > 0).toList();
    }
  }

  private LedgerReplay() {}

  /** Throws {@link IllegalStateException} naming the entry if the ledger is damaged. */
  static Rebuilt of(CustomerId member, List<Entry> entries) {
    MemberState state = MemberState.empty(member);
    Map<Long, Lot> lots = new TreeMap<>();
    for (Entry e : entries) {
      state = state.plus(e);
      if (e.opensLot()) {
        lots.put(e.seq(), Lot.openedBy(e));
      }
      if (e.lot() != null) {
        Lot lot = lots.get(e.lot());
        if (lot == null) {
          throw new IllegalStateException("ledger of " + member + " is damaged: entry " + e.seq()
              + " draws on unknown lot " + e.lot() + "; " + MemberLedger.REPAIR_HINT);
        }
        lots.put(e.lot(), lot.withRemaining(Math.addExact(lot.remaining(), e.points())));
      }
    }
    for (Lot lot : lots.values()) {
      if (lot.remaining() < 0) {
        throw new IllegalStateException("lot " + lot.seq() + " of " + member + " is overspent: " + lot.remaining());
      }
    }
    return new Rebuilt(state, lots);
  }
}
