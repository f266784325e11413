package dev.crmkit.loyalty;

import dev.crmkit.core.CustomerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Where ledgers live: an append-only store of entries, idempotency keys and voucher
 * reservations. Every write runs as one atomic operation under a lock on its member (and on its
 * voucher series, if any), so concurrent writes never spend the same points twice.
 *
 * <p>Three adapters: {@link #inMemory()}, {@link #jdbc(DataSource)} (H2 or PostgreSQL; it
 * creates and migrates its own tables) and {@link #h2(Path)}, the default embedded file
 * database. Hosts choose an adapter; the operations themselves are internal to the module.
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

  LedgerStore() {}

  /** A store in this JVM's memory (lost when the process ends). */
  public static LedgerStore inMemory() {
    return new InMemoryLedgerStore();
  }

  /**
   * A store in the database behind {@code dataSource} (H2 2.x or PostgreSQL 12+), creating or
   * migrating its tables ({@code loyalty_*}) on first use. The caller owns the data source and
   * its pooling; {@link #close()} does not close it. On an H2 file database the store sets {@code
   * WRITE_DELAY 0} (or, without the rights to, refuses to open): H2's default delay loses
   * acknowledged writes when the process is killed. Give the URL {@code ;WRITE_DELAY=0} yourself.
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
      new MemberLedger(member, entries).balance(Instant.MAX);
    } catch (IllegalStateException e) {
      return Optional.of(new Damage(member, 0, e.getMessage()));
    }
    return Optional.empty();
  }

  /**
   * Repairs a member whose ledger a crash damaged (as {@link #audit(CustomerId)} reports it):
   * removes the operations that were cut off, that is every entry from the first damaged one on,
   * with the operations (keys and holds) those entries belong to, so that the member can be read
   * and written again. The removed operations were never complete, so no receipt stands for them
   * as written; retry them with their keys (a rerun of {@code crm loyalty replay} does it). Returns
   * the keys removed; an undamaged member is left alone (empty list). This is the one operation
   * that deletes rows, for an operator to run after a crash; in-memory stores cannot be damaged.
   */
  public List<String> repair(CustomerId member) {
    return List.of();
  }

  @Override
  public void close() {}

  // --- the internal port used by Loyalty ------------------------------------------------------

  /** What a write may look at: the member's ledger and holds, and the locked series' holds. */
  record View(List<Entry> entries, List<Hold> memberHolds, List<Hold> seriesHolds) {}

  /** What a write appends. */
  record Changes(List<Entry> entries, List<Hold> holds) {
    Changes {
      entries = List.copyOf(entries);
      holds = List.copyOf(holds);
    }
  }

  /**
   * One write: under the member's lock (then the series' lock, if {@code series} is set), if
   * {@code key} was used before returns its first result (or throws {@link
   * IdempotencyConflictException} when {@code fingerprint} differs); otherwise asks {@code
   * decide} for the changes and appends them with the key, all or nothing. A null key (expiry
   * runs only) records no key.
   */
  record Write(
      CustomerId member,
      String series,
      String key,
      String fingerprint,
      Instant at,
      Function<View, Changes> decide) {}

  /** The result of a write: the entries and holds written under the key, and whether replayed. */
  record Applied(CustomerId member, List<Entry> entries, List<Hold> holds, boolean replayed) {}

  abstract Applied apply(Write write);

  /** The fingerprint recorded with a key, if the key was used. */
  abstract Optional<String> recordedFingerprint(String key);

  /** The idempotency keys of the operations recorded for a member. */
  abstract Set<String> operationKeys(CustomerId member);

  /** The holds (all events) of a member. */
  abstract List<Hold> holds(CustomerId member);

  /** The series a voucher code belongs to. */
  abstract Optional<String> codeSeries(String code);

  /**
   * Adds voucher codes to a series; a code already in the same series is left as it is (so an
   * import can be repeated); a code of another series is an error naming it. Returns how many
   * codes were new.
   */
  abstract int addCodes(String series, List<String> codes, Instant at);

  /** How many codes a series has. */
  abstract int codeCount(String series);
}
