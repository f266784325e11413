package dev.crmkit.loyalty;

import dev.crmkit.core.CustomerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
   * its pooling; {@link #close()} does not close it.
   */
  public static LedgerStore jdbc(DataSource dataSource) {
    return new JdbcLedgerStore(dataSource, null);
  }

  /**
   * A store in an embedded H2 file database at {@code file} (H2 adds {@code .mv.db}), with a
   * small connection pool that {@link #close()} releases.
   */
  public static LedgerStore h2(Path file) {
    return JdbcLedgerStore.openH2(file);
  }

  /** Every entry of a member's ledger, in order ({@code seq} 1, 2, ...); empty if unknown. */
  public abstract List<Entry> entries(CustomerId member);

  /** Every member with at least one operation, in id order. */
  public abstract List<CustomerId> members();

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
