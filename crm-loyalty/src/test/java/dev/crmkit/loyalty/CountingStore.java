package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that delegates to another and counts what writes read through the port: entries and
 * lots returned (lots from the spending-order iterator as they are taken), and writes run. Also
 * shows that a host can wrap or implement the public port.
 */
class CountingStore extends LedgerStore {
  final LedgerStore inner;
  final AtomicLong entriesRead = new AtomicLong();
  final AtomicLong lotsRead = new AtomicLong();
  final AtomicLong writes = new AtomicLong();

  CountingStore(LedgerStore inner) {
    this.inner = inner;
  }

  void reset() {
    entriesRead.set(0);
    lotsRead.set(0);
    writes.set(0);
  }

  // the replay port passes through, so that a wrapped database store keeps its batches

  @Override
  public boolean keepsReplayProgress() {
    return inner.keepsReplayProgress();
  }

  @Override
  public Optional<ReplayProgress> replayProgress(String replay) {
    return inner.replayProgress(replay);
  }

  @Override
  public List<LoyaltyReplay.SkippedRow> replaySkipped(String replay) {
    return inner.replaySkipped(replay);
  }

  @Override
  public void forgetReplay(String replay) {
    inner.forgetReplay(replay);
  }

  @Override
  public ReplayCheckpoint replayBatch(java.util.function.Supplier<ReplayCheckpoint> work) {
    return inner.replayBatch(work);
  }

  @Override
  public Applied apply(Write write) {
    writes.incrementAndGet();
    return inner.apply(new Write(write.member(), write.series(), write.key(), write.fingerprint(), write.at(),
        view -> write.decide().apply(new Counted(view)), write.budget()));
  }

  @Override
  public List<Applied> applyAll(List<Write> writes) {
    this.writes.incrementAndGet();
    return inner.applyAll(writes.stream().map(write -> new Write(write.member(), write.series(), write.key(),
        write.fingerprint(), write.at(), view -> write.decide().apply(new Counted(view)))).toList());
  }

  private final class Counted implements MemberView {
    private final MemberView v;

    Counted(MemberView v) {
      this.v = v;
    }

    private <T> List<T> entries(List<T> list) {
      entriesRead.addAndGet(list.size());
      return list;
    }

    @Override
    public MemberState state() {
      return v.state();
    }

    @Override
    public Optional<Lot> openLot(long seq) {
      Optional<Lot> lot = v.openLot(seq);
      lotsRead.addAndGet(lot.isPresent() ? 1 : 0);
      return lot;
    }

    @Override
    public Optional<Entry> entry(long seq) {
      Optional<Entry> e = v.entry(seq);
      entriesRead.addAndGet(e.isPresent() ? 1 : 0);
      return e;
    }

    @Override
    public Iterator<Lot> openLots() {
      Iterator<Lot> it = v.openLots();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Lot next() {
          lotsRead.incrementAndGet();
          return it.next();
        }
      };
    }

    @Override
    public List<Lot> lotsExpiringBy(Instant t) {
      List<Lot> lots = v.lotsExpiringBy(t);
      lotsRead.addAndGet(lots.size());
      return lots;
    }

    @Override
    public List<Entry> entriesWithReference(String reference) {
      return entries(v.entriesWithReference(reference));
    }

    @Override
    public List<Entry> entriesFrom(long seq) {
      return entries(v.entriesFrom(seq));
    }

    @Override
    public List<Entry> earns(String rule, Instant from) {
      return entries(v.earns(rule, from));
    }

    @Override
    public List<Entry> entries() {
      return entries(v.entries());
    }

    @Override
    public List<Hold> holdEvents(String holdId) {
      return v.holdEvents(holdId);
    }

    @Override
    public List<Hold> seriesHolds() {
      return v.seriesHolds();
    }

    @Override
    public long budgetUsed() {
      return v.budgetUsed();
    }
  }

  @Override
  public List<Entry> entries(CustomerId member) {
    return inner.entries(member);
  }

  @Override
  public List<CustomerId> members() {
    return inner.members();
  }

  @Override
  public Current current(CustomerId member) {
    return inner.current(member);
  }

  @Override
  public List<CustomerId> membersWithLotsExpiringBy(Instant t) {
    return inner.membersWithLotsExpiringBy(t);
  }

  @Override
  public SortedMap<Instant, Long> openPointsByExpiry(Instant now) {
    return inner.openPointsByExpiry(now);
  }

  @Override
  public long totalDebt() {
    return inner.totalDebt();
  }

  @Override
  public long budgetUsed(String budget) {
    return inner.budgetUsed(budget);
  }

  @Override
  public Optional<String> recordedFingerprint(String key) {
    return inner.recordedFingerprint(key);
  }

  @Override
  public Set<String> operationKeys(CustomerId member) {
    return inner.operationKeys(member);
  }

  @Override
  public List<Hold> holds(CustomerId member) {
    return inner.holds(member);
  }

  @Override
  public Optional<String> codeSeries(String code) {
    return inner.codeSeries(code);
  }

  @Override
  public int addCodes(String series, List<String> codes, Instant at) {
    return inner.addCodes(series, codes, at);
  }

  @Override
  public int codeCount(String series) {
    return inner.codeCount(series);
  }
}
