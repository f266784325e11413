package dev.crmkit.loyalty;

import dev.crmkit.core.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A member's ledger as lots and debt, plus the entries one operation is about to append. All
 * balance arithmetic lives here, so every store derives balances the same way.
 */
final class MemberLedger {

  /** A lot: the entry that opened it and the points it still holds. */
  static final class Lot {
    final Entry opening;
    long remaining;

    Lot(Entry opening) {
      this.opening = opening;
    }

    long seq() {
      return opening.seq();
    }

    boolean availableAt(Instant t) {
      return !opening.availableAt().isAfter(t);
    }

    boolean expiredAt(Instant t) {
      return opening.expiresAt() != null && !opening.expiresAt().isAfter(t);
    }
  }

  /** Soonest expiry first (never last), then oldest. */
  static final Comparator<Lot> SPEND_ORDER =
      Comparator.comparing((Lot l) -> l.opening.expiresAt(), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparingLong(Lot::seq);

  /** How an operator repairs a member a crash damaged (docs/loyalty.md, "Durability"). */
  static final String REPAIR_HINT =
      "LedgerStore.repair(member), or crm loyalty replay --repair, removes the cut-off operation so that it can be retried";

  private final CustomerId member;
  private final List<Entry> existing;
  private final List<Entry> added = new ArrayList<>();
  private final Map<Long, Lot> lots = new LinkedHashMap<>();
  private long debt;
  private long nextSeq;

  MemberLedger(CustomerId member, List<Entry> entries) {
    this.member = member;
    this.existing = entries;
    this.nextSeq = 1;
    for (Entry e : entries) {
      if (e.seq() != nextSeq) {
        throw new IllegalStateException(
            "ledger of " + member + " is damaged: entry " + nextSeq + " is missing (found " + e.seq()
                + "), part of a write was lost; " + REPAIR_HINT);
      }
      track(e);
      nextSeq++;
    }
  }

  private void track(Entry e) {
    if (e.opensLot()) {
      lots.put(e.seq(), new Lot(e));
    }
    if (e.lot() == null) {
      debt -= e.points();
    } else {
      Lot lot = lots.get(e.lot());
      if (lot == null) {
        throw new IllegalStateException(
            "ledger of " + member + " is damaged: entry " + e.seq() + " draws on unknown lot " + e.lot() + "; " + REPAIR_HINT);
      }
      lot.remaining += e.points();
    }
  }

  CustomerId member() {
    return member;
  }

  List<Entry> existing() {
    return existing;
  }

  /** The entries appended so far by this operation. */
  List<Entry> added() {
    return List.copyOf(added);
  }

  long debt() {
    return debt;
  }

  Entry append(
      EntryKind kind, long points, Long lot, Instant at, Instant availableAt, Instant expiresAt,
      String reason, String reference, BigDecimal spend, String key) {
    long seq = nextSeq++;
    Long lotRef = availableAt != null ? Long.valueOf(seq) : lot;
    Entry e = new Entry(member, seq, kind, points, lotRef, at, availableAt, expiresAt, reason, reference, spend, key);
    added.add(e);
    track(e);
    return e;
  }

  /** Opens a lot and pays any debt back from it first. */
  Entry openLot(EntryKind kind, long points, Instant at, Instant availableAt, Instant expiresAt,
      String reason, String reference, String key) {
    Entry lot = append(kind, points, null, at, availableAt, expiresAt, reason, reference, null, key);
    long repay = Math.min(debt, points);
    if (repay > 0) {
      append(EntryKind.REPAY, -repay, lot.seq(), at, null, null, "debt repaid", reference, null, key);
      append(EntryKind.REPAY, repay, null, at, null, null, "debt repaid", reference, null, key);
    }
    return lot;
  }

  /** Writes off every lot past its expiry at {@code now}; each lot expires once. */
  long expireDue(Instant now) {
    long expired = 0;
    // in expiry order, so the entries come out the same whether one run or several write them off
    List<Lot> byExpiry = new ArrayList<>(lots.values());
    byExpiry.sort(SPEND_ORDER);
    for (Lot lot : byExpiry) {
      if (lot.remaining > 0 && lot.expiredAt(now)) {
        expired += lot.remaining;
        append(EntryKind.EXPIRE, -lot.remaining, lot.seq(), lot.opening.expiresAt(), null, null,
            "expired", lot.opening.reference(), null, null);
      }
    }
    return expired;
  }

  /** Lots that can be spent at {@code now}, in spending order. */
  List<Lot> spendable(Instant now) {
    return lots.values().stream()
        .filter(l -> l.remaining > 0 && l.availableAt(now) && !l.expiredAt(now))
        .sorted(SPEND_ORDER)
        .toList();
  }

  /** Lots (pending or available, not expired) that match, in spending order. */
  List<Lot> unexpired(Instant now, Predicate<Lot> filter) {
    return lots.values().stream()
        .filter(l -> l.remaining > 0 && !l.expiredAt(now) && filter.test(l))
        .sorted(SPEND_ORDER)
        .toList();
  }

  long active(Instant now) {
    return spendable(now).stream().mapToLong(l -> l.remaining).sum();
  }

  /** Draws up to {@code points} from {@code from} in order; returns what it drew. */
  long draw(List<Lot> from, long points, EntryKind kind, Instant at, String reason, String reference, String key) {
    long left = points;
    for (Lot lot : from) {
      if (left == 0) {
        break;
      }
      long take = Math.min(left, lot.remaining);
      if (take > 0) {
        append(kind, -take, lot.seq(), at, null, null, reason, reference, null, key);
        left -= take;
      }
    }
    return points - left;
  }

  /** Spends exactly {@code points} from the spendable lots, or throws without drawing. */
  void spend(long points, EntryKind kind, Instant now, String reason, String reference, String key) {
    long active = active(now);
    if (active < points) {
      throw new InsufficientPointsException(
          "member " + member + " has " + active + " points to spend, not " + points);
    }
    draw(spendable(now), points, kind, now, reason, reference, key);
  }

  Balance balance(Instant now) {
    long active = 0;
    long pending = 0;
    long due = 0;
    for (Lot lot : lots.values()) {
      if (lot.remaining < 0) {
        throw new IllegalStateException("lot " + lot.seq() + " of " + member + " is overspent: " + lot.remaining);
      }
      if (lot.expiredAt(now)) {
        due += lot.remaining;
      } else if (lot.availableAt(now)) {
        active += lot.remaining;
      } else {
        pending += lot.remaining;
      }
    }
    long total = 0;
    long earned = 0;
    long spent = 0;
    long expired = 0;
    long reversed = 0;
    for (List<Entry> list : List.of(existing, added)) {
      for (Entry e : list) {
        total += e.points();
        switch (e.kind()) {
          case EARN -> earned += e.points();
          case REDEEM, HOLD, RESTORE -> spent -= e.points();
          case EXPIRE -> expired -= e.points();
          case REVERSE -> reversed -= e.points();
          case ADJUST -> {
            if (e.points() > 0) {
              earned += e.points();
            } else {
              spent -= e.points();
            }
          }
          default -> { }
        }
      }
    }
    return new Balance(member, now, active, pending, due, debt, total, earned, spent, expired, reversed);
  }
}
