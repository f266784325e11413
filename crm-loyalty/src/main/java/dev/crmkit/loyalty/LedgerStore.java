package dev.crmkit.loyalty;

import dev.crmkit.core.base.CustomerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Where ledgers live: an append-only store of entries, idempotency keys and voucher
 * reservations, plus each member's current state (the member row and the open lots) kept in the
 * same transaction as the entries. Every write runs as one atomic operation under a lock on its
 * member (and on its voucher series, if any), so concurrent writes never spend the same points
 * twice; a write reads the member row and the lots it consumes, never the whole history. The
 * three adapters below are thread-safe, and a host's adapter must be.
 *
 * <p>Three adapters: {@link #inMemory()}, {@link #jdbc(DataSource)} (H2 or PostgreSQL; it
 * creates and migrates its own tables with Flyway) and {@link #h2(Path)}, the default embedded
 * file database. A host can write its own adapter: extend this class, implement the abstract
 * methods as documented, and run the contract suite crm-testkit publishes against it ({@code
 * dev.crmkit.testkit.loyalty.LedgerStoreContract}; docs/loyalty.md, "Writing a store").
 *
 * <pre>{@code
 * try (LedgerStore store = LedgerStore.h2(Path.of("data/loyalty"))) {
 *   Loyalty loyalty = Loyalty.of(program, store, Clock.systemUTC());
 * }
 * }</pre>
 */
public abstract class LedgerStore implements AutoCloseable {

  /** Called between the writes of one operation; tests use it to simulate a crash. */
  interface FailPoint {
    void reached(String where);
  }

  volatile FailPoint failPoint = where -> {};

  /** For adapters. */
  protected LedgerStore() {}

  /** Reports a step inside a write ({@code "entry"}, {@code "hold"}); adapters call it before each insert. */
  protected final void reached(String where) {
    failPoint.reached(where);
  }

  /** A store in this JVM's memory (lost when the process ends). */
  public static LedgerStore inMemory() {
    return new InMemoryLedgerStore();
  }

  /**
   * A store in the database behind {@code dataSource} (H2 2.x or PostgreSQL 12+), creating or
   * migrating its tables ({@code loyalty_*}) with Flyway (history in {@code
   * loyalty_schema_history}; safe when several stores start at once). The caller owns the data
   * source and its pooling; {@link #close()} does not close it. On an H2 file database the store
   * sets {@code WRITE_DELAY 0} (or, without the rights to, refuses to open): H2's default delay
   * loses acknowledged writes when the process is killed. Give the URL {@code ;WRITE_DELAY=0}
   * yourself.
   */
  public static LedgerStore jdbc(DataSource dataSource) {
    return new JdbcLedgerStore(dataSource, null);
  }

  /**
   * A store in an embedded H2 file database at {@code file} (H2 adds {@code .mv.db}), with a
   * small connection pool that {@link #close()} releases. Opened with {@code WRITE_DELAY=0}, so a
   * write is on disk when its receipt returns. Needs {@code com.h2database:h2} on the class path
   * (an optional dependency of crm-loyalty).
   */
  public static LedgerStore h2(Path file) {
    try {
      return H2Stores.open(file);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(
          "LedgerStore.h2 needs the H2 driver: add the dependency com.h2database:h2 (crm-loyalty declares it optional)", e);
    }
  }

  /** Every entry of a member's ledger, in order ({@code seq} 1, 2, ...); empty if unknown. */
  public abstract List<Entry> entries(CustomerId member);

  /** Every member with at least one operation, in id order. */
  public abstract List<CustomerId> members();

  /** A problem {@link #audit()} found in one member's ledger. */
  public record Damage(CustomerId member, long seq, String problem) {
    @Override
    public String toString() {
      return "member " + member + ", seq " + seq + ": " + problem;
    }
  }

  /**
   * Checks every member's ledger: entries numbered 1, 2, ... without a gap, every draw on an
   * earlier lot of the member, no lot overspent, and every keyed entry written by an operation
   * recorded for the member. A write is one transaction, so a healthy store reports nothing; a
   * report means the database lost part of a transaction (see {@link #repair}).
   */
  public List<Damage> audit() {
    List<Damage> out = new ArrayList<>();
    for (CustomerId member : members()) {
      audit(member).ifPresent(out::add);
    }
    return out;
  }

  /** The first damage in a member's ledger, if any. */
  public Optional<Damage> audit(CustomerId member) {
    List<Entry> entries = entries(member);
    Set<String> keys = operationKeys(member);
    long expected = 1;
    for (Entry e : entries) {
      if (e.seq() != expected) {
        return Optional.of(new Damage(member, expected, "entry " + expected + " is missing (found " + e.seq() + ")"));
      }
      if (e.key() != null && !keys.contains(e.key())) {
        return Optional.of(new Damage(member, e.seq(), "entry " + e.seq() + " was written under key '" + e.key()
            + "', but no operation with that key was recorded"));
      }
      expected++;
    }
    try {
      LedgerReplay.of(member, entries);
    } catch (IllegalStateException e) {
      return Optional.of(new Damage(member, 0, e.getMessage()));
    }
    return Optional.empty();
  }

  /**
   * Recomputes a member's state (the member row and the open lots) from the ledger, which stays
   * the truth, and reports every difference from what the store keeps (seq 0: the member row;
   * otherwise the lot of that seq), after any damage {@link #audit(CustomerId)} finds. A healthy
   * store reports nothing. Reads the member's whole ledger: an audit, not a hot path.
   */
  public List<Damage> verify(CustomerId member) {
    Optional<Damage> damage = audit(member);
    if (damage.isPresent()) {
      return List.of(damage.get());
    }
    LedgerReplay.Rebuilt expected = LedgerReplay.of(member, entries(member));
    List<Damage> out = new ArrayList<>();
    Current current = current(member);
    MemberState stored = current.state();
    MemberState truth = expected.state();
    compare(out, member, "lastSeq", stored.lastSeq(), truth.lastSeq());
    compare(out, member, "debt", stored.debt(), truth.debt());
    compare(out, member, "total", stored.total(), truth.total());
    compare(out, member, "earned", stored.earned(), truth.earned());
    compare(out, member, "spent", stored.spent(), truth.spent());
    compare(out, member, "expired", stored.expired(), truth.expired());
    compare(out, member, "reversed", stored.reversed(), truth.reversed());
    compare(out, member, "purchases", stored.purchases(), truth.purchases());
    Map<Long, Lot> storedLots = new TreeMap<>();
    for (Lot lot : current.openLots()) {
      storedLots.put(lot.seq(), lot);
    }
    Map<Long, Lot> truthLots = new TreeMap<>();
    for (Lot lot : expected.open()) {
      truthLots.put(lot.seq(), lot);
    }
    Set<Long> seqs = new TreeSet<>(storedLots.keySet());
    seqs.addAll(truthLots.keySet());
    for (Long seq : seqs) {
      Lot have = storedLots.get(seq);
      Lot want = truthLots.get(seq);
      if (!java.util.Objects.equals(have, want)) {
        out.add(new Damage(member, seq, "open lot " + seq + " is " + (have == null ? "missing" : have)
            + " in the store, the ledger gives " + (want == null ? "none (spent out)" : want)));
      }
    }
    return out;
  }

  private static void compare(List<Damage> out, CustomerId member, String field, long stored, long truth) {
    if (stored != truth) {
      out.add(new Damage(member, 0, "member row: " + field + " is " + stored + ", the ledger gives " + truth));
    }
  }

  /** {@link #verify(CustomerId)} for every member. */
  public List<Damage> verifyAll() {
    List<Damage> out = new ArrayList<>();
    for (CustomerId member : members()) {
      out.addAll(verify(member));
    }
    return out;
  }

  /**
   * Repairs a member whose ledger a crash damaged (as {@link #audit(CustomerId)} reports it):
   * removes the operations that were cut off, that is every entry from the first damaged one on,
   * with the operations (keys and holds) those entries belong to, and rebuilds the member's state
   * from what is left, so that the member can be read and written again. The removed operations
   * were never complete, so no receipt stands for them as written; retry them with their keys (a
   * rerun of {@code crm loyalty replay} does it). Returns the keys removed; an undamaged member is
   * left alone (empty list). This is the one operation that deletes rows, for an operator to run
   * after a crash; in-memory stores cannot be damaged.
   */
  public List<String> repair(CustomerId member) {
    return List.of();
  }

  /**
   * The lifetime sums of every member row ({@link MemberState}): what the program issued ({@code
   * earned}), what members spent, what expired and what returns took back.
   */
  public record Totals(long earned, long spent, long expired, long reversed) {}

  /**
   * {@link Totals} over all members. This default adds up {@link #current(CustomerId)} of every
   * member (one member at a time); the JDBC adapter answers with one aggregate over the member rows.
   */
  public Totals totals() {
    long earned = 0;
    long spent = 0;
    long expired = 0;
    long reversed = 0;
    for (CustomerId member : members()) {
      MemberState s = current(member).state();
      earned = Math.addExact(earned, s.earned());
      spent = Math.addExact(spent, s.spent());
      expired = Math.addExact(expired, s.expired());
      reversed = Math.addExact(reversed, s.reversed());
    }
    return new Totals(earned, spent, expired, reversed);
  }

  /**
   * A member's ledger over a time window: the sum of the points of the entries before the window
   * ({@code opening}) and the entries inside it, in (time, seq) order, read as of one committed
   * state. What {@link Loyalty#statement} reads.
   */
  public record Period(long opening, List<Entry> entries) {
    public Period {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The entries of {@code member} whose time is in {@code [from, until)} and the points before
   * {@code from} (see {@link Period}), consistently. This default reads the whole ledger through
   * {@link #entries(CustomerId)}; the JDBC adapter reads only the entries from {@code from} on,
   * through an index on the member and the time.
   */
  public Period period(CustomerId member, Instant from, Instant until) {
    long opening = 0;
    List<Entry> inside = new ArrayList<>();
    for (Entry e : entries(member)) {
      if (e.at().isBefore(from)) {
        opening = Math.addExact(opening, e.points());
      } else if (e.at().isBefore(until)) {
        inside.add(e);
      }
    }
    inside.sort(java.util.Comparator.comparing(Entry::at).thenComparingLong(Entry::seq));
    return new Period(opening, inside);
  }

  // --- replay progress: what a bulk replay keeps in a store that survives its process ----------

  /**
   * How far a bulk replay ({@link LoyaltyReplay}) of one file got in this store: the last line
   * whose effects are committed, a digest of the file's lines up to it (SHA-256, hex), how many
   * events up to it were applied or found already written ({@code done}), how many were after
   * the as-of date, and the time of the last event read (null before the first).
   */
  public record ReplayProgress(String replay, long line, String digest, long done, long afterAsOf, Instant lastTime) {}

  /** A batch's outcome: the progress after it and the lines it skipped (to keep with the progress). */
  public record ReplayCheckpoint(ReplayProgress progress, List<LoyaltyReplay.SkippedRow> skipped) {
    public ReplayCheckpoint {
      skipped = List.copyOf(skipped);
    }
  }

  /** Whether this store keeps replay progress (a replay into it resumes after a crash). Default: no. */
  public boolean keepsReplayProgress() {
    return false;
  }

  /** The progress recorded under a replay id, if any. Default: none. */
  public Optional<ReplayProgress> replayProgress(String replay) {
    return Optional.empty();
  }

  /** The lines recorded as skipped under a replay id, in line order. Default: none. */
  public List<LoyaltyReplay.SkippedRow> replaySkipped(String replay) {
    return List.of();
  }

  /** Forgets the progress and skipped lines of a replay id (a replay that starts over). Default: nothing kept. */
  public void forgetReplay(String replay) {}

  /**
   * Runs {@code work} (writes through this store from the calling thread) and records the
   * checkpoint it returns, as one transaction: every write of the batch, the progress and the
   * skipped lines commit together, or none does. A write of the batch that fails is undone alone
   * (the batch goes on). Default (stores without transactions across writes): runs {@code work},
   * each write committing on its own, and records nothing.
   */
  public ReplayCheckpoint replayBatch(java.util.function.Supplier<ReplayCheckpoint> work) {
    return work.get();
  }

  /**
   * What the writes of a replay batch will read: the members they write (a referral's two), the
   * references (orders) whose entries each member's writes look up, the ids of the program's rules
   * with a usage limit (whose earns they count) and the keys they write under.
   */
  record BatchHints(Set<CustomerId> members, Map<CustomerId, Set<String>> references, Set<String> limitedRules,
      Set<String> keys) {
    /** Whether {@code member}'s writes look up the entries of {@code reference}. */
    boolean reads(CustomerId member, String reference) {
      Set<String> of = references.get(member);
      return of != null && of.contains(reference);
    }
  }

  /**
   * {@link #replayBatch(java.util.function.Supplier)} told what the batch's writes will read, so
   * that a store may read it up front and write the batch at once. A store that does must decide
   * every write exactly as it would one at a time, and may run {@code work} a second time (after
   * undoing the first run) to write event by event. Default: ignores the hints.
   */
  ReplayCheckpoint replayBatch(BatchHints hints, java.util.function.Supplier<ReplayCheckpoint> work) {
    return replayBatch(work);
  }

  @Override
  public void close() {}

  // --- the port: what an adapter implements ---------------------------------------------------

  /**
   * What a write may read, inside its transaction and under its member's lock. Implementations
   * read lazily: a write asks only for what it needs (the member row, the lots it draws on, the
   * entries of one order or reservation).
   */
  public interface MemberView {
    /** The member row ({@link MemberState#empty} for a member without entries). */
    MemberState state();

    /** An open lot (remaining points above 0) by the seq of the entry that opened it. */
    Optional<Lot> openLot(long seq);

    /** One entry of the member's ledger. */
    Optional<Entry> entry(long seq);

    /**
     * The open lots in {@link Lot#SPEND_ORDER}, produced lazily: a write stops reading when it has
     * enough points. Valid only during the write.
     */
    Iterator<Lot> openLots();

    /** The open lots whose expiry is at or before {@code t}, through an index on the expiry. */
    List<Lot> lotsExpiringBy(Instant t);

    /** The member's entries with this reference (an order id, a reservation id), in seq order. */
    List<Entry> entriesWithReference(String reference);

    /** The member's entries from {@code seq} on, in seq order. */
    List<Entry> entriesFrom(long seq);

    /** The member's {@link EntryKind#EARN} entries of a rule (their reason) at or after {@code from} (null: ever). */
    List<Entry> earns(String rule, Instant from);

    /** The member's whole ledger: read only for tier programs (see docs/loyalty.md). */
    List<Entry> entries();

    /** The events of one reservation of the member, in time order. */
    List<Hold> holdEvents(String holdId);

    /** Every event of the locked voucher series (empty when the write locks no series). */
    List<Hold> seriesHolds();

    /** The points drawn so far from the locked campaign budget (0 when the write locks none). */
    long budgetUsed();
  }

  /**
   * What a write appends: ledger entries, hold events, the member row after them ({@code state},
   * null when {@code entries} is empty), the lots they opened or changed ({@code remaining}
   * 0: spent out, to be dropped from the open lots) and the points drawn from the locked
   * campaign budget ({@code budgetDrawn}, 0 without one).
   */
  public record Changes(List<Entry> entries, List<Hold> holds, MemberState state, List<Lot> lots, long budgetDrawn) {
    public Changes {
      entries = List.copyOf(entries);
      holds = List.copyOf(holds);
      lots = List.copyOf(lots);
      if (state == null && !entries.isEmpty()) {
        throw new IllegalArgumentException("state: entries change the member row; give it");
      }
      if (budgetDrawn < 0) {
        throw new IllegalArgumentException("budgetDrawn: " + budgetDrawn + " must not be negative");
      }
    }

    /** Changes that draw on no campaign budget. */
    public Changes(List<Entry> entries, List<Hold> holds, MemberState state, List<Lot> lots) {
      this(entries, holds, state, lots, 0);
    }

    /** Changes with no entries (an operation that only records its key or holds). */
    public Changes(List<Entry> entries, List<Hold> holds) {
      this(entries, holds, null, List.of());
    }
  }

  /**
   * One write: under the member's lock (then the series' lock, if {@code series} is set, then the
   * campaign budget's, if {@code budget} is set: a row with the points drawn so far), if
   * {@code key} was used before returns its first result (or throws {@link
   * IdempotencyConflictException} when {@code fingerprint} differs); otherwise asks {@code
   * decide} for the changes and appends them with the key, all or nothing. A null key (expiry
   * runs only) records no key.
   */
  public record Write(
      CustomerId member,
      String series,
      String key,
      String fingerprint,
      Instant at,
      Function<MemberView, Changes> decide,
      String budget) {

    /** A write that locks no campaign budget. */
    public Write(CustomerId member, String series, String key, String fingerprint, Instant at,
        Function<MemberView, Changes> decide) {
      this(member, series, key, fingerprint, at, decide, null);
    }
  }

  /** The result of a write: the entries and holds written under the key, and whether replayed. */
  public record Applied(CustomerId member, List<Entry> entries, List<Hold> holds, boolean replayed) {}

  /** Refuses changes that do not continue the member's ledger (an adapter's last line of defence). */
  protected static void checkChanges(Write write, MemberState before, Changes changes) {
    if (changes.budgetDrawn() > 0 && write.budget() == null) {
      throw new IllegalStateException("write for " + before.member() + ": draws " + changes.budgetDrawn()
          + " points from a campaign budget but locks none");
    }
    checkChanges(before, changes);
  }

  /** Refuses changes that do not continue the member's ledger (an adapter's last line of defence). */
  protected static void checkChanges(MemberState before, Changes changes) {
    long expected = before.lastSeq() + 1;
    for (Entry e : changes.entries()) {
      if (e.seq() != expected++) {
        throw new IllegalStateException("write for " + before.member() + ": entry seq " + e.seq() + " does not follow "
            + (expected - 2));
      }
    }
    if (changes.state() != null && changes.state().lastSeq() != expected - 1) {
      throw new IllegalStateException("write for " + before.member() + ": member row says last seq "
          + changes.state().lastSeq() + ", the entries end at " + (expected - 1));
    }
  }

  /**
   * Runs a write atomically (see {@link Write}): the entries, holds, member row, changed lots and
   * key all persist, or none does; {@link #reached} is called before each entry and hold is written.
   */
  public abstract Applied apply(Write write);

  /**
   * Several writes on different members as one operation (a point transfer): every member is
   * locked first, in member-id order whatever the order of {@code writes}, so two multi-member
   * writes cannot deadlock; then, if every key was used before, returns their first results
   * (a key recorded with another fingerprint, or some keys recorded and others not, is an {@link
   * IdempotencyConflictException}); otherwise calls each {@code decide} in list order (a later
   * one may use what an earlier one decided) and persists all the changes with all the keys, or
   * nothing. Each write needs a key and no series. Returns the results in the order of {@code writes}.
   */
  public abstract List<Applied> applyAll(List<Write> writes);

  /** Refuses a multi-member write the port does not allow (see {@link #applyAll}). */
  protected static void checkApplyAll(List<Write> writes) {
    if (writes.isEmpty()) {
      throw new IllegalArgumentException("writes: at least one");
    }
    Set<CustomerId> seen = new java.util.HashSet<>();
    for (Write w : writes) {
      if (w.key() == null || w.series() != null || w.budget() != null) {
        throw new IllegalArgumentException("writes: each needs a key, and no series or budget (" + w.member() + ")");
      }
      if (!seen.add(w.member())) {
        throw new IllegalArgumentException("writes: member " + w.member() + " appears twice");
      }
    }
  }

  /** A member row and the member's open lots (in {@link Lot#SPEND_ORDER}), as of one moment. */
  public record Current(MemberState state, List<Lot> openLots) {
    public Current {
      openLots = List.copyOf(openLots);
    }
  }

  /**
   * The member row ({@link MemberState#empty} for an unknown member) and its open lots, read
   * consistently: both as of the same committed write.
   */
  public abstract Current current(CustomerId member);

  /** One member's state, open lots and ledger, as {@link #forEachMember} hands them out. */
  record MemberSnapshot(CustomerId member, Current current, List<Entry> entries) {}

  /**
   * Hands every member of {@link #members()}, in that order, with its state, open lots and
   * ledger, one member at a time (a replay's result, streamed to its file). Default: {@link
   * #current} and {@link #entries} member by member; the JDBC store reads all in three queries.
   */
  void forEachMember(java.util.function.Consumer<MemberSnapshot> action) {
    for (CustomerId member : members()) {
      action.accept(new MemberSnapshot(member, current(member), entries(member)));
    }
  }

  /** The members with an open lot whose expiry is at or before {@code t}, by an index (in id order). */
  public abstract List<CustomerId> membersWithLotsExpiringBy(Instant t);

  /** Open points by expiry (the lot's {@link Lot#expiryKey()}), of the lots not expired at {@code now}. */
  public abstract java.util.SortedMap<Instant, Long> openPointsByExpiry(Instant now);

  /** The sum of the members' debts. */
  public abstract long totalDebt();

  /** The points drawn so far from a campaign budget (0 if none was drawn). */
  public abstract long budgetUsed(String budget);

  /**
   * The fingerprint a write records with its key for a request ({@link Loyalty}'s unambiguous
   * text of the operation and its arguments): by default the text's SHA-256 in hex (64
   * characters, what the JDBC adapter keeps); the in-memory store keeps the text itself and
   * compares it exactly, which costs no hash. A key used again with another fingerprint is an
   * {@link IdempotencyConflictException}.
   */
  String fingerprint(String request) {
    return Loyalty.sha256(request);
  }

  /** The fingerprint recorded with a key, if the key was used (see {@link #fingerprint(String)}). */
  public abstract Optional<String> recordedFingerprint(String key);

  /** The idempotency keys of the operations recorded for a member. */
  public abstract Set<String> operationKeys(CustomerId member);

  /** The holds (all events) of a member. */
  public abstract List<Hold> holds(CustomerId member);

  /**
   * The reservations still open (reserved, neither confirmed nor released) that were reserved
   * at or before {@code t}, oldest first: what {@link Loyalty#releaseExpiredHolds()} releases.
   * The adapters here answer from an index of open holds (nothing open that long: nothing
   * read). This default reads every member's holds: an adapter should override it.
   */
  public List<Hold> openHoldsReservedBy(Instant t) {
    List<Hold> out = new ArrayList<>();
    for (CustomerId member : members()) {
      Map<String, Hold> open = new java.util.LinkedHashMap<>();
      for (Hold h : holds(member)) {
        if (h.state() == Hold.State.RESERVED) {
          open.put(h.holdId(), h);
        } else {
          open.remove(h.holdId());
        }
      }
      open.values().stream().filter(h -> !h.at().isAfter(t)).forEach(out::add);
    }
    out.sort(OPEN_HOLD_ORDER);
    return out;
  }

  /** Oldest first, then by member and id. */
  static final java.util.Comparator<Hold> OPEN_HOLD_ORDER = java.util.Comparator.comparing(Hold::at)
      .thenComparing(h -> h.member().value()).thenComparing(Hold::holdId);

  /** The series a voucher code belongs to. */
  public abstract Optional<String> codeSeries(String code);

  /**
   * Adds voucher codes to a series; a code already in the same series is left as it is (so an
   * import can be repeated); a code of another series is an error naming it. Returns how many
   * codes were new.
   */
  public abstract int addCodes(String series, List<String> codes, Instant at);

  /** How many codes a series has. */
  public abstract int codeCount(String series);
}
