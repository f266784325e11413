package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory adapter. Each member and each voucher series has its own lock; a write stages
 * its changes, claims its idempotency key, then publishes them, so a failure before the claim
 * leaves nothing behind. Per member it keeps the ledger with indexes by reference and by rule,
 * the member row and the open lots in spending order; across members an expiry index (each
 * member under the soonest expiry of its open lots, moved only when that changes) and the open
 * points per expiry instant (the liability, kept up to date by every write). The shared indexes
 * are hash maps with per-key counters, so two threads writing different members rarely touch the
 * same memory; the ordered views ({@link #membersWithLotsExpiringBy}, {@link #openPointsByExpiry})
 * sort on read, which the periodic jobs do, not the writes.
 */
final class InMemoryLedgerStore extends LedgerStore {

  private static final class Member {
    final ReentrantLock lock = new ReentrantLock();
    final CustomerId id;
    /**
     * The ledger, packed: entry {@code seq} at index {@code seq - 1} of {@link #kinds} (the kind's
     * ordinal), of {@link #nums} (two a entry: points, lot or 0 for none) and of {@link #refs}
     * (seven a entry: at, availableAt, expiresAt, reason, reference, spend, key). An {@link Entry}
     * is made only when read: one object per entry (with its boxed lot and its list slots) was
     * most of a 1M-event replay's heap and of what the garbage collector copied in the earn loop.
     */
    int size;
    byte[] kinds = NO_BYTES;
    long[] nums = NO_LONGS;
    Object[] refs = NO_REFS;
    /** The seqs of the entries by reference, in seq order ({@link #addSeq} lists). */
    final Map<String, int[]> byReference = new HashMap<>();
    /** The seqs of the earn entries by rule (their reason), in seq order. */
    final Map<String, int[]> earnsByRule = new HashMap<>(4);
    /**
     * The open lots in spending order. A lot is found by its seq through the expiry of the entry
     * that opened it (the tree's first key), so no second map by seq is kept.
     */
    final TreeSet<Lot> spendOrder = new TreeSet<>(SPEND_ORDER);
    /** The soonest expiry of the open lots (null: none expires): the member's key in {@code due}. */
    Instant dueAt;
    /** The member's hold events (empty until the first; most members never reserve). */
    List<Hold> holds = List.of();
    Map<String, List<Hold>> holdsById = Map.of();
    MemberState state;
    /** Whether an operation under a key was recorded for the member (it may have no entries). */
    boolean operated;

    Member(CustomerId id) {
      this.id = id;
      this.state = MemberState.empty(id);
    }

    boolean listed() {
      return operated || size > 0 || !holds.isEmpty();
    }

    /** Appends an entry (the next seq, of this member: {@link #staged} checked) to the packed ledger and its indexes. */
    void add(Entry e) {
      int i = size;
      if (i == kinds.length) {
        int capacity = Math.max(4, i + (i >> 1));
        kinds = Arrays.copyOf(kinds, capacity);
        nums = Arrays.copyOf(nums, capacity * 2);
        refs = Arrays.copyOf(refs, capacity * REFS);
      }
      kinds[i] = (byte) e.kind().ordinal();
      nums[2 * i] = e.points();
      nums[2 * i + 1] = e.lot() == null ? 0 : e.lot();
      int r = i * REFS;
      refs[r] = e.at();
      refs[r + 1] = e.availableAt();
      refs[r + 2] = e.expiresAt();
      refs[r + 3] = e.reason();
      refs[r + 4] = e.reference();
      refs[r + 5] = e.spend();
      refs[r + 6] = e.key();
      size = i + 1;
      int seq = size;
      if (e.reference() != null) {
        byReference.put(e.reference(), addSeq(byReference.get(e.reference()), seq));
      }
      if (e.kind() == EntryKind.EARN) {
        earnsByRule.put(e.reason(), addSeq(earnsByRule.get(e.reason()), seq));
      }
    }

    /** The open lot opened by entry {@code seq} whose expiry is {@code expiresAt}, or null. */
    Lot openLot(long seq, Instant expiresAt) {
      Lot found = spendOrder.ceiling(new Lot(seq, EntryKind.EARN, null, Instant.EPOCH, expiresAt, 0));
      return found != null && found.seq() == seq ? found : null;
    }

    /** The open lot opened by entry {@code seq}, or null. */
    Lot openLot(long seq) {
      return seq >= 1 && seq <= size ? openLot(seq, (Instant) refs[(int) (seq - 1) * REFS + 2]) : null;
    }

    /** The entry {@code seq} (1 to {@link #size}), made from the packed ledger. */
    Entry entry(int seq) {
      int i = seq - 1;
      long lot = nums[2 * i + 1];
      int r = i * REFS;
      return new Entry(id, seq, KINDS[kinds[i]], nums[2 * i], lot == 0 ? null : Long.valueOf(lot), (Instant) refs[r],
          (Instant) refs[r + 1], (Instant) refs[r + 2], (String) refs[r + 3], (String) refs[r + 4],
          (BigDecimal) refs[r + 5], (String) refs[r + 6]);
    }

    Instant at(int seq) {
      return (Instant) refs[(seq - 1) * REFS];
    }

    String key(int seq) {
      return (String) refs[(seq - 1) * REFS + 6];
    }

    /** The entries {@code from} to {@code to} (seqs, inclusive). */
    List<Entry> entries(int from, int to) {
      if (from > to) {
        return List.of();
      }
      Entry[] out = new Entry[to - from + 1];
      for (int seq = from; seq <= to; seq++) {
        out[seq - from] = entry(seq);
      }
      return List.of(out);
    }

    /** The entries of an {@link #addSeq} list. */
    List<Entry> entries(int[] seqs) {
      if (seqs == null) {
        return List.of();
      }
      Entry[] out = new Entry[seqs[0]];
      for (int i = 0; i < out.length; i++) {
        out[i] = entry(seqs[i + 1]);
      }
      return List.of(out);
    }
  }

  private static final int REFS = 7;
  private static final byte[] NO_BYTES = {};
  private static final long[] NO_LONGS = {};
  private static final Object[] NO_REFS = {};
  private static final EntryKind[] KINDS = EntryKind.values();

  /** Checks that a write's entries are its member's (before its key is claimed) and reports each as staged. */
  private void staged(Member m, Changes changes) {
    List<Entry> entries = changes.entries();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.member() != m.id && !e.member().equals(m.id)) {
        throw new IllegalStateException("write for " + m.id + ": entry " + e.seq() + " is of member " + e.member());
      }
      reached("entry");
    }
  }

  /**
   * {@code seqs} (null: empty) with {@code seq} added: a list of seqs as an {@code int[]} whose
   * slot 0 is the count, grown by doubling (an order's purchase and earn fit the first array).
   */
  private static int[] addSeq(int[] seqs, int seq) {
    if (seqs == null) {
      return new int[] {1, seq, 0};
    }
    int n = seqs[0];
    int[] out = n + 1 < seqs.length ? seqs : Arrays.copyOf(seqs, seqs.length * 2);
    out[n + 1] = seq;
    out[0] = n + 1;
    return out;
  }

  private static final class Series {
    final ReentrantLock lock = new ReentrantLock();
    final List<Hold> holds = new ArrayList<>();
  }

  /** A campaign budget: its lock and the points drawn from it. */
  private static final class Budget {
    final ReentrantLock lock = new ReentrantLock();
    long used;
  }

  /**
   * An operation under a key: its member, the request's fingerprint, the seqs its entries took
   * ({@code from} to {@code to}, inclusive; none when {@code from > to}; only those written under
   * the key are its receipt's) and its hold events. The entries stay in the member's packed
   * ledger, made again only when a retry asks for them.
   */
  private record Operation(Member member, String fingerprint, int from, int to, List<Hold> holds) {}

  /**
   * {@link Lot#SPEND_ORDER} written out: the same order without the lambdas and boxing of {@code
   * Comparator.comparing}, which showed at the top of the write path's profile.
   */
  private static final Comparator<Lot> SPEND_ORDER = (a, b) -> {
    int byExpiry = a.expiryKey().compareTo(b.expiryKey());
    return byExpiry != 0 ? byExpiry : Long.compare(a.seq(), b.seq());
  };

  private final ConcurrentMap<CustomerId, Member> members = new ConcurrentHashMap<>();
  /** The open reservations (reserved, not yet confirmed or released), oldest first. */
  private final ConcurrentSkipListSet<Hold> openHolds = new ConcurrentSkipListSet<>(OPEN_HOLD_ORDER);
  private final ConcurrentMap<String, Series> series = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Budget> budgets = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Operation> operations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> codes = new ConcurrentHashMap<>();
  /** The members by the soonest expiry of their open lots (a member is under one instant at most). */
  private final ConcurrentSkipListMap<Instant, Set<CustomerId>> due = new ConcurrentSkipListMap<>();
  private final ConcurrentMap<Instant, LongAdder> openByExpiry = new ConcurrentHashMap<>();
  private final LongAdder debt = new LongAdder();

  private <T> T read(CustomerId member, java.util.function.Function<Member, T> f, T none) {
    Member m = members.get(member);
    if (m == null) {
      return none;
    }
    m.lock.lock();
    try {
      return f.apply(m);
    } finally {
      m.lock.unlock();
    }
  }

  @Override
  public List<Entry> entries(CustomerId member) {
    return read(member, m -> m.entries(1, m.size), List.of());
  }

  @Override
  public List<CustomerId> members() {
    List<CustomerId> out = new ArrayList<>();
    for (Member m : members.values()) {
      if (read(m.id, Member::listed, false)) {
        out.add(m.id);
      }
    }
    out.sort(null);
    return out;
  }

  @Override
  public Current current(CustomerId member) {
    return read(member, m -> new Current(m.state, List.copyOf(m.spendOrder)), new Current(MemberState.empty(member), List.of()));
  }

  @Override
  public List<CustomerId> membersWithLotsExpiringBy(Instant t) {
    List<CustomerId> out = new ArrayList<>();
    for (Set<CustomerId> members : due.headMap(t, true).values()) {
      out.addAll(members);
    }
    out.sort(null);
    return out;
  }

  @Override
  public List<Hold> openHoldsReservedBy(Instant t) {
    List<Hold> out = new ArrayList<>();
    for (Hold h : openHolds) {
      if (h.at().isAfter(t)) {
        break;
      }
      out.add(h);
    }
    return out;
  }

  @Override
  public SortedMap<Instant, Long> openPointsByExpiry(Instant now) {
    SortedMap<Instant, Long> out = new TreeMap<>();
    openByExpiry.forEach((expiry, points) -> {
      long sum = points.sum();
      if (sum != 0 && expiry.isAfter(now)) {
        out.put(expiry, sum);
      }
    });
    return out;
  }

  @Override
  public long budgetUsed(String id) {
    Budget b = budgets.get(id);
    if (b == null) {
      return 0;
    }
    b.lock.lock();
    try {
      return b.used;
    } finally {
      b.lock.unlock();
    }
  }

  @Override
  public long totalDebt() {
    return debt.sum();
  }

  private final class View implements MemberView {
    private final Member m;
    private final Series s;
    private final Budget b;

    View(Member m, Series s, Budget b) {
      this.m = m;
      this.s = s;
      this.b = b;
    }

    @Override
    public long budgetUsed() {
      return b == null ? 0 : b.used;
    }

    @Override
    public MemberState state() {
      return m.state;
    }

    @Override
    public Optional<Lot> openLot(long seq) {
      return Optional.ofNullable(m.openLot(seq));
    }

    @Override
    public Optional<Entry> entry(long seq) {
      return seq >= 1 && seq <= m.size ? Optional.of(m.entry((int) seq)) : Optional.empty();
    }

    @Override
    public Iterator<Lot> openLots() {
      return java.util.Collections.unmodifiableSet(m.spendOrder).iterator();
    }

    @Override
    public List<Lot> lotsExpiringBy(Instant t) {
      if (m.dueAt == null || m.dueAt.isAfter(t)) {
        return List.of(); // the common case: nothing due
      }
      List<Lot> out = new ArrayList<>();
      for (Lot lot : m.spendOrder.headSet(new Lot(Long.MAX_VALUE, EntryKind.EARN, null, Instant.EPOCH, t, 0), true)) {
        if (lot.expiredAt(t)) {
          out.add(lot);
        }
      }
      return out;
    }

    @Override
    public List<Entry> entriesWithReference(String reference) {
      return m.entries(m.byReference.get(reference));
    }

    @Override
    public List<Entry> entriesFrom(long seq) {
      return m.entries((int) Math.max(1, Math.min(seq, m.size + 1L)), m.size);
    }

    @Override
    public List<Entry> earns(String rule, Instant from) {
      int[] seqs = m.earnsByRule.get(rule);
      if (seqs == null) {
        return List.of();
      }
      List<Entry> out = new ArrayList<>(seqs[0]);
      for (int i = 1; i <= seqs[0]; i++) {
        if (from == null || !m.at(seqs[i]).isBefore(from)) {
          out.add(m.entry(seqs[i]));
        }
      }
      return out;
    }

    @Override
    public List<Entry> entries() {
      return m.entries(1, m.size);
    }

    @Override
    public List<Hold> holdEvents(String holdId) {
      return List.copyOf(m.holdsById.getOrDefault(holdId, List.of()));
    }

    @Override
    public List<Hold> seriesHolds() {
      return s == null ? List.of() : List.copyOf(s.holds);
    }
  }

  /**
   * The request itself: kept with the key and compared exactly, a cheaper check than a hash
   * (which showed at the top of the write path's profile) and one that cannot collide.
   */
  @Override
  String fingerprint(String request) {
    return request;
  }

  private Member member(CustomerId id) {
    Member m = members.get(id);
    return m != null ? m : members.computeIfAbsent(id, Member::new);
  }

  @Override
  public Applied apply(Write write) {
    Member member = member(write.member());
    Series locked = write.series() == null ? null : series.computeIfAbsent(write.series(), id -> new Series());
    Budget budget = write.budget() == null ? null : budgets.computeIfAbsent(write.budget(), id -> new Budget());
    member.lock.lock();
    try {
      if (locked != null) {
        locked.lock.lock();
      }
      if (budget != null) {
        budget.lock.lock();
      }
      try {
        Applied earlier = replay(write);
        if (earlier != null) {
          return earlier;
        }
        Changes changes = write.decide().apply(new View(member, locked, budget));
        checkChanges(write, member.state, changes);
        // stage everything; a failure here (see failPoint) leaves the published state untouched
        staged(member, changes);
        for (int i = 0; i < changes.holds().size(); i++) {
          reached("hold");
        }
        List<Entry> keyed = keyed(changes.entries(), write.key());
        if (write.key() != null) {
          // the store's member: its packed ledger will hold the entries the seqs name
          Operation op = new Operation(member, write.fingerprint(), member.size + 1, member.size + changes.entries().size(),
              changes.holds());
          if (operations.putIfAbsent(write.key(), op) != null) {
            // the same key won on another member meanwhile
            Applied other = replay(write);
            if (other != null) {
              return other;
            }
          }
        }
        publish(member, locked, changes);
        if (budget != null) {
          budget.used = Math.addExact(budget.used, changes.budgetDrawn());
        }
        member.operated |= write.key() != null;
        return new Applied(write.member(), keyed, changes.holds(), false);
      } finally {
        if (budget != null) {
          budget.lock.unlock();
        }
        if (locked != null) {
          locked.lock.unlock();
        }
      }
    } finally {
      member.lock.unlock();
    }
  }

  @Override
  public List<Applied> applyAll(List<Write> writes) {
    checkApplyAll(writes);
    List<Member> locked = new ArrayList<>();
    for (Write w : writes) {
      locked.add(member(w.member()));
    }
    List<Member> order = new ArrayList<>(locked);
    order.sort(Comparator.comparing(m -> m.id));
    int held = 0;
    try {
      for (Member m : order) {
        m.lock.lock();
        held++;
      }
      List<Applied> earlier = replayAll(writes);
      if (earlier != null) {
        return earlier;
      }
      List<Changes> all = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        Changes changes = writes.get(i).decide().apply(new View(locked.get(i), null, null));
        checkChanges(locked.get(i).state, changes);
        all.add(changes);
      }
      for (int i = 0; i < all.size(); i++) {
        staged(locked.get(i), all.get(i));
      }
      List<String> claimed = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        Write w = writes.get(i);
        Member m = locked.get(i);
        Operation op = new Operation(m, w.fingerprint(), m.size + 1, m.size + all.get(i).entries().size(), all.get(i).holds());
        if (operations.putIfAbsent(w.key(), op) != null) {
          // a key won on another member meanwhile: give back the keys claimed, then replay or refuse
          for (int j = 0; j < claimed.size(); j++) {
            operations.remove(claimed.get(j));
          }
          List<Applied> other = replayAll(writes);
          if (other != null) {
            return other;
          }
          throw new IdempotencyConflictException(w.key());
        }
        claimed.add(w.key());
      }
      List<Applied> out = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        Member m = locked.get(i);
        publish(m, null, all.get(i));
        m.operated = true;
        out.add(new Applied(m.id, keyed(all.get(i).entries(), writes.get(i).key()), all.get(i).holds(), false));
      }
      return out;
    } finally {
      for (int i = held - 1; i >= 0; i--) {
        order.get(i).lock.unlock();
      }
    }
  }

  /**
   * The first results if every key was used, null if none was; a conflict naming a used key when
   * only some were (they belong to other operations).
   */
  private List<Applied> replayAll(List<Write> writes) {
    List<Applied> out = new ArrayList<>();
    for (Write w : writes) {
      Applied a = replay(w);
      if (a != null) {
        out.add(a);
      }
    }
    if (out.isEmpty()) {
      return null;
    }
    if (out.size() < writes.size()) {
      for (Write w : writes) {
        if (operations.containsKey(w.key())) {
          throw new IdempotencyConflictException(w.key());
        }
      }
    }
    return out;
  }

  private void publish(Member m, Series s, Changes changes) {
    List<Entry> entries = changes.entries();
    for (int i = 0; i < entries.size(); i++) { // indexed: no iterator per write
      m.add(entries.get(i));
    }
    for (Hold h : changes.holds()) {
      if (h.state() == Hold.State.RESERVED) {
        openHolds.add(h);
      } else {
        for (Hold earlier : m.holdsById.getOrDefault(h.holdId(), List.of())) {
          if (earlier.state() == Hold.State.RESERVED) {
            openHolds.remove(earlier);
          }
        }
      }
      if (m.holds.isEmpty()) {
        m.holds = new ArrayList<>();
        m.holdsById = new HashMap<>();
      }
      m.holds.add(h);
      m.holdsById.computeIfAbsent(h.holdId(), id -> new ArrayList<>()).add(h);
      if (s != null && h.series() != null) {
        s.holds.add(h);
      }
    }
    if (changes.state() != null) {
      long delta = changes.state().debt() - m.state.debt();
      if (delta != 0) {
        debt.add(delta);
      }
      m.state = changes.state();
    }
    if (changes.lots().isEmpty()) {
      return;
    }
    List<Lot> lots = changes.lots();
    for (int i = 0; i < lots.size(); i++) {
      Lot lot = lots.get(i);
      Lot old = m.openLot(lot.seq(), lot.expiresAt());
      if (old == null) {
        old = m.openLot(lot.seq()); // a lot whose expiry differs from its entry's (a host's own write)
      }
      if (old != null) {
        m.spendOrder.remove(old);
        open(old.expiryKey(), -old.remaining());
      }
      if (lot.remaining() > 0) {
        m.spendOrder.add(lot);
        open(lot.expiryKey(), lot.remaining());
      }
    }
    // the member moves in the expiry index only when its soonest expiry changed
    Instant dueAt = m.spendOrder.isEmpty() ? null : m.spendOrder.first().expiresAt();
    if (!java.util.Objects.equals(dueAt, m.dueAt)) {
      if (m.dueAt != null) {
        due.get(m.dueAt).remove(m.id);
      }
      if (dueAt != null) {
        due.computeIfAbsent(dueAt, k -> ConcurrentHashMap.newKeySet()).add(m.id);
      }
      m.dueAt = dueAt;
    }
  }

  private void open(Instant expiryKey, long points) {
    if (points != 0) {
      LongAdder sum = openByExpiry.get(expiryKey);
      if (sum == null) {
        sum = openByExpiry.computeIfAbsent(expiryKey, k -> new LongAdder());
      }
      sum.add(points);
    }
  }

  private static List<Entry> keyed(List<Entry> entries, String key) {
    if (key == null) {
      return List.of();
    }
    for (int i = 0; i < entries.size(); i++) { // indexed: no iterator per write
      if (!key.equals(entries.get(i).key())) {
        return entries.stream().filter(x -> key.equals(x.key())).toList();
      }
    }
    return entries; // the common case: every entry is the write's own (an immutable list)
  }

  private Applied replay(Write write) {
    if (write.key() == null) {
      return null;
    }
    Operation op = operations.get(write.key());
    if (op == null) {
      return null;
    }
    if (!op.fingerprint().equals(write.fingerprint())) {
      throw new IdempotencyConflictException(write.key());
    }
    Member m = op.member();
    if (m.lock.isHeldByCurrentThread()) {
      return new Applied(m.id, keyedEntries(m, op, write.key()), op.holds(), true);
    }
    // the same request under another member's id (a host's own write): read that member's ledger
    // under its lock, with a time-out, as this thread holds other locks
    try {
      if (!m.lock.tryLock(10, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("key '" + write.key() + "' is being written for member " + m.id + "; retry the write");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the operation under key '" + write.key() + "'", e);
    }
    try {
      return new Applied(m.id, keyedEntries(m, op, write.key()), op.holds(), true);
    } finally {
      m.lock.unlock();
    }
  }

  /** The entries an operation wrote under its key (an expiry it wrote first has none). */
  private static List<Entry> keyedEntries(Member m, Operation op, String key) {
    List<Entry> out = new ArrayList<>();
    for (int seq = op.from(), to = Math.min(op.to(), m.size); seq <= to; seq++) {
      if (key.equals(m.key(seq))) {
        out.add(m.entry(seq));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public Optional<String> recordedFingerprint(String key) {
    Operation op = operations.get(key);
    return op == null ? Optional.empty() : Optional.of(op.fingerprint());
  }

  @Override
  public Set<String> operationKeys(CustomerId member) {
    Set<String> keys = new HashSet<>();
    operations.forEach((key, op) -> {
      if (op.member().id.equals(member)) {
        keys.add(key);
      }
    });
    return keys;
  }

  @Override
  public List<Hold> holds(CustomerId member) {
    return read(member, m -> List.copyOf(m.holds), List.of());
  }

  @Override
  public Optional<String> codeSeries(String code) {
    return Optional.ofNullable(codes.get(code));
  }

  @Override
  public int addCodes(String seriesId, List<String> newCodes, Instant at) {
    synchronized (codes) {
      for (String code : newCodes) {
        String owner = codes.get(code);
        if (owner != null && !owner.equals(seriesId)) {
          throw new AlreadyRecordedException(
              "voucher code '" + code + "' already belongs to series '" + owner + "'");
        }
      }
      int added = 0;
      for (String code : newCodes) {
        if (codes.putIfAbsent(code, seriesId) == null) {
          added++;
        }
      }
      return added;
    }
  }

  @Override
  public int codeCount(String seriesId) {
    return (int) codes.values().stream().filter(seriesId::equals).count();
  }
}
